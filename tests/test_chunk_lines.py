"""A static file read in chunks names the line it names read whole
(``sitekit.staticmarkers``), wherever a chunk ends.

A chunk that ends inside a word left the text read so far ending in
``[!priv&#97;t``, which the near-miss matching takes for a marker: the
reading told it there, on its line, though the whole file reads on to
``[!priv&#97;tisations]``, no marker, and holds its one marker a line
later (or a marker only the page draws a line earlier, where the text as
written counts first). And after a ``<noscript>``, which a page draws two
ways, the reading told the first reading's line, where the whole file
tells the earlier line of the two. Each test failed before its fix, but
for the guard that says so."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

import pytest
from test_chunk_window import read_in_chunks
from test_privacy16 import DRAWN_ONLY, filled_to, findings_of, read_whole

from sitekit import staticmarkers
from sitekit.staticmarkers import CHUNK

#: Files whose first chunk ends inside a word (before it, after it): the
#: word reads on to a longer one than ``private``, no marker, whole; cut
#: after ``[!priv&#97;t`` or ``[!privat``, it reads as one.
CUT_IN_A_WORD = {
    "drawn, the marker a line later": (
        "See [!priv&#97;t",
        "isations].\n[!private] note\n",
    ),
    "as written, the marker a line later": (
        "See [!privat",
        "isations].\n[!private] note\n",
    ),
    "as written, a drawn marker a line earlier": (
        f"{DRAWN_ONLY} note\nSee [!privat",
        "isations].\n",
    ),
}


@pytest.mark.parametrize("case", CUT_IN_A_WORD)
def test_a_word_a_chunk_ends_inside_is_read_to_its_end(tmp_path, monkeypatch, case):
    before, after = CUT_IN_A_WORD[case]
    text = before + after
    whole = read_whole(text)
    chunked = read_in_chunks(tmp_path, monkeypatch, text, len(before.encode()))
    assert chunked is not None and chunked.line == whole.line, (chunked, whole)


@pytest.mark.parametrize("case", CUT_IN_A_WORD)
def test_a_word_a_megabyte_ends_inside_is_read_to_its_end(tmp_path, case):
    before, after = CUT_IN_A_WORD[case]
    whole = filled_to(CHUNK, f"\n{before}") + after
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line, finding


def test_a_marker_at_the_very_end_of_a_file_is_still_found(tmp_path, monkeypatch):
    """The control: nothing follows, so the word is read to its end."""
    text = "Public.\n[!privat"
    chunked = read_in_chunks(tmp_path, monkeypatch, text, 3)
    assert chunked is not None and chunked.line == read_whole(text).line == 2


class CountedReads(io.BytesIO):
    """A file that counts the chunks read of it."""

    reads = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        return super().read(size)


@pytest.mark.parametrize("marker", ["[!private]", DRAWN_ONLY, "[!privat]"])
def test_a_marker_with_its_bracket_is_told_in_the_chunk_it_ends_in(monkeypatch, marker):
    """A guard on the cost: what follows a marker's ``]`` makes it no more
    or less a marker, so reading stops there, though the window carries it
    on (markup still open on its line, here a comment a thousand chunks
    long) and a marker without it would wait for the comment's end."""
    monkeypatch.setattr(staticmarkers, "CHUNK", 64)
    file = CountedReads(f"{marker} <!--{'y' * 64_000}-->\n".encode())
    found = staticmarkers._text_marker_in(file, PurePosixPath("notes.html"))
    assert found is not None and found.line == 1
    assert file.reads <= 2


def test_a_marker_held_back_for_a_word_is_told_once_the_word_is_read(monkeypatch):
    """A guard on the cost: the marker only drawn on line 1 waits while the
    cut word after it may yet be a marker as written, which counts first;
    read on to its end, the word is none, and reading stops there, not at
    the end of the file."""
    before, after = CUT_IN_A_WORD["as written, a drawn marker a line earlier"]
    monkeypatch.setattr(staticmarkers, "CHUNK", len(before))
    file = CountedReads((before + after + "Public.\n" * 10_000).encode())
    found = staticmarkers._text_marker_in(file, PurePosixPath("notes.html"))
    assert found is not None and found.line == 1
    assert file.reads <= 3


#: After a ``<noscript>``: scripts off, its comment runs on over the line
#: break and the page draws the marker on line 1; scripts on, on line 2.
#: The whole file tells the earlier.
NOSCRIPT_TWO_LINES = "<noscript><!--</noscript>\n-->[!pri<b></b>vate]\n"


@pytest.mark.parametrize("chunk", [1, 4, 19])
def test_after_a_noscript_the_earlier_line_of_the_two_readings_is_told(
    tmp_path, monkeypatch, chunk
):
    whole = read_whole(NOSCRIPT_TWO_LINES)
    chunked = read_in_chunks(tmp_path, monkeypatch, NOSCRIPT_TWO_LINES, chunk)
    assert chunked is not None and chunked.line == whole.line == 1, chunked


def test_after_a_noscript_a_megabyte_s_end_tells_the_earlier_line(tmp_path):
    before, after = NOSCRIPT_TWO_LINES.split("[!pri")
    whole = filled_to(CHUNK, f"\n{before}[!pri") + after
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == whole.count("\n") - 1, finding
