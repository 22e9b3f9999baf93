"""Text Python-Markdown would read in time beyond its length, found first.

Python-Markdown hands a whole post to its raw-HTML reader
(``markdown/htmlparser.py``, a subclass of the standard library's
``html.parser.HTMLParser``) before any other block is read. For every ``<``
followed by a letter it tries the standard library's start-tag pattern
(``locatestarttagend_tolerant``), which reads attributes on past spaces,
line breaks, blank lines and other ``<`` up to the next ``>`` (one inside a
quoted value does not count); where none follows, the tag is incomplete,
Markdown keeps the ``<`` as text and the next ``<`` is read the same way,
to the same far end. A post of ``a <b a <b …`` costs time in the square of
its length: 40 KB took 2 s, 80 KB 8 s, and a code span, indented code and
a ``<![CDATA[`` (read to its ``]]>``, eight times as slow) are read alike.
Neither this project's pattern nor Pelican's: only the post can be bounded.

Its link and image patterns do the same within a paragraph: from each
``[`` they read on to the ``]`` that closes it, counting the ``[`` and ``]``
between (and to the ``)`` that closes a ``(`` after it), so a paragraph of
``a [b a [b …``, ``[ [a] [ [a] …`` or ``[a](b [a](b …`` costs
time in the square of its length too, four times as slowly (20 KB took 8
s, 40 KB 34 s); the comments' bounds (``comments/bounds.py``) say the same
of a comment.

``costly_markup`` adds up, in one pass, how far each such opener is read
(a ``[`` as far as ``sitekit.linkcost`` finds Markdown's link patterns
read from it; a ``<`` to the next ``>``, or on through the quoted values before it,
an end tag ``</b`` to its ``>``, a ``<?`` at a line's start to its ``?>``,
``_TagEnds``, never short of the pattern; not at all in a fenced code
block, which Markdown puts aside first) and names the first opener read far when the
sum passes ``MAX_READ_PER_CHARACTER`` times the text's length plus
``MAX_READ_FLOOR``: what Markdown then does is bounded by a constant times
the length. A post of ordinary HTML, even one of many tags, reads each
tag once and comes nowhere near it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.fenced_code import FencedBlockPreprocessor

from .linkcost import link_reaches

#: How many times Markdown's raw-HTML reader may read each character of a
#: text, on top of ``MAX_READ_FLOOR`` characters, before the text is costly.
MAX_READ_PER_CHARACTER = 20
MAX_READ_FLOOR = 4_000_000
#: A ``<![CDATA[`` is read to its end eight times as slowly as a start tag.
CDATA_WEIGHT = 8
#: A ``[`` is read by Markdown's inline patterns four times as slowly.
BRACKET_WEIGHT = 4
#: An opener read this far or more is one the message may name.
FAR = 10_000

_OPENER = re.compile(r"<(?:/?[A-Za-z]|!\[CDATA\[|\?)")

#: A quoted attribute value opening (Markdown's ``\\s*=+\\s*`` and a quote).
_VALUE = re.compile(r"=\s*([\"'])")
_CDATA_END = re.compile(r"\]\s*\]\s*>")
#: Where a tag name ends (Markdown's ``locatestarttagend_tolerant``): one
#: that ends at a backtick ends the tag, as in a code span's `` `i<n` ``.
_TAG_NAME_END = re.compile(r"[`\t\n\r\f />\x00]")


@dataclass(frozen=True)
class CostlyMarkup:
    """Where the first opener read far stands, and how much reading the
    text's openers would take against what is allowed."""

    line: int
    read: int
    allowed: int

    @property
    def message(self) -> str:
        return (
            "Markdown would read on from its openers more than the "
            f"{self.allowed:,} characters a text of its length may cost: a `<` "
            "followed by a letter, or `</`, with no `>` after it, a `<![CDATA[` "
            "with no `]]>`, a `<?` at a line's start with no `?>`, or a `[` with "
            "no `]` to close it in its paragraph (nor `)` to close its link's "
            "target), is read to the end, again for each one, in time in the "
            "square of the length; write `&lt;` or `\\[` for one that is text, "
            "or put code in a fenced block; it is left out"
        )


def allowed_reading(length: int) -> int:
    return MAX_READ_FLOOR + MAX_READ_PER_CHARACTER * length


def most_reading(text: str) -> int:
    """The most reading the openers of ``text`` could take: every ``<``
    read to the end at a ``<![CDATA[``'s weight, every ``[`` at its own.
    No opener reads past the end, so a text under the allowance by this
    count is under it by the walk's (and the walk is spared: 70 µs a
    post at 1,000 posts, against two counts)."""
    return len(text) * (
        CDATA_WEIGHT * text.count("<") + BRACKET_WEIGHT * text.count("[")
    )


