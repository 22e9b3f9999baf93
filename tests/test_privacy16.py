"""Privacy gaps reviewers saw and left, each a test that failed before its
fix: a static file read a megabyte at a time must be read as it is whole
(a quote left open over line breaks, a long bogus comment, comment or tag
whose middle a window leaves out), each field's marker only the page draws
is told on its own, and a shown value whose quote never closes counts as
shown (privacy fails closed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import copy_project, lint_in_process
from test_leftover9 import render_as_a_post

from sitekit import staticmarkers
from sitekit.chunkwindow import Window
from sitekit.drawn import as_read
from sitekit.markers import has_private_marker
from sitekit.staticmarkers import CHUNK, _marker_in, static_file_findings

DRAWN_ONLY = "[!priv&#97;te]"


def findings_of(tmp_path, text: str):
    notes = tmp_path / "notes.html"
    notes.write_text(text, encoding="utf-8")
    return static_file_findings(notes, "content/images/notes.html")


def read_whole(text: str):
    """The marker the file's text read at once holds, and its line."""
    return _marker_in(text, Window("", 1))


def filled_to(size: int, ending: str) -> str:
    """Lines of filler, then ``ending``, ``size`` characters in all: where
    ``ending`` ends, a chunk of the reading ends."""
    room = size - len(ending)
    lines = room // 100
    filler = ("y" * 99 + "\n") * lines + "y" * (room - lines * 100)
    return filler + ending


# --- 1. A quote left open over line breaks at a chunk's end -----------------------

#: Each ends a chunk inside a tag whose quoted value is still open: the last
#: `<` in the chunk starts a tag that closes, before the last line break,
#: or the chunk ends in `>` inside the quote. What follows closes the quote,
#: and a browser draws the marker after the tag's `>`.
OPEN_AT_A_CHUNK_S_END = {
    "a tag inside the quote": '\n<p><img alt="a\n<b>\n',
    # A long line is carried only from outside its last tag.
    "a quote ending in > on a long line": "\n" + "y" * 70000 + '<p><img alt="a <b>',
    "a comment's opening inside the quote": '\n<p><img data-x="a\n<!-- -->\n',
}


@pytest.mark.parametrize("case", OPEN_AT_A_CHUNK_S_END)
def test_a_quote_left_open_at_a_chunk_s_end_is_read_on(tmp_path, case):
    after = f'" x=<!-- >{DRAWN_ONLY} zq -->\n'
    whole = filled_to(CHUNK, OPEN_AT_A_CHUNK_S_END[case]) + after
    assert has_private_marker(as_read(whole))  # as a browser draws the file
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line, finding


def test_a_closed_tag_before_the_last_line_break_is_still_the_usual_case(tmp_path):
    """The control: tags that close, the marker after them found once."""
    whole = filled_to(CHUNK, '\n<p><img alt="a"><b>\n') + f"{DRAWN_ONLY} zq\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == whole.count("\n") == read_whole(whole).line


# --- 2. A bogus comment, a comment or a tag longer than a megabyte -----------------

#: Markup still open after more than ``MAX_CARRY`` characters, which a
#: window keeps only the opening and the last ``OVERLAP`` characters of,
#: then what follows, which a browser draws (each ends at its own end).
LONG_AND_OPEN = {
    # A bogus comment ends at its first `>`: after a bare `<`, the `<!--`
    # or quote inside it opened a comment or a tag that hid what follows.
    "a bogus comment with line breaks": ("<!bogus\n", "<!-- \n", ">"),
    "a bogus comment on one line": ("<!bogus ", 'a b="', ">"),
    "a bogus comment after </": ("</1 ", 'a b="', ">"),
    # A tag's quoted value holds `<!--`: the browser reads on to its quote.
    "a shown value with line breaks": ('<p title="\n', "<!-- \n", '" >'),
    "a hidden value with line breaks": ('<p data-x="\n', "<!-- \n", '" >'),
    "names over line breaks": ("<p data-x=\n", '"<!-- \n', '" >'),
    "a value on one line": ('<p data-x="', " a='x", '" >'),
}


@pytest.mark.parametrize("case", LONG_AND_OPEN)
def test_what_follows_long_open_markup_is_read_as_a_browser_reads_it(tmp_path, case):
    opening, last, closing = LONG_AND_OPEN[case]
    one_line = "\n" not in opening + last
    middle = filled_to(2 * CHUNK - len(opening), last)
    if one_line:
        middle = middle.replace("\n", "y")
    whole = f"{opening}{middle}{closing}{DRAWN_ONLY} zq -->\n"
    assert has_private_marker(as_read(whole))  # as a browser draws the file
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line, finding


#: Long markup that holds a marker only a page would draw, or closes only
#: as a window joins it: a browser draws none of it.
LONG_AND_NOT_DRAWN = {
    # After a bare `<`, a line of a bogus comment was drawn text.
    "a bogus comment": ("<!bogus\n", f"{DRAWN_ONLY}\n", ">"),
    # After a bare `<!--`, a `->` where the window resumes closed it.
    "a comment": ("<!-- ", f"->{DRAWN_ONLY}", " -->"),
}


@pytest.mark.parametrize("case", LONG_AND_NOT_DRAWN)
def test_long_markup_a_browser_does_not_draw_is_not_drawn(tmp_path, case):
    opening, last, closing = LONG_AND_NOT_DRAWN[case]
    if "\n" in last:
        middle = filled_to(2 * CHUNK - len(opening), last)
    else:  # the window resumes exactly at `last`: one line, no break
        middle = "y" * (2 * CHUNK - len(opening) - staticmarkers.OVERLAP) + last
        middle += "y" * (2 * CHUNK - len(opening) - len(middle))
    whole = f"{opening}{middle}{closing}\n<p>Public.</p>\n"
    assert not has_private_marker(as_read(whole))
    assert findings_of(tmp_path, whole) == []


