"""Content a writer could plausibly write, and the head, microformats and
preview card it must still get right: several authors, scripts the bundled
fonts cannot draw, a summary with markup and quotes."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import mf2py
import pytest
from PIL import Image, ImageDraw, ImageFont
from sitebuild import build_site, copy_content

from social.card import (
    HEIGHT,
    MARGIN,
    STRIPE,
    TITLE_TOP,
    WIDTH,
    Card,
    Fonts,
    card_image,
    draw_card,
)
from social.glyphs import drawable, font_characters, missing
from social.settings import FONTS, font_file

SITE = "https://example.org/blog"

TWO_AUTHORS = """\
Title: Lunch with two recruiters
Slug: two-recruiters
Date: 2026-12-01
Authors: Alice Smith, Bob Jones
Summary: What two recruiters said over one lunch.
Lessons: Learn adjacent functions

We wrote this one together.
"""

SUMMARY_WITH_MARKUP = """\
Title: A summary with markup
Slug: summary-markup
Date: 2026-12-02
Summary: A <em>quoted</em> "summary" & <b>bold</b>, 'single' <script>alert(1)</script>
Lessons: Learn adjacent functions

Body.
"""

PAGE_WITH_SUMMARY = """\
Title: Mentoring
Summary: How I <em>find</em> mentors, & why "two levels up" works.

## Where to start

A long first paragraph that is not what the page is about in a sentence.
"""

SERIES_POST = """\
Title: {title}
Date: 2024-01-0{day}
Series: The interview loop
Lessons: Learn adjacent functions

Body.
"""
SERIES_TITLES = (
    "The recruiter screen, and what the recruiter was actually listening for",
    "The hiring manager round: questions about trade-offs, not about tools",
    "The panel: four interviewers, one whiteboard and a question I had rehearsed",
)

NO_WORDS_OF_ITS_OWN = """\
Title: A conversation I keep to myself
Slug: kept
Date: 2025-01-05
Lessons: Learn adjacent functions

> [!private]
> Everything here is mine.
"""
PAGE_WITHOUT_WORDS = """\
Title: Nothing yet

> [!private]
> A page I have not written.
"""


@pytest.fixture(scope="module")
def hunt_site(tmp_path_factory) -> Path:
    """The sample site and the posts above, built as `make publish` does."""
    folder = tmp_path_factory.mktemp("hunt")
    content = copy_content(folder / "content")
    posts = content / "posts"
    (posts / "2026-12-01-two-recruiters.md").write_text(TWO_AUTHORS, "utf-8")
    (posts / "2026-12-02-summary-markup.md").write_text(SUMMARY_WITH_MARKUP, "utf-8")
    (content / "pages" / "mentoring.md").write_text(PAGE_WITH_SUMMARY, "utf-8")
    (content / "pages" / "nothing-yet.md").write_text(PAGE_WITHOUT_WORDS, "utf-8")
    (posts / "2025-01-05-kept.md").write_text(NO_WORDS_OF_ITS_OWN, "utf-8")
    for day, title in enumerate(SERIES_TITLES, start=1):
        post = SERIES_POST.format(title=title, day=day)
        (posts / f"2024-01-0{day}-loop.md").write_text(post, "utf-8")
    return build_site(
        folder / "output", conf="publishconf.py", content=content, SITEURL=SITE
    )


def the_entry(site: Path, slug: str) -> dict:
    html = (site / "2026" / slug / "index.html").read_text("utf-8")
    parsed = mf2py.parse(doc=html, url=f"{SITE}/2026/{slug}/")
    (entry,) = [item for item in parsed["items"] if "h-entry" in item["type"]]
    return entry["properties"]


def json_ld(site: Path, slug: str, year: str = "2026") -> dict:
    tree = lxml.html.fromstring((site / year / slug / "index.html").read_bytes())
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_a_post_by_two_authors_names_both_as_h_cards_of_its_h_entry(hunt_site):
    authors = the_entry(hunt_site, "two-recruiters")["author"]
    assert [author["type"] for author in authors] == [["h-card"], ["h-card"]]
    assert [author["properties"]["name"] for author in authors] == [
        ["Alice Smith"],
        ["Bob Jones"],
    ]
    assert [author["properties"]["url"] for author in authors] == [
        [f"{SITE}/author/alice-smith/"],
        [f"{SITE}/author/bob-jones/"],
    ]


def test_a_post_by_two_authors_names_both_in_its_json_ld(hunt_site):
    assert json_ld(hunt_site, "two-recruiters")["author"] == [
        {"@type": "Person", "name": "Alice Smith"},
        {"@type": "Person", "name": "Bob Jones"},
    ]


def test_a_post_by_the_site_author_alone_keeps_one_h_card_and_one_person(hunt_site):
    (author,) = the_entry(hunt_site, "summary-markup")["author"]
    assert author["properties"] == {"name": ["Priya"], "url": [f"{SITE}/about/"]}
    assert json_ld(hunt_site, "summary-markup")["author"] == {
        "@type": "Person",
        "name": "Priya",
    }


# --- Characters the card's fonts cannot draw -----------------------------------

FONTS_USED = Fonts(FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans.ttf")


def missing_glyph_box(font: ImageFont.FreeTypeFont, text: str) -> bool:
    """Whether Pillow draws ``text`` as the font's missing glyph, the box."""

    def drawn(what: str) -> bytes:
        image = Image.new("L", (200, 120))
        ImageDraw.Draw(image).text((20, 20), what, 255, font)
        return image.tobytes()

    return drawn(text) == drawn("\U0010fffd")


