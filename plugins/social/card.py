"""Draw a social preview card: a 1200×630 PNG with a post's title, its
lessons and the site name.

Pure drawing, no Pelican: what is drawn depends only on the ``Card``, the
fonts and the drawing code (this module, ``typeface.py`` and ``glyphs.py``,
which leaves out what a font has no glyph for), which is why
the image cache keys on exactly those (see ``cache.py``). Editing either
file changes every image's key, so every image is drawn again on the next
build.

A card is drawn once, as coverage: a grey-level ("L") mask where 0 is the
background and 255 is ink (``typeface.py`` draws the text). Each kind of
text has its own ink and its own part of the card, so each part's coverage
maps straight onto its ink's ramp of one fixed 16-colour palette, and the
stripe is painted in at the end. No colour is ever searched for, and 16
colours make a 4-bit PNG (``png.py``): half the bytes for zlib to compress.
The boxes the text was drawn in tell which rows hold only the stripe and
the background, so the PNG writer packs and compresses those once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from .glyphs import card_characters, drawable
from .png import Band, palette_png
from .typeface import Box, Typeface, typeface

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
TITLE_TOP = 128
SITE_NAME_TOP = 64
TEXT_SIZE = 30
LESSONS_SHOWN = 3  # and a fourth line, "and N more", if there are more


@dataclass(frozen=True)
class Ink:
    """A text colour and its anti-aliasing ramp: ``steps`` shades from the
    background to the colour, at palette indexes ``first`` onwards."""

    colour: tuple[int, int, int]
    first: int
    steps: int

    def shades(self) -> list[tuple[int, ...]]:
        return [
            tuple(
                round(back + (fore - back) * step / self.steps)
                for back, fore in zip(BACKGROUND, self.colour, strict=True)
            )
            for step in range(1, self.steps + 1)
        ]

    def lookup(self) -> list[int]:
        """Coverage (0-255) to palette index: none is the background, full
        is the colour, and the edges in between the nearest shade."""
        return [0] + [
            self.first + max(1, round(coverage * self.steps / 255)) - 1
            for coverage in range(1, 256)
        ]


# Palette index 0 is the background and 1 the stripe's accent; the title,
# the largest text, gets the finest ramp. 1 + 1 + 6 + 4 + 4 = 16 colours.
ACCENT_INDEX = 1
TITLE_INK = Ink(TEXT, 2, 6)
SITE_NAME_INK = Ink(MUTED, 8, 4)
LESSON_INK = Ink(LESSON, 12, 4)
INKS = (TITLE_INK, SITE_NAME_INK, LESSON_INK)
PALETTE = bytes(
    channel
    for colour in (BACKGROUND, ACCENT, *(s for ink in INKS for s in ink.shades()))
    for channel in colour
)
# As byte tables for ``bytes.translate``: Pillow's ``point`` rounds each of
# a table's 256 entries in Python on every call, three times a card.
LOOKUPS = {ink: bytes(ink.lookup()) for ink in INKS}


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

    @property
    def stamp(self) -> tuple[int, ...]:
        """The files' sizes and modification times: an edited font is
        read again, even by a process that drew with it before."""
        found = self.__dict__.get("_stamp")
        if found is None:
            found = tuple(
                value
                for path in (self.title, self.text)
                for value in (Path(path).stat().st_size, Path(path).stat().st_mtime_ns)
            )
            object.__setattr__(self, "_stamp", found)
        return found


def wrap(text: str, face: Typeface, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``, broken between words.

    A word wider than a whole line is broken between characters rather than
    drawn past the edge.
    """
    lines: list[str] = []
    line = ""
    line_length = 0.0
    for word in text.split():
        if line:
            length = face.joined_length(line, line_length, f" {word}")
            if length <= width:
                line, line_length = f"{line} {word}", length
                continue
            lines.append(line)
        line, line_length = word, face.length(word)
        if line_length > width:
            *whole_lines, line = _break_word(word, face, width)
            lines += whole_lines
            line_length = face.length(line)
    if line:
        lines.append(line)
    return lines


def _break_word(word: str, face: Typeface, width: float) -> list[str]:
    """A word too wide for a line, in pieces that fit."""
    pieces = [""]
    for character in word:
        if pieces[-1] and face.length(pieces[-1] + character) > width:
            pieces.append("")
        pieces[-1] += character
    return pieces


def shorten(text: str, face: Typeface, width: float) -> str:
    """``text`` on one line, cut at a word and ended with "…" if too wide."""
    if face.length(text) <= width:
        return text
    # The most words from the start that fit with the "…", counted up from
    # none: dropping them from the end measured the whole rest each time,
    # which for an imported title of thousands of words took minutes.
    words: list[str] = []
    for word in text.split():
        if face.length(" ".join([*words, word]) + "…") > width:
            break
        words.append(word)
    if words:
        return " ".join(words).rstrip(",;:.") + "…"
    return wrap(text, face, width - face.length("…"))[0] + "…"


