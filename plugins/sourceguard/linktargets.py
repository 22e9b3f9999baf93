"""A post's links to other files of the site lead somewhere published.

Pelican turns ``[x]({filename}/posts/y.md)``, ``{static}`` and ``{attach}``
links into the target's address. A target that is not there (a typo, a file
renamed or deleted) was left as it was, ``href="{filename}/posts/y.md"``,
or made an address nothing is written at, and ``make publish`` went on with
the broken link in the page and every feed; Pelican's only word named the
missing path, never the post, over two lines for a static file. A link to a
draft became ``/drafts/<slug>/``, an address a published site does not
have, naming the unpublished post in the published one.

Checked once every generator has its content (the static generator
included), before anything is written, and by ``reflect lint`` from the
same function. A draft's own links are not checked: it is not published.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from sitekit.contents import every_content
from sitekit.rules import Finding, Rule, declare_rules

(BROKEN_LINK,) = declare_rules(
    Rule(
        "broken-link",
        "a `{filename}`, `{static}` or `{attach}` link to a file the content "
        "folder does not have, or to a draft, which a published site does not "
        "have (the link is left as it is)",
        "warning",
        "error",
    ),
)

_SITE_FILE_LINKS = frozenset({"filename", "static", "attach"})


def broken_links(context: Mapping[str, Any]) -> list[Finding]:
    """A finding for each link of a post or page (drafts aside) to a file
    the site does not have, or to a draft."""
    contents = list(every_content(context))
    sources = {content.relative_source_path: content for content in contents}
    findings: list[Finding] = []
    for content in contents:
        if content.status == "draft":
            continue
        for written, what, candidates in _site_file_links(content):
            target = _target(what, candidates, sources, context)
            if target is None:
                findings.append(
                    Finding(
                        BROKEN_LINK.name,
                        f"the link {written!r} leads to no file of the content "
                        "folder, so the page would keep it broken; fix the path "
                        "or remove the link",
                        content.source_path,
                        _line_of(content.source_path, written),
                    )
                )
            elif getattr(target, "status", None) == "draft":
                findings.append(
                    Finding(
                        BROKEN_LINK.name,
                        f"the link {written!r} leads to a draft, which a "
                        "published site does not have; publish the draft or "
                        "remove the link",
                        content.source_path,
                        _line_of(content.source_path, written),
                    )
                )
    return findings


def _site_file_links(content: Any) -> Iterator[tuple[str, str, list[str]]]:
    """Each ``{filename}``, ``{static}`` or ``{attach}`` link in ``content``
    as written, its kind, and the paths Pelican tries for it in turn."""
    text = getattr(content, "_content", None) or ""
    for match in content._get_intrasite_link_regex().finditer(text):
        what = match.group("what")
        if what not in _SITE_FILE_LINKS:
            continue
        value = match.group("value")
        paths = (
            urlparse(value).path,
            unquote(urlparse(value).path),
            urlparse(unescape(value)).path,
        )
        candidates = []
        for path in paths:
            if path.startswith("/"):
                candidates.append(path[1:])
            else:
                candidates.append(
                    content.get_relative_source_path(
                        str(Path(content.relative_dir) / path)
                    )
                )
        yield match.group("path"), what, candidates


def _target(
    what: str,
    candidates: Iterable[str],
    sources: Mapping[str, Any],
    context: Mapping[str, Any],
) -> Any | None:
    """What a link leads to, as Pelican looks it up: a post or page for
    ``{filename}`` (or a static file), a file for ``{static}`` and
    ``{attach}`` (Pelican copies any file a post links so); None when
    nothing is there."""
    root = Path(context["PATH"])
    static_content = context.get("static_content") or {}
    for candidate in candidates:
        if what == "filename" and candidate in sources:
            return sources[candidate]
        if candidate in static_content and (root / candidate).is_file():
            return static_content[candidate]
        if (root / candidate).is_file() and (
            what != "filename" or _in_static_paths(candidate, context)
        ):
            return candidate
    return None


def _in_static_paths(path: str, context: Mapping[str, Any]) -> bool:
    parts = Path(path).parts
    for static in context.get("STATIC_PATHS", ()):
        folder = Path(str(static)).parts
        if parts[: len(folder)] == folder:
            return True
    return False


def _line_of(source_path: str, written: str) -> int | None:
    """The first line of the source file that holds the link as written."""
    try:
        text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if written in line:
            return number
    return None
