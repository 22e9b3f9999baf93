"""What a page depends on, as a digest: the page cache's keys (pagecache.py).

A page is a function of the build (settings, templates, plugin code,
library versions), of the site (what templates can read of every post,
page and static file through the global context) and of the values the
page is written with (its post, or the posts of a list page or feed).
Each is reduced to bytes here. The rule throughout: a value that cannot be
described exactly gets a description no other build will have, so its
page is rendered, never wrongly reused.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import io
import locale
import os
import pickle
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any

from jinja2 import loaders, nodes
from pelican.contents import Content, Static
from pelican.urlwrappers import URLWrapper

from .errors import Diagnostic
from .model import LessonCallout, LessonMention, LessonUse, PostRecord

#: Attributes of a post that are the whole site's, not the post's: the build
#: and site digests stand for them.
SHARED_ATTRIBUTES = frozenset({"_context", "settings"})
#: Libraries whose version can change a rendered page.
RENDERING_LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "feedgenerator")
#: Settings that say where files go, not what they say.
WHERE_FILES_GO = frozenset({"OUTPUT_PATH", "CACHE_PATH"})
MAX_DEPTH = 24
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def describe(value: Any, depth: int = 0) -> str:
    """A text that changes whenever ``value`` would render differently.

    For settings, which pickle badly: pickle names a function without its
    code, and writes a set in an order that changes from run to run.
    """
    kind = type(value)
    if kind in _LITERALS:
        return repr(value)
    if depth > MAX_DEPTH:
        return _never_again()
    deeper = depth + 1
    if isinstance(value, str | int | float | bytes):  # Markup, enums...
        return f"{kind.__name__}({value!r})"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        tz = getattr(value, "tzinfo", None)
        return f"{kind.__name__}({value.isoformat()}, {tz})"
    if isinstance(value, Content):
        url, title = value.url, getattr(value, "title", "")
        return f"{kind.__name__}({value.source_path!r}, {url!r}, {title!r})"
    if isinstance(value, URLWrapper):
        return f"{kind.__name__}({value.name!r}, {value.slug!r}, {value.url!r})"
    if isinstance(value, dict):
        return _describe_items(value.items(), deeper)
    if isinstance(value, list | tuple):
        inner = ", ".join([describe(item, deeper) for item in value])
        return f"{kind.__name__}[{inner}]"
    if isinstance(value, set | frozenset):
        return (
            "set{" + ", ".join(sorted(describe(item, deeper) for item in value)) + "}"
        )
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [
            (field.name, getattr(value, field.name))
            for field in dataclasses.fields(value)
        ]
        return kind.__qualname__ + _describe_items(fields, deeper)
    if isinstance(value, types.ModuleType):
        return f"module {value.__name__}"
    if isinstance(value, types.FunctionType):
        # Its code, what it closes over and its defaults, and the file it is
        # written in, for the helpers it calls there.
        closure = [cell.cell_contents for cell in value.__closure__ or ()]
        shown = (
            _code(value.__code__),
            closure,
            value.__defaults__,
            value.__kwdefaults__,
        )
        return (
            f"{value.__module__}.{value.__qualname__}{describe(shown, deeper)}"
            f"{_source_digest(value.__code__.co_filename)}"
        )
    if isinstance(value, functools.partial):
        inner = describe((value.func, value.args, value.keywords), deeper)
        return f"partial{inner}"
    if isinstance(value, types.MethodType):
        return f"method{describe((value.__func__, value.__self__), deeper)}"
    if isinstance(value, type | types.BuiltinFunctionType):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, Path):
        return repr(str(value))
    if hasattr(value, "__dict__"):
        return kind.__qualname__ + _describe_items(vars(value).items(), deeper)
    text = repr(value)
    return _never_again() if _ADDRESS.search(text) else text


_LITERALS = frozenset({str, int, float, bool, bytes, type(None)})


def _describe_items(items: Iterable[tuple[Any, Any]], depth: int) -> str:
    described = sorted(
        (repr(key) if type(key) is str else describe(key, depth), describe(item, depth))
        for key, item in items
    )
    return "{" + ", ".join([f"{key}: {item}" for key, item in described]) + "}"


@cache
def _source_digest(filename: str) -> str:
    try:
        return digest(Path(filename).read_bytes())
    except OSError:
        return _never_again()


def _code(code: types.CodeType) -> tuple:
    constants = tuple(
        _code(constant) if isinstance(constant, types.CodeType) else constant
        for constant in code.co_consts
    )
    return (code.co_code, constants, code.co_names)


def _never_again() -> str:
    return f"<undescribed {os.urandom(16).hex()}>"


class _Fingerprinter(pickle.Pickler):
    """Pickles a value, with posts and pages as ``post_reference`` has them."""

    def __init__(
        self,
        buffer: io.BytesIO,
        post_reference: Callable[[Any], Any],
        settings: Mapping[str, Any] | None,
    ):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        # Without the memo: a value shared twice is then written twice, so the
        # bytes depend on the values alone, not on which objects happen to be
        # shared (that differs between a post just read and one from the
        # content cache). A cycle raises, and gets a fingerprint of its own.
        self.fast = True
        self.post_reference = post_reference
        self.settings = settings

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _BY_NAME):  # most calls: pickle names these
            return NotImplemented
        if isinstance(obj, Content):
            return _reference, (self.post_reference(obj),)
        # The index's records of a post and of its lessons are made from the
        # post's card, which the site digest has: naming them is enough.
        if isinstance(obj, PostRecord):
            return _reference, ("PostRecord", obj.key)
        if isinstance(obj, LessonUse):
            return _reference, ("LessonUse", obj.post.key, obj.lesson.slug)
        left_out = SOURCE_POSITIONS.get(type(obj))
        if left_out is not None:
            shown = {
                field.name: getattr(obj, field.name)
                for field in dataclasses.fields(obj)
                if field.name not in left_out
            }
            return _reference, (type(obj).__qualname__, shown)
        if isinstance(obj, URLWrapper):
            return _reference, (type(obj).__name__, obj.name, obj.slug, obj.url)
        if isinstance(obj, set | frozenset):  # sets pickle in hash order
            return _reference, (type(obj).__name__, sorted(map(describe, obj)))
        if isinstance(obj, list | tuple | dict):  # subclasses: their items only
            return _reference, (type(obj).__name__, _plain(obj))
        state = getattr(obj, "__dict__", None)
        if (
            state
            and self.settings is not None
            and state.get("settings") is self.settings
        ):
            # An object holding the settings (Pelican's objects call them
            # that): its other data, and the settings by name, since the
            # build digest has their every value.
            shown = {**state, "settings": "<settings>"}
            return _reference, (type(obj).__qualname__, shown)
        return NotImplemented


_BY_NAME = (type, types.FunctionType, types.BuiltinFunctionType)
#: Fields that only place something in its source file, for messages: no
#: page shows them, and a line added above moves them.
SOURCE_POSITIONS = {
    LessonMention: {"line"},
    LessonCallout: {"line"},
    Diagnostic: {"line"},
}


def _plain(value: list | tuple | dict) -> list | dict:
    return dict(value) if isinstance(value, dict) else list(value)


def _reference(*identity: Any) -> None:
    """Stands for a post or a taxonomy in a fingerprint; never called."""


def post_identity(post: Any) -> tuple[str, str, str, str]:
    """Another post as a page shows it at least: where it is, what it is called."""
    title = getattr(post, "title", "")
    return (type(post).__name__, post.source_path, post.url, title)


def fingerprint(
    value: Any,
    post_reference: Callable[[Any], Any] = post_identity,
    settings: Mapping[str, Any] | None = None,
) -> bytes:
    """Bytes that change whenever ``value`` would render differently.

    Pickling is the fast and exact way to put data, however deep, into
    bytes. What cannot be pickled gets a fingerprint no other build will
    have, so its page is always rendered.
    """
    buffer = io.BytesIO()
    try:
        _Fingerprinter(buffer, post_reference, settings).dump(value)
    except Exception:  # anything unpicklable: render the page
        return _never_again().encode()
    return buffer.getvalue()


def post_data(post: Any) -> dict[str, Any]:
    """Everything a post's own page can show of it, in name order (the
    order attributes were set in can differ from build to build)."""
    return {
        attribute: value
        for attribute, value in sorted(vars(post).items())
        if attribute not in SHARED_ATTRIBUTES
    }


#: A post's body, and what plugins count from it.
BODY_ATTRIBUTES = frozenset(
    {"_content", "content", "get_content", "word_count", "reading_time"}
)
#: The names the post a page is written for has in its template.
OWN_POST = frozenset({"article", "page"})


def post_card(post: Any) -> dict[str, Any]:
    """What a page shows of a post it is not written for: all of it but its
    body, and the summary, which may be made from the body. So editing one
    post's body changes no other post's page, nor a list that shows it by
    its summary. Where a template shows other posts' bodies, cards are whole
    (``templates_show_other_bodies``)."""
    if isinstance(post, Static):
        return {"post": post_identity(post), "save_as": post.save_as}
    card = {
        attribute: value
        for attribute, value in post_data(post).items()
        if attribute not in BODY_ATTRIBUTES
    }
    card["summary"] = post.summary
    return card


def templates_show_other_bodies(env: Any, own_templates: set[str]) -> bool:
    """Whether any template can show a body, or a count made from one, of a
    post other than the one its page is written for.

    Jinja's own parser reads every template. ``article.content`` and the
    like count as the page's own post only in the templates posts and pages
    are written with (``own_templates``), and only where the template does
    not bind ``article`` or ``page`` itself; a body attribute anywhere else,
    named as a string (``map(attribute="content")``), or looked up with a
    key that is not a constant makes every card whole.
    """
    own = own_templates | {
        f"{prefix}/{name}" for prefix in ("!simple", "!theme") for name in own_templates
    }
    for name in env.list_templates():
        try:
            source = env.loader.get_source(env, name)[0]
            tree = env.parse(source)
        except Exception:  # a template Jinja cannot read: assume the worst
            return True
        if _shows_other_bodies(tree, own_post_allowed=name in own):
            return True
    return False


def _shows_other_bodies(tree: Any, *, own_post_allowed: bool) -> bool:
    rebound = {
        node.name
        for node in tree.find_all(nodes.Name)
        if node.ctx in {"store", "param"}
    }
    for node in tree.find_all((nodes.Const, nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Const):
            if node.value in BODY_ATTRIBUTES:
                return True
        elif isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            return True
        elif isinstance(node, nodes.Getattr) and node.attr in BODY_ATTRIBUTES:
            target = node.node
            own = (
                own_post_allowed
                and isinstance(target, nodes.Name)
                and target.name in OWN_POST
                and target.name not in rebound
            )
            if not own:
                return True
    return False


class Fingerprints:
    """Digests of one build's posts and context values, each worked out once
    however many files show it.

    Memos are by identity, and hold on to what they describe, so that an
    identity is never reused by another object during the build.
    """

    def __init__(
        self, settings: Mapping[str, Any] | None = None, *, whole_cards: bool = True
    ) -> None:
        self.settings = settings
        self.whole_cards = whole_cards
        self._full: dict[int, tuple[Any, bytes]] = {}
        self._cards: dict[int, tuple[Any, bytes]] = {}
        self._context: dict[tuple[str, int], tuple[Any, bytes]] = {}
        self._lists: dict[tuple[int, str], tuple[Any, bytes, int]] = {}

    def full(self, post: Any) -> bytes:
        """For the post a page is written for: all of its data, as its card
        and its body (so that a post is pickled once, not twice)."""
        found = self._full.get(id(post))
        if found is None or found[0] is not post:
            body = {
                # In name order: a set's order changes from process to process.
                name: vars(post)[name]
                for name in sorted(BODY_ATTRIBUTES & vars(post).keys())
            }
            printed = self._card(post) + fingerprint(body, post_identity, self.settings)
            found = self._full[id(post)] = (post, _raw_digest(printed))
        return found[1]

    def card(self, post: Any) -> bytes:
        """For any other post (see ``post_card``)."""
        return self.full(post) if self.whole_cards else self._card(post)

    def _card(self, post: Any) -> bytes:
        return self._memo(self._cards, id(post), post, post_card)

    def of_call(self, values: Mapping[str, Any], *, posts_in_full: bool) -> bytes:
        """A write call's values: the post a page is written for in full,
        the posts a list shows by their cards, or in full when the file
        shows them whole (a feed).

        A list of posts is its posts' digests side by side, which is much
        cheaper than pickling the list.
        """
        listed = self.full if posts_in_full else self.card
        parts = []
        for name in sorted(values):
            value = values[name]
            if isinstance(value, Content):
                printed = self.full(value)
            elif isinstance(value, list | tuple) and value:
                printed = self._posts(value, listed)
            else:
                printed = fingerprint(value, listed, self.settings)
            parts += [name.encode(), printed]
        return b"\0".join(parts)

    def _posts(self, value: list | tuple, listed: Callable[[Any], bytes]) -> bytes:
        """A list of posts as its posts' digests side by side, worked out once
        per list: Pelican hands the same list of every post to many pages.
        (No list is changed while pages are written.)"""
        key = (id(value), listed.__name__)
        found = self._lists.get(key)
        if found is None or found[0] is not value or found[2] != len(value):
            if all(isinstance(item, Content) for item in value):
                printed = b"posts" + b"".join([listed(post) for post in value])
            else:
                printed = fingerprint(value, listed, self.settings)
            found = self._lists[key] = (value, printed, len(value))
        return found[1]

    def of_context(self, context: Mapping[str, Any]) -> bytes:
        """The global context, settings aside (build_digest has them), with
        each post by its card."""
        parts = []
        for name in sorted(context):
            if name.isupper() or name in PER_PAGE_CONTEXT:
                continue
            value = context[name]
            key = (name, id(value))
            parts.append(
                name.encode()
                + self._memo(self._context, key, value, _stable, self.card)
            )
        return b"".join(parts)

    def _memo(
        self,
        memo: dict,
        key: Any,
        value: Any,
        data: Callable[[Any], Any],
        reference: Callable[[Any], Any] = post_identity,
    ) -> bytes:
        found = memo.get(key)
        if found is None or found[0] is not value:
            printed = fingerprint(data(value), reference, self.settings)
            found = memo[key] = (value, _raw_digest(printed))
        return found[1]


#: Context entries Pelican sets for the page being written: the page's name
#: and the settings already decide them.
PER_PAGE_CONTEXT = frozenset({"localsiteurl", "output_file"})


def _stable(value: Any) -> Any:
    """A context entry in an order that does not depend on the order Pelican
    read the files in: a mapping by its sorted keys."""
    if isinstance(value, Mapping):
        return sorted(value.items(), key=lambda item: describe(item[0]))
    if isinstance(value, set | frozenset):  # pickled in an order of its own
        return sorted(value, key=describe)
    return value


def _raw_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def template_folders(loader: loaders.BaseLoader | None) -> Iterator[Path]:
    """Every folder a Jinja loader can load a template from."""
    if isinstance(loader, loaders.FileSystemLoader):
        yield from (Path(folder) for folder in loader.searchpath)
    elif isinstance(loader, loaders.ChoiceLoader):
        for inner in loader.loaders:
            yield from template_folders(inner)
    elif isinstance(loader, loaders.PrefixLoader):
        for inner in loader.mapping.values():
            yield from template_folders(inner)
    elif loader is not None:
        # A loader this module cannot read through: trust no kept page.
        yield Path(_never_again())


def folder_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    if not folder.is_dir():
        yield str(folder), b"missing"
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield str(path), path.read_bytes()


def plugin_files(settings: Mapping[str, Any]) -> Iterator[tuple[str, bytes]]:
    """The files of every enabled plugin: a plugin's code can change a page."""
    for plugin in settings.get("PLUGINS") or ():
        module = plugin if isinstance(plugin, types.ModuleType) else None
        if module is None:
            module = sys.modules.get(str(plugin))
        path = getattr(module, "__file__", None)
        if path is None:
            yield str(plugin), _never_again().encode()
        elif Path(path).name == "__init__.py":
            yield from folder_files(Path(path).parent)
        else:
            yield path, Path(path).read_bytes()


