"""The site as the command sees it: settings and where content lives."""

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


@dataclass(frozen=True)
class Site:
    settings: dict[str, Any]

    @property
    def content(self) -> Path:
        return Path(self.settings["PATH"])

    @property
    def posts(self) -> Path:
        return self.content / self.settings["ARTICLE_PATHS"][0]

    @property
    def pages(self) -> Path:
        return self.content / self.settings["PAGE_PATHS"][0]

    @property
    def comments(self) -> Path:
        return self.content / self.settings["COMMENTS_PATH"]

    @property
    def vocabulary(self) -> Path | None:
        name = self.settings["REFLECTIONS_VOCABULARY"]
        return self.content / name if name else None

    def with_content(self, content: Path) -> Site:
        return Site({**self.settings, "PATH": str(content.resolve())})


def load_site(settings_file: Path | None = None) -> Site:
    """Read pelicanconf.py (or Pelican's defaults when there is none).

    The plugins' defaults are applied and checked, as at the start of a build.
    """
    path = settings_file or Path(SETTINGS_FILE)
    settings = read_settings(str(path) if path.exists() else None)
    if not path.exists():
        settings["PATH"] = str(Path.cwd())
    for plugin in (reflections, comments, feeds, presentation, sourceguard):
        apply_defaults(plugin.settings.SETTINGS, settings)
    return Site(settings)
