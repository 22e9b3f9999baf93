"""Lines Markdown reads as a block of their own, wherever they stand.

Python-Markdown's quote takes the rest of its block (the lines up to the
next blank one), lazy lines without ``>`` too, and a paragraph runs to a
blank line. But some lines end either, blank line or not: an ATX heading
and a rule, which the block parser splits off wherever they are in a
block, and raw HTML, which the raw HTML reader takes out before any block
is read. A callout's lines end at such a line, and so do the lines a
withheld callout takes out of a published build.

Raw HTML is read as Python-Markdown's reader reads it (``htmlparser``), and
where a line alone cannot say, the line does not end the block: a withheld
story then hides it too, failing closed. A raw block starts at a complete
block-level start tag (``<div class="x">``), comment, processing
instruction or declaration at the start of a line. A closing tag is raw
HTML only inside a raw block, so it ends the block only when alone on its
line and the same tag was opened at the start of a line above
(``open_tags``, counted by ``RawBlocks``); a stray ``</div> text``, a tag
left open (``<section`` and no ``>``) or a comment that never closes is
text, and Markdown carries the quote or paragraph on over it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from markdown.blockprocessors import HashHeaderProcessor, HRProcessor
from markdown.util import BLOCK_LEVEL_ELEMENTS

#: A complete start tag at the start of a line (its ``>`` on the line).
_START_TAG = re.compile(r"^[ ]{0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
#: A closing tag alone on its line.
_CLOSING_TAG_ALONE = re.compile(r"^[ ]{0,3}</(?P<tag>[A-Za-z][A-Za-z0-9-]*)\s*>\s*$")
#: A comment, processing instruction or declaration that closes on its line.
_WHOLE_OTHER = re.compile(
    r"^[ ]{0,3}(?:<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![A-Za-z][^>]*>)"
)


def starts_own_block(
    line: str,
    block_level_elements: Collection[str] = BLOCK_LEVEL_ELEMENTS,
    open_tags: Mapping[str, int] | None = None,
) -> bool:
    """Whether ``line`` is a block of its own to Markdown rather than more
    of the quote or paragraph above it (``block_level_elements``: the
    Markdown's own, ``Markdown.block_level_elements``; ``open_tags``: the
    block-level tags opened at a line's start above and not yet closed,
    ``None`` where nobody counted, when a closing tag alone ends it)."""
    if HashHeaderProcessor.RE.match(line) or HRProcessor.SEARCH_RE.match(line):
        return True
    if _WHOLE_OTHER.match(line):
        return True
    start = _START_TAG.match(line)
    if start is not None:
        return start["tag"].lower() in block_level_elements
    closing = _CLOSING_TAG_ALONE.match(line)
    if closing is None or closing["tag"].lower() not in block_level_elements:
        return False
    return open_tags is None or open_tags.get(closing["tag"].lower(), 0) > 0


class RawBlocks:
    """The block-level tags opened at the start of a line and not closed
    yet, counted line by line (``count``), for ``starts_own_block``."""

    def __init__(self, block_level_elements: Collection[str] = BLOCK_LEVEL_ELEMENTS):
        self.block_level_elements = block_level_elements
        self.open_tags: dict[str, int] = {}

    def count(self, line: str) -> None:
        start = _START_TAG.match(line)
        if start is not None and not start.group().endswith("/>"):
            tag = start["tag"].lower()
            if tag in self.block_level_elements:
                self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
                if f"</{tag}" in line.lower():  # opened and closed on one line
                    self.open_tags[tag] -= 1
            return
        closing = _CLOSING_TAG_ALONE.match(line)
        if closing is not None:
            tag = closing["tag"].lower()
            if self.open_tags.get(tag, 0) > 0:
                self.open_tags[tag] -= 1
