"""costly-markup and the WordPress import, the last gaps (leftover15).

A cost is compared as a ratio of CPU time within one run, or as counted
work, never against a clock.
"""

from __future__ import annotations

import re
from datetime import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from growth import SUPERLINEAR_AT_EIGHT_TIMES, grows_linearly, outgrows_linear
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.inlinepatterns import LinkInlineProcessor, ReferenceInlineProcessor
from pelican.settings import read_settings
from sitebuild import ROOT, copy_project, lint_in_process
from test_leftover9 import render_as_a_post

from postseries.assemble import assemble_series
from reflect.importer import ImportPlan, _body
from reflect.wp_markdown import html_to_markdown
from reflections.rules import RULES
from sitekit.linkcost import link_reaches
from sitekit.markdowncost import BRACKET_WEIGHT, costly_markup

SITE_SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
SITE_MARKDOWN = Markdown(extensions=["extra", "codehilite", "smarty"])


def convert(text: str) -> str:
    SITE_MARKDOWN.reset()
    return SITE_MARKDOWN.convert(text)


def imported_body(html: str) -> tuple[str, ImportPlan]:
    """The body ``reflect import-wordpress`` writes for a post of ``html``."""
    plan = ImportPlan()
    site = SimpleNamespace(settings=SITE_SETTINGS)
    body = _body(SimpleNamespace(html=html), ROOT / "x.md", site, plan)
    return body, plan


# 1. An imported post of `[` Markdown reads in the square of its length -------

