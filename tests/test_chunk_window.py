"""A static file read in chunks finds every marker it finds read whole, on
the same line, where the text a window carries from one chunk to the next
lies in the content of an element HTML reads as text (``<script>``,
``<style>``, ``<textarea>``), in a long tag, or after a ``<noscript>``,
which a page draws two ways: ``sitekit.chunkwindow``.

A ``<script>``'s content is read by the page's view as markup cut at its
end tag, so ``[!pri<!--`` then ``-->vate]`` inside it reads ``[!private]``;
a window that started that content's last line where the file's lines
start (inside its comment) lost the marker's first half. Each test failed
before its fix, but for the guards that say so."""

from __future__ import annotations

import pytest
from test_privacy16 import DRAWN_ONLY, filled_to, findings_of, read_whole

from sitekit import drawncuts, staticmarkers
from sitekit.chunkwindow import Limits, ReadingWindows, Window
from sitekit.staticmarkers import CHUNK, OVERLAP

MARKERS = (DRAWN_ONLY, "[!pri<b></b>vate]", "[!pri<!--\n-->vate]")
#: What ``read_in_chunks`` carries of a long line or long markup.
SMALL_OVERLAP = 2 * max(map(len, MARKERS))


def read_in_chunks(tmp_path, monkeypatch, text: str, chunk: int = 1, carry: int = 24):
    """The marker ``text`` holds read ``chunk`` bytes at a time, markup's
    middle left out after ``carry`` characters (as the property test in
    ``test_privacy16`` reads it)."""
    monkeypatch.setattr(staticmarkers, "CHUNK", chunk)
    monkeypatch.setattr(staticmarkers, "MAX_CARRY", carry)
    monkeypatch.setattr(staticmarkers, "LONG_LINE", 4 * carry)
    monkeypatch.setattr(staticmarkers, "OVERLAP", SMALL_OVERLAP)
    notes = tmp_path / "notes.html"
    notes.write_text(text, encoding="utf-8")
    return staticmarkers.first_marker(notes)


# --- 1. Inside a <script> still open, longer than the window carries ----------------

#: Text read a byte at a time, each with a marker a page draws inside a
#: ``<script>`` (or ``<style>``) still open when the window cuts it.
OPEN_SCRIPT = {
    # The failure CI found: the line start after the cut lay in the comment.
    "a comment over a line break": "--><script>[!pri<!--\n-->vate]",
    "a comment in a style": "<style>\n[!pri<!--" + "y" * 40 + "\n-->vate]",
    "a comment longer than the window": "<script>\n[!pri<!--"
    + "yy\n" * 40
    + "-->vate]",
    "a tag's quoted value over lines": '<script>\n[!pri<p data-x="'
    + "yy\n" * 40
    + '">vate]',
    "a long line": "<script>\nq<b\n\n>" + "y" * 200 + " [!priv&#97;te]",
}


@pytest.mark.parametrize("case", OPEN_SCRIPT)
def test_a_marker_in_a_long_open_script_is_found_on_its_line(
    tmp_path, monkeypatch, case
):
    text = OPEN_SCRIPT[case]
    whole = read_whole(text)
    assert whole is not None  # as a page's view reads the file
    chunked = read_in_chunks(tmp_path, monkeypatch, text)
    assert chunked is not None and chunked.line == whole.line, (chunked, whole)


def test_a_script_s_comment_over_a_chunk_s_end_is_read_whole(tmp_path):
    """At real size: the second megabyte ends between ``[!pri<!--`` and
    ``-->vate]``, inside a ``<script>`` two megabytes long, and the first
    line break of its last ``OVERLAP`` characters is the comment's."""
    ending = "\n[!pri<!--" + "y" * (2 * OVERLAP) + "\n-->"
    whole = "<script>\n" + filled_to(2 * CHUNK - 9, ending) + "vate]</script>\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == whole.count("\n") - 1


def test_a_script_s_comment_longer_than_a_megabyte_keeps_its_opening(tmp_path):
    middle = filled_to(3 * CHUNK, "\n")
    whole = f"<script>\n[!pri<!--{middle}-->vate]\n</script>\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 2


def test_a_script_s_long_line_is_told_on_the_line_it_starts_on(tmp_path):
    """The line is cut in its middle, after a tag over line breaks: the
    marker is told on the line the page draws it on, as read whole."""
    ending = "\nq<b\n\n>" + "y" * 70000
    whole = "<script>\n" + filled_to(2 * CHUNK - 9, ending) + f" {DRAWN_ONLY}\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == whole.count("\n") - 2


# --- 2. Inside an element that closed before the chunk's end ------------------------


