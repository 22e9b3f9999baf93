"""Character references an HTML parser reads as an error, made ones it reads.

A post's body may hold a reference a writer typed or an old editor left:
``&#7;`` (a control character), ``&#xFFFE;`` (a non-character), ``&#0;``,
``&#xD800;`` (half of a UTF-16 pair), ``&#150;`` (Windows-1252's en dash,
which HTML reads as "–" but only after a parse error), ``&bogus;`` (a name
HTML does not know). Markdown passes every one of them through as written,
so the page failed validation, and its feed entry carried the control
character into a reader. The raw characters themselves are removed as the
file is read (``sitekit.hygiene``); this does the same for references, on
the HTML a reader made, where a reference is told apart from text that only
looks like one (in code, Markdown writes ``&amp;#7;``).

Each reference becomes what a browser would show for it: a Windows-1252 one
the character it stands for, an unknown name its own text (``&amp;bogus;``);
a carriage return a line break. One that stands for nothing a page may
carry is removed, and reported. The content of ``<script>`` and ``<style>``
is left alone: a reference there is not read as one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.entities import html5

from .text import CONTROL_CHARACTERS

#: A numeric reference (the semicolon, which HTML may do without, is
#: required: Markdown escapes the ampersand of any other) or a named one.
_REFERENCE = re.compile(
    r"&(?:#(?:[xX]([0-9a-fA-F]+)|([0-9]+))|([A-Za-z][A-Za-z0-9]*));"
)
#: The start of an element whose text is not read for references.
_RAW_TEXT_START = re.compile(r"<(script|style)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RepairedReferences:
    """The HTML with every reference readable, and the references removed."""

    html: str
    removed: tuple[str, ...]


def repair_references(markup: str) -> RepairedReferences:
    """Make each reference in ``markup`` one an HTML parser reads without
    an error, removing those that stand for no character a page may carry."""
    if "&" not in markup:
        return RepairedReferences(markup, ())
    removed: list[str] = []

    def repaired(match: re.Match[str]) -> str:
        written = match.group(0)
        name = match.group(3)
        if name is not None:
            return written if f"{name};" in html5 else f"&amp;{name};"
        digits = match.group(1) or match.group(2)
        # Past eight digits no number is a code point (and a long enough
        # run is more than Python will read as a number).
        digits = digits.lstrip("0") or "0"
        number = int(digits, 16 if match.group(1) else 10) if len(digits) <= 8 else -1
        if number in (0x09, 0x0A) or _is_character(number):
            return written  # the usual case, read without an error
        if number == 0x0D:
            return "\n"
        if 0x80 <= number <= 0x9F:
            # HTML reads these as Windows-1252 does (&#150; is "–"), but
            # five of them, which that code page leaves unassigned, as C1
            # controls: those are removed with the other controls.
            shown = html.unescape(written)
            if not CONTROL_CHARACTERS.search(shown):
                return f"&#{ord(shown)};"
        removed.append(written)
        return ""

    kept: list[str] = []
    for text, raw in _split_raw_text(markup):
        kept += [_REFERENCE.sub(repaired, text), raw]
    return RepairedReferences("".join(kept), tuple(removed))


def _split_raw_text(markup: str) -> Iterator[tuple[str, str]]:
    """``markup`` as pairs of text read for references and the raw text of
    a script or style element after it; each character is looked at a
    bounded number of times. An element left open runs to the end, as it
    does in a browser."""
    position = 0
    lowered = markup.lower()
    while (start := _RAW_TEXT_START.search(markup, position)) is not None:
        closing = f"</{start.group(1).lower()}"
        end = lowered.find(closing, start.end())
        end = len(markup) if end < 0 else end + len(closing)
        yield markup[position : start.start()], markup[start.start() : end]
        position = end
    yield markup[position:], ""


def _is_character(number: int) -> bool:
    """A code point HTML reads a reference to without an error: no control,
    surrogate or non-character, and no more than Unicode's last."""
    if number < 0x20 or 0x7F <= number <= 0x9F or 0xD800 <= number <= 0xDFFF:
        return False
    if 0xFDD0 <= number <= 0xFDEF or (number & 0xFFFE) == 0xFFFE:
        return False
    return number <= 0x10FFFF


def removed_references_message(removed: tuple[str, ...]) -> str:
    """What a finding says of the references ``repair_references`` removed
    (each named once, and shortened: a hostile one can be any length)."""
    names = ", ".join(
        dict.fromkeys(ref if len(ref) <= 16 else f"{ref[:12]}...;" for ref in removed)
    )
    return (
        f"removed {len(removed)} character reference(s) to a control character "
        f"or to no character ({names}); pages and feeds cannot carry them"
    )