def right_to_left(text: str) -> bool:
    """Whether ``text`` reads from right to left: its first letter with a
    direction of its own is Arabic or Hebrew, say (Unicode's rule for a
    paragraph's direction, which Pillow's layout follows to order it)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in {"L", "R", "AL"}:
            return direction != "L"
    return False


def line_left(line: str, face: Typeface, width: float) -> int:
    """Where a line starts: at the left margin, or, for a right-to-left
    line, as far right as ends it at the right margin."""
    if not right_to_left(line):
        return MARGIN
    return MARGIN + max(0, round(width - face.length(line)))


def title_lines(title: str, fonts: Fonts, width: float):
    """The largest title typeface whose lines fit, and those lines.

    At the smallest size a title still too long keeps its first lines, the
    last one ended with "…".
    """
    for size in TITLE_SIZES:
        face = typeface(fonts.title, size, fonts.stamp)
        lines = wrap(title, face, width)
        if len(lines) <= TITLE_MAX_LINES:
            return face, lines
    kept = lines[: TITLE_MAX_LINES - 1]
    rest = " ".join(lines[TITLE_MAX_LINES - 1 :])
    return face, [*kept, shorten(rest + " …", face, width)]


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
    image, rows = card_image(card, fonts)
    return palette_png(image, PALETTE, bands=rows)


def card_image(card: Card, fonts: Fonts) -> tuple[Image.Image, list[Band]]:
    """The card as palette indexes ("L"), and its rows as bands: those with
    text, and the blank ones between them."""
    coverage = Image.new("L", (WIDTH, HEIGHT), 0)
    canvas = ImageDraw.Draw(coverage)
    width = WIDTH - 2 * MARGIN
    text_face = typeface(fonts.text, TEXT_SIZE, fonts.stamp)
    line_height = round(TEXT_SIZE * 1.4)
    painted: dict[Ink, list[Box]] = {ink: [] for ink in INKS}

    # What a font has no glyph for would be drawn as an empty box: it is
    # left out (glyphs.py; the build and lint say what, undrawable.py).
    text_characters = card_characters(fonts.text)
    site_name = shorten(drawable(card.site_name, text_characters), text_face, width)
    left = line_left(site_name, text_face, width)
    box = text_face.draw(canvas, (left, SITE_NAME_TOP), site_name, keep=True)
    painted[SITE_NAME_INK].append(box)

    title = drawable(card.title, card_characters(fonts.title))
    face, lines = title_lines(title, fonts, width)
    top = TITLE_TOP
    title_leading = round(face.size * 1.18)
    for line in lines:
        left = line_left(line, face, width)
        painted[TITLE_INK].append(face.draw(canvas, (left, top), line))
        top += title_leading

    bottom = HEIGHT - MARGIN + 16
    lessons = lesson_lines(
        tuple(drawable(lesson, text_characters) for lesson in card.lessons),
        max(0, (bottom - top - 16) // line_height),
    )
    y = bottom - len(lessons) * line_height
    for line in lessons:
        line = shorten(line, text_face, width)
        left = line_left(line, text_face, width)
        painted[LESSON_INK].append(text_face.draw(canvas, (left, y), line, True))
        y += line_height

    for ink, boxes in painted.items():
        if boxes:
            box = _union(boxes)
            part = coverage.crop(box)
            shades = part.tobytes().translate(LOOKUPS[ink])
            coverage.paste(Image.frombytes("L", part.size, shades), box[:2])
    coverage.paste(ACCENT_INDEX, (0, 0, STRIPE, HEIGHT))
    return coverage, bands([box for boxes in painted.values() for box in boxes])


def bands(text_boxes: list[Box]) -> list[Band]:
    """The card's rows as bands: the rows with text, and between them rows
    that hold only the stripe and the background, which are all the same."""
    spans: list[list[int]] = []
    for top, bottom in sorted(
        (max(0, box[1]), min(HEIGHT, box[3])) for box in text_boxes
    ):
        if bottom <= top:
            continue
        if spans and top <= spans[-1][1]:  # overlaps or touches the last span
            spans[-1][1] = max(spans[-1][1], bottom)
        else:
            spans.append([top, bottom])
    found: list[Band] = []
    row = 0
    for top, bottom in spans:
        if top > row:
            found.append(Band(row, top, blank=True))
        found.append(Band(top, bottom))
        row = bottom
    if row < HEIGHT:
        found.append(Band(row, HEIGHT, blank=True))
    return found


def _union(boxes: list[Box]) -> Box:
    """The smallest box holding every box, inside the card."""
    return (
        max(0, min(box[0] for box in boxes)),
        max(0, min(box[1] for box in boxes)),
        min(WIDTH, max(box[2] for box in boxes)),
        min(HEIGHT, max(box[3] for box in boxes)),
    )
