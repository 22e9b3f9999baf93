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

import re
from collections import Counter
from dataclasses import dataclass

from .drawn import as_read
from .htmltags import BOGUS_COMMENT_PATTERN, COMMENT_PATTERN, TAG_PATTERN
from .markers import found_markers, has_private_marker

#: What the drawn view takes out between two characters of a marker: a
#: comment, a tag (``sitekit.htmltags``, as ``sitekit.drawn`` reads one)
#: or emphasis marks.
_BETWEEN = rf"(?:{COMMENT_PATTERN}|{TAG_PATTERN}|{BOGUS_COMMENT_PATTERN}|</>|[*_~])*+"
#: A character reference, which the drawn view reads as its character.
_REFERENCE = r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)"


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
    reference, with tags, comments and emphasis between them (None where
    it cannot be found); and where it ends."""
    pattern = re.compile(
        _BETWEEN.join(f"(?:{re.escape(char)}|{_REFERENCE})" for char in drawn),
        re.DOTALL,
    )
    line_end = -1 if whole else text.find("\n", start)
    for match in pattern.finditer(text, start):
        if line_end != -1 and match.start() > line_end:
            break
        if drawn in as_read(match.group()):
            return match.group(), match.end()
    return None, start
