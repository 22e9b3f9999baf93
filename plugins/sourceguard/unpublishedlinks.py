"""Links from a published page to a file the published site does not hold.

Pelican resolves ``{filename}`` to a draft as to any post, to the draft's
address (``drafts/<slug>/``), though a published build writes no draft
(``sitekit.withheld``); and it leaves a link to a file it could not read
(one left out for a private title, say) as written,
``{filename}2025-10-02-offer-from-acme.md``. Either way a published page
carried an unpublished page's address or file name, in its HTML and every
feed. So every ``{filename}``, ``{static}`` and ``{attach}`` link of every
page the build publishes is resolved as Pelican resolves it, and one whose
target is a file of the site that the build does not publish (a draft, a
file left out, one a plugin keeps unpublished) is a finding: a warning in
a local build, which writes drafts, and an error in a published one, which
stops before anything is written. A link to no file at all is Pelican's
own warning (it names only what the writer typed).

The links are read from each page's source, a line at a time, so the
finding names its line; a link inside a private quote counts too, since
what hides it is the reader's business: privacy fails closed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from sitekit.contents import every_content
from sitekit.diagnostics import SiteError, display_path
from sitekit.rules import Finding, Rule, declare_rules

(LINK_TO_UNPUBLISHED_FILE,) = declare_rules(
    Rule(
        "link-to-unpublished-file",
        "a `{filename}`, `{static}` or `{attach}` link from a published page "
        "to a file of the site a published build does not write: a draft, a "
        "file left out, one kept unpublished (its address or file name would "
        "be in the page and its feeds)",
        "warning",
        "error",
    ),
)

#: What Pelican's intrasite links resolve against a file of the site.
_FILE_LINKS = frozenset({"filename", "static", "attach"})


class UnpublishedLinkError(SiteError):
    """A published page links a file the published site does not hold."""


def unpublished_link_findings(
    context: Mapping[str, Any], static_paths: Iterable[str]
) -> list[Finding]:
    """A finding for each file link of a published page or post (not a
    draft) whose target is a file under ``PATH`` that is neither a page the
    build publishes nor one of ``static_paths`` (absolute, or relative to
    ``PATH``: the static files it copies)."""
    root = Path(context["PATH"]).absolute()
    contents = list(every_content(context))
    published = {
        _relative(content.source_path, root)
        for content in contents
        if getattr(content, "status", "") != "draft"
    }
    published |= {_relative(path, root) for path in static_paths}
    drafts = {
        _relative(content.source_path, root)
        for content in contents
        if getattr(content, "status", "") == "draft"
    }
    pattern = _link_pattern(
        context.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]")
    )
    findings = []
    for content in contents:
        if getattr(content, "status", "") == "draft":
            continue
        source = _relative(content.source_path, root)
        for line, target in _file_links(content.source_path, source, pattern):
            if target in published or not (root / target).is_file():
                continue
            what = "a draft" if target in drafts else "a file it does not publish"
            findings.append(
                Finding(
                    LINK_TO_UNPUBLISHED_FILE.name,
                    f"links to {target}, {what}: a published build would put its "
                    "address or file name in this page and its feeds; publish "
                    "it first, or take the link out",
                    display_path(content.source_path),
                    line,
                )
            )
    return findings


#: Where a page's link target is written: a Markdown link, image or
#: reference definition, or an attribute Pelican replaces links in (4.12).
_TARGET_STARTS = (
    r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?"
    r"|\b(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*[\"'])"
)


def _link_pattern(intrasite: str) -> re.Pattern[str]:
    """An intrasite link where a link target is written (not one a post
    shows as text, in code say: Pelican leaves that alone too)."""
    return re.compile(
        _TARGET_STARTS + "(?:" + intrasite + r")(?P<value>[^\s\"'<>)\]]+)",
        re.IGNORECASE,
    )


def _file_links(
    path: str, source: str, pattern: re.Pattern[str]
) -> Iterator[tuple[int, str]]:
    """(line, target relative to PATH) of each file link in ``path``,
    resolved as Pelican's ``Content._link_replacer`` resolves it (4.12):
    from the content folder after a ``/``, else from the file's folder."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    folder = posixpath.dirname(source)
    for number, line in enumerate(text.splitlines(), start=1):
        for match in pattern.finditer(line):
            if match.group("what") not in _FILE_LINKS:
                continue
            target = unquote(urlparse(match.group("value")).path)
            if not target:
                continue
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.join(folder, target)
            yield number, posixpath.normpath(target)


def _relative(path: str, root: Path) -> str:
    absolute = Path(path).absolute()
    if absolute.is_relative_to(root):
        return absolute.relative_to(root).as_posix()
    return Path(path).as_posix()
