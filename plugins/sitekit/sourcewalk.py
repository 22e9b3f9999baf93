"""One listing of the files a build opens, made the way Pelican lists them.

Every start-up guard judges this one listing (``sitekit.walkfindings``):
the named pipes and devices that would hold the build
(``refuse_special_files``), the folders named as content files
(``folders_named_as_files``) and the symbolic links the link rule refuses
(``refused_links``). Each once listed the content folder its own way,
and Pelican lists it another: it follows symbolic links to folders,
walks a ``*_PATHS`` entry wherever it leads (``STATIC_PATHS =
["../shared"]``), skips only the names ``IGNORE_FILES`` matches, hidden
ones included, and the folders each setting's ``*_EXCLUDES`` names
(``sitekit.pelicanreads`` writes its rule down). So a pipe behind a
linked folder held the build for ever, an editor's lock link
(``.#draft.md``, which Pelican ignores) stopped a published build, and a
socket in ``content/.git``, which Pelican never looks at, could stop it too,
while every build and ``reflect`` command walked thousands of git objects.

The walk makes each of the walks a build makes (``pelicanreads.readings``):
one for each of ``ARTICLE_PATHS``, ``PAGE_PATHS`` and ``STATIC_PATHS``,
each with its own ``*_EXCLUDES``, and one over what the plugins declare
they read wherever it lies (``READ_SOURCES``: the comments folder,
``lessons.yml``; ``UNPUBLISHED_SOURCES``: ``reviews.yml``), then the
theme's static files, which Pelican copies whole
(``sitekit.themestatic``). What no walk reaches (a content folder's
``.git`` with ``ARTICLE_PATHS = ["posts"]``) is never entered. Each walk
follows every folder a permitted link leads to, each real folder once (a
loop of links is walked once, never again and again), and records which
files it opens: where posts are looked for, those whose ending a reader
reads, exactly as written; elsewhere every file. A folder behind a
refused link is not entered: ``sourceguard`` adds it to Pelican's
``*_EXCLUDES``. Nor is a ``*_PATHS`` entry the rule refuses
(``STATIC_PATHS = ["../shared"]``, or ``["shared"]`` with ``shared`` a
link to outside): Pelican's ``*_EXCLUDES`` never match the folder its walk
starts from, so ``sourceguard`` drops the entry from the setting
(``SourceWalk.refused_entries``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .linkedfolders import link_leading_out, refused_folder
from .pelicanreads import READ_SOURCES, Reading, ignore_patterns, ignored, readings
from .readerendings import read_by_a_reader, reader_endings
from .sourcepaths import LinkRule, RefusedLink, is_refused
from .themestatic import theme_static_files, theme_static_roots

__all__ = ["READ_SOURCES", "SOURCE_WALK", "SourceWalk", "lies_under", "walk_sources"]

#: Setting: the walk ``reflect`` made as it prepared the settings, which its
#: content stage judges too (one walk a command, as one a build).
SOURCE_WALK = "SITEKIT_SOURCE_WALK"


@dataclass(frozen=True)
class SourceWalk:
    """What one walk found: every file listed where a build looks (by the
    path it is reached through), every folder entered below a starting
    folder, the links the rule refuses, and which of the files a build
    opens."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]
    refused: tuple[RefusedLink, ...]
    #: The listed files a build opens: Pelican lists them (or a plugin
    #: reads them by name) and reads each to compare it with its cache.
    opened: frozenset[Path] = frozenset()
    #: The listed files and folders where posts, pages and comments are
    #: looked for (``ARTICLE_PATHS``, ``PAGE_PATHS``, ``READ_SOURCES``, each
    #: less what its ``*_EXCLUDES`` and ``IGNORE_FILES`` leave out).
    among_posts: frozenset[Path] = frozenset()
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

    def opens(self, path: Path) -> bool:
        """Whether a build opens ``path``, a listed file."""
        return path in self.opened

    def reads_posts_in(self, path: Path) -> bool:
        """Whether ``path``, a listed file or folder, lies where posts,
        pages or comments are looked for."""
        return path in self.among_posts


