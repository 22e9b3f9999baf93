"""Social preview images: one 1200×630 PNG per post with its title, its
lessons and the site name, a site image for every other page, and the head
tags that point link previews at them."""

from __future__ import annotations

import io
import itertools
import re
import zlib
from pathlib import Path

import lxml.html
import PIL
import pytest
from pelican import signals
from PIL import Image, ImageChops, ImageDraw, ImageStat
from sitebuild import build_site, copy_content

from sitekit.work import install_runner
from social import card as drawing
from social import png, typeface
from social.cache import CardCache
from social.card import Card, Fonts, draw_card, title_lines, wrap
from social.settings import FONTS
from social.typeface import Typeface, is_simple

SITE = "https://example.org/blog"
LIMIT = 100 * 1024
FONTS_USED = Fonts(FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans.ttf")


def head(site: Path, path: str) -> dict[str, str]:
    tree = lxml.html.fromstring((site / path).read_bytes())
    return {
        (meta.get("property") or meta.get("name")): meta.get("content")
        for meta in tree.xpath("//meta[@property or @name]")
    }


def image_file(site: Path, url: str) -> Path:
    assert url.startswith(f"{SITE}/"), url
    return site / url.removeprefix(f"{SITE}/")


def posts(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.glob("20[0-9][0-9]/*/index.html")
    )


def test_every_post_has_its_own_1200_by_630_png_of_at_most_100_kib(published_site):
    images = set()
    for post in posts(published_site):
        tags = head(published_site, post)
        path = image_file(published_site, tags["og:image"])
        images.add(path)
        assert path.stat().st_size <= LIMIT, path
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(images) == len(posts(published_site)) == 11


def test_a_post_names_its_image_with_size_and_alt_text(published_site):
    tags = head(published_site, "2025/two-levels-up/index.html")
    assert tags["og:image"] == f"{SITE}/2025/two-levels-up/preview.png"
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:card"] == "summary_large_image"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    alt = tags["og:image:alt"]
    assert alt == tags["twitter:image:alt"]
    assert alt.startswith("The conversation that started this blog")
    assert "Lessons: Learn adjacent functions; Prepare targeted questions" in alt
    assert alt.endswith("Conversations Worth Keeping.")


@pytest.mark.parametrize(
    "path", ["index.html", "reflections/index.html", "about/index.html", "404.html"]
)
def test_every_other_page_shares_the_site_image(published_site, path):
    tags = head(published_site, path)
    assert tags["og:image"] == f"{SITE}/preview.png"
    assert tags["og:image:alt"].startswith("What I learn from career conversations")
    with Image.open(image_file(published_site, tags["og:image"])) as image:
        assert image.size == (1200, 630)


def test_a_local_build_points_no_preview_at_a_relative_address(site):
    """og:image and the canonical link must be absolute; a local build's
    SITEURL is not, so its pages carry neither (the images are still drawn)."""
    tags = head(site, "2025/two-levels-up/index.html")
    assert "og:image" not in tags
    assert tags["twitter:card"] == "summary"
    tree = lxml.html.fromstring((site / "index.html").read_bytes())
    assert not tree.xpath("//link[@rel='canonical']")
    assert (site / "2025/two-levels-up/preview.png").is_file()


def written_during(build) -> list[str]:
    written: list[str] = []

    def record(path, context=None):
        written.append(str(path))

    signals.content_written.connect(record)
    try:
        build()
    finally:
        signals.content_written.disconnect(record)
    return written


class DrawCounter:
    def __init__(self):
        self.titles: list[str] = []

    def __call__(self, card: Card, fonts: Fonts) -> bytes:
        self.titles.append(card.title)
        return draw_card(card, fonts)


def test_images_are_drawn_again_only_when_their_inputs_change(tmp_path, monkeypatch):
    """Every build here is cold (Pelican's content cache is not loaded), and
    still only the cards whose inputs changed are drawn."""
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"  # both builds share output-cache/
    counter = DrawCounter()
    monkeypatch.setattr(drawing, "draw_card", counter)

    first = written_during(lambda: build_site(output, content=content))
    assert len(counter.titles) == 12  # eleven posts and the site image
    assert sum(path.endswith(".png") for path in first) == 12
    before = (output / "2025/two-levels-up/preview.png").read_bytes()

    counter.titles.clear()
    second = written_during(lambda: build_site(output, content=content))
    assert counter.titles == []
    assert sum(path.endswith(".png") for path in second) == 12
    assert (output / "2025/two-levels-up/preview.png").read_bytes() == before

    post = content / "posts/2025-09-14-two-levels-up.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Title: The conversation", "Title: The talk", 1), encoding="utf-8"
    )
    build_site(output, content=content)
    assert counter.titles == ["The talk that started this blog: asking two levels up"]
    assert (output / "2025/two-levels-up/preview.png").read_bytes() != before
    assert len(list((tmp_path / "output-cache/social-images").glob("*.png"))) == 12


