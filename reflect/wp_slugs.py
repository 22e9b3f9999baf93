"""The page slugs an imported page may not take: the site has them already.

An imported post never takes a slug of the site's posts (``existing_slugs``).
A page was given any slug: one a page of the site has (``Slug: about`` in
``pages/me.md``), or one naming a folder the site's own pages are written
to. WordPress blogs often have a page called Archives, Tags or Search,
and ``{slug}/index.html`` of it is the file the site's archives, tags
page or search page is: the build stopped, two pages written to one file.
A page named as a year (``2019``) is the year's archive in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .content import existing_slugs
from .site import Site

#: Settings that name files the site writes: Pelican's ``*_SAVE_AS`` and
#: every plugin's, the feeds (``FEED_ALL_ATOM``, ``TAG_FEED_RSS``...).
_OUTPUT_SETTING = re.compile(r"(_SAVE_AS|(^|_)FEED(_[A-Z]+)*_(ATOM|RSS|JSON))$")
_YEAR = re.compile(r"^[0-9]{4}$")


def existing_page_slugs(site: Site) -> dict[str, Path]:
    """Every page's slug (its ``Slug:``, or its title slugified), with its
    file, read as ``existing_slugs`` reads the posts."""
    settings = site.settings
    as_pages = {
        **settings,
        "ARTICLE_PATHS": settings.get("PAGE_PATHS") or [],
        "ARTICLE_EXCLUDES": settings.get("PAGE_EXCLUDES") or [],
    }
    return existing_slugs(Site(as_pages, site.root, site.plugins))


def output_folders(settings: dict) -> tuple[set[str], bool]:
    """The first folder of every path the site writes that starts with one
    (``archives``, ``tags``, ``search``, ``feeds``), and whether one starts
    with a year (``{date:%Y}/``); none when a page is no folder of its own
    at the top (``PAGE_SAVE_AS = "pages/{slug}.html"``)."""
    page = PurePosixPath(str(settings.get("PAGE_SAVE_AS") or "")).parts
    if len(page) < 2 or page[0] != "{slug}":
        return set(), False
    folders, years = set(), False
    for name, value in settings.items():
        if not isinstance(value, str) or not _OUTPUT_SETTING.search(name):
            continue
        parts = PurePosixPath(value).parts
        if len(parts) < 2:
            continue  # a file at the top (robots.txt): no folder
        if parts[0].startswith("{date"):
            years = True
        elif "{" not in parts[0]:
            folders.add(parts[0])
    return folders, years


def page_slug_taken(site: Site, pages: dict[str, Path]) -> Callable[[str, Path], bool]:
    """``taken(slug, path)``: does a page of the site other than ``path``
    have ``slug`` (``pages``, ``existing_page_slugs``), or does the site
    write its own pages under it?"""
    folders, years = output_folders(site.settings)

    def taken(slug: str, path: Path) -> bool:
        if slug in pages and pages[slug] != path:
            return True
        return slug in folders or (years and bool(_YEAR.match(slug)))

    return taken