@pytest.mark.parametrize("element", ["style", "script", "textarea"])
def test_a_line_inside_a_closed_element_is_read_with_its_start_tag(tmp_path, element):
    """The last line a page draws starts inside the element's content: read
    without its start tag, that content's ``<!--`` ran on past the end tag
    and hid the marker after it."""
    ending = f"\n<{element}>\n<!--</{element}>"
    whole = filled_to(CHUNK, ending) + f"{DRAWN_ONLY} zq\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == whole.count("\n")


def test_a_script_s_comment_before_its_end_tag_is_read_with_it(tmp_path, monkeypatch):
    text = "<script>\ny\n[!pri<!--\n--></script>vate]"
    chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=3)
    assert chunked is not None and chunked.line == read_whole(text).line == 3


# --- 3. A long tag: the names that decide how the rest reads are kept -------------


def test_a_shown_attribute_cut_in_its_name_is_still_shown(tmp_path):
    """The window resumes between ``al`` and ``t=``: a name after a cut
    was read as ``y``, and the value as no shown one."""
    cut = 2 * CHUNK - OVERLAP
    opening = "<img " + "y" * (cut - 8) + " al"
    whole = f"{opening}t={'y' * (OVERLAP - 2)}{DRAWN_ONLY}>\n"
    assert len(opening) == cut
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 1


def test_a_shown_name_before_a_long_run_of_spaces_keeps_its_value_shown(
    tmp_path, monkeypatch
):
    """The window resumes after ``alt`` and before its ``=``: a name there
    was read as ``y``, whose value no page shows."""
    text = f"<img alt{' ' * 60}={DRAWN_ONLY}>"
    assert read_whole(text) is not None
    chunked = read_in_chunks(tmp_path, monkeypatch, text)
    assert chunked is not None and chunked.line == 1


def test_a_long_start_tag_of_an_element_read_as_text_still_opens_it(
    tmp_path, monkeypatch
):
    """A ``<textarea>`` whose start tag is long: a stand-in ``<x>`` for it
    would let the ``<!--`` the textarea draws hide the marker after its end
    tag. (Such a tag was carried whole, and read again with every chunk:
    ``test_a_window_stays_short_inside_a_script_however_long``.)"""
    text = f'<textarea title="{"y" * 60}"><!--</textarea>{DRAWN_ONLY}'
    assert read_whole(text) is not None
    chunked = read_in_chunks(tmp_path, monkeypatch, text)
    assert chunked is not None and chunked.line == 1


def test_a_long_tag_s_name_cut_is_kept_as_far_as_it_decides(tmp_path, monkeypatch):
    """The window resumes inside a tag's name: ``<t`` then ``extarea``
    opens a textarea, whose ``<!--`` is drawn. (A guard: such a start tag
    still open was carried whole, and read again with every chunk, which
    ``test_a_window_stays_short_inside_a_script_however_long`` holds.)"""
    text = f'<textarea title="{"y" * 60}"><!--</textarea>{DRAWN_ONLY}'
    assert read_whole(text) is not None
    chunked = read_in_chunks(tmp_path, monkeypatch, text)
    assert chunked is not None and chunked.line == 1


def test_a_long_tag_s_name_cut_opens_no_element_it_does_not(tmp_path, monkeypatch):
    """``<yyy…x`` then ``mp``: the window's stand-in for the name must not
    read ``<xmp>``, whose content a page draws as text, ``<!--`` and all:
    the marker a comment hides would be found."""
    text = "<" + "y" * 80 + 'xmp title="' + "y" * 40 + f'"><!--</xmp>{DRAWN_ONLY}-->'
    assert read_whole(text) is None
    chunk = text.index("mp") + SMALL_OVERLAP  # the first chunk's cut: `x|mp`
    assert read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk) is None


# --- 4. What a window costs ---------------------------------------------------------


@pytest.mark.parametrize(
    "opening", ['<script data-x="', "<script>", "<script><!--", '<script><p data-x="']
)
def test_a_window_stays_short_inside_a_script_however_long(opening):
    """A ``<script>`` of 50 MB is read in time linear in its length: the
    window carried from chunk to chunk never grows past the limits (a start
    tag still open was carried whole, and read again with every chunk)."""
    limits = Limits(long_line=200, overlap=20, max_carry=50)
    window = Window("", 1)
    longest = 0
    for index in range(300):
        chunk = (opening if index == 0 else "") + "yyyy\n"
        window = window.next(window.text + chunk, limits)
        longest = max(longest, len(window.text))
    assert longest <= limits.max_carry + 2 * limits.overlap
    assert window.line_after(window.text.count("\n")) == 301


