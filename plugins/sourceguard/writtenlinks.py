"""A post's plain link leads to a file the build wrote.

Pelican checks the links it rewrites (``{filename}``, ``{static}``:
``linktargets``), and ``rootlinks`` the ones an editor reads from the
post's own folder. A plain path that leads to no file of the content
folder (``../images/no-such-board.png``, ``/2025/old-slug/``,
``notes/missing.pdf``) may still name a file the build writes (a feed,
another post's page), so it cannot be judged before the site is written:
it was published broken without a word. Once every file is written
(``finalized``), each such link of a published post or page is looked up
in the output folder, as a static host serves it: a path to a folder is
served by its ``index.html``, and a file named otherwise (case, escapes)
is not the file. One that leads nowhere is a ``broken-link``, at its
line: a warning in a local build, an error in a published one.

A path that climbs above the site's root is read as a browser reads it:
clamped at the root for a site served from a host's root; left alone for
one served from a folder, where it may lead to another site on the host.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sitekit.contents import every_content
from sitekit.rootlinks import PAGE_RELATIVE_LINKS, ROOT_LINKS, relative_address
from sitekit.rules import Finding

from .destinations import location
from .linktargets import BROKEN_LINK, SourceLines
from .rootlinks import site_folder


@dataclass(frozen=True)
class PlainLink:
    """A link as a post spells it, and the path inside the site it reads."""

    source_path: str
    written: str
    path: str  # inside the output folder, "" for its root; "/" ends a folder


def plain_links(context: Mapping[str, Any]) -> list[PlainLink]:
    """Each plain link of a published post or page that no content file
    answers (``rootlinks.links_beside_the_source`` tells of those), as the
    page at its own address reads it. Asked when every page's address is
    known (``all_generators_finalized``), looked up once all is written."""
    root = Path(context["PATH"]).absolute()
    folder = site_folder(context)
    links: list[PlainLink] = []
    for content in every_content(context):
        if content.status == "draft":
            continue
        url = location(content, "url")
        page_folder = url if url.endswith("/") else posixpath.dirname(url)
        source_folder = Path(content.source_path).absolute().parent
        for written in content.metadata.get(PAGE_RELATIVE_LINKS) or ():
            path = relative_address(written)
            if path is None or _answered_beside(source_folder / path, root):
                continue
            read = posixpath.normpath(posixpath.join(page_folder or ".", path))
            if path.endswith("/") and read != ".":
                read += "/"  # a folder, served by its index.html
            if read == ".":
                read = ""
            if read == ".." or read.startswith("../"):
                if folder:
                    continue  # another site on the same host, maybe
                while read.startswith(".."):  # a browser stops at the root
                    read = read[3:]
            links.append(PlainLink(content.source_path, written, read))
        for link in content.metadata.get(ROOT_LINKS) or ():
            address = _unquoted_root_path(link.written)
            if folder:
                if not address.startswith(f"{folder}/"):
                    continue  # leaves the site: ``link-outside-site``
                address = address[len(folder) :]
            links.append(PlainLink(content.source_path, link.written, address[1:]))
    return links


def _unquoted_root_path(written: str) -> str:
    """The path from the root a browser reads in ``written``: escapes
    read before ``..`` is (``/images/%2e%2e/x.png`` is ``/x.png``)."""
    read = unescape(written).strip().replace("\\", "/")
    path = unquote(urlsplit(read).path)
    resolved = posixpath.normpath(path)
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    if path.endswith("/") and resolved != "/":
        resolved += "/"
    return resolved


def _answered_beside(beside: Path, root: Path) -> bool:
    """Whether a content file lies at the path an editor reads."""
    place = Path(posixpath.normpath(beside.as_posix()))
    return place.is_relative_to(root) and place.is_file()


def unwritten_targets(links: Iterable[PlainLink], output: Path) -> list[Finding]:
    """A ``broken-link`` finding for each link whose path the output folder
    does not serve, at the first line of its post that holds it."""
    findings: list[Finding] = []
    sources: dict[str, SourceLines] = {}
    listings: dict[Path, frozenset[str]] = {}
    for link in dict.fromkeys(links):
        if _served(output, link.path, listings):
            continue
        source = sources.setdefault(
            link.source_path, SourceLines.read(link.source_path)
        )
        shown, line = source.find(link.written)
        findings.append(
            Finding(
                BROKEN_LINK.name,
                f"the link {shown!r} leads to /{link.path}, where this build "
                "writes no file; link a post or page with {filename}/... and a "
                "file with {static}/..., which Pelican checks and makes the "
                "right address",
                link.source_path,
                line,
            )
        )
    return findings


def _served(output: Path, path: str, listings: dict[Path, frozenset[str]]) -> bool:
    """Whether a static host serves ``path`` from ``output``: the file
    itself, spelt exactly, or a folder's ``index.html``. Each folder is
    listed once (``listings``): a site's links share a few folders."""
    here = output
    for part in (part for part in path.split("/") if part):
        if here not in listings:
            try:
                listings[here] = frozenset(child.name for child in here.iterdir())
            except OSError:
                listings[here] = frozenset()
        if part not in listings[here]:
            return False
        here = here / part
    if here.is_dir():
        return (here / "index.html").is_file()
    return here.is_file() and not path.endswith("/")
