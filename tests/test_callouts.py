"""Lesson callouts become asides with stable ids; private callouts vanish."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from pelican.settings import DEFAULT_CONFIG

from reflections.parse.callouts import CalloutExtension, fenced_code_lines
from sitekit.privateblocks import PrivateBlocksExtension
from sitekit.settings import slugifier

SLUGIFY = slugifier(DEFAULT_CONFIG)
HEADER = "Title: Two levels up\nDate: 2025-09-14\nLessons: Cross-train\n\n"
CALLOUT = (
    "> [!lesson] Reframe setbacks as opportunities\n"
    "> His department was *halved*; he used <kbd>the gap</kbd>.\n"
)


def converter(
    withheld: frozenset[str] = frozenset(),
) -> tuple[markdown.Markdown, CalloutExtension]:
    """Markdown with the callouts and the private blocks, as the reader has it
    (``withheld``: the callout kinds a publish build leaves out)."""
    extension = CalloutExtension(slugify=SLUGIFY, withheld=withheld)
    md = markdown.Markdown(
        extensions=[
            "markdown.extensions.extra",
            "markdown.extensions.meta",
            PrivateBlocksExtension(),
            extension,
        ],
        output_format="html5",
    )
    return md, extension


def convert(text: str):
    """The HTML and the extension's state after converting ``text``."""
    md, extension = converter()
    return md.convert(text), extension.state


def test_a_callout_renders_as_an_aside_with_the_lessons_id():
    html, _ = convert(HEADER + CALLOUT)

    assert (
        '<aside class="lesson-callout" id="lesson-reframe-setbacks-as-opportunities">'
        in html
    )
    assert "</span> Reframe setbacks as opportunities</p>" in html


def test_the_note_is_parsed_as_markdown():
    html, _ = convert(HEADER + CALLOUT)

    assert "<em>halved</em>" in html
    assert "&gt;" not in html


def test_a_callout_is_recorded_with_statement_anchor_and_note():
    _, state = convert(HEADER + CALLOUT)

    [callout] = state.callouts
    assert callout.statement == "Reframe setbacks as opportunities"
    assert callout.anchor == "lesson-reframe-setbacks-as-opportunities"
    assert callout.note_html == (
        "<p>His department was <em>halved</em>; he used <kbd>the gap</kbd>.</p>"
    )
    assert callout.note_text == "His department was halved; he used the gap."


def test_a_note_written_in_html_blocks_keeps_their_words_apart():
    """A note's text (the banks, reflections.json) reads as every field's
    does (``sitekit.text.as_text``), raw HTML blocks or not."""
    note = "> <div>Headcount first.</div><div>Titles <b>later</b>.</div>\n"
    _, state = convert(HEADER + "> [!lesson] Ask about the budget\n" + note)

    [callout] = state.callouts
    assert callout.note_text == "Headcount first. Titles later."


def test_a_callout_line_counts_the_metadata_lines():
    _, state = convert(HEADER + "Some text.\n\n" + CALLOUT)

    assert [callout.line for callout in state.callouts] == [7]


def test_a_callout_line_counts_a_yaml_header():
    _, state = convert("---\nTitle: x\n---\n\n" + CALLOUT)

    assert [callout.line for callout in state.callouts] == [5]


def test_two_callouts_with_the_same_statement_get_unique_ids():
    html, state = convert(HEADER + CALLOUT + "\n" + CALLOUT)

    anchors = [callout.anchor for callout in state.callouts]
    assert anchors == [
        "lesson-reframe-setbacks-as-opportunities",
        "lesson-reframe-setbacks-as-opportunities-2",
    ]
    assert 'id="lesson-reframe-setbacks-as-opportunities-2"' in html


def test_a_callout_naming_a_known_lesson_gets_the_lessons_anchor_at_once():
    known = {"Reframe setbacks as opportunities": "use-the-gap"}
    extension = CalloutExtension(slugify=SLUGIFY, known_slug=known.get)
    md = markdown.Markdown(extensions=["markdown.extensions.meta", extension])

    html = md.convert(HEADER + CALLOUT)

    assert '<aside class="lesson-callout" id="lesson-use-the-gap">' in html
    assert extension.state.callouts[0].anchor == "lesson-use-the-gap"


def test_the_lesson_marker_is_case_insensitive():
    _, state = convert(HEADER + "> [!LESSON] Cross-train\n> Note.\n")

    assert [callout.statement for callout in state.callouts] == ["Cross-train"]


