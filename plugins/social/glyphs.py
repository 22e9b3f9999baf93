"""Which characters a font can draw, so a card never draws an empty box.

A TrueType or OpenType font draws a character it has no glyph for as its
"missing glyph", an empty box ("tofu"); Pillow draws it without a word. The
bundled DejaVu fonts have no Chinese, Japanese or Korean, no emoji and no
Devanagari, all of which a title may hold. A font's ``cmap`` table lists
every character it maps to a glyph; Pillow does not expose it, so it is read
here (the Unicode subtables of formats 4 and 12, which every Unicode font
has, and the first font of a collection, the one Pillow opens).

What the fonts cannot draw is left off the card (``drawable``) and reported
by the build and ``reflect lint`` alike (``undrawable.py``).
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from pathlib import Path

# (platform, encoding) of Unicode cmap subtables, the fullest first.
_UNICODE_SUBTABLES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1))


class FontTableError(ValueError):
    """A font file without a Unicode character map this module can read."""


@cache
def font_characters(path: Path, stamp: object = None) -> frozenset[int]:
    """The code points the font at ``path`` has a glyph for; ``stamp``, as
    ``typeface`` takes it, tells an edited font file from the one read."""
    data = Path(path).read_bytes()
    try:
        return _characters(data, path)
    except struct.error:  # a table pointing past the end: not a whole font
        raise FontTableError(f"{path}: the font file is cut short") from None


def _characters(data: bytes, path: Path) -> frozenset[int]:
    cmap = _table(data, b"cmap")
    _, count = struct.unpack_from(">HH", data, cmap)
    offsets = {}
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        offsets.setdefault((platform, encoding), cmap + offset)
    for subtable in _UNICODE_SUBTABLES:
        if subtable in offsets:
            start = offsets[subtable]
            (kind,) = struct.unpack_from(">H", data, start)
            if kind == 12:
                return _format_12(data, start)
            if kind == 4:
                return _format_4(data, start)
    raise FontTableError(f"{path}: no Unicode character map of format 4 or 12")


def _table(data: bytes, tag: bytes) -> int:
    """Where the table ``tag`` starts in a font file, or in the first font
    of a collection (``ttcf``)."""
    font = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    (count,) = struct.unpack_from(">H", data, font + 4)
    for n in range(count):
        record = font + 12 + 16 * n
        if data[record : record + 4] == tag:
            return struct.unpack_from(">I", data, record + 8)[0]
    raise FontTableError(f"the font has no {tag.decode()} table")


def _format_12(data: bytes, start: int) -> frozenset[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    found: set[int] = set()
    for n in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * n)
        found.update(range(first + (glyph == 0), last + 1))
    return frozenset(found)


def _format_4(data: bytes, start: int) -> frozenset[int]:
    (doubled,) = struct.unpack_from(">H", data, start + 6)
    segments = doubled // 2
    ends_at = start + 14
    starts_at = ends_at + doubled + 2  # past the reserved padding
    deltas_at = starts_at + doubled
    ranges_at = deltas_at + doubled
    found: set[int] = set()
    for n in range(segments):
        (last,) = struct.unpack_from(">H", data, ends_at + 2 * n)
        (first,) = struct.unpack_from(">H", data, starts_at + 2 * n)
        (delta,) = struct.unpack_from(">h", data, deltas_at + 2 * n)
        range_place = ranges_at + 2 * n
        (range_offset,) = struct.unpack_from(">H", data, range_place)
        last = min(last, 0xFFFE)
        if range_offset == 0:
            # Every character maps to itself plus delta: glyph 0 (missing)
            # for at most one of them.
            found.update(range(first, last + 1))
            if first <= -delta & 0xFFFF <= last:
                found.discard(-delta & 0xFFFF)
            continue
        for character in range(first, last + 1):
            place = range_place + range_offset + 2 * (character - first)
            (glyph,) = struct.unpack_from(">H", data, place)
            if glyph and (glyph + delta) & 0xFFFF:
                found.add(character)
    return frozenset(found)


def has_glyph(character: str, characters: frozenset[int]) -> bool:
    """Whether the font draws ``character``: it has its glyph, or the glyphs
    of the characters it decomposes into, which Pillow's layout composes."""
    if ord(character) in characters:
        return True
    parts = unicodedata.normalize("NFD", character)
    return parts != character and all(ord(part) in characters for part in parts)


def _invisible(character: str) -> bool:
    """A control or format character (a joiner, a direction mark) or a
    variation selector: nothing to see, so nothing lost without a glyph."""
    code = ord(character)
    return (
        unicodedata.category(character) in {"Cc", "Cf"}
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def missing(text: str, characters: frozenset[int]) -> list[str]:
    """The visible characters of ``text`` the font has no glyph for, each
    once, in order."""
    found: dict[str, None] = {}
    for character in text:
        if (
            not has_glyph(character, characters)
            and not character.isspace()
            and not _invisible(character)
        ):
            found[character] = None
    return list(found)


def drawable(text: str, characters: frozenset[int]) -> str:
    """``text`` with every character the font has no glyph for left out (a
    space it lacks drawn as a plain space), and the spaces that leaves
    collapsed: ``text`` itself when the font has them all."""
    if all(ord(character) in characters for character in text):
        return text
    kept = "".join(
        character
        if has_glyph(character, characters)
        else " "
        if character.isspace()
        else ""
        for character in text
    )
    return " ".join(kept.split())