def costly_markup(text: str, fenced_code: bool = True) -> CostlyMarkup | None:
    """Whether Markdown would take ``text`` in time beyond its length (see
    the module's docstring), with the first opener read far.

    ``fenced_code``: whether Markdown reads fenced code blocks (``extra``
    or ``fenced_code``, as the site's ``MARKDOWN`` has): it puts each one
    aside before its raw-HTML reader and inline patterns see the text, so
    the ``<`` and ``[`` of code (``for (i=0; i<n; i++)``) cost nothing."""
    allowed = allowed_reading(len(text))
    if most_reading(text) <= allowed:
        return None  # nearly every post: two counts, no walk
    if fenced_code:
        text = without_fenced_code(text)
    read = 0
    first_far = None
    for start, reach in heapq.merge(_tag_reaches(text), _bracket_reaches(text)):
        read += reach
        if first_far is None and reach >= FAR:
            first_far = start
        if read > allowed:
            where = first_far if first_far is not None else start
            return CostlyMarkup(text.count("\n", 0, where) + 1, read, allowed)
    return None


def without_fenced_code(text: str) -> str:
    """``text`` with each fenced code block, as Markdown's ``fenced_code``
    finds it (its own pattern), made blank: its lines and length kept, so
    that every place and line number stays where it was."""
    return FencedBlockPreprocessor.FENCED_BLOCK_RE.sub(
        lambda block: re.sub(r"[^\n]", " ", block.group()), text
    )


def _tag_reaches(text: str) -> Iterator[tuple[int, int]]:
    """Each ``<`` opener and how far the raw-HTML reader reads from it."""
    if "<" not in text:
        return
    tag_end = _TagEnds(text)
    name_ends = [match.start() for match in _TAG_NAME_END.finditer(text)]
    instruction_ends = _places("?>", text)
    line_ends = _places("\n", text)
    for opener in _OPENER.finditer(text):
        start = opener.start()
        if opener.group() == "<?":
            if _read_as_instruction(text, start, line_ends, tag_end.closes):
                end = _next(instruction_ends, start + 2)
                yield start, (len(text) if end is None else end + 2) - start
            continue
        if opener.group().startswith("</"):
            # An end tag is read to the next `>`, quotes or not.
            yield start, tag_end.close(start) - start
            continue
        if opener.group().startswith("<!"):
            end = _CDATA_END.search(text, start)
            yield start, CDATA_WEIGHT * ((end.end() if end else len(text)) - start)
            continue
        name_end = bisect.bisect_left(name_ends, start + 2)
        if name_end < len(name_ends) and text[name_ends[name_end]] == "`":
            # The tag name ends at a backtick, where no attribute may start:
            # Markdown reads no further.
            yield start, name_ends[name_end] - start
            continue
        yield start, tag_end.after(start) - start


class _TagEnds:
    """How far Markdown's start-tag pattern may read on from a place: to
    the next ``>``, unless a quoted value (``=`` and a quote) opens before
    it, read to its closing quote past any ``>`` and on from there the same
    way; to the end where a value is never closed.

    Which ``=`` opens a value depends on what the pattern read before it
    (``<b /="="b``), so every one before the ``>`` is taken as one and the
    farthest end kept: never short of the pattern. Worked out once for
    every value, the last first, so that tags following one another
    through their values (``<b a="'" x='>' <b …``) cost one pass."""

    def __init__(self, text: str):
        self.length = len(text)
        self.closes = _places(">", text)
        self.values = [match.start(1) for match in _VALUE.finditer(text)]
        quotes = {quote: _places(quote, text) for quote in "\"'"}
        # The farthest end of the values from each one to the next `>`.
        self.farthest = [0] * (len(self.values) + 1)
        for number in range(len(self.values) - 1, -1, -1):
            value = self.values[number]
            closing = _next(quotes[text[value]], value + 1)
            end = self.length if closing is None else self.after(closing + 1)
            following = number + 1
            if following < len(self.values) and self.values[following] < self.close(
                value
            ):
                end = max(end, self.farthest[following])
            self.farthest[number] = end

    def close(self, place: int) -> int:
        close = _next(self.closes, place)
        return self.length if close is None else close

    def after(self, place: int) -> int:
        close = self.close(place)
        value = bisect.bisect_left(self.values, place)
        if value < len(self.values) and self.values[value] < close:
            return max(close, self.farthest[value])
        return close


def _read_as_instruction(
    text: str, start: int, line_ends: list[int], closes: list[int]
) -> bool:
    """Whether Markdown's raw-HTML reader reads the ``<?`` at ``start`` on
    to its ``?>``: at a line's start (three spaces at most before it), or
    where a tag may have ended a raw block earlier on its line (``intail``,
    taken as any ``>`` there); elsewhere it is text."""
    line_end = bisect.bisect_left(line_ends, start)
    line_start = line_ends[line_end - 1] + 1 if line_end else 0
    if start - line_start <= 3 and not text[line_start:start].strip(" "):
        return True
    close = bisect.bisect_left(closes, start)
    return close > 0 and closes[close - 1] >= line_start


def _next(places: list[int], start: int) -> int | None:
    """The first of ``places`` at or after ``start``."""
    found = bisect.bisect_left(places, start)
    return places[found] if found < len(places) else None


def _bracket_reaches(text: str) -> Iterator[tuple[int, int]]:
    """Each ``[`` Markdown's link and image patterns see and how far they
    read from it (``sitekit.linkcost``), at their weight."""
    for start, reach in link_reaches(text):
        yield start, BRACKET_WEIGHT * reach


def _places(character: str, text: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(character), text)]
