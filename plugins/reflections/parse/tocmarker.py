"""A ``[TOC]`` with no heading to list: nothing shown, and told at its line.

The table of contents lists a post's headings of the levels its
``toc_depth`` names (2 and 3 in this site: ``##`` and ``###``). Where a
post asks for one and has no such heading (none at all, or ``#`` ones
only), Python-Markdown's toc extension (and ``sitekit.toc``, which makes
the same output) puts a box titled "Contents" over an empty list. Once the
toc extension has run, ``unfilled_tables_of_contents`` takes such boxes out
and says where the marker was, so the writer learns why their ``[TOC]``
shows nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markdown import Markdown
from markdown.extensions.toc import TocExtension

from sitekit.rules import Finding

from .fences import fenced_code_lines

#: After the toc extension's tree processor (5), before the callouts are
#: recorded with their finished HTML.
PRIORITY = 4


def unfilled_tables_of_contents(
    root: etree.Element, md: Markdown, source_lines: Sequence[str]
) -> list[Finding]:
    """Remove every table of contents with nothing in its list from
    ``root``; a finding at the marker's line if there was one."""
    toc = next(
        (e for e in md.registeredExtensions if isinstance(e, TocExtension)), None
    )
    if toc is None:
        return []
    parents = {
        child: parent
        for parent in root.iter()
        for child in parent
        if child.tag == "div" and "toc" in (child.get("class") or "").split()
    }
    empty = [box for box in parents if not any(box.iter("li"))]
    if not empty:
        return []
    for box in empty:
        parents[box].remove(box)
    marker, depth = toc.getConfig("marker"), toc.getConfig("toc_depth")
    code = fenced_code_lines("\n".join(source_lines))
    line = next(
        (
            number
            for number, text in enumerate(source_lines, 1)
            if text.strip() == marker and number - 1 not in code
        ),
        None,
    )
    return [
        Finding(
            "toc-without-headings",
            f"{marker} lists the headings of levels {depth} (toc_depth), and there "
            f"are none: add such headings (`## A part`) or remove {marker}; "
            "nothing is shown in its place",
            line=line,
        )
    ]