def lies_under(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether ``path`` lies under one of ``roots``, by the path it is
    reached through or by its real one (``a-pics -> images`` is listed
    before ``images`` itself)."""
    reached = (os.path.normpath(path), os.path.realpath(path))
    return any(Path(each).is_relative_to(root) for each in reached for root in roots)


@dataclass
class _Listing:
    """What the walks list, as they go: each in the order first met."""

    files: dict[Path, None] = field(default_factory=dict)
    folders: dict[Path, None] = field(default_factory=dict)
    refused: dict[RefusedLink, None] = field(default_factory=dict)
    opened: set[Path] = field(default_factory=set)
    among_posts: set[Path] = field(default_factory=set)
    refused_entries: dict[tuple[str, str], None] = field(default_factory=dict)

    def add_file(self, path: Path, reading: Reading, opened: bool) -> None:
        self.files[path] = None
        if opened:
            self.opened.add(path)
        if reading.looks_for_posts:
            self.among_posts.add(path)

    def add_folder(self, path: Path, reading: Reading) -> None:
        self.folders[path] = None
        if reading.looks_for_posts:
            self.among_posts.add(path)


def walk_sources(
    folder_or_settings: str | Path | Mapping[str, Any], rule: LinkRule | None = None
) -> SourceWalk:
    """The one walk (see the module's docstring). Given a bare folder, it
    is the content folder, no name is ignored and posts are looked for in
    all of it (Pelican's ``ARTICLE_PATHS = [""]``)."""
    settings = _as_settings(folder_or_settings)
    rule = rule or LinkRule.from_settings(settings)
    endings = reader_endings(settings)
    listing = _Listing()
    reached: dict[str, frozenset[str]] = {}
    for reading in readings(settings):
        _walk_reading(reading, settings, rule, endings, listing, reached)
    theme = theme_static_roots(settings)
    for path in theme_static_files(settings):
        listing.files[Path(path)] = None
        listing.opened.add(Path(path))
    return SourceWalk(
        tuple(listing.files),
        tuple(listing.folders),
        tuple(sorted(listing.refused, key=lambda x: x.path)),
        frozenset(listing.opened),
        frozenset(listing.among_posts),
        _named_by(settings, rule, (READ_SOURCES,)),
        tuple(listing.refused_entries),
        theme,
        endings,
    )


def _walk_reading(
    reading: Reading,
    settings: Mapping[str, Any],
    rule: LinkRule,
    endings: frozenset[str],
    listing: _Listing,
    reached: dict[str, frozenset[str]],
) -> None:
    """List what one of the build's walks lists (``pelicanreads``): each
    real folder once a walk, unless a ``*_EXCLUDES`` entry left part of it
    out under the name it was met by (then Pelican may walk that part
    under another name, and so does this walk)."""
    content = os.fspath(settings["PATH"])
    ignores = ignore_patterns(settings)
    excluded = reading.excluded_names(content)
    # The real folders walked whole under some name: one met again under
    # another name is not walked again. One walked with a part left out
    # is walked again: Pelican may read the part under the other name.
    whole: set[str] = set()

    def met_again(path: str) -> bool:
        real = os.path.realpath(path)
        if real in whole:
            return True
        if not _left_out_below(path, excluded):
            whole.add(real)
        return False

    def opens(name: str) -> bool:
        return reading.every_file or read_by_a_reader(name, endings)

    for entry in reading.entries:
        # Pelican's own string (``get_files``): excludes match it as written.
        root = os.path.join(content, entry) if entry else content  # noqa: PTH118
        if _refused_entry(reading, entry, root, rule, listing):
            continue
        if not Path(root).is_dir():
            if os.path.lexists(root):  # an entry naming one file
                name = Path(root).name
                if reading.by_plugins or not ignored(name, ignores):
                    listing.add_file(
                        Path(root), reading, reading.by_plugins or opens(name)
                    )
            continue
        if met_again(root):
            continue
        for parent, subfolders, names in os.walk(root, followlinks=True):
            left_out = excluded.get(parent, frozenset())
            entered = []
            for name in sorted(subfolders):
                path = Path(parent, name)
                if ignored(name, ignores):
                    continue
                if name in left_out:
                    continue
                link = refused_folder(path, parent, rule, reached)
                if link:
                    listing.refused[link] = None
                    continue
                # As os.walk names it, which Pelican's excludes match.
                if met_again(os.path.join(parent, name)):  # noqa: PTH118
                    continue  # a folder linked twice: walked once
                entered.append(name)
                listing.add_folder(path, reading)
            subfolders[:] = entered
            for name in sorted(names):
                if ignored(name, ignores):
                    continue
                path = Path(parent, name)
                listing.add_file(path, reading, opens(name))
                if path.is_symlink() and is_refused(path, rule):
                    reason = "outside" if path.exists() else "dangling"
                    link = RefusedLink(path, str(path.readlink()), reason, False)
                    listing.refused[link] = None


def _refused_entry(
    reading: Reading, entry: str, root: str, rule: LinkRule, listing: _Listing
) -> bool:
    """Whether ``entry`` is left unwalked: a ``*_PATHS`` entry the link rule
    refuses (outside the content folder, or reached through a link to
    outside), its setting's entry or its link reported. A link on the way
    to what a plugin reads by name is reported too (the plugin leaves out
    what it reads through it: ``sourcepaths.left_out_link``), and the walk
    goes on: the plugin names it, wherever it lies."""
    if not entry or not os.path.lexists(root):
        return False
    inside = Path(os.path.normpath(root)).is_relative_to(os.path.normpath(rule.folder))
    link = link_leading_out(Path(root), rule) if inside else None
    if link:
        listing.refused[link] = None
    if reading.by_plugins or rule.permits(os.path.realpath(root)):
        return False
    listing.refused_entries[(reading.setting, entry)] = None
    if link is None:
        where = f"{reading.setting}:{entry}"
        listing.refused[
            RefusedLink(Path(root), where, "named", Path(root).is_dir())
        ] = None
    return True


def _left_out_below(folder: str, excluded: dict[str, frozenset[str]]) -> bool:
    """Whether an exclude leaves out a folder at or below ``folder``, a
    walked path (compared as Pelican compares them, as strings)."""
    return any(
        parent == folder or parent.startswith(folder + os.sep) for parent in excluded
    )


def _named_by(
    settings: Mapping[str, Any], rule: LinkRule, names: tuple[str, ...]
) -> tuple[Path, ...]:
    """What the settings ``names`` name, each by its written and its real
    path."""
    named = [
        Path(rule.folder, name)
        for setting in names
        for name in settings.get(setting) or ()
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