CARD = Card("Asking two levels up", ("Learn adjacent functions",), "Site")


def test_the_cache_key_changes_with_everything_the_image_depends_on(
    tmp_path, monkeypatch
):
    cache = CardCache(tmp_path, FONTS_USED)
    key = cache.key(CARD)
    assert (
        cache.key(Card("Asking two levels up", ("Learn adjacent functions",), "Site"))
        == key
    )
    assert cache.key(Card("Asking three levels up", CARD.lessons, "Site")) != key
    assert cache.key(Card(CARD.title, (), "Site")) != key
    assert cache.key(Card(CARD.title, CARD.lessons, "Other site")) != key

    other_font = tmp_path / "font.ttf"
    other_font.write_bytes(FONTS_USED.title.read_bytes() + b"\0")
    assert CardCache(tmp_path, Fonts(other_font, FONTS_USED.text)).key(CARD) != key

    monkeypatch.setattr(PIL, "__version__", "0.0.0")
    assert CardCache(tmp_path, FONTS_USED).key(CARD) != key
    monkeypatch.undo()

    changed_code = tmp_path / "card.py"
    changed_code.write_text(Path(drawing.__file__).read_text() + "\n# edited\n")
    monkeypatch.setattr(drawing, "__file__", str(changed_code))
    assert CardCache(tmp_path, FONTS_USED).key(CARD) != key
    monkeypatch.undo()

    changed_layout = tmp_path / "typeface.py"
    changed_layout.write_text(Path(typeface.__file__).read_text() + "\n# edited\n")
    monkeypatch.setattr(typeface, "__file__", str(changed_layout))
    assert CardCache(tmp_path, FONTS_USED).key(CARD) != key