@pytest.mark.parametrize("path", [FONTS_USED.title, FONTS_USED.text])
def test_the_character_map_read_lists_what_pillow_draws_as_a_glyph(path):
    characters = font_characters(path)
    font = ImageFont.truetype(str(path), 40)
    sample = [*"Aé€Ωж—…•", "ا", "ש", "面", "한", "🚀", "😀", "क", "\u263a"]
    for character in sample:
        assert (ord(character) in characters) != missing_glyph_box(font, character), (
            character
        )


@pytest.mark.parametrize(
    ("title", "drawn_as"),
    [
        ("面接の練習 with a mentor 🚀", "with a mentor"),
        ("Shipping it 👍🏽 on Friday", "Shipping it on Friday"),
        ("面接の練習", ""),
        ("커피챗 후기: 質問 の 準備", ":"),
    ],
)
def test_a_card_leaves_out_what_its_fonts_cannot_draw_never_drawing_boxes(
    title, drawn_as
):
    lessons = ("Learn adjacent functions",)
    assert draw_card(Card(title, lessons, "Site"), FONTS_USED) == draw_card(
        Card(drawn_as, lessons, "Site"), FONTS_USED
    )


def test_lessons_and_the_site_name_leave_out_what_the_font_cannot_draw():
    assert draw_card(
        Card("Title", ("Ask 🙋 early", "質問"), "サイト Site ✨"), FONTS_USED
    ) == draw_card(Card("Title", ("Ask early", ""), "Site"), FONTS_USED)


def test_text_the_fonts_draw_whole_is_drawn_unchanged():
    characters = font_characters(FONTS_USED.title)
    for text in ("مقابلة مع مديرة التسويق", "Café\u0301 — “quoted”", "Ωμέγα и"):
        assert drawable(text, characters) == text
        assert missing(text, characters) == []


def test_joiners_and_variation_selectors_are_not_reported_missing():
    characters = font_characters(FONTS_USED.title)
    assert missing("A 👩\u200d💻\ufe0f B", characters) == ["👩", "💻"]


JAPANESE_TITLE = """\
Title: 面接の練習 with a mentor 🚀
Slug: practice-interview
Date: 2026-12-03
Lessons: Learn adjacent functions

Body.
"""


