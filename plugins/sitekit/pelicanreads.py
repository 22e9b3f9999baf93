"""Where Pelican looks for files, what it leaves out and which it opens,
from its public settings: the rule the start-up walk (``sitekit.sourcewalk``)
lists by, so it judges what a build reads and nothing else.

Pelican's rule is in private functions (``Generator.get_files`` and
``Generator._include_path``, Pelican 4.12), so it is written down here,
not imported:

* each ``ARTICLE_PATHS``, ``PAGE_PATHS`` and ``STATIC_PATHS`` entry is
  walked from ``os.path.join(PATH, entry)`` (``PATH`` itself for ``""``),
  links to folders followed;
* a folder is not entered when its name matches an ``IGNORE_FILES``
  pattern (``fnmatch`` on the name alone: Pelican's default ``**/.*``
  asks for a ``/``, so it matches no name and ``.git`` is walked), or when
  the setting's own ``*_EXCLUDES`` names it: an exclude ``e`` leaves out
  the name ``os.path.basename(os.path.join(PATH, e))`` in the folder
  whose walked path is, as a string, ``os.path.dirname`` of it. So an
  exclude never leaves out the folder a walk starts from, nor a file,
  and one folder may be left out under one name and walked under another
  (a link);
* a file is listed unless its name matches an ``IGNORE_FILES`` pattern;
  where posts and pages are looked for, only if its ending (``splitext``)
  is exactly one a reader reads (``sitekit.readerendings``); under
  ``STATIC_PATHS``, whatever its ending. Every file Pelican lists is one
  a build may open (a post to read it and compare it with the cache, a
  static file to check and copy it), so the guards judge each.

What the plugins read themselves (``READ_SOURCES``, ``UNPUBLISHED_SOURCES``)
is walked too, every file opened: they name it, so no ``*_EXCLUDES``
applies, and its own entry is walked whatever its name.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sourcepaths import UNPUBLISHED_SOURCES

#: Setting: what the plugins read themselves, outside Pelican's walk
#: (``sitekit.declaration.gather_declared`` fills it in): the walk starts
#: from each too.
READ_SOURCES = "READ_SOURCES"

#: The settings whose entries Pelican walks, relative to ``PATH``, with
#: the setting naming what each leaves out.
PELICAN_PATH_SETTINGS = {
    "ARTICLE_PATHS": "ARTICLE_EXCLUDES",
    "PAGE_PATHS": "PAGE_EXCLUDES",
    "STATIC_PATHS": "STATIC_EXCLUDES",
}


@dataclass(frozen=True)
class Reading:
    """One of the walks a build makes: Pelican's for one ``*_PATHS``
    setting, or the plugins' over what they read by name."""

    setting: str
    entries: tuple[str, ...]
    #: The ``*_EXCLUDES`` entries that leave folders out of this walk.
    excludes: tuple[str, ...] = ()
    #: Every file listed is opened (``STATIC_PATHS``, the plugins' own);
    #: otherwise only those whose ending a reader reads.
    every_file: bool = False
    #: Posts, pages or comments are looked for here: a folder named as a
    #: post, or an ending spelt otherwise, is a post the writer lost.
    looks_for_posts: bool = False
    #: What a plugin reads by name: its own entry is walked whatever its
    #: name, and it judges the names of its own files.
    by_plugins: bool = False

    def excluded_names(self, content: str) -> dict[str, frozenset[str]]:
        """The folder names left out, by the walked path of the folder
        that holds them, as Pelican matches them (see the module)."""
        by_parent: dict[str, set[str]] = {}
        for exclude in self.excludes:
            # Pelican's own strings (``get_files``), matched as written.
            joined = os.path.join(content, exclude)  # noqa: PTH118
            parent, name = os.path.split(joined)
            by_parent.setdefault(parent, set()).add(name)
        return {parent: frozenset(names) for parent, names in by_parent.items()}


def readings(settings: Mapping[str, Any]) -> tuple[Reading, ...]:
    """Every walk a build makes, from its settings. Settings that name no
    ``ARTICLE_PATHS`` (a bare folder's) look for posts in the whole folder,
    Pelican's default."""
    defaults = {} if "ARTICLE_PATHS" in settings else {"ARTICLE_PATHS": [""]}
    found = [
        Reading(
            setting,
            _entries(settings.get(setting) or defaults.get(setting)),
            _entries(settings.get(excludes)),
            every_file=setting == "STATIC_PATHS",
            looks_for_posts=setting != "STATIC_PATHS",
        )
        for setting, excludes in PELICAN_PATH_SETTINGS.items()
    ]
    # What the plugins read by name: the published sources may hold posts.
    found += [
        Reading(
            setting,
            _entries(settings.get(setting)),
            every_file=True,
            looks_for_posts=setting == READ_SOURCES,
            by_plugins=True,
        )
        for setting in (READ_SOURCES, UNPUBLISHED_SOURCES)
    ]
    return tuple(reading for reading in found if reading.entries)


def ignored(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether Pelican skips a file or folder named ``name``
    (``IGNORE_FILES``, matched against the name alone)."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def ignore_patterns(settings: Mapping[str, Any]) -> tuple[str, ...]:
    return _entries(settings.get("IGNORE_FILES"))


def _entries(value: Any) -> tuple[str, ...]:
    return tuple(os.fspath(each) for each in value or ())
