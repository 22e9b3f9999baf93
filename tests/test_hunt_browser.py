"""The theme in a real browser on what a writer could plausibly write: a
long unbroken word, address or code line, a wide table, a long tag, nested
lists and quotes, a footnote, right-to-left text and emoji, read at phone,
tablet and desktop widths, on screen and in print.

The sites are the sample's copies with such posts added, built once per
module as a user builds them.
"""

from __future__ import annotations

import re
import shutil

import pytest
from browser import serve
from sitebuild import build_site, copy_project

pytestmark = pytest.mark.browser

LONG_WORD = "Supercalifragilisticexpialidociousnessandantidisestablishmentarianism"
LONG_ADDRESS = "https://example.org/" + "/".join(["a-path-that-never-breaks"] * 8)
LONG_TAG = "internationalisation-and-localisation-of-enterprise-resource-planning"
ARABIC_SENTENCE = "هذا نص عربي عن المحادثة."
ARGUMENTS = ", ".join(f"argument_{n}" for n in ("one", "two", "three", "four"))

LONG_WORDS_POST = f"""Title: {LONG_WORD}: a title a phone cannot hold on one line 🚀
Slug: long-words
Date: 2026-11-30 10:00
Category: Informational interviews
Tags: networking, {LONG_TAG}, عربي, emoji 🎉
Summary: A post with everything a writer might paste: {LONG_ADDRESS}
Who: Someone called {LONG_WORD}
Role: {ARABIC_SENTENCE}
Met: {LONG_ADDRESS}
Format: Coffee ☕
Lessons: Learn adjacent functions
Question: {LONG_WORD}{LONG_WORD}?

{LONG_WORD} is a word, and {LONG_ADDRESS} an address; `{LONG_WORD}_in_code`.

```python
def a_function_with_a_very_long_line({ARGUMENTS}):
    return {ARGUMENTS.replace(", ", " + ")}
```

- one
    - two
        - three: {LONG_WORD}

> A quote
>
> > a quote in it: {LONG_WORD}

A footnote here[^1].

[^1]: It points at {LONG_ADDRESS}.

{ARABIC_SENTENCE}

Emoji: {"🎉" * 40}

> [!lesson] Learn adjacent functions
> {LONG_WORD} in a callout.
"""

WIDE_TABLE_POST = """Title: Five years of a team in numbers
Slug: wide-table
Date: 2026-11-30 09:00
Category: Informational interviews
Tags: networking
Summary: A table with more columns than a phone has room for.

| Year | Revenue | Costs | Margin | Headcount | Attrition | Hires | Notes |
|---|---|---|---|---|---|---|---|
| 2024 | 1,234,567 | 1,000,000 | 234,567 | 120 | 5% | 12 | A quiet year |
| 2025 | 1,334,567 | 1,100,000 | 234,567 | 130 | 7% | 22 | The restructuring |
"""

#: A comment thread four replies deep, its first author's name one word.
LONG_WORDS_COMMENTS = {
    "2026-12-01-first.md": f"Author: {LONG_WORD}\nDate: 2026-12-01 10:00\n"
    f"Website: https://example.com/x\n\nSee {LONG_ADDRESS}.\n",
    "2026-12-02-second.md": "Author: Bob\nDate: 2026-12-02 10:00\n"
    "Reply-To: 2026-12-01-first\n\nA reply.\n",
    "2026-12-03-third.md": "Author: Carl\nDate: 2026-12-03 10:00\n"
    "Reply-To: 2026-12-02-second\n\nA deeper reply.\n",
    "2026-12-04-fourth.md": f"Author: Dee\nDate: 2026-12-04 10:00\n"
    f"Reply-To: 2026-12-03-third\n\nDeeper still: {LONG_WORD}.\n",
}

#: Every page that shows the long title, tag or text, and the older post
#: whose "Newer" link names it.
LONG_WORD_PAGES = [
    "2026/long-words/",
    "2026/wide-table/",
    "",
    "archives/",
    "tags/",
    f"tag/{LONG_TAG}/",
    "category/informational-interviews/",
    "lessons/learn-adjacent-functions/",
]


