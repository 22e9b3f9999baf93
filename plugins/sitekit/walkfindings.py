"""The judgements on one walk (``sitekit.sourcewalk``) as a build starts.

A walk lists; these say what in the listing is wrong: the named pipes,
sockets and devices that would hold the build (``refuse_special_files``),
the folders named as content files (``folders_named_as_files``), the
files whose ending is a reader's but for case (``endings_spelt_otherwise``)
and the symbolic links the link rule refuses (``refused_links``). Each
judges the one listing, made as Pelican lists the content, so what Pelican
will open the guards have seen first, and what it never looks at they
never judge.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .diagnostics import SiteError
from .rules import Finding
from .sourcepaths import (
    CONTENT_FILE_ENDINGS,
    FOLDER_NAMED_AS_FILE,
    PATH_SPELT_OTHERWISE,
    LinkRule,
    RefusedLink,
)
from .sourcewalk import SourceWalk, lies_under, walk_sources


def refused_links(rule: LinkRule) -> list[RefusedLink]:
    """Every link under the content folder that the rule refuses.

    Links the rule permits are followed, once each, so a link inside an
    allowed folder is checked too; refused folders are not entered.
    """
    return list(walk_sources(rule.folder, rule).refused)


def folders_named_as_files(
    walked: SourceWalk | str | Path | Mapping[str, Any],
) -> list[Finding]:
    """Every folder walked named as a content file (``x.md``): Pelican
    walks into it and reads what it holds, so the post the name promises
    is not there, and nothing said so. A hidden folder (``.cache.md``) is
    a tool's, not a post a person meant: Pelican walks it too, but it is
    not reported."""
    if not isinstance(walked, SourceWalk):
        walked = walk_sources(walked)
    return [
        Finding(
            FOLDER_NAMED_AS_FILE.name,
            f"a folder named as a {path.suffix} file: no post "
            "or page is read from it (only the files inside it); "
            "make it a file, or rename the folder",
            str(path),
        )
        for path in walked.folders
        if path.suffix.lower() in CONTENT_FILE_ENDINGS
        and not path.name.startswith(".")
        and walked.reads_posts_in(path)
    ]


def endings_spelt_otherwise(walked: SourceWalk) -> list[Finding]:
    """Every file where posts and pages are looked for whose ending is a
    reader's but for case (``posts/x.MD``, ``about.HTML``): Pelican reads a
    file only if its ending is one a reader lists, and those are lower
    case (``Generator._include_path``, 4.12), so the post the writer meant
    was never read, and nothing said so. The plugins judge the names of
    their own files (``comments/<slug>/x.MD`` is a bad comment), and a
    hidden name is a tool's."""
    return [
        Finding(
            PATH_SPELT_OTHERWISE.name,
            f"ends in {path.suffix!r}, which is not read as {path.suffix.lower()!r}: "
            f"no post or page is read from it; rename it {path.stem}"
            f"{path.suffix.lower()}",
            str(path),
        )
        for path in walked.files
        if path.suffix != path.suffix.lower()
        and path.suffix.lower() in CONTENT_FILE_ENDINGS
        and not path.name.startswith(".")
        and walked.reads_posts_in(path)
        and not lies_under(path, walked.read_by_plugins)
    ]


def misnamed_sources(walked: SourceWalk) -> list[Finding]:
    """The folders named as files and the files whose ending is spelt
    otherwise, where posts and pages are looked for."""
    return [*folders_named_as_files(walked), *endings_spelt_otherwise(walked)]


def checked_content_folder(
    walked: SourceWalk | str | Path | Mapping[str, Any],
) -> list[Finding]:
    """``refuse_special_files`` and ``misnamed_sources`` over one walk, as
    a build starts. Raises ``SpecialFileError``; returns the misnamed."""
    if not isinstance(walked, SourceWalk):
        walked = walk_sources(walked)
    refuse_special_files(walked)
    return misnamed_sources(walked)


class SpecialFileError(SiteError):
    """A named pipe, socket or device where the content's files are."""


def refuse_special_files(walked: SourceWalk | str | Path | Mapping[str, Any]) -> None:
    """Stop, naming the first named pipe, socket or device the walk lists
    that a build opens (``SourceWalk.opens``): Pelican opens every file it
    lists to compare its contents with the cache's, before any plugin can
    leave it out, so the build and ``reflect`` waited on it for ever,
    saying nothing. No rule level can make that a warning. One Pelican
    never opens (a ``.fifo`` among the posts, a ``posts/x.MD``: readers'
    endings are compared as written) is let be: it stopped a valid site's
    build; one where Pelican never looks (git's socket in ``content/.git``,
    a folder ``*_EXCLUDES`` names) is not even listed. Only a special file
    is asked, so a regular one costs its one ``stat``."""
    if not isinstance(walked, SourceWalk):
        walked = walk_sources(walked)
    for path in walked.files:
        kind = _special_kind(path)
        if kind and walked.opens(path):
            in_theme = lies_under(path, walked.theme)
            where = "the theme" if in_theme else "the content folder"
            raise SpecialFileError(
                f"a {kind}, not a file: reading it would wait for ever; "
                f"move it out of {where}",
                str(path),
            )


def _special_kind(path: Path) -> str | None:
    """What ``path`` is if it is none of a file, a folder and a broken link."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    for test, kind in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
    ):
        if test(mode):
            return kind
    return None
