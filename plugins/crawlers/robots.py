"""The rules robots.txt states, under the site's subpath.

Crawlers read ``robots.txt`` only at a host's root
(https://www.rfc-editor.org/rfc/rfc9309#section-2.3): a site published under
``https://example.org/blog`` writes ``blog/robots.txt``, which the host's
owner must copy into (or merge with) the root one. Its paths are written
for that root: ``Disallow: /blog/drafts/``, not ``/drafts/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sitekit.uris import as_uri
from sitekit.withheld import DRAFT_OUTPUTS


@dataclass(frozen=True)
class RobotsRules:
    disallow: tuple[str, ...]  # paths from the host's root
    sitemap: str | None  # the sitemap's absolute address, when one is written


def site_path(settings: Mapping[str, Any]) -> str:
    """The path SITEURL puts the site under, without a trailing slash:
    "/blog" for https://example.org/blog, "" at a host's root or locally;
    percent-encoded, as RFC 9309 compares paths (``sitekit.uris``)."""
    return urlsplit(as_uri(settings.get("SITEURL") or "")).path.rstrip("/")


def url_folder(url_template: str | None) -> str | None:
    """The folders a URL setting puts every page in ("drafts/pages/" for
    "drafts/pages/{slug}.html"): its fixed folders, each folder before them
    that a placeholder names as RFC 9309's ``*`` ("*/drafts/" for
    "{lang}/drafts/{slug}/", which disallowed nothing); None when no folder
    has a fixed name (``{slug}-draft.html``): one to disallow would keep
    crawlers from the whole site."""
    if not url_template:
        return None
    named: list[str] = []
    for folder in url_template.split("/")[:-1]:
        if "{" not in folder:
            named.append(folder)
        elif any(each != "*" for each in named):
            break  # the fixed folders are named: the rest is the page's
        else:
            named.append("*")
    if all(each == "*" for each in named):
        return None
    return "/".join(named) + "/"


def robots_rules(settings: Mapping[str, Any], has_sitemap: bool) -> RobotsRules:
    """Drafts are kept out where a build writes them, in every language
    (``DRAFT_OUTPUTS``, the places ``withhold_drafts`` empties: a draft's
    translation at ``DRAFT_LANG_URL`` is as much a draft); the sitemap is
    named when the build writes one."""
    root = site_path(settings)
    folders = sorted(
        {
            folder
            for save_as in DRAFT_OUTPUTS
            if settings.get(save_as)
            and (folder := url_folder(settings.get(save_as.replace("SAVE_AS", "URL"))))
            is not None
        }
    )
    # "drafts/pages/" is inside "drafts/": one line says both.
    outermost = [
        f for f in folders if not any(f != o and f.startswith(o) for o in folders)
    ]
    # pelican-sitemap names its file by the format it writes: sitemap.txt
    # for "txt", sitemap.xml else.
    config = settings.get("SITEMAP")
    kind = config.get("format", "xml") if isinstance(config, Mapping) else "xml"
    name = "sitemap.txt" if kind == "txt" else "sitemap.xml"
    sitemap = as_uri(f"{settings['SITEURL']}/{name}") if has_sitemap else None
    disallow = tuple(f"{root}/{as_uri(folder)}" for folder in outermost)
    return RobotsRules(disallow, sitemap)