#: Paragraphs of `[` Markdown's link patterns read to the end from each
#: one, which the check took for closed: by a `]` that closes an inner `[`
#: (they count), an escaped `]`, a `]` in a code span, a `)` that closes
#: an inner `(`, or behind a `\\` (an escaped backslash, not an escape).
BRACKETS_READ_FAR = {
    "nested": lambda n: "[ [a] " * (n // 6),
    "escaped closes": lambda n: "[a\\] " * (n // 5),
    "closes in code": lambda n: "[a `]` " * (n // 7),
    "nested targets": lambda n: "[a](b(c) " * (n // 9),
    "escaped backslashes": lambda n: "\\\\[a " * (n // 5),
}


@pytest.mark.parametrize(
    "shape", BRACKETS_READ_FAR.values(), ids=BRACKETS_READ_FAR.keys()
)
def test_markdown_reads_these_brackets_in_the_square_of_their_length(shape):
    ratio = outgrows_linear(shape, 350, convert)
    assert ratio > SUPERLINEAR_AT_EIGHT_TIMES, ratio


@pytest.mark.parametrize(
    "shape", BRACKETS_READ_FAR.values(), ids=BRACKETS_READ_FAR.keys()
)
def test_brackets_read_far_are_costly_and_found_in_linear_time(shape):
    found = costly_markup("Title: x\n\n" + shape(100_000))
    assert found is not None and found.line == 3
    small, large = grows_linearly(shape, 100_000, costly_markup)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


#: WordPress posts whose text holds them (markdownify writes `[`, `]`,
#: `\\` and backticks of text as they are).
IMPORTED_BRACKETS = {
    "nested": lambda n: "<p>" + "[ [a] " * (n // 6) + "</p>",
    "escaped closes": lambda n: "<p>" + "[a\\] " * (n // 5) + "</p>",
    "nested targets": lambda n: "<p>" + "[a](b(c) " * (n // 9) + "</p>",
}


@pytest.mark.parametrize(
    "shape", IMPORTED_BRACKETS.values(), ids=IMPORTED_BRACKETS.keys()
)
def test_an_imported_post_of_brackets_read_far_is_imported_as_text_at_once(shape):
    body, plan = imported_body(shape(60_000))
    assert plan.made_plain_costly and costly_markup(body) is None
    assert "\\[" in body
    small, large = grows_linearly(shape, 20_000, imported_body)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


def test_ordinary_links_nested_brackets_and_code_are_not_costly():
    ordinary = (
        "See [the [draft] notes](https://x.example/a_(b) 'A title') and "
        '![a chart](c.png "Chart"), [sic] and `a[i]` or \\[x\\]. ' * 5_000
    )
    assert costly_markup(ordinary) is None


# 2. A link target with a quote and no `)` after it is read once ---------------

#: Links whose target opens a title that no `)` ends: Markdown reads the
#: first to its paragraph's end and takes the rest with it.
TITLES_NEVER_ENDED = {
    "double quotes": lambda n: '[a](b "c ' * (n // 9),
    "single quotes": lambda n: "[a](b 'c " * (n // 9),
    "titles closed": lambda n: '[a](b "c" ' * (n // 10),
}


@pytest.mark.parametrize(
    "shape", TITLES_NEVER_ENDED.values(), ids=TITLES_NEVER_ENDED.keys()
)
def test_markdown_reads_link_titles_no_paren_ends_in_linear_time_and_keeps_them(
    shape,
):
    small, large = grows_linearly(shape, 20_000, convert)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)
    assert costly_markup("Title: x\n\n" + shape(400_000)) is None


class _Read(str):
    """Text that counts the characters Markdown's link patterns read of it
    one at a time (``getText``, ``getLink``)."""

    count = 0

    def __getitem__(self, key):
        if isinstance(key, int):
            _Read.count += 1
        return str.__getitem__(self, key)


#: What ``evalId``'s pattern (``\\s?\\[([^\\]]*)\\]``) reads, matching or not.
_REFERENCE_ID = re.compile(r"\s?\[[^\]]*")


def links_read(text: str) -> int:
    """How many characters Markdown's link, image and reference patterns
    read converting ``text`` with the site's extensions."""
    get_text = LinkInlineProcessor.getText
    get_link = LinkInlineProcessor.getLink
    eval_id = ReferenceInlineProcessor.evalId

    def read_id(self, data, index, text):
        found = _REFERENCE_ID.match(data, index)
        _Read.count += found.end() - index if found else 0
        return eval_id(self, data, index, text)

    _Read.count = 0
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(
            LinkInlineProcessor,
            "getText",
            lambda self, data, index: get_text(self, _Read(data), index),
        )
        patched.setattr(
            LinkInlineProcessor,
            "getLink",
            lambda self, data, index: get_link(self, _Read(data), index),
        )
        patched.setattr(ReferenceInlineProcessor, "evalId", read_id)
        convert(text)
    return _Read.count


def test_the_count_of_what_markdown_reads_counts_it():
    assert links_read("[a](b)") > 0
    assert links_read("[ [a] " * 200) > 200 * 600  # the square, read


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]()\"' ab!\n<>", max_size=160))
def test_the_estimate_is_never_short_of_what_markdowns_link_patterns_read(text):
    """Against Markdown's own patterns, run: each character they read of
    the text counted, never more than ``BRACKET_WEIGHT`` times the reach
    the estimate gives (backslashes and backticks, whose placeholders are
    longer than what they stand for, are left to the cases above)."""
    estimate = sum(reach for _, reach in link_reaches(text))
    assert links_read(text) <= BRACKET_WEIGHT * estimate


# 3. What the rule says it counts ------------------------------------------------

#: Every opener costly_markup counts, as the rule's words write it.
OPENERS_COUNTED = ["`<` followed by a letter", "`</`", "`<![CDATA[`", "`<?`", "`[`"]


def test_the_rule_the_docs_and_the_message_name_every_opener_counted():
    (rule,) = [rule for rule in RULES if rule.name == "costly-markup"]
    (row,) = [
        line
        for line in (ROOT / "docs" / "reflect.md").read_text("utf-8").splitlines()
        if line.startswith("| `costly-markup` |")
    ]
    message = costly_markup("a <b " * 200_000).message
    for said in [rule.what, row, message]:
        for opener in OPENERS_COUNTED:
            assert opener in said, (opener, said)


# 4. A series whose name shows nothing ----------------------------------------


def series_post(name: str, day: int, series: str) -> SimpleNamespace:
    return SimpleNamespace(
        metadata={"series": series},
        date=datetime(2026, 1, day),
        source_path=f"/nowhere/{name}.md",
        title=name,
    )


@pytest.mark.parametrize(
    "name", ["\u200b", "\u2060 \u200b", "\u00ad"], ids=["zwsp", "mix", "shy"]
)
def test_a_series_that_shows_nothing_is_left_out_as_a_tag_that_does_is(name):
    posts = [
        series_post("a", 1, name),
        series_post("b", 2, "Check-ins"),
        series_post("c", 3, name),
    ]
    found, findings = assemble_series(
        posts, lambda text: text.lower(), "s/{slug}/", "s/{slug}.html"
    )
    assert [series.name for series in found] == ["Check-ins"]
    assert [(f.rule, f.path) for f in findings] == [
        ("invisible-name", "/nowhere/a.md"),
        ("invisible-name", "/nowhere/c.md"),
    ]
    # The words a tag that shows nothing gets, the field named.
    assert findings[0].message == (
        f"Series: {name!r} shows nothing (invisible characters alone), so it is "
        "left out as a blank one is: write the name, or remove it"
    )


def test_lint_names_a_series_that_shows_nothing_at_its_line(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / "2026-02-01-s.md").write_text(
        "Title: Part 1\nDate: 2026-02-01\nSeries: \u200b\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    lint = lint_in_process("lint", "--strict", cwd=project)
    # The name as Python writes it: a character no one sees is shown escaped.
    said = "Series: '\\u200b' shows nothing (invisible characters alone)"
    assert f"content/posts/2026-02-01-s.md:3: warning: {said}" in lint.stdout
    assert lint.returncode == 0, lint.stdout
    assert "unsluggable-name" not in lint.stdout and "'u200b'" not in lint.stdout


# 5. WordPress tables as WordPress drew them ------------------------------------


def cells_drawn(page: str) -> list[list[tuple]]:
    """Each row of the first table of ``page``: each cell's name, its line
    breaks and its text, spaces collapsed: what a reader sees of it."""
    table = BeautifulSoup(page, "html.parser").find("table")
    assert table is not None, page
    return [
        [
            (
                cell.name,
                len(cell.find_all("br")),
                " ".join(cell.get_text(" ").split()),
            )
            for cell in row.find_all(["td", "th"])
        ]
        for row in table.find_all("tr")
    ]


#: WordPress tables whose rows or line breaks were lost on import.
TABLES_DRAWN = {
    "one row, no header cells": (
        "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
    ),
    "a block editor table": (
        '<figure class="wp-block-table"><table><tbody><tr><td>Zq</td>'
        "<td>Zr</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>"
        '<figcaption class="wp-element-caption">Zs plan</figcaption></figure>'
    ),
    "a break in a cell of text": (
        "<table><tr><th>Step</th><th>How</th></tr><tr><td>Prep<br>now</td>"
        "<td>Read</td></tr></table>"
    ),
    "a break beside a cell of blocks": (
        "<table><tr><td>Prep<br/>now</td><td><ol><li>Read</li><li>Write</li></ol>"
        "</td></tr></table>"
    ),
}


@pytest.mark.parametrize("case", sorted(TABLES_DRAWN))
def test_an_imported_table_draws_its_rows_and_breaks_as_wordpress_did(case):
    source = TABLES_DRAWN[case]
    page = render_as_a_post(html_to_markdown(source))
    assert cells_drawn(page) == cells_drawn(source), page


def test_a_block_editor_tables_caption_is_shown_below_it():
    source = (
        '<figure class="wp-block-table"><table><tbody><tr><th>Zq</th></tr>'
        "</tbody></table><figcaption>Zs <em>weekly</em> plan</figcaption></figure>"
    )
    page = render_as_a_post(html_to_markdown(source))
    caption = BeautifulSoup(page, "html.parser").find("table").find_next("em")
    assert caption is not None and "Zs" in caption.parent.get_text(), page


def test_a_table_with_a_header_row_is_still_a_markdown_table():
    written = html_to_markdown(
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1<br>2</td><td>x</td></tr></table>"
    )
    assert written == "| a | b |\n| --- | --- |\n| 1<br /> 2 | x |\n"
