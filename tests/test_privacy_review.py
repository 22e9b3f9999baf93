"""Holes a review of the privacy merges found, each next to a public control.

* A marker the page draws whole, though its source splits it with a tag
  or comment that runs over a line break (``[!pri<!--`` / ``-->vate]``), or
  with a tag whose quoted attribute holds a ``>``.
* A marker in text a reader is shown from an attribute (an image's ``alt``,
  a ``title``) spelt with character references (``[!priv&#97;te]``).
* A static text file in UTF-16 or UTF-32 (with its byte order mark), which
  was read as UTF-8 and so never matched.
* Footnotes only hidden text refers to were found by reading the whole
  page once per footnote: a post with many of them took the square of
  its size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_private_markers import render

from sitekit import privateblocks
from sitekit.drawn import as_read
from sitekit.markers import has_private_marker
from sitekit.staticmarkers import first_marker


def drawn_marker(text: str) -> bool:
    return has_private_marker(text) or has_private_marker(as_read(text))


DRAWN_MARKERS = {
    "comment over a line break": "A [!pri<!--\n-->vate] salary 90k.",
    "tag over a line break": "A [!pri<span\nclass=x></span>vate] salary 90k.",
    "quoted > in a tag": 'A [!pri<span title="a>b"></span>vate] salary 90k.',
    "alt with a reference": '<img alt="[!priv&#97;te] salary" src="x.png">',
    "title with a hex reference": '<abbr title="[!priv&#x61;te] salary">x</abbr>',
    "alt over a line break": '<img src="x.png"\n alt="[!priv&#97;te] salary">',
}


@pytest.mark.parametrize("text", DRAWN_MARKERS.values(), ids=DRAWN_MARKERS)
def test_a_marker_is_read_as_the_page_draws_it_or_shows_it_in_an_attribute(text):
    assert drawn_marker(text)


@pytest.mark.parametrize("text", DRAWN_MARKERS.values(), ids=DRAWN_MARKERS)
def test_a_markdown_paragraph_with_such_a_marker_is_hidden(text):
    html, private = render(f"Public.\n\n{text}\n\nEnd.\n")
    assert "salary" not in html or private.document_state().unhidden
    assert "Public." in html and "End." in html


def test_lines_after_markup_over_a_line_break_keep_their_numbers():
    text = "one <!--\nx\n--> one\ntwo\nthree"
    assert as_read(text).split("\n")[3:] == ["two", "three"]
    assert len(as_read(text).split("\n")) == len(text.split("\n"))


PUBLIC_MARKUP = [
    '<img alt="A private moment" src="x.png"> and <a href="/p">text</a>',
    "a <!-- a comment\nover two lines --> and a <b>bold</b> word",
    'a <span title="one > two">title</span> with a quoted sign',
    "2 < 3 and 5 > 4, privately",
]


@pytest.mark.parametrize("text", PUBLIC_MARKUP)
def test_public_markup_has_no_marker(text):
    assert not drawn_marker(text)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("name", ["notes.txt", "notes.dat"])
def test_a_static_file_in_utf16_or_utf32_with_a_bom_is_read(
    tmp_path: Path, encoding, name
):
    text = "Public line.\n[!private] her salary was 90k\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        data = bom + data
    path = tmp_path / name
    path.write_bytes(data)
    found = first_marker(path)
    assert found is not None and found.line == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_public_static_file_in_utf16_has_no_marker(tmp_path: Path, encoding):
    path = tmp_path / "notes.txt"
    path.write_bytes("A public note, [links] and !bang.\n".encode(encoding))
    assert first_marker(path) is None


def test_a_stray_less_than_sign_keeps_the_lines_after_it():
    text = "a <b\nc\n< d\ne <!--\n-->f\ng"
    drawn = as_read(text).split("\n")
    assert len(drawn) == len(text.split("\n")) and drawn[-1] == "g"


def hidden_footnotes(count: int) -> str:
    notes = "".join(f"[!private] note {i} [^n{i}]\n\n" for i in range(count))
    return (
        "Public [^p].\n\n"
        + notes
        + "".join(f"[^n{i}]: foot {i}\n" for i in (*range(count), "p")).replace(
            "[^np]", "[^p]"
        )
    )


def test_hidden_footnotes_go_and_a_public_one_stays():
    html, _ = render(hidden_footnotes(3))
    assert "foot p" in html and "foot 0" not in html and "note 0" not in html


def test_hiding_footnotes_costs_what_the_post_size_does(monkeypatch):
    # Counted, never timed: the text the hiding reads, in characters. It
    # read the whole page again for each hidden footnote, so four times the
    # footnotes read sixteen times the text; now about four times.
    read: list[int] = []
    all_text = privateblocks._PrivateBlocks._all_text

    def counted(self, element):
        text = all_text(self, element)
        read.append(len(text))
        return text

    monkeypatch.setattr(privateblocks._PrivateBlocks, "_all_text", counted)

    def characters_read(count: int) -> int:
        read.clear()
        html, _ = render(hidden_footnotes(count))
        assert "foot 0" not in html and "foot p" in html
        return sum(read)

    assert characters_read(600) < 6 * characters_read(150)


def test_a_public_footnote_after_hidden_ones_does_not_count_them():
    # Its back link's title said "footnote 4": three were hidden before it.
    html, _ = render(hidden_footnotes(3))
    assert 'title="Jump back to footnote 1 in the text"' in html
