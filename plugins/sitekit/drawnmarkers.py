"""Private markers that only the page draws, found where they are written.

A marker counts as the page draws it (``sitekit.drawn``): ``[!priv&#97;te]``,
``[!pri<b></b>vate]`` and ``[!p**r**ivate]`` all show ``[!private]``, and
their text is hidden. The text as written holds no marker there, so the
check that tells a writer about a marker spelt otherwise
(``misspelt-private-marker``) did not see them, and the writer never
learnt that the note was private. Here each marker of the drawn view that
the text as written does not spell is found in the text, with its
markup, so the warning can show what was typed at its line.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass

from .drawn import as_read, markup_spans
from .markers import found_markers, has_private_marker

#: A character reference, which the drawn view reads as its character.
_REFERENCE = re.compile(
    r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)"
)
#: What the drawn view takes out between two characters of a marker, but
#: for the tags and comments it reads (``sitekit.drawn.markup_spans``).
_EMPHASIS = "*_~"


@dataclass(frozen=True)
class DrawnMarker:
    """A marker only the page draws: its line (from 1), the characters the
    page draws, and what was written for them (markup included)."""

    line: int
    drawn: str
    written: str

    def markup(self) -> str:
        """What, in what was written, makes the page draw a marker."""
        kinds = []
        if "&" in self.written:
            kinds.append("a character reference")
        if "<!--" in self.written:
            kinds.append("a comment")
        if re.search(r"<(?!!--)", self.written):
            kinds.append("a tag")
        if re.search(r"[*_~]", self.written):
            kinds.append("emphasis")
        return " and ".join(kinds) or "markup"


def drawn_only_markers(text: str) -> list[DrawnMarker]:
    """Each marker the page draws from ``text`` (Markdown or HTML) that the
    text as written does not spell, in order, with its line."""
    if not any(sign in text for sign in "&<*_~"):
        return []
    drawn = as_read(text)
    if drawn == text or not has_private_marker(drawn):
        return []
    line_starts = [0, *(found.end() for found in re.finditer("\n", text))]
    written_per_line = Counter(found.line for found in found_markers(text))
    found_only: list[DrawnMarker] = []
    searched_to = 0  # a second marker on a line is written after the first
    for found in found_markers(drawn):
        line = found.line or 1
        start = max(line_starts[line - 1], searched_to)
        written, searched_to = _written_form(text, found.spelling, start)
        if written is not None:
            if has_private_marker(written):
                continue  # a marker as written: told (or fine) already
        elif written_per_line[line] > 0:
            # Not found in the text: where the text as written has a marker
            # on the line, it stands for this one.
            written_per_line[line] -= 1
            continue
        found_only.append(DrawnMarker(line, found.spelling, written or found.spelling))
    return found_only


def drawn_only_spelling(
    text: str, drawn: str, after: int = 0
) -> tuple[DrawnMarker, int] | None:
    """The first place after ``after`` in ``text`` (a whole source file)
    where a marker the page draws as ``drawn`` is written with markup that
    spells no marker as written, and where it ends: for a reader that
    hands on text it read (an .html file's ``<meta>``, a reST field),
    where the drawn view of the file itself does not show it."""
    start = after
    while True:
        written, end = _written_form(text, drawn, start, whole=True)
        if written is None:
            return None
        if not has_private_marker(written):
            line = text.count("\n", 0, end - len(written)) + 1
            return DrawnMarker(line, drawn, written), end
        start = end


def _written_form(
    text: str, drawn: str, start: int, whole: bool = False
) -> tuple[str | None, int]:
    """What was written for the characters ``drawn``, from ``start`` to the
    end of its line (of the text, if ``whole``): each as itself or as a
    reference, with the tags, comments and emphasis the drawn view takes
    out between them (None where it cannot be found); and where it ends.

    Each tag or comment is stepped over whole, where the view read it
    (``sitekit.drawn.markup_spans``): a regular expression that read them
    itself, tried at every character, read a comment from each ``[``
    inside it (``[<!--`` many times over: time in the square of the text's
    length). A try now reads a marker's length and the markup it steps
    over, and no markup is stepped over from more places than a marker
    has characters."""
    markup_ends = _markup_ends(text)
    line_end = -1 if whole else text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    first = re.compile(f"{re.escape(drawn[0])}|&")
    for candidate in first.finditer(text, start):
        if candidate.start() > line_end:
            break
        end = _match_at(text, candidate.start(), drawn, markup_ends)
        if end is not None and drawn in as_read(text[candidate.start() : end]):
            return text[candidate.start() : end], end
    return None, start


@functools.lru_cache(maxsize=4)
def _markup_ends(text: str) -> dict[int, int]:
    """Where each tag or comment of ``text`` ends, by where it starts, as
    the drawn view reads them (read once for every marker of a text)."""
    return dict(markup_spans(text))


def _match_at(
    text: str, at: int, drawn: str, markup_ends: dict[int, int]
) -> int | None:
    """Where the characters ``drawn``, written from ``at`` (each itself or
    a reference, tags, comments and emphasis between), end; None if they
    are not written there."""
    for index, char in enumerate(drawn):
        while index and at < len(text):
            if at in markup_ends:
                at = markup_ends[at]
            elif text[at] in _EMPHASIS:
                at += 1
            else:
                break
        if text.startswith(char, at):
            at += len(char)
        elif (found := _REFERENCE.match(text, at)) and html.unescape(
            found.group()
        ) == char:
            at = found.end()
        else:
            return None
    return at
