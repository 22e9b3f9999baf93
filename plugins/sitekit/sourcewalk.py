"""One listing of the files a build may open, made the way Pelican lists them.

Every start-up guard judges this one listing (``sitekit.walkfindings``):
the named pipes and devices that would hold the build
(``refuse_special_files``), the folders named as content files
(``folders_named_as_files``) and the symbolic links the link rule refuses
(``refused_links``). Each once listed the content folder its own way,
and Pelican lists it another (``Generator.get_files``, 4.12): it follows
symbolic links to folders, walks a ``*_PATHS`` entry wherever it
leads (``STATIC_PATHS = ["../shared"]``) and skips only the names
``IGNORE_FILES`` matches, hidden ones included. So a pipe behind a linked
folder held the build for ever, and an editor's lock link
(``.#draft.md``, which Pelican ignores) stopped a published build.

The listing is a superset of what Pelican reads: the whole content folder
(plugins read ``comments/``, ``lessons.yml`` and ``reviews.yml`` outside
every ``*_PATHS``), what the plugins declare they read wherever it lies
(``READ_SOURCES``), each ``*_PATHS`` entry outside it, and every folder a
permitted link leads to, each real folder once (a loop of links is walked
once, never again and again: which real folders each holds is kept, so
what Pelican walks from ``STATIC_PATHS`` is known whatever name the walk
listed it by), and the theme's static files, which Pelican
copies whole (``sitekit.themestatic``). A folder behind a refused link is
not entered: ``sourceguard`` adds it to Pelican's ``*_EXCLUDES``. Nor is a
``*_PATHS`` entry the rule refuses (``STATIC_PATHS = ["../shared"]``, or
``["shared"]`` with ``shared`` a link to outside): Pelican's ``*_EXCLUDES``
never match the folder its walk starts from, so ``sourceguard`` drops the
entry from the setting (``SourceWalk.refused_entries``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .linkedfolders import refused_folder
from .readerendings import read_by_a_reader, reader_endings
from .sourcepaths import (
    UNPUBLISHED_SOURCES,
    LinkRule,
    RefusedLink,
    is_refused,
)
from .themestatic import theme_static_files, theme_static_roots

#: The settings whose entries Pelican walks, relative to ``PATH``.
WALKED_PATH_SETTINGS = ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS")

#: Setting: what the plugins read themselves, outside Pelican's walk
#: (``sitekit.declaration.gather_declared`` fills it in): the walk starts
#: from each too.
READ_SOURCES = "READ_SOURCES"

#: Setting: the walk ``reflect`` made as it prepared the settings, which its
#: content stage judges too (one walk a command, as one a build).
SOURCE_WALK = "SITEKIT_SOURCE_WALK"


@dataclass(frozen=True)
class SourceWalk:
    """What one walk found: every file a build may open (by the path it is
    reached through), every folder entered below a starting folder, and the
    links the rule refuses."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]
    refused: tuple[RefusedLink, ...]
    #: The folders and files every file of which is opened, whatever its
    #: ending (``STATIC_PATHS``, ``READ_SOURCES``): elsewhere Pelican opens
    #: only the files a reader reads (``reader_endings``).
    read_whole: tuple[Path, ...] = ()
    #: Where posts, pages and comments are looked for (``ARTICLE_PATHS``,
    #: ``PAGE_PATHS``, the content folder when neither is named;
    #: ``READ_SOURCES``: the comments folder).
    read_as_posts: tuple[Path, ...] = ()
    #: What the plugins read themselves (``READ_SOURCES``): they judge the
    #: names of their own files (the comments plugin, ``x.MD``).
    read_by_plugins: tuple[Path, ...] = ()
    #: The ``*_PATHS`` entries the rule refuses, as ``(setting, entry)``:
    #: not walked, and dropped from the setting Pelican reads.
    refused_entries: tuple[tuple[str, str], ...] = ()
    #: The theme's static folders and files (``THEME_STATIC_PATHS``).
    theme: tuple[Path, ...] = ()
    #: The endings the build's readers read, exactly as written (``md``,
    #: never ``MD``): ``sitekit.readerendings``.
    reader_endings: frozenset[str] = frozenset()
    #: The real folders Pelican walks from ``read_whole``, links followed,
    #: listed by the walk under whatever name it met first.
    read_whole_folders: frozenset[str] = frozenset()

    def opens(self, path: Path) -> bool:
        """Whether a build opens ``path``, a listed file: one a reader reads
        by its ending anywhere (a folder a link leads to may be walked by
        Pelican under another name, where posts are looked for), any ending
        under ``read_whole``."""
        if read_by_a_reader(path.name, self.reader_endings):
            return True
        if os.path.realpath(path.parent) in self.read_whole_folders:
            return True
        return lies_under(path, self.read_whole)

    def reads_posts_in(self, folder: Path) -> bool:
        """Whether posts, pages or comments are looked for in ``folder``."""
        return lies_under(folder, self.read_as_posts)