def test_a_callout_without_a_statement_is_reported_and_shown_as_a_quote():
    html, state = convert(HEADER + "Text.\n\n> [!lesson]   \n> A note.\n")

    [finding] = state.findings
    assert (finding.rule, finding.line) == ("callout-without-statement", 7)
    assert "without a statement" in finding.message
    assert state.callouts == []
    assert "<blockquote>" in html and "lesson-callout" not in html


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("- An item\n\n    > [!lesson] Cross-train\n    > Note.\n", 7),
        ("> Outer quote\n> > [!lesson] Cross-train\n> > Note.\n", 6),
    ],
    ids=["in a list", "in a nested quote"],
)
def test_a_callout_below_the_top_level_warns_and_is_not_recorded(body, line):
    html, state = convert(HEADER + body)

    assert state.callouts == []
    [finding] = state.findings
    assert (finding.rule, finding.line) == ("nested-callout", line)
    assert "top level" in finding.message
    assert "lesson-callout" not in html


PRIVATE_BODIES = {
    "at the top level": "> [!private] SECRET\n",
    "multi-line": "> [!private] SECRET\n> SECRET too\n> SECRET three\n",
    "upper case": "> [!PRIVATE] SECRET\n",
    "in a lesson note": (
        "> [!lesson] Cross-train\n> Public note.\n> > [!private] SECRET\n"
        "> > SECRET too\n> Public end.\n"
    ),
    "in another quote": "> Public quote.\n> > [!private] SECRET\n> > SECRET too\n",
}


@pytest.mark.parametrize("body", PRIVATE_BODIES.values(), ids=PRIVATE_BODIES.keys())
def test_a_private_callout_vanishes_from_the_html(body):
    html, _ = convert(HEADER + body + "\nAfter the blank line.\n")

    assert "SECRET" not in html
    assert "private" not in html
    assert "<p>After the blank line.</p>" in html


def test_a_private_callout_inside_a_lesson_note_runs_to_the_first_blank_line():
    _, state = convert(HEADER + PRIVATE_BODIES["in a lesson note"] + "\nAfter.\n")

    [callout] = state.callouts
    assert callout.note_html == "<p>Public note.</p>"


LEAKY_LAYOUTS = {
    "list inside a lesson note": (
        "> [!lesson] Ask good questions\n> - first point\n>   > [!private] SECRET\n"
    ),
    "list inside a quote": "> Quote\n> - > [!private] SECRET\n",
    "two spaces after the quote": ">  [!private] SECRET\n",
    "a line without a quote mark": "> [!private] SECRET one\nSECRET lazy line\n",
    "a deeper quote, then a shallower line": "> > [!private] SECRET\n> SECRET lazy\n",
    "an inline code span that looks like a fence": (
        "```git status``` shows nothing.\n\n> [!private] SECRET after\n"
    ),
    "an unclosed fence before it": "> [!private] SECRET\n\n```python\nprint()\n",
    "an indented fence": " ```\ncode\n ```\n\n> [!private] SECRET\n",
}


@pytest.mark.parametrize("body", LEAKY_LAYOUTS.values(), ids=LEAKY_LAYOUTS.keys())
def test_private_text_stays_hidden_however_the_marker_is_laid_out(body):
    html, state = convert(HEADER + body)

    assert "SECRET" not in html
    assert all("SECRET" not in callout.note_html for callout in state.callouts)


def test_a_private_callout_in_a_list_item_vanishes_from_the_html():
    html, _ = convert(HEADER + "- Public item\n- > [!private] SECRET\n")

    assert "SECRET" not in html


def test_a_private_marker_in_fenced_code_stays_literal_code():
    html, _ = convert(HEADER + "```\n> [!private] Example\n```\n")

    assert "<code>&gt; [!private] Example\n</code>" in html


def test_an_ordinary_blockquote_is_untouched():
    html, state = convert(HEADER + "> Just a quote.\n")

    assert "<blockquote>\n<p>Just a quote.</p>\n</blockquote>" in html
    assert state.callouts == [] and state.findings == []


def test_other_callout_kinds_are_untouched():
    html, state = convert(HEADER + "> [!note] Remember\n> this.\n")

    assert "<blockquote>\n<p>[!note] Remember\nthis.</p>\n</blockquote>" in html
    assert state.callouts == []


def test_reset_forgets_the_previous_documents_callouts():
    md, extension = converter()
    md.convert(HEADER + CALLOUT)
    md.reset()
    md.convert(HEADER + "> [!lesson] Cross-train\n")

    assert [callout.statement for callout in extension.state.callouts] == [
        "Cross-train"
    ]
    assert extension.state.findings == []


# Lines of fences, code, quotes and text, in any order: blocks open and close
# (or do not) wherever they happen to.
FENCED_LINES = st.lists(
    st.sampled_from(
        [
            *("```", "~~~", "````", "```python", "~~~ {.py}", "  ```", "``"),
            *("code", "", "> [!lesson] A lesson", "> A note.", "Text ``` inline"),
        ]
    ),
    max_size=14,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(FENCED_LINES)
def test_fenced_code_lines_are_the_lines_markdowns_pattern_finds(text):
    expected = set()
    for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        first = text.count("\n", 0, match.start())
        expected.update(range(first, text.count("\n", 0, match.end() - 1) + 1))

    assert fenced_code_lines(text) == expected