def test_a_script_s_markup_is_read_in_one_pass_not_a_tag_at_a_time(monkeypatch):
    """Minified content (``a<!--b-->`` a hundred thousand times on a line):
    where its last drawn line starts and where it may be cut are read with
    one regular expression over the markup, not a Python step per comment
    (a 22 MB one took 19 s so, 4 s now)."""
    steps = []
    reading = drawncuts.comment_end

    def counted(text: str, start: int) -> tuple[int, bool]:
        steps.append(start)
        return reading(text, start)

    monkeypatch.setattr(drawncuts, "comment_end", counted)
    limits = Limits(long_line=200, overlap=20, max_carry=50)
    text = "<script>" + "a<!--b-->" * 5000
    window = Window("", 1).next(text, limits)
    assert window.text.startswith("<script>") and len(window.text) < 100
    assert len(steps) < 10


# --- 5. Inside a <noscript>, read both ways ------------------------------------------

#: A page draws a ``<noscript>`` two ways: scripts on, its content is markup
#: its end tag cuts; scripts off, ordinary markup, whose comment or
#: ``<textarea>`` runs past ``</noscript>``. Each text holds a marker only
#: one reading draws, the other's window kept too little for it: read
#: scripts on, the ``<!--`` before ``</noscript>`` ended there, and a
#: window cut after it lost the comment that hides the textarea's start tag.
NOSCRIPT = {
    "a comment over the end tag": "<noscript><!--"
    + "y" * 60
    + "</noscript><textarea>-->[!pri<b></b>vate]",
    "a comment over lines": "<noscript><!--"
    + "yy\n" * 30
    + "</noscript><textarea>-->[!pri<b></b>vate]",
    "a textarea over the end tag": "<noscript><textarea>"
    + "y" * 60
    + f"</noscript><!--{DRAWN_ONLY}-->",
    "a textarea over lines": "<noscript><textarea>"
    + "yy\n" * 30
    + f"</noscript><!--{DRAWN_ONLY}-->",
}


@pytest.mark.parametrize("case", NOSCRIPT)
def test_a_marker_only_one_reading_of_a_noscript_draws_is_found_in_chunks(
    tmp_path, monkeypatch, case
):
    text = NOSCRIPT[case]
    whole = read_whole(text)
    assert whole is not None  # as a page's view reads the file, both ways
    for chunk in (1, 7, 24):
        chunked = read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk)
        assert chunked is not None and chunked.line == whole.line, (chunk, chunked)


def test_a_noscript_s_comment_over_a_megabyte_s_end_hides_what_scripts_off_hide(
    tmp_path,
):
    """At real size: scripts off, the comment opened in the ``<noscript>``
    hides the ``<textarea>`` start tag two megabytes before the marker; the
    window, read only scripts on, kept the textarea's start tag from the
    line it starts, so the marker was text in a textarea."""
    opening = "<noscript><!--</noscript>\n<textarea>"
    middle = filled_to(2 * CHUNK - len(opening), "\n")
    whole = f"{opening}{middle}-->[!pri<b></b>vate]\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == 1  # the comment's line


def test_a_noscript_s_textarea_over_a_megabyte_s_end_draws_what_scripts_off_draw(
    tmp_path,
):
    """At real size, the other way: scripts off, the ``<textarea>`` in the
    ``<noscript>`` runs past ``</noscript>`` and draws the ``<!--`` after
    it, marker and all; read scripts on, that ``<!--`` is a comment."""
    opening = "<noscript><textarea>"
    middle = filled_to(2 * CHUNK - len(opening), "\n")
    whole = f"{opening}{middle}</noscript><!--{DRAWN_ONLY}-->\n"
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line == whole.count("\n")


#: A ``<noscript>`` whose tag, scripts off, stays open over the ``</noscript>``
#: in its value and a long run after it; scripts on, a ``<!--`` hides the rest.
#: No page draws the marker. The scripts-off window keeps the tag's opening
#: (``<x data-x="``) and the last ``</noscript>``: read scripts on as well,
#: that one closed the element and drew the marker.
NOT_DRAWN_AFTER_A_NOSCRIPT = {
    "on one line": '<noscript><p x="</noscript><!--'
    + "y" * 60
    + f"\n</noscript>{DRAWN_ONLY}\n",
    "over lines": '<noscript><p x="</noscript><!--\n'
    + "yy\n" * 30
    + f"</noscript>{DRAWN_ONLY}\n",
}


@pytest.mark.parametrize("case", NOT_DRAWN_AFTER_A_NOSCRIPT)
def test_each_reading_s_window_is_read_only_as_that_reading(
    tmp_path, monkeypatch, case
):
    text = NOT_DRAWN_AFTER_A_NOSCRIPT[case]
    assert read_whole(text) is None  # as a page's view reads the file, both ways
    for chunk in (1, 7, 24):
        assert read_in_chunks(tmp_path, monkeypatch, text, chunk=chunk) is None, chunk


