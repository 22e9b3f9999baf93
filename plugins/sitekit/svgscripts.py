"""A static SVG that runs script when a reader opens it.

An SVG shown with ``<img>`` runs nothing, but one opened at its own address
(a link to it, "Open image in new tab") is a document of the site: a
``<script>``, an event attribute (``onload=``) or a ``javascript:`` address
in it runs with the site's own origin, as a page of the site would. A
drawing exported from a tool, or found online, can carry one unseen. So
each static file that is an SVG (its name, or its first tag) is read for
one, in chunks, at most ``MAX_READ`` bytes however large the drawing, and
the first found is one line naming the file and its line
(``script-in-static-svg``), so the writer decides. The file is copied as
it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from .rules import Finding, Rule, declare_rules

(SCRIPT_IN_STATIC_SVG,) = declare_rules(
    Rule(
        "script-in-static-svg",
        "a static SVG holding a `<script>`, an event attribute (`onload=`) or "
        "a `javascript:` address, which runs with the site's origin when the "
        "drawing is opened at its own address",
        "warning",
        "warning",
    ),
)

#: Bytes of one SVG read at most: a drawing's script sits in its markup,
#: and a larger file is read no further (the check costs time in
#: proportion to this, never to the file).
MAX_READ = 64 << 20
_CHUNK = 1 << 20
#: What of the last chunk is read again with the next, so a match cut at
#: the boundary is found whole.
_OVERLAP = 256
#: Where a drawing's script starts, in any case, with a namespace prefix
#: or none: the element, an event attribute inside a tag, an address that
#: runs (spaces and control characters a browser skips allowed inside).
_SCRIPT = re.compile(
    rb"(?P<element><(?:[a-z][\w.-]*:)?script\b)"
    rb"|<[^<>]*?[\s\"'/](?P<event>on[a-z]+\s*=)"
    rb"|(?P<address>j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:)",
    re.IGNORECASE,
)
#: An SVG's start, for a file not named ``.svg``: an XML declaration,
#: comments and a doctype, then ``<svg``.
_SVG_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_svg(path: Path, head: bytes) -> bool:
    """Whether a file is an SVG: its name says so, or its first bytes
    (``head``) start as one."""
    return path.suffix.lower() == ".svg" or _SVG_START.match(head) is not None


def svg_script_findings(path: Path, shown_path: str) -> list[Finding]:
    """One finding if the static file ``path`` is an SVG holding script.
    Raises OSError as opening ``path`` does."""
    with path.open("rb") as file:
        head = file.read(_CHUNK)
        if not looks_like_svg(path, head):
            return []
        read, before, carried = len(head), 0, b""
        chunk = head
        while chunk:
            window = carried + chunk
            found = _SCRIPT.search(window)
            if found is not None:
                start = found.start(found.lastgroup)
                line = 1 + before + window.count(b"\n", 0, start)
                what = found.group(found.lastgroup).decode("utf-8", "replace")
                return [
                    Finding(
                        SCRIPT_IN_STATIC_SVG.name,
                        f"this SVG holds script ({what.strip()!r}…), which runs "
                        "with the site's own origin when a reader opens the "
                        "drawing at its address; take it out (or save the "
                        "drawing without scripts) unless it is meant",
                        shown_path,
                        line,
                    )
                ]
            if read >= MAX_READ:
                return []
            carried = window[-_OVERLAP:]
            before += window.count(b"\n") - carried.count(b"\n")
            chunk = file.read(_CHUNK)
            read += len(chunk)
    return []