#: Pages with a code block, lesson and story callouts, lesson links and the
#: author's reply with its badge.
PRINTED_PAGES = [
    "2026/long-words/",
    "2025/two-levels-up/",
    "2026/analyst-to-data-engineer/",
]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The sample site with the long-words post, its comment thread and
    the wide-table post."""
    root = tmp_path_factory.mktemp("hostile")
    content = copy_project(root / "project") / "content"
    (content / "posts" / "2026-11-30-long-words.md").write_text(
        LONG_WORDS_POST, encoding="utf-8"
    )
    (content / "posts" / "2026-11-30-wide-table.md").write_text(
        WIDE_TABLE_POST, encoding="utf-8"
    )
    comments = content / "comments" / "long-words"
    comments.mkdir()
    for name, text in LONG_WORDS_COMMENTS.items():
        (comments / name).write_text(text, encoding="utf-8")
    site = build_site(root / "output", content=content)
    shutil.rmtree(root / "project")
    with serve(site) as url:
        yield url


@pytest.fixture
def open_page(chromium, hostile_url):
    contexts = []

    def opener(path: str, width: int = 320):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{hostile_url}/{path}")
        return page

    yield opener
    for context in contexts:
        context.close()


# What sticks out of the window sideways: the page's overflow, and the
# outermost elements past either edge that no scrolling box holds.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const element of document.querySelectorAll('body *')) {
    if (!element.getClientRects().length) continue;
    if (element.closest('.visually-hidden, .skip-link')) continue;
    const box = element.getBoundingClientRect();
    if (box.right <= width + 0.5 && box.left >= -0.5) continue;
    if (found.some(outer => outer.contains(element))) continue;
    let holder = element.parentElement;
    while (holder && getComputedStyle(holder).overflowX === 'visible') {
      holder = holder.parentElement;
    }
    if (holder && holder !== document.documentElement && holder !== document.body) {
      continue;
    }
    found.push(element);
  }
  const named = found.map(
    e => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 40)}`);
  return [document.documentElement.scrollWidth - width, named];
}"""


@pytest.mark.parametrize("width", [320, 768])
def test_long_unbroken_words_and_addresses_never_make_a_page_scroll_sideways(
    open_page, hostile_url, width
):
    """A long word breaks where it must, in a flex or grid item too: the
    "Newer" link, the conversation box, a comment's author, a tag."""
    page = open_page("", width=width)
    wide = {}
    for path in LONG_WORD_PAGES:
        page.goto(f"{hostile_url}/{path}")
        overflow, elements = page.evaluate(STICKING_OUT)
        if overflow > 0 or elements:
            wide[path] = (overflow, elements)
    assert wide == {}


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_long_code_line_wraps_inside_its_block_and_nothing_of_it_is_cut_off(
    open_page, media
):
    page = open_page("2026/long-words/")
    page.emulate_media(media=media)
    block = page.locator(".post__body pre").first
    widths = block.evaluate("pre => [pre.scrollWidth, pre.clientWidth]")
    assert widths[0] <= widths[1], widths
    assert "argument_four):" in block.inner_text()


# Each word of a table's cells drawn on more than one line: a word split.
SPLIT_WORDS = """table => {
  const split = [], walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_the_index_tables_break_their_text_only_between_words(open_page, width):
    """Breaking anywhere lets a column squeeze below its words: "Reinforced"
    would read "Reinforc" over "ed"."""
    page = open_page("reflections/", width=width)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    tables = page.locator("main table").all()
    assert len(tables) >= 2
    split = [word for table in tables for word in table.evaluate(SPLIT_WORDS)]
    assert split == []


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("2026/wide-table/", ".post__body .table-scroll"),
        ("reflections/", ".journey-table table"),
    ],
)
def test_a_table_wider_than_the_column_scrolls_in_its_own_box_not_the_page(
    open_page, path, table
):
    """Eight columns on a phone, or a title of one long word in the index's
    journey table: the table scrolls, the page stays put."""
    page = open_page(path)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(STICKING_OUT) == [0, []]
    box = page.locator(table).evaluate(
        "t => [t.scrollWidth > t.clientWidth, t.getBoundingClientRect().right]"
    )
    assert box[0] and box[1] <= 320


def test_the_keyboard_reaches_a_wide_table_shows_its_focus_and_scrolls_it(open_page):
    """The table's box takes the focus by its markup (``tabindex``), not by
    Chromium's own choice to focus what scrolls, which Safari does not make:
    a table of words has no link to take it. A screen reader names the stop
    after the table's headings."""
    page = open_page("2026/wide-table/")
    box = page.get_by_role(
        "region",
        name="Table: Year, Revenue, Costs, Margin, Headcount, Attrition, Hires, Notes",
    )
    assert box.get_attribute("tabindex") == "0"
    for _ in range(40):
        page.keyboard.press("Tab")
        if box.evaluate("b => b === document.activeElement"):
            break
    assert box.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "document.querySelector('.post__body .table-scroll').scrollLeft > 0"
    )


