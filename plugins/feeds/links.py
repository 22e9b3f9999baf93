"""Every address in a post's HTML made absolute, for its feed entries.

Feed readers resolve a relative address against the feed, or not at all,
never against the post, so each leaves here absolute: every attribute that
holds one (``href``, ``src``, ``poster``, ``cite``, ``action``...), written
quoted or not, and each candidate of a ``srcset``. Only the start tags that
hold a relative address are written again; every other byte stays as the
post has it. (Rebuilding the fragment with lxml, as before, missed
``srcset``, ``poster`` and unquoted values, and its HTML 4 parser turned
HTML5's empty elements, ``<source>``, ``<track>``, ``<wbr>``, into ones
wrapping what follows them.)
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

#: Attributes whose value is one address.
URL_ATTRIBUTES = frozenset(
    {
        *("href", "src", "poster", "cite", "action", "formaction"),
        *("data", "background", "longdesc", "xlink:href"),
    }
)
#: Attributes whose value is a list of images, each an address and a size.
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})

#: An address with a scheme (``https:``, ``mailto:``). A protocol-relative
#: one (``//cdn.example/x``) is made absolute too: a reader resolves it
#: against a feed it may have fetched over either scheme, or not at all.
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.\-]*:", re.I)
#: A fragment that may hold a relative address: one of the attributes with
#: a value that does not start with a scheme, or a srcset. Most fragments
#: have none (Pelican expands ``{filename}`` links), and are not parsed.
_MAYBE_RELATIVE = re.compile(
    r"[\s\"'/](?:{addresses})\s*+=\s*+[\"']?+\s*+(?![a-z][a-z0-9+.\-]*:)"
    r"|[\s\"'/](?:{lists})\s*=".format(
        addresses="|".join(sorted(URL_ATTRIBUTES)),
        lists="|".join(sorted(SRCSET_ATTRIBUTES)),
    ),
    re.I,
)
_SRCSET_SPACE = re.compile(r"[\s,]*")
_SRCSET_URL = re.compile(r"\S+")
_SRCSET_DESCRIPTORS = re.compile(r"[^,]*")


def absolute_links(fragment: str, base: str) -> str:
    """``fragment`` with each relative address made absolute against ``base``."""
    if not fragment or not _MAYBE_RELATIVE.search(fragment):
        return fragment
    finder = _StartTags()
    finder.feed(fragment)
    finder.close()
    lines = [0, *(match.end() for match in re.finditer("\n", fragment))]
    pieces, done = [], 0
    for (line, column), raw, attributes in finder.tags:
        start = lines[line - 1] + column
        rewritten = _rewritten(raw, attributes, base)
        if rewritten is not None:
            pieces += [fragment[done:start], rewritten]
            done = start + len(raw)
    return "".join(pieces) + fragment[done:]


class _StartTags(HTMLParser):
    """Where each start tag is, as written, with its attributes read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[tuple[int, int], str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((self.getpos(), self.get_starttag_text(), attrs))

    handle_startendtag = handle_starttag


def _rewritten(raw: str, attributes: list, base: str) -> str | None:
    """The start tag ``raw`` with its addresses absolute, or None when it
    holds no relative one."""
    changed = False
    written = []
    for name, value in attributes:
        if value is not None and name in URL_ATTRIBUTES and _relative(value):
            value, changed = urljoin(base, value.strip()), True
        elif value is not None and name in SRCSET_ATTRIBUTES:
            absolute = _absolute_srcset(value, base)
            value, changed = absolute, changed or absolute != value
        written.append(
            name if value is None else f'{name}="{html.escape(value, quote=True)}"'
        )
    if not changed:
        return None
    name = re.match(r"<([^\s/>]+)", raw).group(1)
    closing = "/>" if raw.rstrip().endswith("/>") else ">"
    return f"<{' '.join([name, *written])}{closing}"


def _relative(address: str) -> bool:
    return not _ABSOLUTE.match(address.strip())


def _absolute_srcset(srcset: str, base: str) -> str:
    """Each candidate's address absolute; spacing, commas and sizes kept."""
    pieces, position = [], 0
    while position < len(srcset):
        space = _SRCSET_SPACE.match(srcset, position)
        pieces.append(space.group())
        position = space.end()
        if position >= len(srcset):
            break
        address = _SRCSET_URL.match(srcset, position).group()
        position += len(address)
        kept = address.rstrip(",")
        commas = address[len(kept) :]
        pieces.append(urljoin(base, kept) if _relative(kept) else kept)
        pieces.append(commas)
        if not commas:
            descriptors = _SRCSET_DESCRIPTORS.match(srcset, position)
            pieces.append(descriptors.group())
            position = descriptors.end()
    return "".join(pieces)
