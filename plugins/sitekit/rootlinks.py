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
``alt``) hold none: a post may show such a path.
"""

from __future__ import annotations

import re
from html import unescape

from .htmltags import start_tags

#: The metadata key the links are noted under.
ROOT_LINKS = "root_relative_links"

#: Attributes whose value a browser follows (HTML's URL attributes).
_ADDRESS_NAMES = frozenset(
    {"href", "src", "poster", "data", "cite", "formaction", "action", "srcset"}
)

#: One attribute of a start tag, its value quoted or not: read in turn, so
#: a quoted value (``alt="see src=/x"``) is one value, never an attribute.
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"""
)

#: What a tag's address from the root needs: ``=``, then quotes or spaces,
#: then one ``/`` (a ``srcset`` is looked for apart). No IGNORECASE and no
#: alternation: this runs over every post, and either made it 20 times
#: slower.
_MAYBE = re.compile(r"""=[\s"']*/(?!/)""")

#: A start tag's name, which the attributes follow.
_TAG_NAME = re.compile(r"<[^\s/>]+")


def root_relative_links(html: str) -> tuple[str, ...]:
    """Each address in ``html``'s tags that starts at the server's root
    (``/x``, not ``//host/x``), as written."""
    if not html or (_MAYBE.search(html) is None and "srcset" not in html.lower()):
        return ()  # most posts: one pass in C, no tag walked
    found: list[str] = []
    for start, end in start_tags(html):
        after_name = _TAG_NAME.match(html, start)
        position = after_name.end() if after_name else start + 1
        for match in _ATTRIBUTE.finditer(html, position, end):
            name, *values = match.groups()
            if name.lower() not in _ADDRESS_NAMES:
                continue
            value = unescape(next((v for v in values if v is not None), ""))
            if name.lower() == "srcset":
                addresses = [
                    part.split()[0] for part in value.split(",") if part.split()
                ]
            else:
                addresses = [value.strip()]
            found += [
                a for a in addresses if a.startswith("/") and not a.startswith("//")
            ]
    return tuple(found)
