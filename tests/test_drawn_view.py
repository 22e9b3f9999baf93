"""The page's view of a text (``sitekit.drawn``) read in one pass.

``_without_tags`` runs over every post's whole HTML in privacy's last look,
so it finds tags and comments with one regular expression instead of
walking them one `<` at a time. These tests hold it to the walk it
replaced, kept here as the reference, on generated text made of the pieces
that decide it: tags with shown and other attributes, quoted `>`, stray
quotes and `<`, comments closed and not, and line breaks inside them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_leftover9 import render_as_a_post

from sitekit.drawn import _SHOWN_VALUE, _TAG, _with_carried, as_read
from sitekit.drawn import _without_tags as without_tags


def html_comment_end(text: str, start: int) -> int:
    """Where HTML ends the comment starting at ``start``: ``<!-->`` and
    ``<!--->`` are whole (empty) ones, others end at the first ``-->`` or
    ``--!>``, or with the text."""
    if text.startswith(">", start + 4):
        return start + 5
    if text.startswith("->", start + 4):
        return start + 6
    ends = [
        found + len(close)
        for close in ("-->", "--!>")
        if (found := text.find(close, start + 4)) != -1
    ]
    return min(ends, default=len(text))


def walked_without_tags(text: str) -> str:
    """The walk ``_without_tags`` was until 2026-12-06, unchanged but for
    where a comment ends: as HTML ends one (``html_comment_end``), where
    the walk waited for ``-->`` (tokens13: ``<!-->`` hid what followed)."""
    if "<" not in text:
        return text
    kept: list[str] = []
    extra: list[str] = []
    breaks = 0
    position = 0
    while (start := text.find("<", position)) != -1:
        shown: list[str] = []
        if text.startswith("<!--", start):
            end = html_comment_end(text, start)
        else:
            tag = _TAG.match(text, start)
            if tag is None:
                piece = text[position : start + 1]
                kept.append(_with_carried(piece, extra, breaks))
                if "\n" in piece:
                    extra, breaks = [], 0
                position = start + 1
                continue
            end = tag.end()
            shown = [
                next(value for value in found.groups() if value is not None)
                for found in _SHOWN_VALUE.finditer(tag.group())
            ]
        kept.append(_with_carried(text[position:start], extra, breaks))
        if "\n" in text[position:start]:
            extra, breaks = [], 0
        extra += shown
        breaks += text.count("\n", start, end)
        position = end
    kept.append(_with_carried(text[position:], extra, breaks, last=True))
    return "".join(kept)


#: The pieces text is made of here: each one something the reading decides
#: on (a tag's start and end, quotes, comment marks, shown attributes,
#: line breaks, emphasis and references as_read also handles).
PIECES = [
    "<",
    ">",
    "<!--",
    "-->",
    "--",
    "!",
    '"',
    "'",
    "=",
    "\n",
    " ",
    "a",
    "pri",
    "vate",
    "[!",
    "]",
    "<p>",
    "</p>",
    "<em>",
    "<br/>",
    '<img alt="[!private]" src=x>',
    "<img alt='a>b'>",
    '<a title="x\ny" href="h">',
    "<span aria-label=plain>",
    "<input value=\"v\" placeholder='p'>",
    "<b\nclass=c>",
    '<q data-x="<">',
    "*",
    "_",
    "&#97;",
    "&amp;",
    "&#10;",
    '<i title="a&#10;b">',
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_the_one_pass_reads_every_text_as_the_walk_did(text):
    assert without_tags(text) == walked_without_tags(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>!-\"'=\n ax", max_size=60))
def test_the_one_pass_reads_any_arrangement_of_the_marks_as_the_walk_did(text):
    assert without_tags(text) == walked_without_tags(text)


def test_a_post_s_html_reads_the_same_both_ways():
    """A whole page body of the kind privacy's last look reads."""
    body = (
        '<h2 id="what-i-learned">What I learned</h2>\n'
        "<p>Ask <em>why</em> twice.<!-- a note\nover lines --> Then\n"
        '<a href="https://e.org" title="a [!private]\nnote">listen</a>.</p>\n'
        '<img alt="pri&#118;ate" src="x.png"> <q>a < b</q>\n'
        "<!-- never closed\n<p>hidden</p>"
    )
    assert without_tags(body) == walked_without_tags(body)
    assert re.search(r"\[!private\]", as_read(body))


#: Pieces that close what they open, so text after them lies outside every
#: tag: among them tags and references whose shown values hold a line break.
CLOSED_PIECES = [
    "a",
    " ",
    "<p>",
    "</p>",
    "<em>",
    "*",
    "&#97;",
    "&#10;",
    "&#x0A;",
    "&NewLine;",
    '<img alt="[!private]" src=x>',
    "<img alt='a>b'>",
    '<a title="x\ny" href="h">',
    "<a title='x\r\ny'>",
    '<i title="a&#10;b">',
    "<span aria-label=plain>",
    "<b\nclass=c>",
    "<!-- c\nd -->",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CLOSED_PIECES), max_size=8), max_size=8))
def test_what_starts_a_line_stays_on_its_line_as_read(lines):
    """Markers are placed on their lines in the view as read: text that
    starts a line is on the same line there, however many line breaks the
    tags and references before it hold in shown values."""
    text = "\n".join(f"zq{number}" + "".join(line) for number, line in enumerate(lines))
    drawn = as_read(text)
    assert drawn.count("\n") == text.count("\n")
    for number in range(len(lines)):
        token = f"zq{number}"
        written_line = text[: text.index(token)].count("\n")
        assert drawn[: drawn.index(token)].count("\n") == written_line, (text, drawn)


def test_a_quoted_value_holding_a_less_than_sign_is_read_whole():
    """HTML's tokenizer reads ``<`` inside a quoted value as a character of
    it: ``alt="a < b [!priv&#97;te]"`` is one tag, whose shown value a
    reader is shown. The view ended the tag at that ``<`` and lost the
    marker after it, spelt with a reference, so the text as written did
    not show it either and the page published it."""
    for tag in (
        '<img alt="a < b [!priv&#97;te] zq" src="x.png">',
        "<img alt='a <b> [!priv&#97;te] zq' src=\"x.png\">",
        '<a title="x <y" href="/h">see</a> [!priv&#97;te] zq',
    ):
        assert "[!private] zq" in as_read(tag), tag
    assert as_read('<q data-x="<">text</q>') == "text"


def test_a_marker_after_a_less_than_sign_in_an_alt_text_hides_its_paragraph():
    page = render_as_a_post(
        "Kept.\n\n"
        '<p><img alt="a < b [!priv&#97;te] zqsecret" src="https://e.org/x.png"></p>\n'
    )
    assert "Kept." in page and "zqsecret" not in page, page