def test_a_window_for_scripts_off_is_not_read_scripts_on_at_a_megabyte(tmp_path):
    """At real size: the ``<!--`` scripts on read hides two megabytes and the
    marker; scripts off, the open value does."""
    opening = '<noscript><p x="</noscript><!--\n'
    middle = filled_to(2 * CHUNK - len(opening), "\n")
    whole = f"{opening}{middle}</noscript>{DRAWN_ONLY}\n"
    assert read_whole(whole) is None
    assert findings_of(tmp_path, whole) == []


@pytest.mark.parametrize(
    "opening",
    [
        "<noscript>",
        "<noscript><!--",
        "<noscript><textarea>",
        "<noscript><!--</noscript>",
    ],
)
def test_each_reading_of_a_long_noscript_keeps_a_short_window(opening):
    """A guard on the cost: after a ``<noscript>`` a file is read with two
    windows at most, each as short as one reading's, lines counted alike."""
    limits = Limits(long_line=200, overlap=20, max_carry=50)
    readings = ReadingWindows()
    longest = 0
    for index in range(300):
        readings = readings.next((opening if index == 0 else "") + "yyyy\n", limits)
        assert len(readings.windows) <= 2
        longest = max(longest, *(len(window.text) for window in readings.windows))
    assert longest <= limits.max_carry + 2 * limits.overlap
    for window in readings.windows:
        assert window.line_after(window.text.count("\n")) == 301


def test_a_noscript_both_readings_leave_alike_is_read_once_after():
    """Where both readings keep the same text, one window stands for both:
    a page with a closed ``<noscript>`` is not read twice to its end."""
    limits = Limits(long_line=200, overlap=20, max_carry=50)
    readings = ReadingWindows().next("<noscript><p>y</p></noscript>\nyy", limits)
    (window,) = readings.windows
    assert window == Window("yy", 2)


# --- 6. Shown values the view reads in long markup ---------------------------------

#: Long markup still open when a window leaves out its middle, whose shown
#: value (``alt=``) holds a marker the view draws (``sitekit.drawn`` reads
#: shown values in any markup but a comment, and fails closed): each stand-in
#: for the middle left the view's reading of that value behind. A fuzz run
#: found the first; the rest are its class.
SHOWN_IN_LONG_MARKUP = {
    # A bogus comment stood in for by a bare `<?`.
    "a bogus comment's shown value": "<!x<img alt=<!--<!--<!--<!--<!--<!--"
    + DRAWN_ONLY,
    "a bogus comment's value after a line break": "<!x\n alt="
    + "y" * 40
    + DRAWN_ONLY
    + ">",
    "a bogus comment's shown name before long spaces": "<!x\n alt\n"
    + " " * 40
    + f"={DRAWN_ONLY}>",
    # A tag: the tokenizer's state was kept, not the view's.
    "a shown name inside another value": '<p data-x="alt='
    + "y" * 40
    + DRAWN_ONLY
    + '">',
    "a shown name the view reads at a name's end": "<p x.alt="
    + "y" * 40
    + DRAWN_ONLY
    + ">",
    "a shown name in the tag's name": "<p.alt=" + "y" * 40 + DRAWN_ONLY + ">",
    "a shown value read on over names": '<p data-x="<img alt=\'"'
    + " y" * 20
    + DRAWN_ONLY
    + "'>",
}


@pytest.mark.parametrize("case", SHOWN_IN_LONG_MARKUP)
def test_a_shown_value_in_long_open_markup_is_read_as_the_view_reads_it(
    tmp_path, monkeypatch, case
):
    text = SHOWN_IN_LONG_MARKUP[case]
    whole = read_whole(text)
    assert whole is not None
    chunked = read_in_chunks(tmp_path, monkeypatch, text)
    assert chunked is not None and chunked.line == whole.line


def test_a_shown_name_right_after_a_window_s_cut_is_still_read(tmp_path, monkeypatch):
    """The window resumes at ``alt=``, after ``x.`` in a tag's name: its
    stand-in ``<z`` made it ``<zalt=``, where the view reads no ``alt``."""
    text = 'x.alt=/<px=""x.alt=mp;yyyyyyyyyyyy<?&amp;[!priv&#97t'
    assert read_whole(text) is not None
    assert read_in_chunks(tmp_path, monkeypatch, text, carry=47) is not None


def test_a_bogus_comment_s_shown_value_over_a_megabyte_is_found(tmp_path):
    """At the real sizes: a chunk ends after ``<!x`` and ``alt=`` on the
    next line, the value runs on past ``MAX_CARRY``, and the window's stand-in
    for the bogus comment was a bare ``<?``."""
    whole = filled_to(CHUNK, "\n<!x\n alt=") + "y" * CHUNK + DRAWN_ONLY + ">\n"
    assert read_whole(whole) is not None
    (finding,) = findings_of(tmp_path, whole)
    assert finding.line == read_whole(whole).line
