"""Untrusted or very large input at a bounded cost, and a few renderings
put right (the eleventh hunt).

A cost is compared as a ratio within one run, never against a clock: four
times the input may take four times as long, with a wide margin for a busy
machine, but not the sixteen times of a quadratic. Where the work can be
counted, it is counted instead.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from growth import SUPERLINEAR_AT_EIGHT_TIMES, grows_linearly, outgrows_linear
from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag
from sitebuild import CONTENT, REFLECT, ROOT
from test_leftover9 import render_as_a_post
from test_near_duplicates import varied_titles
from test_wordpress_import import wxr, wxr_item
from wpblog import new_blog

from reflect import lesson_matching
from reflect.lesson_matching import cue_holds, match_lessons
from reflect.prose import Sentence, sentences, stems, words
from reflect.wp_images import MARKDOWN_IMAGE
from reflect.wp_markdown import html_to_markdown
from reflections.resolve import alike
from reflections.resolve.vocabulary import load_vocabulary, near_duplicate_findings
from sitekit.fallbackslugs import give_fallback_slugs
from sitekit.markdowncost import (
    _bracket_reaches,
    _tag_reaches,
    costly_markup,
    most_reading,
)

VOCABULARY = load_vocabulary(Path(__file__).parent / "fixtures" / "suggest-lessons.yml")


# reflect suggest: a post's prose and the evidence in it ---------------------

#: Posts `reflect suggest` took time in the square of their size to read:
#: a line of openers that never close (an imported post's `<`, `[`, `![`),
#: a paragraph whose lines never end a sentence, and a sentence saying two
#: words of a lesson's title thousands of times, never side by side.
HOSTILE_POSTS = {
    "unclosed tags": lambda n: "a <b " * (n // 5),
    "unclosed links": lambda n: "a [b " * (n // 5),
    "unclosed images": lambda n: "a ![b " * (n // 6),
    "links never finished": lambda n: "[a](b " * (n // 6),
    "title words apart": lambda n: "preparing aa bb cc questions dd ee ff " * (n // 38),
}


def evidence(body: str) -> None:
    lesson = VOCABULARY.lessons["prepare-targeted-questions"]
    match_lessons(f"Title: A post\n\n{body}\n", [lesson])


@pytest.mark.parametrize("shape", HOSTILE_POSTS.values(), ids=HOSTILE_POSTS.keys())
def test_suggest_reads_a_hostile_post_in_time_in_proportion_to_its_size(shape):
    small, large = grows_linearly(shape, 40_000, evidence)
    # 4 is linear and 16 quadratic; a millisecond of slack for timer noise.
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


def test_a_paragraph_that_never_ends_a_sentence_is_read_in_proportion_to_it():
    def run_on(n: int) -> str:
        return "Title: A post\n\n" + "some words here\n" * (n // 16)

    small, large = grows_linearly(run_on, 320_000, sentences)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)
    # One sentence, its lines joined with a space, as before.
    (sentence,) = sentences(run_on(64))
    assert sentence.text == " ".join(["some words here"] * 4)


def test_tags_links_and_images_still_leave_their_words_out_and_a_link_its_text():
    (sentence,) = sentences(
        "Title: x\n\nI asked <em>twice</em> about [the offer](https://a.example/b) "
        "![a chart](c.png) and a < b <i>held</i>."
    )
    assert sentence.text == "I asked twice about the offer and a < b held ."
    assert "chart" not in sentence.stems and "em" not in sentence.words


@dataclass(frozen=True)
class Counted:
    calls: int = 0


def test_a_cue_is_looked_for_in_steps_in_proportion_to_its_words(monkeypatch):
    """A sentence repeating a cue's words was tried by every path through
    it: (CUE_GAP + 1) steps for each word of the cue, multiplied."""
    calls = [0]
    same = lesson_matching._same

    def counted(a: str, b: str) -> bool:
        calls[0] += 1
        return same(a, b)

    monkeypatch.setattr(lesson_matching, "_same", counted)
    said = Sentence(1, "", (), tuple(words("offer " + "manager " * 200)))

    def steps(cue_words: int) -> int:
        calls[0] = 0
        cue = tuple(words("manager " * cue_words + "offer"))
        assert not cue_holds(cue, said)
        return calls[0]

    assert steps(8) < 3 * steps(4)  # linear: about twice; it was 78 times
    assert stems("my manager's manager") == ["manag", "manag"]


# Tags, categories and authors that show nothing -----------------------------

INVISIBLE = ["\u200b", "\u2060", "\u200b\u2060 \u00a0", "\u00ad"]


@pytest.mark.parametrize("name", INVISIBLE, ids=["zwsp", "word-joiner", "mix", "shy"])
def test_a_tag_category_or_author_that_shows_nothing_is_left_out_in_one_line(name):
    settings = {**DEFAULT_CONFIG, "SLUGIFY_SOURCE": "title"}
    metadata = {
        "tags": [Tag("Salary", settings), Tag(name, settings), Tag("🙂", settings)],
        "category": Category(name, settings),
        "authors": [Author(name, settings)],
    }
    lines = {"tags": [3], "category": [4], "authors": [5]}

    findings = give_fallback_slugs(metadata, "posts/x.md", lines)

    # The blank names are gone, as Pelican drops blank ones; the rest kept,
    # the emoji's fallback slug included.
    assert [tag.name for tag in metadata["tags"]] == ["Salary", "🙂"]
    assert "category" not in metadata and "authors" not in metadata
    assert [(f.rule, f.line) for f in findings] == [
        ("invisible-name", 3),
        ("invisible-name", 4),
        ("invisible-name", 5),
        ("unsluggable-name", 3),
    ]
    assert findings[0].message == (
        f"Tags: {name.strip()!r} shows nothing (invisible characters alone), so it is "
        "left out as a blank one is: write the name, or remove it"
    )


# lessons.yml: near-duplicates -------------------------------------------------


def alike_vocabulary(path: Path, count: int) -> Path:
    """A lessons.yml of ``count`` titles that differ by a number alone:
    every pair is a near-duplicate."""
    path.write_text(
        "".join(
            f"lesson-{n}:\n  title: Lesson {n:06d} ask for the intro\n"
            for n in range(count)
        ),
        encoding="utf-8",
    )
    return path


def test_near_duplicates_of_titles_all_alike_cost_work_in_proportion_to_them(
    tmp_path, monkeypatch
):
    """Every pair of these titles is a near-duplicate: finding them all took
    time in the square of their number (2,400 titles: 90 s, 2.9 million
    warnings). The check stops at a budget in proportion to the titles and
    says so in one line."""
    monkeypatch.setattr(alike, "WORK_FLOOR", 100_000)
    compared = []

    def count_comparisons(count: int) -> tuple[int, list]:
        path = alike_vocabulary(tmp_path / f"lessons-{count}.yml", count)
        with monkeypatch.context() as patched:
            made = [0]
            matcher = difflib.SequenceMatcher

            def counting(*args, **kwargs):
                made[0] += 1
                return matcher(*args, **kwargs)

            patched.setattr(difflib, "SequenceMatcher", counting)
            findings = near_duplicate_findings(load_vocabulary(path), 0.85)
        compared.append(made[0])
        return made[0], findings

    small, _ = count_comparisons(200)
    large, findings = count_comparisons(800)
    assert large < 8 * small, compared  # linear: about 4; every pair: 16
    last = findings[-1]
    assert last.rule == "near-duplicate-lessons" and last.line is None
    assert last.path.endswith("lessons-800.yml")
    assert last.message.startswith(
        "its 800 lessons' titles are too alike to compare them all"
    )
    assert sum("shortest were checked" in f.message for f in findings) == 1


def test_a_thousand_varied_titles_are_all_checked_far_within_the_budget():
    titles = varied_titles(1000)
    found = alike.alike_titles(titles, 0.85)
    assert not found.stopped and found.checked == 1000
    assert found.work < alike.work_budget(1000) / 3


# Markdown's raw-HTML reader: `<` openers with no `>` --------------------------

#: Texts Python-Markdown's raw-HTML reader (the standard library's start-tag
#: pattern) reads in the square of their length, as a post or as an
#: imported post's code, and paragraphs its link patterns read so.
UNCLOSED_OPENERS = {
    "start tags": lambda n: "a <b " * (n // 5),
    "a quoted >": lambda n: "a <b c='>' " * (n // 11),
    "cdata": lambda n: "a <![CDATA[ " * (n // 12),
    "code span": lambda n: "`" + "x<y " * (n // 4) + "`",
    "indented code": lambda n: "- x\n\n" + "        a <b\n" * (n // 13),
    "unclosed brackets": lambda n: "a [b " * (n // 5),
    "unfinished links": lambda n: "[a](b " * (n // 6),
    "nested brackets": lambda n: "[" * (n - 1) + "]",
    "image openers": lambda n: "a ![b " * (n // 6),
}


@pytest.mark.parametrize(
    "shape", UNCLOSED_OPENERS.values(), ids=UNCLOSED_OPENERS.keys()
)
def test_text_markdown_reads_in_the_square_of_its_length_is_found_in_linear_time(
    shape,
):
    small, large = grows_linearly(shape, 100_000, costly_markup)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)
    found = costly_markup("Title: x\n\n" + shape(100_000))
    assert found is not None and found.line >= 3
    assert found.message.endswith("it is left out")


@given(st.text(alphabet="<[]>()\"'a \n!CDAT", max_size=300))
def test_the_count_that_spares_the_walk_is_never_below_what_the_walk_adds(text):
    """A post whose two counts are under the allowance is not walked: the
    counts must bound every opener's reading the walk would add up."""
    walked = sum(reach for _, reach in _tag_reaches(text))
    walked += sum(reach for _, reach in _bracket_reaches(text))
    assert walked <= most_reading(text)


