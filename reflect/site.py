"""The site as the command sees it: its settings, its plugins, its folders.

The command works on one project: the nearest folder, from the current one
upwards, that holds a ``pelicanconf.py`` (or the folder ``--project`` names).
Anywhere else it refuses, so it never scans or writes outside a site.

The project's settings are read with Pelican's ``read_settings``; the
plugins its ``PLUGINS`` names are loaded and registered the way Pelican
loads them when a build starts, their order is checked as a build checks
it, and each declared plugin's settings are filled in and prepared
(``sitekit.declaration``). So every command works with the settings, the
readers and the checks a build of the site would have, whatever plugins the
site lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import load_plugins
from pelican.settings import read_settings

from sitekit.declaration import (
    Declaration,
    check_order_of,
    declaration_of,
    gather_declared,
)

SETTINGS_FILE = "pelicanconf.py"
#: The plugin whose posts and lessons the command works on.
REFLECTIONS = "reflections"


class ProjectError(Exception):
    """The command cannot work on this site; the message says why."""


class NoProject(ProjectError):
    """No pelicanconf.py where the command was asked to work."""


class NoFolderFor(ProjectError, ValueError):
    """A command would write a post or page, but the setting that says
    where (``ARTICLE_PATHS = []``) names no folder. A ``ValueError`` too,
    as the commands that write report a bad value in one line."""


@dataclass(frozen=True)
class Site:
    settings: dict[str, Any]
    root: Path
    plugins: tuple[Declaration, ...]  # the declared plugins, in PLUGINS order

    @property
    def content(self) -> Path:
        return Path(self.settings["PATH"])

    @property
    def posts(self) -> Path:
        """Where a new post goes: the first of ARTICLE_PATHS."""
        return self.content / self._first_of("ARTICLE_PATHS", "post")

    @property
    def pages(self) -> Path:
        """Where a new page goes: the first of PAGE_PATHS."""
        return self.content / self._first_of("PAGE_PATHS", "page")

    def _first_of(self, setting: str, kind: str) -> str:
        """The first entry of ``setting``: an empty list (``[]``, or every
        entry refused as leading outside, which sourceguard stops at) was
        an ``IndexError`` with a traceback."""
        named = self.settings.get(setting) or ()
        if not named:
            raise NoFolderFor(
                f"{setting} names no folder, so there is nowhere to write a "
                f"new {kind}; name one in {self.root / SETTINGS_FILE}"
            )
        return named[0]

    @property
    def comments(self) -> Path:
        return self.content / self.settings["COMMENTS_PATH"]

    @property
    def images(self) -> Path:
        return self.content / "images"

    @property
    def vocabulary(self) -> Path | None:
        name = self.settings["REFLECTIONS_VOCABULARY"]
        return self.content / name if name else None

    def plugin(self, name: str) -> Declaration | None:
        return next((plugin for plugin in self.plugins if plugin.name == name), None)

    def with_content(self, content: Path) -> Site:
        return load_site(self.root, content)

    def strict(self) -> Site:
        """The site checked as ``make publish`` checks it: every plugin's
        rules at their publish level."""
        switches = {p.strict_setting: True for p in self.plugins if p.strict_setting}
        return Site({**self.settings, **switches}, self.root, self.plugins)


def find_project(start: Path, project: Path | None = None) -> Path:
    """The project folder: ``project`` if given, else the nearest folder
    from ``start`` upwards with a pelicanconf.py."""
    if project is not None:
        if not project.is_dir():  # said as what it is, as for a file argument
            what = "no such folder" if not project.exists() else "not a folder"
            raise NoProject(
                f"--project {project}: {what}; it names the site's folder, "
                f"the one with its {SETTINGS_FILE}"
            )
        if not (project / SETTINGS_FILE).is_file():
            raise NoProject(f"{project} has no {SETTINGS_FILE}; it is not a site")
        return project.resolve()
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise NoProject(
        f"no {SETTINGS_FILE} in {start} or any folder above it; run reflect "
        "inside a site's folder or pass --project DIR"
    )


def load_site(root: Path, content: Path | None = None) -> Site:
    """Read the project's pelicanconf.py (with ``content`` as its PATH, if
    given) and load its plugins as a build does.

    Relative paths in it are taken from the project folder, as Pelican does.
    A SettingsError (a setting of the wrong type, PLUGINS out of order)
    names the setting.
    """
    path = root / SETTINGS_FILE
    override = {"PATH": str(content.resolve())} if content is not None else None
    try:
        settings = read_settings(str(path), override=override)
    except Exception as error:  # a settings file is Python: it can fail any way
        detail = str(error).splitlines()[0] if str(error) else ""
        raise ProjectError(
            f"{path} cannot be read ({type(error).__name__}: {detail})"
        ) from None
    plugins = _load_plugins(settings, path)
    check_order_of(plugins)
    declared = tuple(
        declared for declared in map(declaration_of, plugins) if declared is not None
    )
    if not any(plugin.name == REFLECTIONS for plugin in declared):
        raise ProjectError(
            f"PLUGINS in {path} does not name {REFLECTIONS!r}: reflect works on "
            "sites built with it"
        )
    # As the build does (sourceguard, the first plugin, at ``initialized``):
    # what the plugins declare is gathered before any plugin prepares, so
    # the start-up guards walk what every plugin reads (``READ_SOURCES``).
    gather_declared(declared, settings)
    for plugin in declared:
        plugin.prepare(settings)
    return Site(settings, root, declared)


def _load_plugins(settings: dict[str, Any], path: Path) -> list[Any]:
    """The site's plugins, loaded and registered as Pelican does at the start
    of a build (its own loader, then each plugin's ``register()``), so that
    the readers they register read the site's files here too."""
    plugins = load_plugins(settings)
    wanted = list(settings.get("PLUGINS") or ())
    if len(plugins) < len(wanted):
        loaded = {plugin.__name__ for plugin in plugins}
        missing = [
            name
            for name in wanted
            if name not in loaded and f"pelican.plugins.{name}" not in loaded
        ]
        raise ProjectError(
            f"PLUGINS in {path} names {', '.join(map(repr, missing))}, which "
            "cannot be loaded (check PLUGIN_PATHS)"
        )
    for plugin in plugins:
        plugin.register()
    return plugins
