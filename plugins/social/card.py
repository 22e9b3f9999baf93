"""Draw a social preview card: a 1200×630 PNG with a post's title, its
lessons and the site name.

Pure drawing, no Pelican: what is drawn depends only on the ``Card``, the
fonts and this module's code, which is why the image cache keys on exactly
those (see ``cache.py``). Editing this file changes every image's key, so
every image is drawn again on the next build.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The size Open Graph and Twitter's large summary card crop least.
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
STRIPE = 16

# The theme's light colours (theme/static/css/site.css), so a shared link
# looks like the site it opens.
BACKGROUND = (253, 252, 249)
TEXT = (31, 29, 26)
MUTED = (91, 86, 77)
ACCENT = (138, 59, 18)
LESSON = (29, 91, 79)

TITLE_SIZES = (68, 60, 52, 46, 40)  # largest first; the first that fits wins
TITLE_MAX_LINES = 3
TEXT_SIZE = 30
LESSONS_SHOWN = 3  # and a fourth line, "and N more", if there are more
# Every pixel of a card is the background, an ink, or an ink's anti-aliased
# edge on the background: a palette of each ink's ramp from the background
# holds them all. Mapping a card onto this one palette is a fifth of the work
# of finding a palette for each card, and gives every card the same colours.
RAMP_STEPS = 12
PALETTE_COLOURS = 1 + 4 * RAMP_STEPS


def _ramp_palette() -> Image.Image:
    colours = [BACKGROUND]
    for ink in (TEXT, MUTED, ACCENT, LESSON):
        for step in range(1, RAMP_STEPS + 1):
            share = step / RAMP_STEPS
            colours.append(
                tuple(
                    round(back + (fore - back) * share)
                    for back, fore in zip(BACKGROUND, ink, strict=True)
                )
            )
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


RAMP_PALETTE = _ramp_palette()


@dataclass(frozen=True)
class Card:
    """What one image shows."""

    title: str
    lessons: tuple[str, ...]
    site_name: str


@dataclass(frozen=True)
class Fonts:
    """TrueType files: one for the title, one for everything else."""

    title: Path
    text: Path


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``, broken between words.

    A word wider than a whole line is broken between characters rather than
    drawn past the edge.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if line and font.getlength(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines


def shorten(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """``text`` on one line, cut at a word and ended with "…" if too wide."""
    if font.getlength(text) <= width:
        return text
    words = text.split()
    while words and font.getlength(" ".join(words) + "…") > width:
        words.pop()
    if words:
        return " ".join(words).rstrip(",;:.") + "…"
    return wrap(text, font, width - font.getlength("…"))[0] + "…"


def title_lines(title: str, font_file: Path, width: float):
    """The largest title size whose lines fit, and those lines.

    At the smallest size a title still too long keeps its first lines, the
    last one ended with "…".
    """
    for size in TITLE_SIZES:
        font = ImageFont.truetype(str(font_file), size)
        lines = wrap(title, font, width)
        if len(lines) <= TITLE_MAX_LINES:
            return font, lines
    kept = lines[: TITLE_MAX_LINES - 1]
    rest = " ".join(lines[TITLE_MAX_LINES - 1 :])
    return font, [*kept, shorten(rest + " …", font, width)]


def lesson_lines(lessons: tuple[str, ...], room: int) -> list[str]:
    """One line per lesson; when they do not all fit, the last line says how
    many more there are, so the image never silently drops a lesson."""
    room = min(room, LESSONS_SHOWN + 1)
    if len(lessons) <= room:
        return [f"• {lesson}" for lesson in lessons]
    if room <= 1:
        return [f"{len(lessons)} lessons"] if room else []
    shown = [f"• {lesson}" for lesson in lessons[: room - 1]]
    return [*shown, f"+ {len(lessons) - len(shown)} more"]


def draw_card(card: Card, fonts: Fonts) -> bytes:
    """The card as PNG bytes; the same inputs always give the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, STRIPE - 1, HEIGHT), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    text_font = ImageFont.truetype(str(fonts.text), TEXT_SIZE)
    line_height = round(TEXT_SIZE * 1.4)

    draw.text((MARGIN, 64), shorten(card.site_name, text_font, width), MUTED, text_font)

    font, lines = title_lines(card.title, fonts.title, width)
    top = 128
    title_leading = round(font.size * 1.18)
    for line in lines:
        draw.text((MARGIN, top), line, TEXT, font)
        top += title_leading

    bottom = HEIGHT - MARGIN + 16
    lessons = lesson_lines(card.lessons, max(0, (bottom - top - 16) // line_height))
    y = bottom - len(lessons) * line_height
    for line in lessons:
        draw.text((MARGIN, y), shorten(line, text_font, width), LESSON, text_font)
        y += line_height

    palette = image.quantize(palette=RAMP_PALETTE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
