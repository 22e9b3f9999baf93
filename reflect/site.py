"""The site as the command sees it: settings and where content lives.

The command works on one project: the nearest folder, from the current one
upwards, that holds a ``pelicanconf.py`` (or the folder ``--project`` names).
Anywhere else it refuses, so it never scans or writes outside a site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

import comments.settings
import feeds.settings
import presentation.settings
import reflections.settings
import sourceguard.settings
from sitekit.settings import apply_defaults

SETTINGS_FILE = "pelicanconf.py"


class ProjectError(Exception):
    """The command cannot work on this site; the message says why."""


class NoProject(ProjectError):
    """No pelicanconf.py where the command was asked to work."""


@dataclass(frozen=True)
class Site:
    settings: dict[str, Any]
    root: Path

    @property
    def content(self) -> Path:
        return Path(self.settings["PATH"])

    @property
    def posts(self) -> Path:
        """Where a new post goes: the first of ARTICLE_PATHS."""
        return self.content / self.settings["ARTICLE_PATHS"][0]

    @property
    def post_folders(self) -> list[Path]:
        return [self.content / folder for folder in self.settings["ARTICLE_PATHS"]]

    @property
    def pages(self) -> Path:
        return self.content / self.settings["PAGE_PATHS"][0]

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

    def with_content(self, content: Path) -> Site:
        return Site({**self.settings, "PATH": str(content.resolve())}, self.root)


def find_project(start: Path, project: Path | None = None) -> Path:
    """The project folder: ``project`` if given, else the nearest folder
    from ``start`` upwards with a pelicanconf.py."""
    if project is not None:
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


def load_site(root: Path) -> Site:
    """Read the project's pelicanconf.py.

    Relative paths in it are taken from the project folder, as Pelican does,
    and the plugins' defaults are applied and checked, as at the start of a
    build.
    """
    path = root / SETTINGS_FILE
    try:
        settings = read_settings(str(path))
    except Exception as error:  # a settings file is Python: it can fail any way
        detail = str(error).splitlines()[0] if str(error) else ""
        raise ProjectError(
            f"{path} cannot be read ({type(error).__name__}: {detail})"
        ) from None
    for plugin in (reflections, comments, feeds, presentation, sourceguard):
        apply_defaults(plugin.settings.SETTINGS, settings)
    return Site(settings, root)
