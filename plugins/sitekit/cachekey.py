"""Pelican's content caches, keyed on everything their values depend on.

Pelican keeps what it read from each file (and the comments plugin what it
read from each comment) between builds, and trusts an entry while the
file's stamp is unchanged. But what a file reads as depends on more than
the file: the settings (``MARKDOWN``, ``TIMEZONE``...), the code of the
plugins that read it (the callout extension, the comment sanitiser) and
the libraries' versions. So a build's key digests all of those, and a
build whose key differs from the one that wrote the caches reads every
file again (``LOAD_CONTENT_CACHE`` off for that build): a rebuild is
byte-identical to a cold build.

A settings function is described by its code and by the source of every
module of the project it reaches (a helper module the settings file
imports, and what that one imports), not only its own module: a fix in the
helper changes the key. Installed libraries count by their versions.

Pelican trusts a cache entry while the file's stamp is unchanged; its
default stamp is the modification time, which an edit can keep (a copy
with ``cp -p``, a checkout, a tool that restores times). So the content
cache here compares file contents: ``CHECK_MODIFIED_METHOD`` is a hashlib
name (``sha256`` in pelicanconf.py), and a build that names none gets
``sha256``.

A cache folder that is a file stops the build with one line.

The key file also holds each cache file's checksum. A cache file that no
longer matches (truncated, damaged) is discarded with one warning and the
build goes on. The key file is removed when a build starts and written when
it finishes, so a build that fails halfway leaves caches no one trusts.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import logging
import os
import sys
import sysconfig
import types
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .declaration import Declaration, declaration_of
from .diagnostics import SettingsError, SiteError, display_path, log_and_raise
from .settings import apply_defaults, told_at_start

logger = logging.getLogger(__name__)

KEY_FILE = ".cache-key.json"
#: Settings that say where things go or whether caches are used, not what
#: a file reads as.
NOT_IN_KEY = frozenset(
    {"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE", "CACHE_CONTENT", "PATH"}
)
_GUARDED = "SITEKIT_CACHE_KEY"
_INPUTS = "SITEKIT_CACHE_INPUTS"
_RESTORE_LOADING = "SITEKIT_CACHE_RELOAD"


def build_key(settings: Mapping[str, Any], unkeyed: Iterable[Declaration] = ()) -> str:
    """A digest of the settings, the enabled plugins' code and every
    installed library's version; not of the ``unkeyed`` plugins (those
    that choose only which files are written: their settings, their name
    in ``PLUGINS``, their code)."""
    unkeyed = tuple(unkeyed)
    left_out = {setting.name for plugin in unkeyed for setting in plugin.settings}
    left_out |= NOT_IN_KEY | {_GUARDED, _RESTORE_LOADING, _INPUTS}
    if unkeyed and settings.get("PLUGINS"):
        settings = {
            **settings,
            "PLUGINS": [
                name
                for name in settings["PLUGINS"]
                if not any(_names(name, plugin) for plugin in unkeyed)
            ],
        }
    digest = hashlib.sha256()
    for name in sorted(settings):
        if name not in left_out:
            digest.update(f"{name}={describe(settings[name])}\n".encode())
    for path in sorted(settings.get(_INPUTS, ())):
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b"(none)"
        digest.update(f"{path}:".encode() + hashlib.sha256(data).digest())
    for path in plugin_files(settings):
        digest.update(
            f"{path.name}:".encode() + hashlib.sha256(path.read_bytes()).digest()
        )
    digest.update("\n".join(_library_versions()).encode())
    return digest.hexdigest()


def _names(name: Any, plugin: Declaration) -> bool:
    """Whether ``name`` in ``PLUGINS`` is ``plugin`` (Pelican names a
    plugin by its module once it is registered)."""
    return isinstance(name, str) and (
        name == plugin.name or name.endswith(f".{plugin.name}")
    )


def _library_versions() -> list[str]:
    """Every installed distribution as ``name==version``, sorted: the
    ``Name`` and ``Version`` that ``importlib.metadata`` gives (``dist.metadata``),
    read from the metadata file's header (``_header_fields``)."""
    versions = []
    for dist in metadata.distributions():
        fields = _header_fields(dist, ("name", "version"))
        versions.append(f"{fields.get('name')}=={fields.get('version')}")
    return sorted(versions)