def test_ordinary_html_and_every_post_here_are_not_costly():
    tags = (
        '<a href="https://x.example/a">a link</a> and <img alt="it\'s" '
        'src="y.png">, a < b, `x<y`, [a link](https://x.example/(b)), [sic] '
        "and <br/> " * 5_000
    )
    assert costly_markup(tags) is None
    for post in [*CONTENT.rglob("*.md"), *(ROOT / "tests" / "fixtures").rglob("*.md")]:
        assert costly_markup(post.read_text(encoding="utf-8", errors="replace")) is None


def test_markdown_took_time_in_the_square_of_what_the_check_now_refuses():
    """The reason for the check, measured: Markdown's time for four times
    the openers, against the check's own."""
    markdown = Markdown()
    ratio = outgrows_linear(
        lambda n: "a <b " * (n // 5), 1_250, lambda text: markdown.convert(text)
    )
    assert ratio > SUPERLINEAR_AT_EIGHT_TIMES, ratio
    assert costly_markup("a <b " * 2_000) is not None


def test_an_imported_post_whose_code_markdown_reads_slowly_is_imported_as_text(
    tmp_path,
):
    code = "<p>Compare: <code>" + "a &lt;b " * 4_000 + "</code></p>"
    blog = tmp_path / "blog"
    blog.mkdir()
    new_blog(blog)
    export = wxr(tmp_path, wxr_item("slow", "Slow", code))
    result = subprocess.run(
        [str(REFLECT), "import-wordpress", str(export)],
        cwd=blog,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Markdown taking time beyond their length" in result.stdout + result.stderr
    (post,) = (blog / "content" / "posts").glob("*slow*.md")
    body = post.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert costly_markup(body) is None and "a &lt;b a &lt;b" in body


# A WordPress table whose cells hold blocks -----------------------------------


def table_cells(page: str) -> list[list[tuple]]:
    """Each row of the first table of ``page``: each cell's name, spans, the
    items of the lists in it (kind and text), its code and its text, spaces
    collapsed: what a reader sees of it."""

    def text(element) -> str:
        return " ".join(element.get_text(" ").split())

    table = BeautifulSoup(page, "html.parser").find("table")
    return [
        [
            (
                cell.name,
                cell.get("colspan"),
                [(li.parent.name, text(li)) for li in cell.find_all("li")],
                [text(code) for code in cell.find_all("pre")],
                text(cell),
            )
            for cell in row.find_all(["td", "th"])
        ]
        for row in table.find_all("tr")
    ]


#: WordPress tables whose cells hold lists, paragraphs or code.
TABLES_OF_BLOCKS = {
    "a numbered list": (
        "<table><tr><th>Step</th><th>How</th></tr><tr><td>Prep <em>now</em></td>"
        "<td><ol><li>Read</li><li>Write</li></ol></td></tr></table>"
    ),
    "bullets and code, a span": (
        "<table><tbody><tr><td colspan='2'><ul><li>a</li><li>b</li></ul>"
        "<pre>x = 1\ny</pre></td><td>x</td></tr></tbody></table>"
    ),
    "paragraphs": (
        "<table><thead><tr><th>Q</th></tr></thead><tbody><tr><td><p>one</p>"
        "<p>two</p></td></tr></tbody></table>"
    ),
}


@pytest.mark.parametrize("case", sorted(TABLES_OF_BLOCKS))
def test_an_imported_table_holding_blocks_shows_them_as_wordpress_did(case):
    """A Markdown table's cell is one line: markdownify wrote a list in a
    cell as its text ("1. Read 2. Write"), and the page showed it so."""
    source = TABLES_OF_BLOCKS[case]
    page = render_as_a_post(html_to_markdown(source))
    assert table_cells(page) == table_cells(source), page
    assert "markdown=" not in page


def test_a_table_of_text_is_still_a_markdown_table():
    written = html_to_markdown(
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>x</td></tr></table>"
    )
    assert written == "| a | b |\n| --- | --- |\n| 1 | x |\n"


def test_private_code_in_a_table_cell_stays_hidden():
    source = (
        "<table><tr><td>zq-shown</td><td><ul><li>a</li></ul>"
        "<pre>x\n[!private] zq-hidden</pre></td></tr></table>"
    )
    page = render_as_a_post(html_to_markdown(source))
    assert "zq-hidden" not in page, page
    assert "zq-shown" in page


@pytest.mark.parametrize("shape", ["a ![b\n", "a ![b ", "![ [x] "])
def test_an_imported_posts_images_are_found_in_time_in_proportion_to_it(shape):
    """`--download-images` looks for ``![alt](url)`` in the whole post: a
    post of ``![`` that never close was read from each to the end."""
    small, large = grows_linearly(
        lambda n: shape * (n // len(shape)),
        100_000,
        lambda text: list(MARKDOWN_IMAGE.finditer(text)),
    )
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)
    found = MARKDOWN_IMAGE.finditer('![a [b] c](https://x.org/a.png) ![](u.png "t")')
    assert [m.group("url") for m in found] == ["https://x.org/a.png", "u.png"]
