"""A static file read in chunks finds every marker the page's view draws in
a shown value (``alt=``, ``title=``: ``sitekit.drawn.SHOWN``) of long
markup whose middle a window leaves out, as the file read whole finds it.

The view reads shown values with one pattern over each piece of markup,
left to right, each value taking what it reads: where the stand-in for the
middle left out (``sitekit.drawncuts.kept_opening``) lets the view read a
shown name the whole file does not read there, that name takes the text
after it as its value, and the shown value the whole file reads next is
lost; where the stand-in could not hold the view's reading at all, the
value itself was. A fuzz run (about 500,000 cases, every chunk size 1 to
24) found three ways; each test failed before its fix."""

from __future__ import annotations

import pytest
from test_chunk_window import read_in_chunks
from test_privacy16 import DRAWN_ONLY, findings_of, read_whole

from sitekit.drawncuts import kept_opening
from sitekit.staticmarkers import CHUNK, OVERLAP

#: Where a window resumes in markup opened at the file's start and still
#: open after ``MAX_CARRY``: at its second chunk's end it keeps the last
#: ``OVERLAP`` characters read.
CUT = 2 * CHUNK - OVERLAP

# --- 1. A name character before the cut ---------------------------------------------

#: Markup whose middle is left out right after a name character (``-``),
#: then ``title=title='``: after ``-`` the view reads no ``title``, so the
#: second one's value is drawn. The stand-in ended in `?` or a quote, after
#: which the view read the first ``title``, whose value took the second.
AFTER_A_NAME_CHARACTER = {
    "in a bogus comment": ("<?", ""),
    "in another attribute's quoted value": ('<p data-x="', '"'),
}


@pytest.mark.parametrize("case", AFTER_A_NAME_CHARACTER)
def test_a_name_character_before_a_cut_keeps_the_view_from_reading_a_name(
    tmp_path, monkeypatch, case
):
    opening, closing = AFTER_A_NAME_CHARACTER[case]
    text = f"{opening}{'y' * 30}-title=title='{'y' * 40}{DRAWN_ONLY}'{closing}>"
    whole = read_whole(text)
    assert whole is not None
    for chunk in (1, 3, 13):
        chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk)
        assert chunked is not None and chunked.line == whole.line, chunk


@pytest.mark.parametrize("case", AFTER_A_NAME_CHARACTER)
def test_a_name_character_before_a_cut_over_a_megabyte(tmp_path, case):
    opening, closing = AFTER_A_NAME_CHARACTER[case]
    head = opening + "y" * (CUT - len(opening) - 1) + "-"
    after = "title=title='"
    whole = f"{head}{after}{'y' * OVERLAP}{DRAWN_ONLY}'{closing}>\n"
    assert len(head) == CUT
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 1


def test_a_stand_in_ends_in_a_name_character_where_the_text_does():
    """The rule, both ways: after ``-`` no shown name is read, after `.`
    one is (``x.alt=``)."""
    for text, resumed_at in (("<?yy-title=", "title"), ('<p data-x="y-alt=', "alt")):
        resumed = text.index(resumed_at)
        kept = kept_opening(text, 0, resumed)
        assert (kept.opening + kept.reading)[-1] in "y-", kept
    kept = kept_opening("<p x.alt=", 0, 5)
    assert (kept.opening + kept.reading).endswith("."), kept


# --- 2. A shown name the view reads inside a value of its own -------------------------

#: A tag cut inside a quoted value of ``alt``, a shown name as the tokenizer
#: reads names, where the view reads that ``alt="`` as the closed value of
#: an ``alt=`` inside the value before (``e="alt="alt="``): the view reads
#: on outside any value, to ``title="``. The stand-in was ``<x alt="``, in
#: whose value the view read ``title=`` and lost the value after it.
VALUE_THE_VIEW_CLOSED = '<t e="alt="alt="'