def test_a_build_says_which_characters_a_preview_image_leaves_out(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2026-12-03-practice-interview.md"
    post.write_text(JAPANESE_TITLE, "utf-8")
    build_site(tmp_path / "output", content=content)
    said = [record.getMessage() for record in caplog.records]
    assert f"{post}:1: the preview image leaves out 面 接 の 練 習 🚀 from the " in (
        "\n".join(said)
    )
    (line,) = [line for line in said if "leaves out" in line]
    assert line.endswith(
        "SOCIAL_IMAGE_TITLE_FONT to a font that has them [undrawable-card-text]"
    )
    assert (tmp_path / "output/2026/practice-interview/preview.png").is_file()


def home_entries(site: Path) -> dict[str, dict]:
    """The home page's h-entries by URL, as a reader of the h-feed sees them."""
    html = (site / "index.html").read_text("utf-8")
    parsed = mf2py.parse(doc=html, url=f"{SITE}/")
    (feed,) = [item for item in parsed["items"] if "h-feed" in item["type"]]
    return {
        entry["properties"]["url"][0]: entry["properties"]
        for entry in feed["children"]
        if "h-entry" in entry["type"]
    }


def test_a_home_page_card_names_its_post_s_own_authors_not_the_feed_s(hunt_site):
    entries = home_entries(hunt_site)
    guest = entries[f"{SITE}/2026/two-recruiters/"]
    assert [author["properties"]["name"] for author in guest["author"]] == [
        ["Alice Smith"],
        ["Bob Jones"],
    ]
    # The site author's own posts take the h-feed's author, as before.
    assert "author" not in entries[f"{SITE}/2026/summary-markup/"]


def head(site: Path, path: str) -> dict[str, str]:
    tree = lxml.html.fromstring((site / path).read_bytes())
    return {
        (meta.get("property") or meta.get("name")): meta.get("content")
        for meta in tree.xpath("//meta[@property or @name]")
    }


def test_a_page_s_own_summary_is_its_description_as_text(hunt_site):
    tags = head(hunt_site, "mentoring/index.html")
    said = "How I find mentors, & why “two levels up” works."
    assert tags["description"] == tags["og:description"] == said
    assert tags["og:url"] == f"{SITE}/mentoring/"


def test_a_post_s_summary_with_markup_and_quotes_is_plain_text(hunt_site):
    tags = head(hunt_site, "2026/summary-markup/index.html")
    said = "A quoted “summary” & bold, ‘single’"
    assert tags["description"] == tags["og:description"] == said
    assert json_ld(hunt_site, "summary-markup")["description"] == said


def test_a_series_description_is_cut_at_a_word_and_says_it_is_cut(hunt_site):
    (page,) = hunt_site.glob("series/the-interview-loop/index.html")
    described = head(hunt_site, page.relative_to(hunt_site).as_posix())
    description = described["description"]
    assert len(description) <= 200
    assert description.endswith("…")
    whole = "A series of 3 reflections: " + "; ".join(SERIES_TITLES)
    assert whole.startswith(description.removesuffix("…"))
    assert whole[len(description) - 1] == " "  # cut between words


# --- Right-to-left text ------------------------------------------------------


def ink_box(card: Card, top: int, bottom: int) -> tuple[int, int, int, int]:
    """Where a card's rows ``top`` to ``bottom`` hold ink, the stripe aside."""
    image, _ = card_image(card, FONTS_USED)
    rows = image.crop((STRIPE, top, WIDTH, bottom))
    left, upper, right, lower = rows.getbbox()
    return left + STRIPE, upper + top, right + STRIPE, lower + top


@pytest.mark.parametrize("title", ["مقابلة مع مديرة التسويق", "שיחה עם מנהלת המוצר"])
def test_a_right_to_left_title_starts_at_the_right_margin(title):
    left, _, right, _ = ink_box(Card(title, (), "Site"), TITLE_TOP, TITLE_TOP + 90)
    assert abs(right - (WIDTH - MARGIN)) <= 4
    assert left > MARGIN + 100


def test_a_right_to_left_lesson_starts_at_the_right_margin():
    card = Card("Title", ("Learn adjacent functions", "תעשה שיעורי בית"), "Site")
    latin = ink_box(card, HEIGHT - 160, HEIGHT - 110)
    hebrew = ink_box(card, HEIGHT - 110, HEIGHT - STRIPE)
    assert abs(latin[0] - MARGIN) <= 4
    assert abs(hebrew[2] - (WIDTH - MARGIN)) <= 4


def test_a_left_to_right_title_still_starts_at_the_left_margin():
    left, _, right, _ = ink_box(Card("Ask two levels up", (), "Site"), TITLE_TOP, 220)
    assert abs(left - MARGIN) <= 6 and right < WIDTH - MARGIN - 100


# --- A reply to a comment ------------------------------------------------------


def test_a_reply_to_a_comment_is_that_comment_s_p_comment(hunt_site):
    html = (hunt_site / "2025/two-levels-up/index.html").read_text("utf-8")
    page = f"{SITE}/2025/two-levels-up/"
    parsed = mf2py.parse(doc=html, url=page)
    (entry,) = [item for item in parsed["items"] if "h-entry" in item["type"]]
    answered = {
        comment["properties"]["url"][0]: comment["properties"]
        for comment in entry["properties"]["comment"]
        if "h-cite" in comment["type"]
    }
    assert f"{page}#comment-2025-09-16-priya" not in answered
    replies = {
        comment["properties"]["url"][0]: comment
        for comment in answered[f"{page}#comment-2025-09-16-anika"]["comment"]
    }
    reply = replies[f"{page}#comment-2025-09-16-priya"]
    assert reply["type"] == ["h-cite"]
    assert reply["properties"]["author"][0]["properties"]["name"] == ["Priya"]
    assert "Honestly, yes" in reply["properties"]["content"][0]["value"]
    # A comment's own properties are its own, not its replies'.
    anika = answered[f"{page}#comment-2025-09-16-anika"]
    assert anika["author"][0]["properties"]["name"] == ["Anika Shah"]
    assert anika["url"] == [f"{page}#comment-2025-09-16-anika"]


def test_a_post_without_words_of_its_own_is_described_by_its_lessons(hunt_site):
    tags = head(hunt_site, "2025/kept/index.html")
    said = "Lessons: Learn adjacent functions."
    assert tags["description"] == tags["og:description"] == said
    assert json_ld(hunt_site, "kept", year="2025")["description"] == said


def test_a_page_without_words_of_its_own_is_described_by_its_title(hunt_site):
    tags = head(hunt_site, "nothing-yet/index.html")
    assert tags["description"] == tags["og:description"] == "Nothing yet"


def test_a_font_setting_naming_no_font_fails_as_a_setting(tmp_path):
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("Not a font at all, though it is named like one.\n")
    truncated = tmp_path / "half.ttf"
    truncated.write_bytes(FONTS_USED.title.read_bytes()[:300])
    for path in (not_a_font, truncated):
        assert font_file(str(path)) == (
            "the path of a TrueType or OpenType font file with a Unicode character map"
        )
    assert font_file(str(FONTS_USED.title)) is None