# Each element with text of its own and the contrast of its colour on white
# paper: a browser prints no background unless the reader asks it to.
PRINTED_CONTRAST = """() => {
  const channel = c => {
    c /= 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const found = [];
  for (const element of document.querySelectorAll('body *')) {
    const own = [...element.childNodes]
      .some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !element.getClientRects().length) continue;
    if (element instanceof SVGElement) continue;
    if (element.closest('.visually-hidden, .skip-link')) continue;
    const colour = getComputedStyle(element).color;
    const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
    const [lr, lg, lb] = [r, g, b].map(c => channel(c * a + 255 * (1 - a)));
    const contrast = 1.05 / (0.2126 * lr + 0.7152 * lg + 0.0722 * lb + 0.05);
    const text = element.textContent.trim().slice(0, 30);
    found.push([text, Math.round(contrast * 100) / 100]);
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_text_is_dark_enough_on_white_paper_in_either_screen_scheme(
    chromium, hostile_url, scheme
):
    """A reader whose screen is dark prints on white paper too: no pale
    lesson links or code, and no white label text on a background the
    printer leaves out (the lesson and story labels, the Author badge)."""
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.emulate_media(media="print")
    faint = {}
    for path in PRINTED_PAGES:
        page.goto(f"{hostile_url}/{path}")
        texts = page.evaluate(PRINTED_CONTRAST)
        assert len(texts) > 40
        faint[path] = [(text, ratio) for text, ratio in texts if ratio < 4.5]
    context.close()
    assert faint == {path: [] for path in PRINTED_PAGES}


# Where a right-to-left paragraph draws its full stop and its first word,
# and its box's edges.
RTL_ENDS = """element => {
  const node = [...element.childNodes].find(n => n.nodeType === 3);
  const text = node.textContent.trimEnd(), box = element.getBoundingClientRect();
  const at = i => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  return {stop: at(text.length - 1).left, before: at(text.length - 2).left,
          first: at(0).right, right: box.right};
}"""


@pytest.mark.parametrize("selector", [".post__body p", ".conversation dd"])
def test_right_to_left_text_reads_right_to_left_in_a_left_to_right_post(
    open_page, selector
):
    """An Arabic paragraph in an English post, or an Arabic field, starts at
    the right and ends with its full stop on the left, as an Arabic reader
    reads it; the page's English around it is left to right."""
    page = open_page("2026/long-words/", width=768)
    element = page.locator(selector, has_text=ARABIC_SENTENCE).first
    ends = element.evaluate(RTL_ENDS)
    assert ends["stop"] < ends["before"], ends
    assert ends["first"] == pytest.approx(ends["right"], abs=1), ends
    assert page.locator("h1").evaluate("h => getComputedStyle(h).textAlign") in {
        "start",
        "left",
    }


@pytest.mark.parametrize("path", ["2025/two-levels-up/", "2026/long-words/"])
def test_a_posts_dates_author_reading_time_and_category_are_set_apart_by_spaced_dots(
    open_page, path
):
    """Pelican's Jinja trims the line break after a block tag, so a dot
    written at the start of the next line's block stuck to the word before
    it: "September 21, 2025· by Priya· 4 min read"."""
    meta = open_page(path, width=1000).locator(".post__header .meta").inner_text()
    assert re.findall(r"\S·|·\S", meta) == []
    assert " · by Priya · " in meta
    assert " min read · Informational interviews" in meta


@pytest.mark.parametrize("path", ["2025/two-levels-up/", "2026/long-words/"])
def test_a_phone_with_its_text_at_twice_the_size_still_fits_the_conversation_box(
    open_page, path
):
    """A reader's default font of 32 px (a phone's largest text setting) at
    320 px: the box's labels take a line of their own rather than leave its
    values no room."""
    page = open_page("", width=320)
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 29}})
    page.goto(page.url + path)
    assert (
        page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    )
    assert page.evaluate(STICKING_OUT) == [0, []]


def test_a_wide_table_prints_whole_within_the_page(chromium, hostile_url):
    """Paper does not scroll: in print the table fits the page's width,
    its columns wrapped between words, none cut off by its scroll box."""
    context = chromium.new_context(viewport={"width": 718, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{hostile_url}/2026/wide-table/")
    box = page.locator(".post__body .table-scroll")
    fits = box.evaluate(
        "b => [b.scrollWidth <= b.clientWidth, b.getBoundingClientRect().right]"
    )
    split = page.locator(".post__body table").evaluate(SPLIT_WORDS)
    context.close()
    assert fits[0] and fits[1] <= 718, fits
    assert split == []
