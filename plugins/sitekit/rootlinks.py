"""The links a page makes from the server's root: ``/images/photo.png``.

Such a link works where the site is served from a host's root (``make
serve``, a site at ``https://example.org/``), and leads out of a site
served from a folder (``https://example.github.io/blog``, a GitHub Pages
project site): the browser goes to ``example.github.io/images/photo.png``.
Pelican leaves it as written, so every reader notes these links as it
reads a file (``ROOT_LINKS``), and sourceguard names each one that leads
out of the site the settings publish (``sourceguard/rootlinks.py``).

A link is read where a browser follows one: the value of an address
attribute of a start tag (``sitekit.htmltags``), each candidate of a
``srcset``. Text, code and an attribute shown as text (``title``,
``alt``) hold none: a post may show such a path. A ``url()`` inside a
``style`` attribute is not read (CSS, not HTML).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

from .htmltags import start_tags

#: The metadata key the links are noted under.
ROOT_LINKS = "root_relative_links"
#: The metadata key of the links relative to the page (``page_relative_links``).
PAGE_RELATIVE_LINKS = "page_relative_links"

#: Attributes whose value a browser follows (HTML's URL attributes, and
#: SVG's ``xlink:href``).
_ADDRESS_NAMES = frozenset(
    {
        "href",
        "src",
        "poster",
        "data",
        "cite",
        "formaction",
        "action",
        "srcset",
        "xlink:href",
    }
)

#: One attribute of a start tag, its value quoted or not: read in turn, so
#: a quoted value (``alt="see src=/x"``) is one value, never an attribute.
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"""
)

#: What a tag's address from the root needs: ``=``, then quotes or spaces,
#: then ``/``, a ``\`` (a browser reads it as ``/``) or a character
#: reference (``&#47;``); a ``srcset`` is looked for apart. No IGNORECASE
#: and no alternation of words: this runs over every post, and either made
#: it 20 times slower.
_MAYBE = re.compile(r"""=[\s"']*[/\\&]""")

#: A quoted value that may be a path relative to the page, with an ending:
#: not an address with a scheme, nor one from the root, a fragment, a
#: query or a link Pelican rewrites. Looked for before any tag is walked.
_MAYBE_RELATIVE = re.compile(
    r"""=["'](?![a-zA-Z][\w+.-]*:|[/#?{|\\"'])[^"'<>\s]*\.\w"""
)
#: A quoted value that may be a folder relative to the page: one that
#: starts ``./`` or ``../``, or ends ``/`` (``../old-slug/``,
#: ``notes/``). Looked for when ``_MAYBE_RELATIVE`` finds no file.
_MAYBE_RELATIVE_FOLDER = re.compile(
    r"""=["'](?:\.\.?/|(?![a-zA-Z][\w+.-]*:|[/#?{|\\"'])[^"'<>\s]*/["'])"""
)
#: A scheme, which makes an address no path (``mailto:``, ``https:``).
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")

#: A start tag's name, which the attributes follow.
_TAG_NAME = re.compile(r"<[^\s/>]+")


@dataclass(frozen=True)
class RootLink:
    """A link from the server's root: as the source spells it (to find
    its line), and the address a browser reads in it (references read,
    ``\\`` as ``/``, ``..`` resolved: ``/blog/../x`` is ``/x``)."""

    written: str
    address: str


def root_relative_links(html: str) -> tuple[RootLink, ...]:
    """Each address in ``html``'s tags that a browser reads as starting at
    the server's root (``/x``, not ``//host/x``)."""
    if not html or (_MAYBE.search(html) is None and "srcset" not in html.lower()):
        return ()  # most posts: one pass in C, no tag walked
    return tuple(
        RootLink(spelt, address)
        for spelt in _addresses(html)
        if (address := _from_root(spelt)) is not None
    )


def page_relative_links(html: str) -> tuple[str, ...]:
    """Each address in ``html``'s tags that is a path relative to the page,
    as written: a file (``images/photo.png``, ``../files/cv.pdf``: no
    scheme, not from the root, a name with an ending) or a folder
    (``../old-slug/``, ``./notes/``). Such a path is read from the page's
    address, not from the source file's folder, where an editor's preview
    reads it (``sourceguard/rootlinks.py``), and leads to a file the build
    wrote or to none (``sourceguard/writtenlinks.py``)."""
    if not html or (
        _MAYBE_RELATIVE.search(html) is None
        and _MAYBE_RELATIVE_FOLDER.search(html) is None
    ):
        return ()  # most posts: a pass or two in C, no tag walked
    return tuple(
        dict.fromkeys(
            spelt for spelt in _addresses(html) if relative_address(spelt) is not None
        )
    )


def relative_file(written: str) -> str | None:
    """The path a browser reads in ``written``, if it is relative to the
    page and names a file (``images/photo.png``), unquoted."""
    read = unescape(written).strip()
    if not read or read[0] in "/\\#?{|" or _SCHEME.match(read):
        return None
    path = unquote(urlsplit(read).path)
    if not path or path.endswith("/") or not posixpath.splitext(path)[1]:
        return None
    return path


def relative_address(written: str) -> str | None:
    """The path a browser reads in ``written``, if it is relative to the
    page and names a file or a folder (``../old-slug/``: ends ``/``),
    unquoted."""
    path = relative_file(written)
    if path is not None:
        return path
    read = unescape(written).strip()
    if not read or read[0] in "/\\#?{|" or _SCHEME.match(read):
        return None
    path = unquote(urlsplit(read).path)
    if path.endswith("/") or path.startswith(("./", "../")):
        return path
    return None


def _addresses(html: str) -> list[str]:
    """Each address a browser follows in ``html``'s start tags, as written."""
    found: list[str] = []
    for start, end in start_tags(html):
        after_name = _TAG_NAME.match(html, start)
        position = after_name.end() if after_name else start + 1
        for match in _ATTRIBUTE.finditer(html, position, end):
            name, *values = match.groups()
            if name.lower() not in _ADDRESS_NAMES:
                continue
            value = next((v for v in values if v is not None), "")
            if name.lower() == "srcset":
                found += [part.split()[0] for part in value.split(",") if part.split()]
            else:
                found.append(value.strip())
    return found


def _from_root(written: str) -> str | None:
    """The path a browser reads in ``written`` if it starts at the root."""
    read = unescape(written).strip().replace("\\", "/")
    if not read.startswith("/") or read.startswith("//"):
        return None
    path = urlsplit(read).path
    resolved = posixpath.normpath(path)
    if path.endswith("/") and resolved != "/":
        resolved += "/"
    return resolved
