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

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from sitekit.contents import every_content
from sitekit.rootlinks import ROOT_LINKS
from sitekit.rules import Finding, Rule, declare_rules

from .linktargets import SourceLines

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