def test_a_damaged_stored_image_is_drawn_again_never_published(tmp_path, caplog):
    site = tmp_path / "output"
    build_site(site)
    published = (site / "2025/two-levels-up/preview.png").read_bytes()
    stored = [
        path
        for path in (tmp_path / "output-cache/social-images").glob("*.png")
        if path.read_bytes() == published
    ]
    assert len(stored) == 1
    stored[0].write_bytes(published[: len(published) // 2])  # a disk that filled up

    build_site(site)
    assert (site / "2025/two-levels-up/preview.png").read_bytes() == published
    damaged = [r for r in caplog.records if "preview image is damaged" in r.message]
    assert len(damaged) == 1 and damaged[0].levelname == "WARNING"
    assert stored[0].name in damaged[0].getMessage()


def test_images_are_handed_on_one_at_a_time_not_all_held_at_once(tmp_path):
    """A thousand images are twenty megabytes: the cache draws each card
    when its turn comes, so the build writes one away before the next."""
    drawn: list[str] = []

    def draw(card: Card, fonts: Fonts) -> bytes:
        drawn.append(card.title)
        return draw_card(card, fonts)

    cards = [Card(f"Conversation {n}", CARD.lessons, "Site") for n in range(5)]
    cache = CardCache(tmp_path, FONTS_USED, draw=draw)
    pngs = cache.pngs(cards)
    assert drawn == []
    first = next(pngs)
    assert drawn == ["Conversation 0"]
    rest = list(pngs)
    assert drawn == [f"Conversation {n}" for n in range(5)]
    assert [first, *rest] == [draw_card(card, FONTS_USED) for card in cards]
    again = list(CardCache(tmp_path, FONTS_USED, draw=draw).pngs(cards))
    assert again == [first, *rest] and len(drawn) == 5  # read back, not drawn


def eager_runner(function, items):
    """A runner that works ahead the simplest way: everything, at once."""
    return iter([function(item) for item in items])


def test_cards_drawn_ahead_are_stored_then_read_back_not_drawn_again(tmp_path, caplog):
    counter = DrawCounter()
    cards = [Card(f"Conversation {n}", CARD.lessons, "Site") for n in range(5)]
    install_runner(None, ahead=eager_runner)
    try:
        cache = CardCache(tmp_path, FONTS_USED, draw=counter)
        cache.draw_ahead(cards)
    finally:
        install_runner(None)
    assert counter.titles == [card.title for card in cards]  # none asked for yet
    stored = {path.read_bytes(): path for path in tmp_path.glob("*.png")}
    damaged = stored[draw_card(cards[2], FONTS_USED)]
    damaged.write_bytes(b"half a card")  # after the worker stored it

    pngs = list(cache.pngs(cards))
    assert pngs == [draw_card(card, FONTS_USED) for card in cards]
    # read back as stored, except the damaged one, drawn again here
    assert counter.titles[5:] == ["Conversation 2"]
    assert cache.drawn == 5
    assert sum("preview image is damaged" in r.message for r in caplog.records) == 1
    assert len(list(tmp_path.glob("*.png"))) == 5


def test_without_workers_to_draw_ahead_cards_are_drawn_when_their_turn_comes(
    tmp_path,
):
    counter = DrawCounter()
    cards = [Card(f"Conversation {n}", CARD.lessons, "Site") for n in range(3)]
    cache = CardCache(tmp_path, FONTS_USED, draw=counter)
    cache.draw_ahead(cards)
    assert counter.titles == []
    assert list(cache.pngs(cards)) == [draw_card(card, FONTS_USED) for card in cards]
    assert counter.titles == [card.title for card in cards]


def test_the_same_card_always_gives_the_same_bytes():
    assert draw_card(CARD, FONTS_USED) == draw_card(CARD, FONTS_USED)


def test_a_card_is_a_4_bit_png_in_the_themes_colours():
    with Image.open(io.BytesIO(draw_card(CARD, FONTS_USED))) as image:
        image.load()  # checks every chunk's CRC and the zlib stream
        assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
        assert image.info.get("bits", 4) == 4
        colours = {colour for _, colour in image.convert("RGB").getcolors()}
    assert {drawing.BACKGROUND, drawing.TEXT, drawing.ACCENT, drawing.LESSON} <= colours
    assert drawing.MUTED in colours  # the site name


def test_the_png_writer_keeps_every_pixel_and_colour():
    pixels = bytes((x * 7 + y * 3) % 16 for y in range(37) for x in range(51))
    image = Image.frombytes("L", (51, 37), pixels)  # an odd width, every index
    palette = bytes(range(48))
    with Image.open(io.BytesIO(png.palette_png(image, palette))) as decoded:
        assert decoded.mode == "P" and decoded.size == (51, 37)
        assert decoded.tobytes() == pixels
        assert bytes(decoded.getpalette()[:48]) == palette


@pytest.mark.parametrize(
    "text",
    [
        "AVATAR To Ty Wa",
        "The conversation that started this blog: asking two levels up",
        "Überraschend: naïve café façade — “quoted” 1,234.5 % €",
        "Ωμέγα и Кириллица",
    ],
)
def test_text_is_measured_and_drawn_as_pillow_lays_it_out(text):
    face = Typeface(FONTS_USED.title, 52)
    assert is_simple(text)
    assert face.length(text) == pytest.approx(face.font.getlength(text), abs=0.05)
    drawn = Image.new("L", (1200, 120))
    face.draw(ImageDraw.Draw(drawn), (10, 20), text)
    pillow = Image.new("L", (1200, 120))
    ImageDraw.Draw(pillow).text((10, 20), text, 255, face.font)
    # Glyphs pasted from the cache sit within a quarter pixel of Pillow's.
    difference = ImageChops.difference(drawn, pillow)
    assert ImageStat.Stat(difference).sum[0] < 0.06 * ImageStat.Stat(pillow).sum[0]
    assert drawn.getbbox() and _near(drawn.getbbox(), pillow.getbbox())


def _near(box, other, pixels=1):
    return all(abs(a - b) <= pixels for a, b in zip(box, other, strict=True))


@pytest.mark.parametrize(
    "title", ["مقابلة مع مديرة التسويق", "प्रबंधक से बातचीत", "Cafe\u0301 with a mentor"]
)
def test_text_that_needs_shaping_is_drawn_by_pillow_whole(title):
    assert not is_simple(title)
    face = Typeface(FONTS_USED.title, 52)
    assert face.length(title) == face.font.getlength(title)
    drawn = Image.new("L", (1200, 120))
    face.draw(ImageDraw.Draw(drawn), (10, 20), title)
    pillow = Image.new("L", (1200, 120))
    ImageDraw.Draw(pillow).text((10, 20), title, 255, face.font)
    assert drawn.tobytes() == pillow.tobytes()
    assert draw_card(Card(title, (), "Site"), FONTS_USED)


def test_a_crowded_card_still_fits_in_100_kib():
    crowded = Card(
        " ".join(["Überraschend lange Überschriften über Karrieregespräche"] * 6),
        tuple(f"Lesson number {n} with a long statement to shorten" for n in range(9)),
        "Conversations Worth Keeping — a very long site name indeed " * 3,
    )
    data = draw_card(crowded, FONTS_USED)
    assert len(data) <= LIMIT
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_a_long_title_keeps_three_lines_and_ends_with_an_ellipsis():
    face, lines = title_lines("word " * 80, FONTS_USED, 1040)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(face.font.getlength(line) <= 1040 for line in lines)


def test_a_titles_cost_grows_in_proportion_to_its_length(monkeypatch):
    """An imported title can run to thousands of words. Cutting the last
    line measured the whole rest once per word dropped: twice the words took
    four times as long. Counted as characters measured, not as time."""
    measured = []
    length = Typeface.length

    def counting(self, text):
        measured.append(len(text))
        return length(self, text)

    monkeypatch.setattr(Typeface, "length", counting)
    cost = {}
    for words in (2000, 4000):
        measured.clear()
        face, lines = title_lines("word " * words, FONTS_USED, 1040)
        assert len(lines) == 3 and lines[-1].endswith("…")
        assert all(face.font.getlength(line) <= 1040 for line in lines)
        cost[words] = sum(measured)

    assert cost[4000] < 2.5 * cost[2000], cost


def test_a_title_is_wrapped_between_words_at_the_largest_size_that_fits():
    title = "The conversation that started this blog: asking two levels up"
    face, lines = title_lines(title, FONTS_USED, 1040)
    assert face.size == drawing.TITLE_SIZES[0]
    assert " ".join(lines) == title
    for line, following in itertools.pairwise(lines):
        longer = f"{line} {following.split()[0]}"
        assert face.font.getlength(longer) > 1040 >= face.font.getlength(line)


def test_a_word_wider_than_the_card_is_broken_not_drawn_past_the_edge():
    face, _ = title_lines("x", FONTS_USED, 1040)
    lines = wrap("A" + "b" * 60, face, 1040)
    assert len(lines) > 1
    assert all(face.font.getlength(line) <= 1040 for line in lines)
    assert re.fullmatch(r"Ab+", "".join(lines))


CARDS_OF_EVERY_SHAPE = [
    CARD,
    Card("A", (), "S"),
    Card("x" * 300, tuple(f"Lesson {n}" for n in range(9)), "A site name " * 20),
    Card("Ωμέγα и Кириллица: مرحبا بالعالم नमस्ते", ("Ask two levels up",), "Site"),
    Card("Överraschend naïve café — “quoted”", ("One", "Two", "Three", "Four"), "Ş"),
]


def image_data(written: bytes) -> bytes:
    """A PNG's image data, inflated by zlib, which checks its Adler-32."""
    chunks, at = [], 8
    while at < len(written):
        length = int.from_bytes(written[at : at + 4], "big")
        if written[at + 4 : at + 8] == b"IDAT":
            chunks.append(written[at + 8 : at + 8 + length])
        at += 12 + length
    return zlib.decompress(b"".join(chunks))


@pytest.mark.parametrize(
    "card", CARDS_OF_EVERY_SHAPE, ids=range(len(CARDS_OF_EVERY_SHAPE))
)
def test_a_card_decodes_to_exactly_the_image_drawn(card):
    # The rows the card calls blank are written once and reused: if one of
    # them held any ink, the PNG would show a different image.
    image, bands = drawing.card_image(card, FONTS_USED)
    assert any(band.blank for band in bands) and any(not b.blank for b in bands)
    for _ in range(3):  # compressed, then kept once seen twice, then reused
        written = draw_card(card, FONTS_USED)
        assert len(image_data(written)) == 630 * (1 + 1200 // 2)
        with Image.open(io.BytesIO(written)) as decoded:
            assert decoded.tobytes() == image.tobytes()


def test_bands_cover_the_card_and_separate_text_from_blank_rows():
    boxes = [
        (80, 60, 400, 100),
        (80, 95, 900, 130),
        (80, 300, 500, 340),
        (0, 620, 9, 700),
    ]
    assert drawing.bands(boxes) == [
        png.Band(0, 60, blank=True),
        png.Band(60, 130),
        png.Band(130, 300, blank=True),
        png.Band(300, 340),
        png.Band(340, 620, blank=True),
        png.Band(620, 630),
    ]
    assert drawing.bands([]) == [png.Band(0, 630, blank=True)]


def test_the_png_writer_reuses_blank_rows_and_keeps_every_pixel():
    pixels = bytearray(51 * 37)
    for y in range(37):
        pixels[y * 51] = 1  # a stripe on every row
        if 10 <= y < 20 or y == 30:
            for x in range(5, 51, 3):
                pixels[y * 51 + x] = (x + y) % 16
    image = Image.frombytes("L", (51, 37), bytes(pixels))
    bands = [
        png.Band(0, 10, blank=True),
        png.Band(10, 20),
        png.Band(20, 30, blank=True),
        png.Band(30, 31),
        png.Band(31, 37, blank=True),
    ]
    for _ in range(3):
        written = png.palette_png(image, bytes(range(48)), bands=bands)
        with Image.open(io.BytesIO(written)) as decoded:
            decoded.load()  # checks every chunk's CRC
            assert decoded.tobytes() == bytes(pixels)
        assert len(image_data(written)) == 37 * (1 + 26)
    with pytest.raises(ValueError, match="cover every row"):
        png.palette_png(image, bytes(range(48)), bands=bands[1:])


@pytest.mark.parametrize("first_length", [0, 1, 5551, 65521, 200_003])
def test_adler32_of_two_strings_combines_as_zlib_computes_it(first_length):
    first = bytes((n * 31 + 7) % 256 for n in range(first_length))
    second = bytes((n * 17 + 3) % 256 for n in range(70_000))
    combined = png.adler32_combine(
        zlib.adler32(first), zlib.adler32(second), len(second)
    )
    assert combined == zlib.adler32(first + second)