def lies_under(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether ``path`` lies under one of ``roots``, by the path it is
    reached through or by its real one (``a-pics -> images`` is listed
    before ``images`` itself)."""
    reached = (os.path.normpath(path), os.path.realpath(path))
    return any(Path(each).is_relative_to(root) for each in reached for root in roots)


def walk_sources(
    folder_or_settings: str | Path | Mapping[str, Any], rule: LinkRule | None = None
) -> SourceWalk:
    """The one walk (see the module's docstring). Given a bare folder, it
    is the content folder, no name is ignored and no ``*_PATHS`` is named."""
    settings = _as_settings(folder_or_settings)
    rule = rule or LinkRule.from_settings(settings)
    ignores = tuple(settings.get("IGNORE_FILES") or ())

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    files: list[Path] = []
    folders: list[Path] = []
    refused: list[RefusedLink] = []
    seen: set[str] = set()
    reached: dict[str, frozenset[str]] = {}
    holds: dict[str, set[str]] = {}  # a real folder: the real folders it holds
    refused_entries: list[tuple[str, str]] = []
    for root, named_in, entry in _starting_points(settings, rule):
        there = root.is_symlink() or root.exists()
        if entry and there and not rule.permits(os.path.realpath(root)):
            # Never read, as a folder behind a refused link is not. What a
            # plugin reads by name (``READ_SOURCES``) it reads wherever it
            # lies, so it is walked.
            if named_in:
                refused.append(RefusedLink(root, named_in, "named", root.is_dir()))
            refused_entries.append(entry)
            continue
        if not root.is_dir():
            if root.is_symlink() or root.exists():
                files.append(root)  # a *_PATHS entry naming one file
            continue
        real_root = os.path.realpath(root)
        if real_root in seen:
            continue
        seen.add(real_root)
        for parent, subfolders, names in os.walk(root, followlinks=True):
            entered = []
            for name in sorted(subfolders):
                path = Path(parent, name)
                if ignored(name):
                    continue
                link = refused_folder(path, parent, rule, reached)
                if link:
                    refused.append(link)
                    continue
                real = os.path.realpath(path)
                holds.setdefault(os.path.realpath(parent), set()).add(real)
                if real in seen:
                    continue  # a folder linked twice: walked once
                seen.add(real)
                entered.append(name)
                folders.append(path)
            subfolders[:] = entered
            for name in sorted(names):
                path = Path(parent, name)
                if ignored(name):
                    continue
                files.append(path)
                if path.is_symlink() and is_refused(path, rule):
                    reason = "outside" if path.exists() else "dangling"
                    refused.append(
                        RefusedLink(path, str(path.readlink()), reason, False)
                    )
    theme = theme_static_roots(settings)
    files += [Path(path) for path in theme_static_files(settings)]
    read_whole = (
        *_named_by(settings, rule, ("STATIC_PATHS", READ_SOURCES, UNPUBLISHED_SOURCES)),
        *theme,
    )
    return SourceWalk(
        tuple(files),
        tuple(folders),
        tuple(sorted(refused, key=lambda x: x.path)),
        read_whole,
        _named_by(settings, rule, ("ARTICLE_PATHS", "PAGE_PATHS", READ_SOURCES)),
        _named_by(settings, rule, (READ_SOURCES,)),
        tuple(dict.fromkeys(refused_entries)),
        theme,
        reader_endings(settings),
        _held_under(read_whole, holds),
    )


def _held_under(roots: tuple[Path, ...], holds: dict[str, set[str]]) -> frozenset[str]:
    """Every real folder walked below ``roots`` through the folders the walk
    entered or passed over as seen (``holds``): what Pelican walks from
    them, whatever name the walk listed each folder by (``images/pics ->
    ../art/pics`` is listed as ``art/pics``, met first)."""
    found = {os.path.realpath(root) for root in roots}
    waiting = list(found)
    while waiting:
        for held in holds.get(waiting.pop(), ()):
            if held not in found:
                found.add(held)
                waiting.append(held)
    return frozenset(found)


def _named_by(
    settings: Mapping[str, Any], rule: LinkRule, names: tuple[str, ...]
) -> tuple[Path, ...]:
    """What the settings ``names`` name, each by its written and its real
    path: where every file is opened, whatever its ending (Pelican copies
    all of a ``STATIC_PATHS`` entry, the plugins read what they declare by
    name), or where posts are looked for. Pelican's default
    (``ARTICLE_PATHS = [""]``) when a bare folder is walked."""
    defaults = {} if "ARTICLE_PATHS" in settings else {"ARTICLE_PATHS": [""]}
    named = [
        Path(rule.folder, name)
        for setting in names
        for name in settings.get(setting) or defaults.get(setting) or ()
    ]
    return tuple(
        dict.fromkeys(
            Path(way(path))
            for path in named
            for way in (os.path.normpath, os.path.realpath)
        )
    )


def _as_settings(
    folder_or_settings: str | Path | Mapping[str, Any],
) -> Mapping[str, Any]:
    if isinstance(folder_or_settings, Mapping):
        return folder_or_settings
    return {"PATH": str(folder_or_settings)}


def _starting_points(
    settings: Mapping[str, Any], rule: LinkRule
) -> list[tuple[Path, str, tuple[str, str] | None]]:
    """The content folder, what the plugins read themselves (the comments
    folder, ``lessons.yml``, wherever their settings lead), then each
    ``*_PATHS`` entry in setting order, with the setting naming it when it
    lies outside (``STATIC_PATHS:../x``): one the content folder's walk
    already entered is skipped as seen; one it does not reach (outside
    it, or under an ignored name) is walked. Each ``*_PATHS`` entry comes
    with its ``(setting, entry)``, to drop it should the rule refuse it."""
    points: list[tuple[Path, str, tuple[str, str] | None]] = [(rule.folder, "", None)]
    for setting in (READ_SOURCES, UNPUBLISHED_SOURCES):
        points += [
            (Path(rule.folder, name), "", None) for name in settings.get(setting) or ()
        ]
    for setting in WALKED_PATH_SETTINGS:
        for name in settings.get(setting) or ():
            path = Path(rule.folder, name)
            outside = not Path(os.path.normpath(path)).is_relative_to(
                os.path.normpath(rule.folder)
            )
            if name:
                named_in = f"{setting}:{name}" if outside else ""
                points.append((path, named_in, (setting, name)))
    return points
