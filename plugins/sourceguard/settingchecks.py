"""The settings that put a path or an address into the site, checked
before anything is read, at the setting's line.

A ``*_SAVE_AS`` or feed path setting that names a folder, climbs out of the
output folder or is too long for a file system, and an address setting
that runs (``javascript:``) or cannot be one, would otherwise be found
page by page, or published. So would an empty ``TAG_SAVE_AS`` (and the
category's and author's): Pelican writes no such pages, which the site
links wherever it names a tag. The build checks them at ``initialized``
(``writes.guard_output_folder``), ``reflect`` as it prepares the settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from sitekit.diagnostics import SettingsError
from sitekit.outputpaths import MAX_NAME_BYTES, climbs, overlong_literal
from sitekit.settings import BAD_SETTING
from sitekit.settingsource import setting_source
from sitekit.siteaddresses import address_problem, shown_address

#: Settings that name a file in the output folder.
_NAMES_A_PATH = re.compile(r"_SAVE_AS$|FEED.*_(ATOM|RSS|JSON)$|^THEME_STATIC_DIR$")


def check_path_settings(settings: Mapping[str, Any]) -> None:
    """A ``*_SAVE_AS`` or feed path setting that names a folder (ends in
    ``/``), climbs out (``../``), or has a part longer than a file system
    holds on its own text alone (a slug or a date only adds to it): said
    once, at the setting's line,
    rather than for every post as it is written. The setting's place is
    found by its whole value: a pagination pattern is one of a list's."""
    paths = [
        (name, value)
        for name, value in settings.items()
        if isinstance(value, str) and _NAMES_A_PATH.search(name)
    ]
    paths += [
        ("PAGINATION_PATTERNS", pattern[2])
        for pattern in settings.get("PAGINATION_PATTERNS") or ()
        if len(pattern) > 2 and isinstance(pattern[2], str)
    ]
    for name in _LINKED_PAGES:
        if name in settings and not settings[name]:
            # Pelican's way to write no such page; every post, its feeds and
            # the lesson pages link to them all the same, each a dead link.
            raise SettingsError(
                f"setting {name} = {settings[name]!r} writes no such page, which "
                f"the site links; give it a path such as {_LINKED_PAGES[name]!r}",
                *setting_source(name, settings.get(name)),
                rule=BAD_SETTING.name,
            )
    for name, value in paths:
        if value and value.endswith("/") and name != "THEME_STATIC_DIR":
            # Copied from its *_URL twin: Pelican wrote each page as a file
            # named like the folder (`lessons/x`, no index.html), which the
            # address `lessons/x/` does not reach, without a word.
            raise SettingsError(
                f"setting {name} = {value!r} ends in '/', a folder; it names the "
                f"file written there, such as {value + 'index.html'!r}",
                *setting_source(name, settings.get(name)),
                rule=BAD_SETTING.name,
            )
        if value and climbs(value):
            raise SettingsError(
                f"setting {name} = {value!r} climbs out of the output folder; "
                "a path in the site does not hold '../' or start with '/'",
                *setting_source(name, settings.get(name)),
                rule=BAD_SETTING.name,
            )
        size = overlong_literal(value) if value else None
        if size is not None:
            raise SettingsError(
                f"setting {name} = {shortened(value)!r} names a file, a part of "
                f"which is {size} bytes long before any slug is put in; a file system "
                f"holds {MAX_NAME_BYTES} in a name: shorten the setting",
                *setting_source(name, settings.get(name)),
                rule=BAD_SETTING.name,
            )


#: Pelican's pages of a tag, a category or an author, which the theme and
#: the plugins link wherever one is named: each with a path to suggest.
_LINKED_PAGES = {
    "TAG_SAVE_AS": "tag/{slug}/index.html",
    "CATEGORY_SAVE_AS": "category/{slug}/index.html",
    "AUTHOR_SAVE_AS": "author/{slug}/index.html",
}


def leave_out_unwritten_listings(settings: MutableMapping[str, Any]) -> None:
    """Each of Pelican's lists (the archives, the tags...) that
    ``DIRECT_TEMPLATES`` leaves out gets an empty ``*_SAVE_AS``, as one it
    writes no file for: the theme links a list only where its ``*_SAVE_AS``
    names a file. (Left out, every page's menu linked its address all the
    same, a dead link.)"""
    written = set(settings.get("DIRECT_TEMPLATES") or ())
    for listing in _DIRECT_LISTINGS:
        if listing not in written:
            settings[f"{listing.upper()}_SAVE_AS"] = ""


