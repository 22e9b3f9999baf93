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

#: One attribute of a start tag, its value whole: a quote opened is closed.
_ATTRIBUTE = r"""\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
#: A complete start tag at the start of a line: every attribute whole and
#: its ``>`` on the line (``<div class="x>`` is text to Markdown).
_START_TAG = re.compile(
    rf"^[ ]{{0,3}}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:{_ATTRIBUTE})*\s*/?>"
)
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
    """The raw HTML block open at each line, read line by line (``count``)
    as Markdown's raw HTML reader reads it, for ``starts_own_block``: one
    opens at a complete block-level start tag at the start of a line, and
    closes where its tag's closing tag ends it, anywhere on a line (tags of
    its name opened inside it counted). Where a line alone cannot say, the
    block counts as closed, so a closing tag ends no withheld story."""

    def __init__(self, block_level_elements: Collection[str] = BLOCK_LEVEL_ELEMENTS):
        self.block_level_elements = block_level_elements
        self._tag: str | None = None  # the open block's tag
        self._depth = 0  # its tags open in it

    @property
    def open_tags(self) -> dict[str, int]:
        return {self._tag: self._depth} if self._tag else {}

    def count(self, line: str) -> None:
        rest = line
        if self._tag is None:
            start = _START_TAG.match(line)
            if start is None or start.group().endswith("/>"):
                return
            tag = start["tag"].lower()
            if tag not in self.block_level_elements or tag in _VOID:
                return
            self._tag, self._depth = tag, 1
            rest = line[start.end() :]
        name = re.escape(self._tag)
        tags = re.compile(
            rf"<(?:(?P<closing>/{name}\s*)|{name}(?:{_ATTRIBUTE})*\s*(?P<empty>/?))>",
            re.IGNORECASE,
        )
        for found in tags.finditer(rest):
            if found["empty"]:
                continue  # <div/>: opens nothing
            self._depth += -1 if found["closing"] else 1
            if self._depth == 0:
                self._tag = None
                return


#: Elements with no closing tag, which open no raw block to close.
_VOID = frozenset({"hr", "br", "img", "input", "meta", "link", "area", "base", "col"})
