"""The merge of hunt11 reviewed: what its costly-markup check took for
costly, measured against Python-Markdown itself (the twelfth review).

A cost is compared as a ratio within one run, never against a clock.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from growth import SUPERLINEAR_AT_EIGHT_TIMES, grows_linearly, outgrows_linear
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from test_leftover9 import render_as_a_post

from reflect.prose import sentences
from reflect.wp_markdown import html_to_markdown
from reflections.parse.reader import _reads_fenced_code
from sitekit.markdowncost import costly_markup

#: The site's Markdown: fenced code (``extra``) put aside before its
#: raw-HTML reader and inline patterns read the rest.
SITE_MARKDOWN = Markdown(extensions=["extra", "codehilite"])
PROSE = "This paragraph says what the loop does, in plain words and no more. " * 3


def _post(size: int, part: str) -> str:
    """A post of about ``size`` characters: ``part`` between paragraphs."""
    pieces: list[str] = []
    while sum(map(len, pieces)) < size:
        pieces += [part, f"{PROSE}\n\n"]
    return "".join(pieces)


def c_loops(size: int) -> str:
    """A long post about C, with a fenced loop `i<n` between paragraphs
    and no `>` anywhere: each `<` would read to the end, were the code
    not put aside first."""
    return _post(size, "```c\nfor (int i = 0; i<n; i++) { total += a[i]; }\n```\n\n")


def code_spans(size: int) -> str:
    """A long post naming `i<n` in code spans, with no `>` anywhere."""
    return _post(size, "Check `i<n` first, then `j<m`. ")


def convert(text: str) -> str:
    SITE_MARKDOWN.reset()
    return SITE_MARKDOWN.convert(text)


def test_a_long_post_of_fenced_code_holding_lt_is_read_in_linear_time_and_kept():
    small, large = grows_linearly(c_loops, 30_000, convert)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)  # 4 is linear
    assert costly_markup(c_loops(200_000)) is None


def test_code_spans_holding_lt_are_read_in_linear_time_and_kept():
    small, large = grows_linearly(code_spans, 30_000, convert)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)
    assert costly_markup(code_spans(200_000)) is None


def test_fenced_code_hides_nothing_outside_it_nor_where_markdown_reads_none():
    hostile = "```\ncode\n```\n\n" + "a <b " * 200_000
    found = costly_markup(hostile)
    assert found is not None and found.line == 5
    # A site whose Markdown reads no fenced code sees the `<` in the fences.
    assert costly_markup(c_loops(200_000), fenced_code=False) is not None
    assert _reads_fenced_code(DEFAULT_CONFIG["MARKDOWN"])
    assert _reads_fenced_code({"extensions": ["fenced_code"]})
    meta_alone = {"extension_configs": {"markdown.extensions.meta": {}}}
    assert not _reads_fenced_code(meta_alone)


#: Start tags whose quoted values hold a `>` and quotes of the other kind,
#: so that counting quotes found each one closed: Markdown reads each `<`
#: on through every value to the end.
MIXED_QUOTES = {
    "a ' in a \" value": lambda n: "a <b a=\"'\" x='>' " * (n // 18),
    "a \" in a ' value": lambda n: 'a <b a=\'"\' x=">" ' * (n // 18),
}


def test_markdown_reads_mixed_quoted_values_in_the_square_of_their_length():
    for shape in MIXED_QUOTES.values():
        ratio = outgrows_linear(shape, 1_500, convert)
        assert ratio > SUPERLINEAR_AT_EIGHT_TIMES, ratio


def test_start_tags_with_mixed_quoted_values_are_found_in_linear_time():
    for shape in MIXED_QUOTES.values():
        small, large = grows_linearly(shape, 100_000, costly_markup)
        assert (large + 0.001) / (small + 0.001) < 9, (small, large)
        found = costly_markup("Title: x\n\n" + shape(100_000))
        assert found is not None and found.line == 3


def test_ordinary_tags_with_quoted_values_are_not_costly():
    tags = (
        '<a href="https://x.example/a" title=\'it"s\'>a link</a>, '
        "<img alt=\"it's\" src='y.png'> and it's <b>so</b>. " * 5_000
    )
    assert costly_markup(tags) is None


# reflect suggest: a link's target left out of a post's prose ----------------


def test_a_link_or_image_whose_address_holds_brackets_is_still_left_out():
    """An address may hold brackets (``a[1]``, a query's ``ids[]=``): the
    link keeps its text and the address gives no words, as before hunt11."""
    (sentence,) = sentences(
        "Title: x\n\nSee [the offer](https://a.example/b?ids[]=1&c[2]=d), "
        "[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) and "
        "![a chart](https://a.example/p[2].png) here."
    )
    assert sentence.text == "See the offer, Foo and here."
    assert "chart" not in sentence.stems and "png" not in sentence.stems


UNCLOSED_LINK_TARGETS = {
    "targets never closed": lambda n: "[a](b " * (n // 6),
    "targets never closed, no spaces": lambda n: "[a](b" * (n // 5),
    "targets of brackets": lambda n: "[a](b[c]" * (n // 8),
    "targets of parentheses": lambda n: "[a](b(c)" * (n // 8),
}


def test_link_targets_that_never_close_are_read_in_proportion_to_their_length():
    for shape in UNCLOSED_LINK_TARGETS.values():
        small, large = grows_linearly(
            lambda n, shape=shape: "Title: x\n\n" + shape(n), 100_000, sentences
        )
        assert (large + 0.001) / (small + 0.001) < 9, (small, large)


# reflect import-wordpress: a table whose cells hold blocks -----------------


def test_an_imported_table_of_blocks_keeps_its_caption():
    """WordPress shows a table's caption above it; a table of blocks is
    written as HTML, and its caption was left out of it (a Markdown table
    keeps it as a paragraph)."""
    page = render_as_a_post(
        html_to_markdown(
            "<table><caption>Zq <em>weekly</em> plan</caption><tr><td><ol>"
            "<li>Read</li><li>Write</li></ol></td><td>b</td></tr></table>"
        )
    )
    table = BeautifulSoup(page, "html.parser").table
    assert table.caption is not None
    assert " ".join(table.caption.get_text(" ").split()) == "Zq weekly plan"
    assert table.caption.em is not None and table.ol is not None


#: What Markdown's raw-HTML reader reads on from, besides a start tag: an
#: end tag to its `>`, and a `<?` at a line's start to its `?>`.
OTHER_OPENERS = {
    "end tags never closed": lambda n: "a </b " * (n // 6),
    "instructions at lines' starts": lambda n: "<?a\n" * (n // 4),
    "instructions after a tag": lambda n: "<div>a</div> <?a\n" * (n // 18),
}


def test_markdown_reads_unclosed_instructions_in_the_square_of_their_length():
    shape = OTHER_OPENERS["instructions at lines' starts"]
    ratio = outgrows_linear(shape, 5_000, convert)
    assert ratio > SUPERLINEAR_AT_EIGHT_TIMES, ratio


def test_end_tags_and_instructions_never_closed_are_found_in_linear_time():
    for shape in OTHER_OPENERS.values():
        small, large = grows_linearly(shape, 100_000, costly_markup)
        assert (large + 0.001) / (small + 0.001) < 9, (small, large)
        found = costly_markup("Title: x\n\n" + shape(200_000))
        assert found is not None and found.line >= 3


def test_a_question_mark_after_lt_in_a_sentence_is_text_and_costs_nothing():
    assert costly_markup("Is a <? b, and <?php echo 1 ?> ok? " * 20_000) is None
