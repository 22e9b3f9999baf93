"""Which files under the content folder may be published: the link rule and
the litter rule.

A symbolic link in the content folder can pull in a file from anywhere
(``content/images/passwd -> /etc/passwd``), and Pelican follows links. The
rule: a file or folder whose real path lies outside the content folder
(``PATH``) is refused, unless it lies inside a folder named in
``ALLOWED_OUTSIDE_PATHS``; a link whose target does not exist is refused and
reported with that target. The sourceguard plugin applies the rule when a
build starts, over the one listing of ``sitekit.sourcewalk``; readers ask
``is_refused`` for each file they are handed, and ``reflect lint`` reports
``refused_links`` the way the build does.

The litter rule: a static folder publishes no hidden file or folder
(``.env``, ``.git/``, ``.DS_Store``) and none of what editors and operating
systems leave beside a person's files (``notes.md~``, ``#draft#``,
``Thumbs.db``). A path named in ``STATIC_PATHS`` itself is published even if
it is hidden (``.well-known``, ``extra/.htaccess``): naming it is the choice.

The unpublished rule: a file named in ``UNPUBLISHED_SOURCES`` (relative to
``PATH``; plugins add theirs through their declaration, such as the desk's
review log) is read by whoever needs it and never published, whatever
``STATIC_PATHS`` says (``is_unpublished``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import display_path
from .rules import Finding, Rule, declare_rules

(
    OUTSIDE_LINK,
    FOLDER_NAMED_AS_FILE,
    FILE_NAMED_AS_FOLDER,
    PATH_SPELT_OTHERWISE,
) = declare_rules(
    Rule(
        "outside-link",
        "a symbolic link to outside the content folder, or a broken one (it is "
        "left out)",
        "warning",
        "error",
    ),
    Rule(
        "folder-named-as-file",
        "a folder named as a post or page file is (`x.md`): no post is read "
        "from it, only the files inside it",
        "warning",
        "error",
    ),
    Rule(
        "file-named-as-folder",
        "a file where `ARTICLE_PATHS` or `PAGE_PATHS` names a folder "
        "(`content/posts` saved over as a file): no post or page is read from it",
        "warning",
        "error",
    ),
    Rule(
        "path-spelt-otherwise",
        "an `ARTICLE_PATHS`, `PAGE_PATHS` or `STATIC_PATHS` entry that names "
        "no file or folder, beside one spelt the same but for case or spaces "
        "(`Posts` for `posts`), or a post or page file whose ending is a "
        "reader's but for case (`x.MD`): nothing is read from it",
        "warning",
        "error",
    ),
)

#: The endings of the files Pelican's readers read: a folder ending so was
#: meant as one of them.
CONTENT_FILE_ENDINGS = frozenset(
    {".md", ".markdown", ".mkd", ".mdown", ".mkdn", ".html", ".htm", ".rst"}
)


def files_named_as_folders(settings: Mapping[str, Any]) -> list[Finding]:
    """Every file that ``ARTICLE_PATHS`` or ``PAGE_PATHS`` names where a
    folder of posts or pages belongs: Pelican reads a path of those settings
    that is a file only if a reader reads its ending, so ``content/posts``
    made a file (a post moved to ``posts`` before the folder was made)
    built a site with no posts, and said nothing. A named file that is a
    post or page (``posts/one.md``) is read, and is not reported."""
    found = []
    for setting in ("ARTICLE_PATHS", "PAGE_PATHS"):
        for name in settings.get(setting) or ():
            path = Path(settings["PATH"], name)
            if path.suffix.lower() in CONTENT_FILE_ENDINGS or not path.is_file():
                continue
            found.append(
                Finding(
                    FILE_NAMED_AS_FOLDER.name,
                    f"a file where {setting} names a folder: no "
                    f"{'post' if setting == 'ARTICLE_PATHS' else 'page'} is read "
                    f"from it; make it a folder (or name another in {setting})",
                    str(path),
                )
            )
    return found


def paths_spelt_otherwise(settings: Mapping[str, Any]) -> list[Finding]:
    """Every ``*_PATHS`` entry that names nothing beside a file or folder
    spelt the same but for case or the spaces around it (``Posts`` for
    ``posts``, ``"pages "``): Pelican lists nothing from an entry that is
    not there, so the build passed with no posts, and said nothing. An
    entry with nothing of a like name (a fresh site's ``images``) is
    not reported."""
    found = []
    for setting in ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS"):
        for name in settings.get(setting) or ():
            path = Path(settings["PATH"], name)
            if not name or os.path.lexists(path) or not path.parent.is_dir():
                continue
            wanted = path.name.strip().casefold()
            found += [
                Finding(
                    PATH_SPELT_OTHERWISE.name,
                    f"{setting} names {name!r}, not this folder: nothing is read "
                    f"from it; spell the two alike",
                    str(other),
                )
                for other in sorted(path.parent.iterdir())
                if other.name.strip().casefold() == wanted
            ]
    return found


@dataclass(frozen=True)
class RefusedLink:
    """A symbolic link under the content folder that the build leaves out."""

    path: Path  # the link itself, under the content folder
    target: str  # what the link says it points to
    # "outside", "dangling", "loop" (into a folder holding it), "ring" (of
    # links leading back to it) or "named" (by a *_PATHS setting)
    reason: str
    is_folder: bool

    def finding(self) -> Finding:
        return Finding(
            OUTSIDE_LINK.name, f"{self._reason()}; it is left out", str(self.path)
        )

    def _reason(self) -> str:
        allow = "name that folder in ALLOWED_OUTSIDE_PATHS to allow it"
        if self.reason == "dangling":
            return f"broken symbolic link to {self.target!r}, which does not exist"
        if self.reason == "loop":
            return (
                f"symbolic link to {self.target!r}, a folder that holds the "
                "link itself, so Pelican would walk it again and again"
            )
        if self.reason == "ring":
            return (
                f"symbolic link to {self.target!r}, a folder whose links lead "
                "back to this one, so Pelican would walk it again and again"
            )
        if self.reason == "named":
            setting, entry = self.target.split(":", 1)
            return f"{setting} names {entry!r}, outside the content folder ({allow})"
        what = "folder" if self.is_folder else "file"
        return (
            f"symbolic link to the {what} {self.target!r}, outside the "
            f"content folder ({allow})"
        )


@dataclass(frozen=True)
class LinkRule:
    """The content folder (as the settings name it, and as a real path) and
    the outside folders allowed, as real paths."""

    folder: Path
    content: Path
    allowed: tuple[Path, ...] = ()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LinkRule:
        content = Path(settings["PATH"])
        allowed = tuple(
            Path(os.path.realpath(content / folder))
            for folder in settings.get("ALLOWED_OUTSIDE_PATHS") or ()
        )
        return cls(content, Path(os.path.realpath(content)), allowed)

    def permits(self, real_path: str | Path) -> bool:
        real = Path(real_path)
        return any(real.is_relative_to(base) for base in (self.content, *self.allowed))


def is_refused(path: str | Path, rule: LinkRule) -> bool:
    """Whether a file handed to a reader breaks the rule (dangling or outside)."""
    real = Path(os.path.realpath(path))
    return not real.exists() or not rule.permits(real)


def left_out_link(path: Path, settings: Mapping[str, Any]) -> bool:
    """Whether ``path`` (a file a plugin reads by name: ``lessons.yml``,
    ``reviews.yml``) is, or is in a folder that is, a symbolic link the
    build leaves out (dangling, or to outside the content folder), as its
    ``outside-link`` finding says: nothing is read from it, and no command
    writes through it. A folder link counted too: only a link that was the
    file itself was left out, so ``shared/lessons.yml`` was read from
    outside though the build had said ``shared`` was left out."""
    link = link_on_the_way(path, settings)
    return link is not None and is_refused(link, LinkRule.from_settings(settings))


def link_on_the_way(path: Path, settings: Mapping[str, Any]) -> Path | None:
    """The first symbolic link among ``path``'s folders below the content
    folder, or ``path`` itself, that Pelican's walk would follow to reach
    it; None when there is none."""
    folder = Path(os.path.normpath(Path(settings["PATH"]).absolute()))
    try:
        parts = Path(os.path.normpath(Path(path).absolute())).relative_to(folder).parts
    except ValueError:
        return path if path.is_symlink() else None
    reached = folder
    for part in parts:
        reached = reached / part
        if reached.is_symlink():
            return reached
    return None


def left_out_link_refusal(path: Path, settings: Mapping[str, Any]) -> str:
    """The line a command that would edit ``path`` (a ``left_out_link``)
    says instead, naming the link."""
    link = link_on_the_way(path, settings) or path
    where = "" if link == path else f" is in {display_path(str(link))}, which"
    return (
        f"{display_path(str(path))}{where} is a symbolic link the build leaves out "
        f"(to {str(link.readlink())!r}); it was left as it was"
    )


def relative_paths(links: Iterable[RefusedLink], rule: LinkRule) -> list[str]:
    """The links' paths relative to the content folder, as Pelican's
    ``*_EXCLUDES`` settings take them."""
    return [os.path.relpath(link.path, rule.folder) for link in links]


#: What editors and operating systems leave beside a person's files (hidden
#: names are litter anyway: ``.DS_Store``, ``.#draft.md``, ``.notes.md.swp``).
LITTER_PATTERNS = (
    "*~",
    "#*#",
    "*.swp",
    "*.swo",
    "*.tmp",
    "thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    "icon\r",
)


def is_litter(name: str) -> bool:
    """A hidden name, or one an editor or the system left behind."""
    folded = name.lower()
    return name.startswith(".") or any(
        fnmatch.fnmatchcase(folded, pattern) for pattern in LITTER_PATTERNS
    )


def litter_in(relative: str, static_paths: Iterable[str]) -> str | None:
    """The hidden or litter name in a static file's path (relative to the
    content folder), if any, below the ``STATIC_PATHS`` entry it was found
    under; a file outside every entry (linked with ``{static}``) is judged
    on its whole path."""
    parts = Path(relative).parts
    named: tuple[str, ...] = ()
    for entry in static_paths:
        entry_parts = Path(entry).parts
        if parts[: len(entry_parts)] == entry_parts and len(entry_parts) > len(named):
            named = entry_parts
    return next((part for part in parts[len(named) :] if is_litter(part)), None)


#: Setting: the content files that are read but never published.
UNPUBLISHED_SOURCES = "UNPUBLISHED_SOURCES"


def unpublished_paths(settings: Mapping[str, Any]) -> frozenset[Path]:
    """``UNPUBLISHED_SOURCES`` as absolute paths, to compare with a file's."""
    folder = Path(settings["PATH"])
    return frozenset(
        Path(os.path.normpath((folder / name).absolute()))
        for name in settings.get(UNPUBLISHED_SOURCES) or ()
    )


def is_unpublished(path: str | Path, unpublished: frozenset[Path]) -> bool:
    return Path(os.path.normpath(Path(path).absolute())) in unpublished