def _header_fields(
    dist: metadata.Distribution, names: tuple[str, ...]
) -> dict[str, str]:
    """The first value of each of ``names`` (lower case) among the header
    fields of ``dist``'s metadata file, found as ``dist.metadata`` finds
    them (field names in any case, the header ends at the first empty
    line). Only the header is looked at: ``dist.metadata`` parses the whole
    file with the email parser, long description included, which was most
    of the cost of the key in a sample build (about 30 ms for 60
    libraries)."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line:
            break
        name, colon, value = line.partition(":")
        name = name.lower()
        if colon and name in names and name not in found:
            found[name] = value.lstrip(" \t")
    return found


def add_cache_input(settings: dict[str, Any], path: Path | str) -> None:
    """Key the caches on a file that is not read through them but changes
    what they hold (the lesson vocabulary names the callouts' anchors).
    ``guard_caches`` adds those the plugins declare (``cache_inputs``)."""
    settings.setdefault(_INPUTS, set()).add(str(Path(path).absolute()))


def describe(value: Any, depth: int = 0) -> str:
    """A text that differs whenever ``value`` could read differently.

    Functions are described by their code (with their module's source), so
    an edit to a filter or a processor in the settings counts. What cannot
    be described gets its ``repr``, which for most objects holds an
    address: such a value changes the key every build, so the cache is
    never trusted, never wrongly.
    """
    if depth > 12:
        return "..."
    if isinstance(value, str | int | float | bool | type(None) | bytes):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted(
            (str(key), describe(item, depth + 1)) for key, item in value.items()
        )
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(describe(item, depth + 1) for item in value) + "]"
    if isinstance(value, set | frozenset):
        return (
            "{" + ", ".join(sorted(describe(item, depth + 1) for item in value)) + "}"
        )
    if isinstance(value, types.FunctionType | types.MethodType | type):
        return _describe_code(value)
    return repr(value)


def _describe_code(value: Any) -> str:
    try:
        source = inspect.getsource(value)
    except (OSError, TypeError):
        source = repr(getattr(value, "__code__", value))
    digest = hashlib.sha256(source.encode())
    for path in sorted(project_modules(value)):
        try:
            digest.update(f"{path}:".encode() + Path(path).read_bytes())
        except OSError:
            digest.update(f"{path}:(unreadable)".encode())
    return (
        f"{getattr(value, '__qualname__', type(value).__name__)}@{digest.hexdigest()}"
    )


def project_modules(value: Any) -> set[str]:
    """The source files of the project's own modules that a settings value
    (a function, a class) reaches: its module, every module or function of
    the project that module names, and so on. Libraries (the standard one
    and installed ones) are left out: their versions are in the key."""
    found: set[str] = set()
    namespaces = [_namespace(value)]
    while namespaces:
        namespace = namespaces.pop()
        if namespace is None:
            continue
        path = namespace.get("__file__")
        if not path or path in found or _is_library(path):
            continue
        found.add(path)
        for item in list(namespace.values()):
            if isinstance(item, types.ModuleType | types.FunctionType | type):
                namespaces.append(_namespace(item))
    return found


def _namespace(value: Any) -> dict[str, Any] | None:
    """The globals of the module that defines ``value``."""
    if isinstance(value, types.ModuleType):
        return vars(value)
    if isinstance(value, types.MethodType):
        value = value.__func__
    if isinstance(value, types.FunctionType):
        return value.__globals__
    module = sys.modules.get(getattr(value, "__module__", "") or "")
    return vars(module) if module else None


def _library_folders() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    folders = {paths[name] for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    folders |= {sys.prefix, sys.base_prefix, sys.exec_prefix}
    return tuple(os.path.realpath(folder) + os.sep for folder in folders)


def _is_library(path: str) -> bool:
    return os.path.realpath(path).startswith(_LIBRARY_FOLDERS)


_LIBRARY_FOLDERS = _library_folders()


def plugin_files(settings: Mapping[str, Any]) -> list[Path]:
    """The Python files of the code the settings name by a module's name:
    this package, which every plugin here leans on; each enabled plugin,
    a package or a single module, in ``PLUGIN_PATHS`` or wherever Python
    finds it; and each Markdown extension named by its module in
    ``MARKDOWN`` (``"myext"``, ``"myext:MyExtension"``). Such code is
    found by a name, never reached from a settings value, so
    ``describe`` cannot see it: a fix in it must change the key all the
    same. Libraries count by their versions, as elsewhere."""
    files = set(Path(__file__).parent.rglob("*.py"))
    bases = [Path(base) for base in settings.get("PLUGIN_PATHS") or ()]
    for name in settings.get("PLUGINS") or ():
        if not isinstance(name, str):
            files |= _module_files(name)
            continue
        found = [
            place
            for base in bases
            for place in (base / name.replace(".", "/"), base / f"{name}.py")
            if place.exists()
        ]
        for place in found:
            files |= set(place.rglob("*.py")) if place.is_dir() else {place}
        if not found:
            files |= _named_module_files(name)
    for name in _markdown_extension_names(settings.get("MARKDOWN")):
        files |= _named_module_files(name)
    return sorted(files)


def _markdown_extension_names(markdown: Any) -> list[str]:
    """The extensions ``MARKDOWN`` names by their module (a name, or
    ``module:Class``), as Python-Markdown will import them."""
    if not isinstance(markdown, Mapping):
        return []
    named = [*(markdown.get("extensions") or ())]
    configs = markdown.get("extension_configs")
    if isinstance(configs, Mapping):
        named += list(configs)
    return [name.split(":", 1)[0] for name in named if isinstance(name, str)]


def _named_module_files(name: str) -> set[Path]:
    """The project's source files of the module Python imports as
    ``name``; none when it cannot be imported (whatever imports it later
    says why, in its own words)."""
    module = sys.modules.get(name)
    if module is None:
        try:
            module = importlib.import_module(name)
        except Exception:
            return set()
    return _module_files(module)


def _module_files(module: Any) -> set[Path]:
    """A module's source files, when it is the project's: the module,
    every file of its package, and the project's modules it names."""
    files = {Path(path) for path in project_modules(module)}
    for folder in getattr(module, "__path__", None) or ():
        if not _is_library(folder):
            files |= set(Path(folder).rglob("*.py"))
    return files


def guard_caches(pelican: Any) -> None:
    """At ``initialized``: trust the content caches only if they were
    written under this build's key, and discard damaged cache files."""
    settings = pelican.settings
    if _GUARDED in settings:
        return  # another plugin connected this handler too
    for plugin in pelican.plugins:
        declared = declaration_of(plugin)
        if declared is not None and declared.cache_inputs is not None:
            # Whichever plugin's handler runs first, the inputs are named
            # from the settings as the site has them, defaults included, and
            # checked first: a setting of the wrong type (a number for the
            # vocabulary's file name) is one line at its file and line, not
            # a traceback from the code that names the inputs.
            try:
                apply_defaults(declared.settings, settings)
            except SiteError as error:
                raise told_at_start(error, settings) from None
            for path in declared.cache_inputs(settings):
                add_cache_input(settings, path)
    folder = Path(settings["CACHE_PATH"])
    if folder.exists() and not folder.is_dir():
        raise log_and_raise(
            SettingsError(
                f"the cache folder {display_path(str(folder))} is a file; move it "
                "away (or set CACHE_PATH to a folder) and build again"
            )
        )
    if settings.get("CHECK_MODIFIED_METHOD") not in hashlib.algorithms_available:
        settings["CHECK_MODIFIED_METHOD"] = "sha256"
    unkeyed = [
        declared
        for declared in map(declaration_of, pelican.plugins)
        if declared is not None and not declared.keys_caches
    ]
    key = settings[_GUARDED] = build_key(settings, unkeyed)
    key_file = folder / KEY_FILE
    try:
        recorded = json.loads(key_file.read_text("utf-8"))
    except (OSError, ValueError):
        recorded = {}
    key_file.unlink(missing_ok=True)
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    if recorded.get("key") != key:
        if recorded:
            logger.info(
                "Settings, plugin code or libraries changed: every file is read again"
            )
        settings["LOAD_CONTENT_CACHE"] = False
        settings[_RESTORE_LOADING] = True
        return
    checksums = recorded.get("files") or {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if checksums.get(path.name) != _checksum(path):
            logger.warning(
                "%s: cache file is damaged (it is not as the build that wrote it "
                "left it); it is discarded and its files are read again",
                path,
            )
            path.unlink()


def record_caches(pelican: Any) -> None:
    """At ``finalized``: record the key and the caches this build wrote."""
    settings = pelican.settings
    key = settings.get(_GUARDED)
    folder = Path(settings["CACHE_PATH"])
    if key is None or not settings.get("CACHE_CONTENT") or not folder.is_dir():
        return
    files = {
        path.name: _checksum(path)
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".") and _whole(path)
    }
    partial = folder / f".{KEY_FILE}.partial"
    partial.write_text(json.dumps({"key": key, "files": files}), "utf-8")
    partial.replace(folder / KEY_FILE)
    if settings.pop(_RESTORE_LOADING, False):
        # The caches are now this key's: a rebuild in this process (make
        # serve) may trust them again.
        settings["LOAD_CONTENT_CACHE"] = True


def _whole(path: Path) -> bool:
    """Does the file hold a whole pickle? Pelican opens a cache file before
    pickling into it, so one it failed to pickle is left empty or cut short;
    a whole pickle ends with the STOP opcode. Gzipped caches are checked by
    their checksum alone."""
    with path.open("rb") as handle:
        if handle.read(2) == b"\x1f\x8b":
            return True
        handle.seek(0, 2)
        if handle.tell() == 0:
            return False
        handle.seek(-1, 2)
        return handle.read(1) == b"."


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
