"""A post's link from the server's root stays inside the site.

``/images/photo.png`` works on a site served from its host's root, and
leads out of one served from a folder: a GitHub Pages project site at
``https://example.github.io/blog`` sent the reader to
``example.github.io/images/photo.png``, a page of somebody else's site or
none, in the page and in every feed. A site whose ``SITEURL`` has a path
names each such link that does not start with that path, at its line,
with the link to write instead (``{static}`` or ``{filename}``, which
Pelican makes the right address wherever the site is served). Checked with
the other links (``linktargets.py``), before anything is written, in the
build and in ``reflect lint``; a draft's links are not: it is not
published.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitekit.contents import every_content
from sitekit.rootlinks import PAGE_RELATIVE_LINKS, ROOT_LINKS, relative_file
from sitekit.rules import Finding, Rule, declare_rules

from .destinations import location
from .linktargets import BROKEN_LINK, SourceLines

(LINK_OUTSIDE_SITE,) = declare_rules(
    Rule(
        "link-outside-site",
        "a link from the server's root (`/images/photo.png`) in a site served "
        "from a folder (a `SITEURL` with a path): it leads out of the site; "
        "write `{static}/images/photo.png` or `{filename}/posts/x.md`",
        "warning",
        "error",
    ),
)


def site_folder(settings: Mapping[str, Any]) -> str:
    """The path the site is served under (``/blog``), or "" at the root."""
    return urlsplit(settings.get("SITEURL") or "").path.rstrip("/")


def links_outside_site(context: Mapping[str, Any]) -> list[Finding]:
    """A finding for each link of a post or page (drafts aside) that starts
    at the server's root outside the folder the site is served from."""
    folder = site_folder(context)
    if not folder:
        return []
    findings: list[Finding] = []
    for content in every_content(context):
        if content.status == "draft":
            continue
        outside = [
            link.written
            for link in content.metadata.get(ROOT_LINKS) or ()
            if link.address.rstrip("/") != folder
            and not link.address.startswith(f"{folder}/")
        ]
        if not outside:
            continue
        source = SourceLines.read(content.source_path)
        for written in dict.fromkeys(outside):
            shown, line = source.find(written)
            findings.append(
                Finding(
                    LINK_OUTSIDE_SITE.name,
                    f"the link {shown!r} starts at the server's root, and the "
                    f"site is served from {folder}/ (SITEURL), so it leads out "
                    "of the site; link it with {static}/... (a file) or "
                    "{filename}/... (a post or page), which Pelican makes the "
                    "right address wherever the site is served",
                    content.source_path,
                    line,
                )
            )
    return findings


def links_beside_the_source(context: Mapping[str, Any]) -> list[Finding]:
    """A finding for each link of a post or page (drafts aside) written
    relative to its source file, as an editor's preview reads it
    (``![board](images/board.png)`` in ``content/posts/x.md`` beside
    ``content/posts/images/board.png``, ``../images/board.png`` for
    ``content/images/board.png``), where the page, at its own address
    (``2026/x/``), reads it as another path that no file is written at: it
    was published broken without a word. A path that leads to no file of
    the content folder either way is left alone: it may name a file the
    build writes (``broken-link``, ``sitekit.sitelinks``, covers the links
    Pelican rewrites)."""
    root = Path(context["PATH"]).absolute()
    placed = {
        static.relative_source_path: location(static, "save_as")
        for static in context.get("staticfiles") or ()
    }
    findings: list[Finding] = []
    for content in every_content(context):
        if content.status == "draft":
            continue
        links = content.metadata.get(PAGE_RELATIVE_LINKS) or ()
        if not links:
            continue
        source_folder = Path(content.source_path).absolute().parent
        url = location(content, "url")
        page_folder = url if url.endswith("/") else posixpath.dirname(url)
        broken = []
        for written in links:
            path = relative_file(written)
            if path is None:
                continue
            beside = Path(os.path.normpath(source_folder / path))
            if not beside.is_relative_to(root) or not beside.is_file():
                continue
            relative = beside.relative_to(root).as_posix()
            read_as = posixpath.normpath(posixpath.join(page_folder, path))
            if placed.get(relative, relative) != read_as:
                broken.append((written, relative, read_as))
        if not broken:
            continue
        source = SourceLines.read(content.source_path)
        for written, relative, read_as in broken:
            shown, line = written, _line_of_path(source, written)
            findings.append(
                Finding(
                    BROKEN_LINK.name,
                    f"the link {shown!r} names {relative!r} from the post's own "
                    f"folder, as an editor reads it, but the page at {url or '/'} "
                    f"reads it as {read_as!r}, where no file is written; write "
                    f"{{static}}/{relative}, which Pelican makes the file's address",
                    content.source_path,
                    line,
                )
            )
    return findings


def _line_of_path(source: SourceLines, written: str) -> int | None:
    """The first line holding ``written`` as a whole path, not as the end
    of a longer one (``chart.png`` is not in ``../images/chart.png``)."""
    for spelling in dict.fromkeys((written, unescape(written))):
        whole = re.compile(rf"(?<![\w./%-]){re.escape(spelling)}(?![\w/%-])")
        for number, line in enumerate(source.lines, start=1):
            if whole.search(line):
                return number
    return None
