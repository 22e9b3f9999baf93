"""Private markers, recognised as a person reads them.

``[!private]`` is the syntax. A person reads far more as the same marker:
other case and stray spaces (``[! Private ]``), letters from another script
that look the same (a Cyrillic ``і``, a Greek ``ρ``), fullwidth brackets
(``［!private］``), invisible characters inside it (a zero-width space, a
soft hyphen) and small slips of the keyboard (``[!privte]``, ``[private]``,
``[!pirvate]``). Privacy fails closed, so every one of those counts.

Text is compared after a fold (``fold``): Unicode compatibility
decomposition (NFKD, so NFKC's folds and accents split off), format
characters, combining marks and every character that draws nothing
(``_read_past``) removed, letters
that Unicode's confusables table says look like a Latin letter or a bracket
replaced by it (the table of the confusable-homoglyphs package), then case
folding. In the folded text, a bracketed or ``!``-led token within an
optimal-string-alignment distance of ``MAX_DISTANCE`` of ``[!private]``
(rapidfuzz) is a marker. ``found_markers`` gives each with its line and the
spelling as written, so a warning can show the author what was found.

This module knows no file format: the readers decide what the structure
around a marker is (``sitekit.privateblocks`` for Markdown).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from .text import _DRAWS_NOTHING, invisible

CANONICAL = "[!private]"
#: How many single-character edits (insertion, deletion, substitution, two
#: letters swapped) a token may be from ``[!private]`` and still count.
MAX_DISTANCE = 2
_WORD = "private"

#: Bracket shapes a reader takes for square brackets, which the confusables
#: table does not map to them.
_BRACKETS = {
    **dict.fromkeys("【〔〖〘〚⟦⦋⦍⦏⁅｢「", "["),
    **dict.fromkeys("】〕〗〙〛⟧⦌⦎⦐⁆｣」", "]"),
}
#: Only these are folded to: a marker is made of them.
_TARGETS = frozenset("[]!abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

# In folded text: a short bracketed token, or a token led by `[` or `!` and
# a word of letters (a missing closing bracket, a missing `!`...).
_BRACKETED = re.compile(r"\[(?P<inner>[^\[\]\n]{1,20})\]")
_LED = re.compile(
    r"(?P<lead>[\[!][^\S\n]*(?:![^\S\n]*)*)"
    r"(?P<word>[a-z]{4,11})(?![a-z])(?P<close>[^\S\n]*\])?"
)
_SPACE = re.compile(r"\s+")


@functools.cache
def _confusables() -> dict[str, str]:
    """Each character the confusables table says looks like one of
    ``_TARGETS``, mapped to it (letters first, as a reader sees letters)."""
    from confusable_homoglyphs.confusables import confusables_data

    folded: dict[str, str] = {}
    for character, homoglyphs in confusables_data.items():
        if character.isascii():
            continue  # ASCII is read as written: `1` stays a digit
        looks_like = [h["c"] for h in homoglyphs if h["c"] in _TARGETS]
        if looks_like:
            folded[character] = min(looks_like, key=lambda c: not c.isalpha())
    return folded


def _read_past(character: str) -> bool:
    """Whether the marker test reads past ``character`` inside a marker.

    Every character that draws nothing, from the list the blank checks use
    (``sitekit.text.invisible``: controls, zero-width and other ignorable
    characters, Hangul fillers, the braille blank), but whitespace, which
    the patterns below read as spacing (and a line break ends a line). And
    more than draws nothing, since privacy fails closed: every format
    character (a few draw, as U+0600 does) and every combining mark (an
    accent draws, but ``[!prívàte]`` is read as the word under it)."""
    return unicodedata.category(character) in ("Cf", "Mn", "Me") or invisible(character)


def _separates(character: str) -> bool:
    """Whether ``character``, read past inside a marker, may stand between
    two words instead: a control or a character that draws a blank (the
    braille blank, a Hangul filler, one Unicode has not assigned), where a
    format character or a combining mark never does. ``!private⠀notes``
    reads as a marker and a word, ``[!p⠀r⠀i⠀vate]`` as one marker: the
    marker test reads such text both ways, and a marker either way counts
    (privacy fails closed)."""
    return invisible(character) and unicodedata.category(character) not in (
        "Cf",
        "Mn",
        "Me",
    )


def _character_class(codes: list[int]) -> str:
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(
        re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "")
        for low, high in runs
    )


#: Any character ``_separates`` says may stand between words.
_SEPARATOR = re.compile(
    "["
    + _character_class(
        [
            code
            for code in [
                *range(0x20),
                *range(0x7F, 0xA0),
                *(c for low, high in _DRAWS_NOTHING for c in range(low, high + 1)),
            ]
            if _separates(chr(code))
        ]
    )
    + "]"
)


class _Fold(dict):
    """A ``str.translate`` table, filled in one character at a time; with
    ``spaced``, a character that may stand between words (``_separates``)
    is read as a space rather than read past."""

    def __init__(self, spaced: bool = False) -> None:
        super().__init__()
        self.spaced = spaced

    def __missing__(self, code: int) -> str:
        parts = []
        for part in unicodedata.normalize("NFKD", chr(code)):
            if self.spaced and _separates(part):
                parts.append(" ")
                continue
            if _read_past(part):
                continue
            if not part.isascii():
                part = _BRACKETS.get(part) or _confusables().get(part, part)
            parts.append(part)
        value = "".join(parts).casefold()
        self[code] = value
        return value


_FOLD = _Fold()
_FOLD_SPACED = _Fold(spaced=True)


#: The ASCII controls that are no whitespace: read past, as they draw nothing.
_ASCII_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F])


def _folds_as_written(text: str) -> bool:
    """Whether ``fold(text)`` is ``text`` lower-cased, character for
    character: most text, read without a table. (Deleting the controls
    from the bytes is six times faster than searching for one with a
    regular expression, and fold reads every post whole.)"""
    if not text.isascii():
        return False
    if text.isprintable():
        return True
    return len(text.encode("ascii").translate(None, _ASCII_CONTROLS)) == len(text)


def fold(text: str, spaced: bool = False) -> str:
    """``text`` as the marker test compares it (see the module's docstring);
    ``spaced``: with a character that may stand between words read as a
    space (``_separates``).

    Line breaks are kept where they were, so a line of the folded text is
    the same line of ``text``.
    """
    if _folds_as_written(text):
        return text.lower()
    table = _FOLD_SPACED if spaced else _FOLD
    # Line by line: most lines are ASCII even in a text that is not.
    return "\n".join(
        line.lower() if _folds_as_written(line) else line.translate(table)
        for line in text.split("\n")
    )


def unfolded_length(text: str, folded_length: int) -> int:
    """How many characters of ``text`` fold to the first ``folded_length``
    characters of ``fold(text)``, invisible ones right after them included:
    where the text goes on after a match found in the folded text."""
    if _folds_as_written(text):
        return folded_length
    position = 0
    for index, character in enumerate(text):
        width = len(fold(character))
        if position >= folded_length and width:
            return index
        position += width
    return len(text)


@dataclass(frozen=True)
class FoundMarker:
    """A marker in a text: its line (from 1; None where unknown), as
    written, and whether it is written as ``[!private]`` exactly."""

    line: int | None
    spelling: str
    canonical: bool

    def described(self) -> str:
        """The spelling, with every character a reader cannot see named."""
        hidden = [
            f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}"
            for c in self.spelling
            if not c.isascii() or not c.isprintable()
        ]
        names = f" (with {', '.join(dict.fromkeys(hidden))})" if hidden else ""
        return f"{self.spelling!r}{names}"


def _is_marker(token: str) -> bool:
    return OSA.distance(token, CANONICAL, score_cutoff=MAX_DISTANCE) <= MAX_DISTANCE


def _spans(folded: str) -> list[tuple[int, int]]:
    """Where markers lie in folded text, as (start, end) offsets."""
    if "[" not in folded and "!" not in folded:
        return []
    spans: list[tuple[int, int]] = []
    for match in _BRACKETED.finditer(folded):
        inner = _SPACE.sub("", match.group("inner"))
        if len(inner) >= 4 and _is_marker(f"[{inner}]"):
            spans.append(match.span())
    # The bracketed spans are in order and apart, and led tokens apart from
    # each other: the one span a led token may start inside is the last to
    # start at or before it (looked up, not searched: a text of many
    # markers is read in linear time).
    bracketed_starts = [start for start, _ in spans]
    for match in _LED.finditer(folded):
        if OSA.distance(match.group("word"), _WORD) > MAX_DISTANCE:
            continue
        token = (
            _SPACE.sub("", match.group("lead"))
            + match.group("word")
            + ("]" if match.group("close") else "")
        )
        before = bisect.bisect_right(bracketed_starts, match.start()) - 1
        inside = before >= 0 and match.start() < spans[before][1]
        if _is_marker(token) and not inside:
            spans.append(match.span())
    return sorted(spans)


def has_private_marker(text: str) -> bool:
    """Whether a person would read a private marker anywhere in ``text``,
    read both ways where a character may stand between words."""
    if not text:
        return False
    if _spans(fold(text)):
        return True
    return _may_separate(text) and bool(_spans(fold(text, spaced=True)))


def _may_separate(text: str) -> bool:
    """Whether ``text`` holds a character that may stand between words
    (none in ASCII without controls: most text, not searched)."""
    return not _folds_as_written(text) and _SEPARATOR.search(text) is not None


def found_markers(text: str) -> list[FoundMarker]:
    """Every marker in ``text``, in order, with its line and spelling: read
    past what draws nothing, and, where a character may stand between
    words, with it read as a space too (``_separates``)."""
    found = _found_in(text, spaced=False)
    if not _may_separate(text):
        return found
    seen = {(marker.line, marker.spelling) for marker in found}
    more = [
        marker
        for marker in _found_in(text, spaced=True)
        if (marker.line, marker.spelling) not in seen
    ]
    if not more:
        return found
    return sorted([*found, *more], key=lambda marker: marker.line or 0)


def _found_in(text: str, spaced: bool) -> list[FoundMarker]:
    folded = fold(text, spaced)
    spans = _spans(folded)
    if not spans:
        return []
    found: list[FoundMarker] = []
    lines = text.split("\n")
    folded_lines = folded.split("\n")
    line_starts = [0]
    for line in folded_lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for start, end in spans:
        number = _line_of(line_starts, start)
        offset = line_starts[number - 1]
        spelling = _as_written(lines[number - 1], start - offset, end - offset, spaced)
        found.append(FoundMarker(number, spelling, spelling == CANONICAL))
    return found


def _line_of(line_starts: list[int], position: int) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= position:
            low = middle
        else:
            high = middle - 1
    return low + 1


def _as_written(line: str, start: int, end: int, spaced: bool = False) -> str:
    """The characters of ``line`` whose folds make up ``[start, end)`` of
    the folded line (invisible ones inside the span included)."""
    position = 0
    first = last = None
    for index, character in enumerate(line):
        width = len(fold(character, spaced))
        if first is None and position + width > start:
            first = index
        if position < end:
            last = index
        position += width
        if position >= end and first is not None:
            break
    if first is None:
        return ""
    return line[first : (last or first) + 1]
