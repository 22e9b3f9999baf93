"""Text on preview cards, each glyph drawn once per build instead of once per card.

Pillow's ``ImageDraw.text`` rasterises every glyph of a string on every
call, and measuring a string lays it out again; that was most of a card's
drawing time. A thousand cards use a few dozen characters, so a
``Typeface`` (one font at one size) keeps what FreeType made: each
character's advance, each pair's kerning (both from Pillow's own layout,
so the spacing is Pillow's), and each glyph's coverage mask at four
sub-pixel offsets. Measuring a line is then adding up, and drawing it is
pasting kept masks. Lines that recur on many cards (the site name, each
lesson) are kept whole.

Only text of simple scripts takes this path: Latin, Greek, Cyrillic and the
common punctuation and symbols, without combining marks, where a glyph's
shape and place depend on nothing but its neighbour's kerning. Any other
line (Arabic, Devanagari, accents typed as combining marks...) is measured
and drawn by Pillow as a whole, shaped by its layout engine.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: Sub-pixel offsets a glyph is drawn at: a quarter of a pixel is finer
#: than the eye tells apart at these sizes.
PHASES = 4
#: Whole lines kept (site names and lessons recur; titles rarely do), and
#: measured words and lines.
KEPT_LINES = 512
KEPT_LENGTHS = 4096
# Text whose glyphs need no shaping beyond pair kerning: Latin, Greek,
# Cyrillic and Armenian, Latin Extended Additional, Greek Extended,
# punctuation, currency and the common symbols; but no combining marks.
_NEEDS_SHAPING = re.compile(
    "[^\u0020-\u058f\u1e00-\u1fff\u2000-\u2bff]"
    "|[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u20d0-\u20ff]"
)

#: (left, top, right, bottom) of what was painted.
Box = tuple[int, int, int, int]


def is_simple(text: str) -> bool:
    return _NEEDS_SHAPING.search(text) is None


class Typeface:
    """One TrueType font at one size, with what it has drawn so far."""

    def __init__(self, path: Path, size: int):
        self.font = ImageFont.truetype(str(path), size)
        self.size = size
        self.ascent = self.font.getmetrics()[0]
        self._advances: dict[str, float] = {}
        self._kerning: dict[tuple[str, str], float] = {}
        self._glyphs: dict[tuple[str, int], tuple[Image.Image, int, int]] = {}
        self._lines: dict[str, tuple[Image.Image, int, int]] = {}
        self._lengths: dict[str, float] = {}

    def length(self, text: str) -> float:
        """How wide ``text`` is, as Pillow's ``getlength`` measures it."""
        length = self._lengths.get(text)
        if length is None:
            if is_simple(text):
                length = self._pen_positions(text)[-1]
            else:
                length = self.font.getlength(text)
            if len(self._lengths) >= KEPT_LENGTHS:
                self._lengths.clear()
            self._lengths[text] = length
        return length

    def joined_length(self, left: str, left_length: float, right: str) -> float:
        """``length(left + right)``, knowing ``left``'s: what wrapping a
        line word by word asks, without measuring the line again each time."""
        if not (left and right and is_simple(left[-1] + right[0])):
            return self.length(left + right)
        return left_length + self._kern(left[-1], right[0]) + self.length(right)

    def draw(
        self,
        canvas: ImageDraw.ImageDraw,
        xy: tuple[int, int],
        text: str,
        keep: bool = False,
    ) -> Box:
        """Draw ``text`` in white (255) on an "L" image's ``canvas``, its
        ascender line at ``xy`` as ``ImageDraw.text`` places it; ``keep``
        keeps the whole line for the next card that shows it. Returns the
        box it painted."""
        x, top = xy
        baseline = top + self.ascent
        if not is_simple(text):
            canvas.text((x, baseline), text, 255, self.font, "ls")
            left, top, right, bottom = canvas.textbbox(
                (x, baseline), text, self.font, "ls"
            )
            return left, top, right + 1, bottom
        if not keep:
            return self._draw_glyphs(canvas, x, baseline, text)
        line, left, rise = self._line(text)
        canvas.bitmap((x + left, baseline + rise), line, 255)
        return (
            x + left,
            baseline + rise,
            x + left + line.width,
            baseline + rise + line.height,
        )

    def _pen_positions(self, text: str) -> list[float]:
        """Where each character starts, then where the line ends."""
        positions = [0.0]
        pen = 0.0
        previous = ""
        for character in text:
            if previous:
                pen += self._kern(previous, character)
                positions.append(pen)
            pen += self._advance(character)
            previous = character
        positions.append(pen)
        return positions

    def _advance(self, character: str) -> float:
        advance = self._advances.get(character)
        if advance is None:
            advance = self._advances[character] = self.font.getlength(character)
        return advance

    def _kern(self, first: str, second: str) -> float:
        pair = (first, second)
        kerning = self._kerning.get(pair)
        if kerning is None:
            together = self.font.getlength(first + second)
            kerning = together - self._advance(first) - self._advance(second)
            self._kerning[pair] = kerning
        return kerning

    def _draw_glyphs(
        self, canvas: ImageDraw.ImageDraw, x: int, baseline: int, text: str
    ) -> Box:
        # One pass: the pen moves as ``_pen_positions`` moves it, and each
        # glyph is pasted where it lands (the hottest loop of a card).
        lefts: list[int] = []
        tops: list[int] = []
        rights: list[int] = []
        bottoms: list[int] = []
        pen = 0.0
        previous = ""
        for character in text:
            if previous:
                pen += self._kern(previous, character)
            previous = character
            if character != " ":
                whole = math.floor(pen)
                phase = round((pen - whole) * PHASES)
                if phase == PHASES:
                    whole, phase = whole + 1, 0
                glyph, offset, rise = self._glyph(character, phase)
                left, top = x + whole + offset, baseline + rise
                canvas.bitmap((left, top), glyph, 255)
                lefts.append(left)
                tops.append(top)
                rights.append(left + glyph.width)
                bottoms.append(top + glyph.height)
            pen += self._advance(character)
        if not lefts:
            return x, baseline, x, baseline
        return min(lefts), min(tops), max(rights), max(bottoms)

    def _glyph(self, character: str, phase: int) -> tuple[Image.Image, int, int]:
        """A glyph's coverage mask drawn ``phase / PHASES`` of a pixel to the
        right, and where its top left corner sits from the pen on the
        baseline."""
        key = (character, phase)
        found = self._glyphs.get(key)
        if found is None:
            left, top, right, bottom = self.font.getbbox(character, anchor="ls")
            mask = Image.new("L", (max(1, right - left + 1), max(1, bottom - top)))
            ImageDraw.Draw(mask).text(
                (phase / PHASES - left, -top), character, 255, self.font, "ls"
            )
            found = self._glyphs[key] = (mask, left, top)
        return found

    def _line(self, text: str) -> tuple[Image.Image, int, int]:
        """A whole line's mask, drawn from glyphs, and where its top left
        corner sits from the pen on the baseline."""
        found = self._lines.get(text)
        if found is None:
            width = math.ceil(self.length(text)) + self.size
            mask = Image.new("L", (width + self.size, 3 * self.size))
            canvas = ImageDraw.Draw(mask)
            box = self._draw_glyphs(canvas, self.size, 2 * self.size, text)
            left, top = box[0] - self.size, box[1] - 2 * self.size
            if len(self._lines) >= KEPT_LINES:
                self._lines.clear()
            found = self._lines[text] = (mask.crop(box), left, top)
        return found


@cache
def typeface(path: Path, size: int, stamp: object = None) -> Typeface:
    """This process's ``Typeface`` of the font file at ``size``. ``stamp``
    tells an edited font file from the one read before (``Fonts`` makes
    it from the file's size and modification time)."""
    return Typeface(path, size)