# --- 3. Each field's marker only drawn is told on its own -------------------------

#: Posts of Pelican's other readers with one field written plainly and one
#: only drawn as a marker: the second was never told, as the file held a
#: plain ``[!private]`` elsewhere.
TWO_FIELDS = {
    "an .rst post": (
        "2026-03-09-fields.rst",
        "Fields\n######\n\n:date: 2026-03-09\n:category: zqpublic\n"
        ":note: [!private] zqone\n"
        f":tags: fine, {DRAWN_ONLY} zqtwo\n\nPublic.\n",
        7,
    ),
    "an .html post": (
        "2026-03-09-fields.html",
        "<html><head><title>Fields</title>\n"
        '<meta name="date" content="2026-03-09">\n'
        '<meta name="note" content="[!private] zqone">\n'
        '<meta name="tags" content="fine, [!p&#114;ivate] zqtwo">\n'
        "</head><body><p>Public.</p></body></html>",
        4,
    ),
}


@pytest.mark.parametrize("case", TWO_FIELDS)
def test_a_field_only_drawn_as_a_marker_is_told_beside_a_plain_one(tmp_path, case):
    name, source, line = TWO_FIELDS[case]
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / name).write_text(source, encoding="utf-8")
    linted = lint_in_process("lint", cwd=project)
    said = [row for row in linted.stdout.splitlines() if f"{name}:{line}:" in row]
    assert len(said) == 1 and "is drawn by the page as" in said[0], linted.stdout


# --- 4. A shown value whose quote never closes ------------------------------------


def test_a_shown_value_whose_quote_never_closes_is_in_the_drawn_view():
    """A browser reads the value on to the next quote of the page, which
    the text the view is given (a field, a block) may not hold: what it
    shows is the value, marker and all."""
    for written in (f'<img alt="{DRAWN_ONLY} zq>', f"<img title='{DRAWN_ONLY} zq"):
        assert has_private_marker(as_read(written)), written


def test_a_post_does_not_publish_a_note_in_an_unclosed_alt():
    page = render_as_a_post(
        f'Kept.\n\n<img alt="{DRAWN_ONLY} zqsecret>\n\nMore, "quoted".\n'
    )
    assert "Kept." in page and "zqsecret" not in page, page


def test_an_html_page_with_a_marker_in_an_unclosed_alt_stops(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "content" / "pages" / "notes.html").write_text(
        "<html><head><title>Notes</title></head>\n"
        f'<body>\n<p><img alt="{DRAWN_ONLY} zqsecret></p></body></html>',
        encoding="utf-8",
    )
    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode != 0
    assert "notes.html:3: error: a private marker" in linted.stdout + linted.stderr


def test_a_static_file_with_a_marker_in_an_unclosed_alt_is_found(tmp_path):
    (finding,) = findings_of(tmp_path, f'<p>Public.</p>\n<img alt="{DRAWN_ONLY} zq>\n')
    assert finding.line == 2


# --- 5. Read in chunks, a file says what it says whole ------------------------------

#: What a file is made of here: each piece something the reading decides on
#: (markup of every kind HTML reads, quotes, `>`, line breaks, references),
#: and markers only a page draws.
MARKERS = (DRAWN_ONLY, "[!pri<b></b>vate]", "[!pri<!--\n-->vate]")
PIECES = st.sampled_from(
    [
        *("<!--", "-->", "<!x", "<?", "</1", "<b>", "</b>", "<img alt=", '<p data-x="'),
        *('"', "'", ">", "->", "=", " ", "\n", "y", "yyyyyyyyyyyy", "<", "/", "&amp;"),
        *("<textarea>", "</textarea>", "<script>", "</script>", *MARKERS),
        *("<noscript>", "</noscript>"),
    ]
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pieces=st.lists(PIECES, max_size=60),
    chunk=st.integers(min_value=1, max_value=24),
    carry=st.integers(min_value=24, max_value=96),
)
def test_a_file_read_in_small_chunks_finds_what_it_finds_whole(
    tmp_path, monkeypatch, pieces, chunk, carry
):
    """Read a few bytes at a time, long markup's middle left out after a
    few more, a file holds a marker wherever it holds one read at once, on
    the same line where it holds one only. (A window that ends inside a
    word, `[!pri<b></b>vat`, waits for the text after it before it tells a
    marker: tests/test_chunk_lines.py. Not checked the reverse way: a
    window whose long markup's middle was left out may still find a marker
    the whole file has none of; that fails closed.)"""
    text = "".join(pieces)
    whole = read_whole(text)
    with monkeypatch.context() as patch:
        patch.setattr(staticmarkers, "CHUNK", chunk)
        patch.setattr(staticmarkers, "MAX_CARRY", carry)
        patch.setattr(staticmarkers, "LONG_LINE", 4 * carry)
        patch.setattr(staticmarkers, "OVERLAP", 2 * max(map(len, MARKERS)))
        notes = tmp_path / "notes.html"
        notes.write_text(text, encoding="utf-8")
        chunked = staticmarkers.first_marker(notes)
    assert whole is None or chunked is not None, (text, whole)
    if whole is not None and sum(piece in MARKERS for piece in pieces) == 1:
        assert chunked.line == whole.line, (text, chunked, whole)