#: Where the home page every page links (``SITEURL/``) is written.
HOME_PAGE = "index.html"


def check_home_page(settings: Mapping[str, Any], saved_as: Iterable[str]) -> None:
    """Every page links the home page, ``SITEURL/``: Pelican's ``index``
    writes it, or a page (or static file) saved as ``index.html``. With
    ``DIRECT_TEMPLATES`` leaving out ``index`` (or ``INDEX_SAVE_AS``
    elsewhere) and no such page, every page's home link led nowhere; said
    at the setting's line once every file is known (``saved_as``: where
    each is written), before anything is written."""
    if "index" in (settings.get("DIRECT_TEMPLATES") or ()):
        if settings.get("INDEX_SAVE_AS", HOME_PAGE) == HOME_PAGE:
            return
        name, how = "INDEX_SAVE_AS", f"set it to {HOME_PAGE!r}"
    else:
        name, how = "DIRECT_TEMPLATES", "keep 'index' in it"
    if HOME_PAGE in saved_as:
        return
    raise SettingsError(
        f"setting {name} = {shortened(repr(settings.get(name)))} leaves the home "
        f"page ({HOME_PAGE}), which every page links, unwritten: {how}, or "
        f"give a page 'Save_as: {HOME_PAGE}'",
        *setting_source(name, settings.get(name)),
        rule=BAD_SETTING.name,
    )


#: Pelican's direct templates that list the site's posts or names, which
#: the theme links from every page.
_DIRECT_LISTINGS = ("archives", "tags", "categories", "authors")


#: Settings that hold the address a site lives at.
_SITE_ADDRESSES = ("SITEURL", "FEED_DOMAIN")
#: Settings that hold a list of them.
_SITE_ADDRESS_LISTS = ("WEBMENTION_SITE_URLS",)
#: Other settings that hold an address pages link to or post to.
_ADDRESSES = ("COMMENTS_FORM_ACTION", "WEBMENTION_ENDPOINT")
#: Pelican's lists of (name, address) links that themes show.
_LINK_LISTS = ("SOCIAL", "LINKS", "MENUITEMS")


def check_address_settings(settings: Mapping[str, Any]) -> None:
    """A setting that puts into the pages an address that runs
    (``javascript:``, ``data:``, hidden by a tab or an entity), or that
    cannot be one (a site's address with a query): said at the setting's
    line, before anything is read (``sitekit.siteaddresses``)."""
    for name, value, problem in _address_problems(settings):
        raise SettingsError(
            f"setting {name} = {shortened(shown_address(str(value)))!r} {problem}",
            *setting_source(name, settings.get(name)),
            rule=BAD_SETTING.name,
        )


def _address_problems(settings: Mapping[str, Any]):
    """(name, address, problem) of each address setting that is refused."""
    for name, value in settings.items():
        if not isinstance(name, str):
            continue
        if name in _SITE_ADDRESSES or name in _SITE_ADDRESS_LISTS:
            values, site, schemes = value, True, ("http", "https")
        elif name in _ADDRESSES or name.endswith("_URL"):
            values, site, schemes = value, False, ("http", "https")
        elif name in _LINK_LISTS:
            values = _link_addresses(value)
            site, schemes = False, ("http", "https", "mailto", "tel")
        else:
            continue
        for address in values if isinstance(values, list | tuple) else [values]:
            problem = (
                address_problem(address, site=site, schemes=schemes)
                if isinstance(address, str)
                else None
            )
            if problem:
                yield name, address, problem


def _link_addresses(links: Any) -> list[Any]:
    """The addresses of a list of links, in the shapes themes read: pairs
    (name, address, and more), a mapping of name to address, or mappings
    each with a ``url``, ``href`` or ``link``. Anything else is Pelican's
    and the theme's to judge."""
    if isinstance(links, Mapping):
        return list(links.values())
    if not isinstance(links, list | tuple):
        return []
    found = []
    for item in links:
        if isinstance(item, Mapping):
            found += [item[key] for key in _LINK_KEYS if key in item]
        elif isinstance(item, list | tuple) and len(item) > 1:
            found.append(item[1])
    return found


#: Keys of a link given as a mapping that hold its address.
_LINK_KEYS = ("url", "href", "link")


def shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most] + "…"
