"""How far Python-Markdown's link and image patterns read from each ``[``.

Markdown reads a paragraph's links with its inline patterns
(``markdown/inlinepatterns.py``), after code spans and backslash escapes
have been put aside. From each ``[`` the reference, link and short
reference patterns read its text (``getText``) to the ``]`` that closes
it, counting the ``[`` and ``]`` between, so ``[ [a] [ [a] …`` is read to
the paragraph's end from every ``[``; a reference reads on from ``] [``
to the next ``]`` (``evalId``); a link reads its target from ``](``
(``getLink``) to the ``)`` that closes it, counting ``(`` and ``)`` too,
unless a quote comes first: from there only a ``)`` right after a closing
quote ends it, and where none does it reads to the paragraph's end, then
takes the target found by counting parentheses, and the rest of the
paragraph with it when the count ran out on a ``(`` (so ``[a](b "c [a](b
"c …`` is read once, not once for each ``[``). A link that ends takes
what it read with it: its ``[`` openers are not read as links again.

``link_reaches`` follows those steps in one pass (with what each pattern
counts worked out first, by stacks and sorted places), so its sum is never
short of what Markdown reads, and is close to it: a ``[``'s reach covers
its text, and its target or its reference's, which four patterns read at
most (``BRACKET_WEIGHT`` in ``markdowncost``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from markdown.inlinepatterns import (
    BACKTICK_RE,
    BacktickInlineProcessor,
    LinkInlineProcessor,
)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: Markdown's code-span pattern and its search for the closing backticks.
_CODE_SPANS = BacktickInlineProcessor(BACKTICK_RE)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
#: What Markdown's backslash escape hides (its ``ESCAPED_CHARS``, with
#: ``extra``'s ``:`` and ``|``); quotes are hidden too where ``smarty`` is
#: on, so a paragraph holding ``\\"`` is read both ways and the more kept.
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!:|")
_QUOTES = frozenset("\"'")
_SQUARE = re.compile(r"[\[\]]")
_ROUND = re.compile(r"[()]")
#: A ``)`` right after a quote (spaces between): where a target with a
#: title may end (``getLink``'s ``last``, which skips spaces alone).
_AFTER_QUOTE = re.compile(r"([\"'])( *)\)")
_HIDDEN = "\x00"
_ANGLE = re.compile(r"[<>]")
_TITLE = re.compile(r"\s*([\"'])")


def link_reaches(text: str) -> Iterator[tuple[int, int]]:
    """Each ``[`` Markdown's link patterns see in ``text`` and how many
    characters they read from it at most, paragraph by paragraph."""
    if "[" not in text:
        return
    start = 0
    for blank in [*_BLANK_LINE.finditer(text), None]:
        end = len(text) if blank is None else blank.start()
        if text.find("[", start, end) >= 0:
            yield from _paragraph_reaches(text[start:end], start)
        if blank is not None:
            start = blank.end()


def _paragraph_reaches(paragraph: str, offset: int) -> Iterator[tuple[int, int]]:
    reaches = _reaches(as_link_patterns_see(paragraph, quotes_escaped=True))
    if "\\'" in paragraph or '\\"' in paragraph:
        other = _reaches(as_link_patterns_see(paragraph, quotes_escaped=False))
        reaches = [
            (at, max(a, b)) for (at, a), (_, b) in zip(reaches, other, strict=True)
        ]
    for at, reach in reaches:
        yield offset + at, reach


def as_link_patterns_see(paragraph: str, quotes_escaped: bool) -> str:
    """``paragraph`` with what Markdown puts aside before its link
    patterns run hidden, its places kept: each code span (found by
    Markdown's own pattern and search), then each escaped character and
    its backslash."""
    seen = paragraph
    if "`" in seen:
        seen = _code_spans_hidden(seen)
    if "\\" in seen:
        escapable = _ESCAPABLE | _QUOTES if quotes_escaped else _ESCAPABLE
        seen = _ESCAPE.sub(
            lambda m: _HIDDEN * 2 if m.group(1) in escapable else m.group(), seen
        )
    return seen


def _code_spans_hidden(text: str) -> str:
    pattern = _CODE_SPANS.getCompiledRegExp()
    pieces, position, shown = [], 0, 0
    while match := pattern.search(text, position):
        node, start, end = _CODE_SPANS.handleMatch(match, text)
        if start is None or end is None:
            position = match.end()
            continue
        if node is not None:  # a code span, or backslashes made text
            pieces += [text[shown:start], _HIDDEN * (end - start)]
            shown = end
        position = max(end, match.start() + 1)
    return "".join(pieces) + text[shown:]


def _reaches(seen: str) -> list[tuple[int, int]]:
    """Each ``[`` of ``seen`` and how far the link patterns read from it,
    following which links end and what they take with them."""
    length = len(seen)
    closes = _matched(seen, _SQUARE, "[")
    opens = sorted(closes)
    right_brackets = _places("]", seen)
    parens = _Parens(seen)
    quotes = {quote: _places(quote, seen) for quote in _QUOTES}
    after_quote = [(m.end() - 1, m.start()) for m in _AFTER_QUOTE.finditer(seen)]
    link_taken = image_taken = 0  # what the last ended link or image took
    link_target = length  # where the last ended link's target starts
    found = []
    for at in opens:
        close = closes[at]
        if close is None:
            found.append((at, length - at))
            continue
        text_read = close + 1 - at
        follows = seen[close + 1 : close + 3]
        if follows.startswith("("):
            image = at > 0 and seen[at - 1] == "!"
            tried = (
                (at >= image_taken and not link_target <= at < link_taken)
                if image
                else at >= link_taken
            )
            if not tried:
                found.append((at, text_read))
                continue
            read, taken = _target(seen, close + 1, parens, quotes, after_quote)
            if taken is not None and image:
                image_taken = taken
            elif taken is not None:
                link_taken, link_target = taken, close + 1
            found.append((at, text_read + read))
            continue
        reference = 0
        if follows[:1] == "[" or (follows[:1].isspace() and follows[1:] == "["):
            bracket = close + (1 if follows[:1] == "[" else 2)
            end = _next(right_brackets, bracket)
            reference = (length if end is None else end + 1) - (close + 1)
        found.append((at, text_read + reference))
    return found


def _target(
    seen: str,
    opening: int,
    parens: _Parens,
    quotes: dict[str, list[int]],
    after_quote: list[tuple[int, int]],
) -> tuple[int, int | None]:
    """How far ``getLink`` reads from the ``(`` at ``opening``, and where
    the link then ends (None where it does not)."""
    length = len(seen)
    match = LinkInlineProcessor.RE_LINK.match(seen, opening)
    pattern_read = _pattern_read(seen, match.end())
    if match.group(1):
        return max(match.end(), pattern_read) - opening, match.end()
    loop_start = match.end()
    firsts = [_next(quotes[quote], loop_start) for quote in _QUOTES]
    quote = min((first for first in firsts if first is not None), default=None)
    close = parens.close(opening)
    if close is not None and (quote is None or close < quote):
        return max(close + 1, pattern_read) - opening, close + 1
    if quote is None:
        return length - opening, None
    primary = seen[quote]
    other = _next(quotes["'" if primary == '"' else '"'], quote)
    candidate = bisect.bisect_left(after_quote, (quote, -1))
    for index in range(candidate, len(after_quote)):  # two at most fail
        end, before = after_quote[index]
        if (seen[before] == primary and before > quote) or (
            seen[before] != primary and other is not None and before > other
        ):
            return end + 1 - opening, end + 1
    # No `)` after a closing quote: read to the end, then the target is
    # where counting parentheses ran out, if it did (``last_bracket``):
    # on a `(`, the link takes all that follows (Markdown's end at -1).
    depth = parens.depth(opening, quote)
    spent = parens.nth_after(quote, depth)
    if spent is None:
        return length - opening, None
    return length - opening, spent + 1 if seen[spent] == ")" else length


def _pattern_read(seen: str, after_spaces: int) -> int:
    """How far ``RE_LINK`` may read: through an ``<address>`` and a quoted
    title after it, failing or not."""
    if not seen.startswith("<", after_spaces):
        return after_spaces
    end = _ANGLE.search(seen, after_spaces + 1)
    if end is None:
        return len(seen)
    if seen[end.start()] == ">":
        title = _TITLE.match(seen, end.end())
        if title is not None:
            closing = seen.find(title.group(1), title.end())
            return len(seen) if closing < 0 else closing + 1
    return end.end()


class _Parens:
    """The parentheses ``getLink`` counts, and which closes which."""

    def __init__(self, seen: str):
        self.places = [m.start() for m in _ROUND.finditer(seen)]
        self.closes = _matched(seen, _ROUND, "(")
        self.seen = seen
        # How many more `(` than `)` stand before each parenthesis.
        self.before: list[int] = []
        depth = 0
        for place in self.places:
            self.before.append(depth)
            depth += 1 if seen[place] == "(" else -1

    def close(self, opening: int) -> int | None:
        return self.closes.get(opening)

    def depth(self, opening: int, place: int) -> int:
        """``getLink``'s count at ``place``: its ``(`` and those open since."""
        first = bisect.bisect_left(self.places, opening)
        last = bisect.bisect_left(self.places, place)
        after = self.before[last] if last < len(self.places) else self._end_depth()
        return after - self.before[first]

    def nth_after(self, place: int, count: int) -> int | None:
        index = bisect.bisect_left(self.places, place) + count - 1
        return self.places[index] if count > 0 and index < len(self.places) else None

    def _end_depth(self) -> int:
        if not self.places:
            return 0
        last = self.places[-1]
        return self.before[-1] + (1 if self.seen[last] == "(" else -1)


def _matched(seen: str, pattern: re.Pattern, opener: str) -> dict[int, int | None]:
    """Each opener and the closer that brings the count back (or None)."""
    matched: dict[int, int | None] = {}
    stack: list[int] = []
    for match in pattern.finditer(seen):
        if match.group() == opener:
            stack.append(match.start())
            matched[match.start()] = None
        elif stack:
            matched[stack.pop()] = match.start()
    return matched


def _next(places: list[int], start: int) -> int | None:
    found = bisect.bisect_left(places, start)
    return places[found] if found < len(places) else None


def _places(character: str, text: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(character), text)]
