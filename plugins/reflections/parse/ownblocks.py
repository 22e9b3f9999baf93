"""Lines Markdown reads as a block of their own, wherever they stand.

Python-Markdown's quote takes the rest of its block (the lines up to the
next blank one), lazy lines without ``>`` too, and a paragraph runs to a
blank line. But some lines end either, blank line or not: an ATX heading
and a rule, which the block parser splits off wherever they are in a
block, and raw HTML (a block-level tag or a comment at the start of a
line), which the raw HTML reader takes out before any block is read. A
callout's lines end at such a line, and so do the lines a withheld
callout takes out of a published build.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from markdown.blockprocessors import HashHeaderProcessor, HRProcessor
from markdown.util import BLOCK_LEVEL_ELEMENTS

#: The start of a raw HTML block: a tag's name (opening or closing), or
#: none for ``<!--``, ``<?``.
_RAW_HTML_START = re.compile(r"^[ ]{0,3}<(?:/?(?P<tag>[A-Za-z][A-Za-z0-9-]*)|[!?])")


def starts_own_block(
    line: str, block_level_elements: Collection[str] = BLOCK_LEVEL_ELEMENTS
) -> bool:
    """Whether ``line`` is a block of its own to Markdown rather than more
    of the quote or paragraph above it (``block_level_elements``: the
    Markdown's own, ``Markdown.block_level_elements``)."""
    if HashHeaderProcessor.RE.match(line) or HRProcessor.SEARCH_RE.match(line):
        return True
    tag = _RAW_HTML_START.match(line)
    return tag is not None and (
        tag["tag"] is None or tag["tag"].lower() in block_level_elements
    )
