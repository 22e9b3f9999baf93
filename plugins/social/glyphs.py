"""Which characters a font can draw, so a card never draws an empty box.

A TrueType or OpenType font draws a character it has no glyph for as its
"missing glyph", an empty box ("tofu"); Pillow draws it without a word. The
bundled DejaVu fonts have no Chinese, Japanese or Korean, no emoji and no
Devanagari, all of which a title may hold. A font's ``cmap`` table lists
every character it maps to a glyph. Pillow does not expose it; fontTools,
the library made to read font tables, does (its best Unicode subtable, of
the first font of a collection, the one Pillow opens).

Nor can Pillow draw every script it has glyphs for. Arabic letters take
their joined forms, and Arabic and Hebrew run from right to left, only in
Pillow's libraqm layout; a Pillow without libraqm (its basic layout: a
wheel on a system without FriBiDi, say) would draw them apart and in
reverse order, silently, as it would the vowel signs of Devanagari and the
other Indic scripts. There such characters count as undrawable too
(``card_characters``): a card without the title is better than a wrong one.

What the fonts cannot draw is left off the card (``drawable``) and reported
by the build and ``reflect lint`` alike (``undrawable.py``).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import features

#: The name fonts give the missing glyph (glyph 0).
_MISSING_GLYPH = ".notdef"


class FontTableError(ValueError):
    """A font file without a Unicode character map that can be read."""


def font_characters(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` has a glyph for. Read once in a
    process for each state of the file (its size and time of change), by
    the settings check as the build starts and by every card alike; an
    edited font is read again."""
    file = Path(path).absolute()
    status = file.stat()
    return _font_characters(str(file), status.st_size, status.st_mtime_ns)


@cache
def _font_characters(path: str, size: int, changed: int) -> frozenset[int]:
    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap()
    except OSError:
        raise
    # fontTools raises errors of many kinds on a damaged or foreign file.
    except Exception as error:
        raise FontTableError(
            f"{path}: not a font fontTools can read ({error})"
        ) from None
    if not cmap:
        raise FontTableError(f"{path}: the font has no Unicode character map")
    return frozenset(code for code, glyph in cmap.items() if glyph != _MISSING_GLYPH)


#: Scripts whose letters only a shaping layout (libraqm) draws right:
#: Hebrew to Arabic Extended-A, the Indic scripts, Sinhala to Tibetan and
#: Myanmar, Khmer, and Hebrew and Arabic presentation forms.
_SHAPED_BLOCKS = (
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0F00, 0x109F),
    (0x1780, 0x17FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
)


@cache
def layout_shapes() -> bool:
    """Whether Pillow lays text out with libraqm, which joins, reorders
    and shapes complex scripts (its basic layout does none of it)."""
    return bool(features.check("raqm"))


def needs_shaping(character: str) -> bool:
    """Whether ``character`` is drawn right only by a shaping layout: a
    right-to-left letter, or one of a script whose letters change shape."""
    code = ord(character)
    return unicodedata.bidirectional(character) in {"R", "AL"} or any(
        first <= code <= last for first, last in _SHAPED_BLOCKS
    )


def card_characters(path: Path) -> frozenset[int]:
    """What a card draws with the font at ``path``: its glyphs, less what
    this Pillow's layout cannot draw right (``layout_shapes``)."""
    characters = font_characters(path)
    return characters if layout_shapes() else _unshaped(characters)


@cache
def _unshaped(characters: frozenset[int]) -> frozenset[int]:
    return frozenset(code for code in characters if not needs_shaping(chr(code)))


def unshapeable(text: str) -> list[str]:
    """The characters of ``text`` this Pillow cannot draw right, each once,
    in order: none where it has libraqm."""
    if layout_shapes():
        return []
    return list(dict.fromkeys(c for c in text if needs_shaping(c)))


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