_PLUGINS_AS_IMPORTED: dict[tuple[str, ...], str] = {}


def plugins_as_imported(settings: Mapping[str, Any]) -> str:
    """The plugins' files when this process first built with them: the code
    it runs. ``make serve`` builds again and again in one process, which
    keeps the code it imported; a file edited since counts after a restart.
    """
    names = tuple(str(plugin) for plugin in settings.get("PLUGINS") or ())
    if names not in _PLUGINS_AS_IMPORTED:
        files = plugin_files(settings)
        _PLUGINS_AS_IMPORTED[names] = digest(*(part for pair in files for part in pair))
    return _PLUGINS_AS_IMPORTED[names]


def build_digest(settings: Mapping[str, Any], template_loaders: list[Any]) -> str:
    """The build's settings, templates, plugin code and library versions."""
    shown = {key: value for key, value in settings.items() if key not in WHERE_FILES_GO}
    parts: list[str | bytes] = [describe(shown)]
    for library in RENDERING_LIBRARIES:
        parts.append(f"{library} {package_metadata.version(library)}")
    parts += [sys.version, str(locale.setlocale(locale.LC_TIME))]
    folders = {
        folder for loader in template_loaders for folder in template_folders(loader)
    }
    for folder in sorted(folders):
        for name, data in folder_files(folder):
            parts += [name, data]
    parts.append(plugins_as_imported(settings))
    return digest(*parts)
