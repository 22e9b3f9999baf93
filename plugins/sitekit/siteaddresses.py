"""Addresses a person writes that the site's pages link to.

A site's address (``SITEURL``), the feeds' (``FEED_DOMAIN``), a form's
target and every page's address setting go into links as they are written;
so does a post's own ``Url:``. A browser runs a ``javascript:`` or
``vbscript:`` link, shows a ``data:`` one as a page of its own, and reads
``java<tab>script:``, `` javascript:`` or ``jav&#x61;script:`` the same way
(it drops tabs, line breaks and leading spaces from an address, and an
attribute's entities are read before the address is). Anything but an
http(s) address or a path in the site is refused, one line each; so is an
http(s) address with a user or a password (``https://me@example.org``:
published on every page, the host hidden after the ``@``, and browsers
refuse a page's styles and scripts from it) or a port out of range. A
site's own address is also refused protocol-relative (``//example.org``):
the feeds and the sitemap are made from it and must be absolute.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .outputpaths import climbs, unsafe_characters

#: A scheme, as a browser finds one: letters first, then letters, digits,
#: ``+``, ``-`` or ``.``, up to the first colon.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
#: A placeholder of a path setting (``{slug}``, ``{date:%Y}``), whose colon
#: is a format's, not a scheme's.
_FIELD = re.compile(r"\{[^{}]*\}")
#: A character reference a browser reads in an attribute: numeric, with or
#: without its ``;``, or named and closed by ``;`` (``?a=1&copy=2`` is no
#: reference there: a name followed by ``=`` is read as it is written).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;)")
#: What breaks an address out of the attribute it is written in.
_MARKUP = frozenset("\"'<>`\\")

WEB = "an http(s) address, like https://example.org/blog, or a path in the site"


def address_problem(
    value: str, *, site: bool = False, schemes: tuple[str, ...] = ("http", "https")
) -> str | None:
    """Why ``value`` cannot be an address the site's pages link to, or
    None. ``site``: it is an address a site lives at, which has no query or
    fragment (``?``, ``#``: every page's address is made by adding to it).
    ``schemes``: those it may have (a list of links may hold ``mailto:``)."""
    if not value:
        return None
    if _entity(value):
        return f"holds an HTML entity (&…;), which a browser reads first; {WEB}"
    hidden = sorted(
        {c for c in value if c.isspace() or not c.isprintable() or c in _MARKUP}
    )
    if hidden:
        shown = ", ".join(repr(c) for c in hidden)
        return f"holds {shown}, which an address cannot carry as it is; {WEB}"
    scheme = _SCHEME.match(_FIELD.sub("", value))
    named = scheme.group(1).lower() if scheme else None
    if named is not None and named not in schemes:
        return f"is a {scheme.group(1)}: address, not {WEB}"
    if named in ("http", "https"):
        if not _host(value):
            return f"names no host; {WEB}"
        authority = urlsplit(value)
        if "@" in authority.netloc:
            return (
                "names a user or a password before its host ('…@'): every page "
                "would show it, the host is what follows the '@', and browsers "
                f"load no style, script or picture from such an address; {WEB}"
            )
        try:
            _ = authority.port  # raises ValueError for a port out of range
        except ValueError:
            return f"names a port no address has (one from 0 to 65535); {WEB}"
    if site and value.startswith("//"):
        return (
            "is protocol-relative ('//host'): feeds, the sitemap and shared "
            "links would carry addresses with no scheme, which feed readers, "
            "validators and search engines refuse; write https://"
            f"{value[2:]}"
        )
    if site and ("?" in value or "#" in value):
        return (
            "holds a query or a fragment ('?' or '#'), and every page's address "
            f"is made by adding its path to it; {WEB}"
        )
    return None


def shown_address(value: str) -> str:
    """``value`` as a message may show it: a password in it (``https://me:pw@host``)
    replaced by ``***``, as a terminal, a log or a CI page is read by others."""
    return re.sub(r"(?<=://)([^/@:]*):[^/@]*@", r"\1:***@", value)


def _entity(value: str) -> bool:
    """Whether a browser would read a character reference in ``value``."""
    return any(
        html.unescape(found.group(0)) != found.group(0)
        for found in _REFERENCE.finditer(value)
    )


def _host(value: str) -> str:
    """The host of an http(s) address written as one (``https://host``)."""
    if not re.match(r"[A-Za-z]+://", value):
        return ""
    try:
        return urlsplit(value).hostname or ""
    except ValueError:  # a bracketed host that is no IP address
        return ""


def page_address_problem(url: str) -> str | None:
    """Why a post's or page's own ``Url:`` cannot be its address, or None:
    it is a path in the site, added to SITEURL (``2025/a-post/``), so it
    has no scheme or host, does not start at ``/`` or climb with ``..``,
    and holds nothing an address cannot carry as it is."""
    if _entity(url):
        return "holds an HTML entity (&…;), which a browser reads first"
    unsafe = unsafe_characters(url)
    if unsafe:
        shown = ", ".join(repr(c) for c in unsafe)
        return f"holds {shown}, which a page's address cannot carry as it is"
    if climbs(url):
        return "starts at '/' or climbs with '..': it is added to the site's address"
    return None