def test_a_shown_value_the_view_read_as_closed_stays_closed_after_a_cut(
    tmp_path, monkeypatch
):
    text = f'{VALUE_THE_VIEW_CLOSED}{"y" * 30} title="{DRAWN_ONLY}">'
    whole = read_whole(text)
    assert whole is not None
    for chunk in (1, 2, 4, 13):
        chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk, carry=31)
        assert chunked is not None and chunked.line == whole.line, chunk


def test_a_shown_value_the_view_read_as_closed_over_a_megabyte(tmp_path):
    head = VALUE_THE_VIEW_CLOSED + "y" * (CUT - len(VALUE_THE_VIEW_CLOSED))
    whole = f'{head} title="{"y" * OVERLAP}{DRAWN_ONLY}">\n'
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 1


def test_a_tag_s_stand_in_names_no_shown_attribute_the_view_does_not_read():
    """The tokenizer's state alone (``data-x="``), where the view's reading
    (none) is not the one a shown name would give."""
    text = VALUE_THE_VIEW_CLOSED + "yy"
    kept = kept_opening(text, 0, len(text))
    assert "alt" not in kept.opening + kept.reading, kept
    assert kept.reading.startswith(' data-x="'), kept


# --- 3. A shown value the view reads where the tokenizer reads names -----------------

#: A long tag cut where the view reads a shown name waiting for its value,
#: or a shown unquoted value, while the tokenizer reads names between
#: attributes (the name ``alt=`` in another attribute's unquoted value, the
#: value over names or over `/`s, which the tokenizer reads as spaces):
#: what opens each, and what runs on to the cut and past it. The stand-in
#: (``<x `` then a name, or ``y``) kept the tokenizer's state alone, and the
#: value after the cut, which the view draws, was lost.
VALUE_OVER_NAMES = {
    "a shown name waiting for its value": ("<p data-y=alt=", " "),
    "a shown value read on over a name": ("<p data-y=alt= y", "y"),
    "a shown value read on over slashes": ("<img -title=title= /", "/"),
}


@pytest.mark.parametrize("case", VALUE_OVER_NAMES)
def test_a_shown_value_over_names_stays_shown_after_a_cut(tmp_path, monkeypatch, case):
    opening, filler = VALUE_OVER_NAMES[case]
    text = f"{opening}{filler * 60}{DRAWN_ONLY}>"
    whole = read_whole(text)
    assert whole is not None
    for chunk in (1, 5, 17):
        chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk)
        assert chunked is not None and chunked.line == whole.line, chunk


@pytest.mark.parametrize("case", VALUE_OVER_NAMES)
def test_a_shown_value_over_names_stays_shown_over_a_megabyte(tmp_path, case):
    opening, filler = VALUE_OVER_NAMES[case]
    whole = f"{opening}{filler * (CUT - len(opening) + OVERLAP)}{DRAWN_ONLY}>\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 1


def test_a_kept_element_name_the_view_reads_as_shown_takes_no_value_after_a_cut(
    tmp_path, monkeypatch
):
    """A ``<title>``'s start tag, kept for its name (HTML reads its content
    as text), cut between attributes: the view read ``<title `` then
    ``=title='`` as a ``title`` whose value took the second ``title``'s
    (it stopped the reading with an error once the stand-in was checked)."""
    text = f"<title data-y=\"q\"{' ' * 60}=title='{DRAWN_ONLY}'>"
    whole = read_whole(text)
    assert whole is not None
    for chunk in (1, 4, 11):
        chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk)
        assert chunked is not None and chunked.line == whole.line, chunk


def test_a_kept_element_name_takes_no_value_after_a_cut_over_a_megabyte(tmp_path):
    big = '<title data-y="q"'
    big += f"{' ' * (CUT - len(big) + OVERLAP)}=title='{DRAWN_ONLY}'>\n"
    (finding,) = findings_of(tmp_path, big)
    assert finding.line == 1
