"""Defects found reviewing the merges of ``leftover13`` and ``tokens13``:
each a test that failed before its fix."""

from __future__ import annotations

import re

import pytest
from growth import least_cpu_seconds
from hypothesis import given, settings
from hypothesis import strategies as st
from test_leftover9 import render_as_a_post

from sitekit.drawn import as_read
from sitekit.markers import found_markers, has_private_marker

# --- The drawn view reads an element's text as HTML does --------------------------

#: Elements whose content HTML's tokenizer reads as text up to their end
#: tag (RCDATA, RAWTEXT, script data): a ``<!--`` or a tag inside one is
#: text, and the end tag closes the element even inside what would be a
#: comment or an attribute elsewhere. The page draws what follows.
AFTER_RAW_TEXT = {
    "a comment opened in a textarea": "<textarea><!--</textarea>{marker} zq-->",
    "a comment opened in a script": "<script><!--</script>{marker} zq-->",
    "a comment opened in a style": "<style><!--</style>{marker} zq-->",
    "an attribute opened in a script": (
        "<script>x = '<b data-x=\"</script>{marker} zq\">'</script>"
    ),
    "a comment in an upper-case title": "<TITLE><!--</title >{marker} zq-->",
    "a comment opened in an xmp": "<xmp><!--</xmp>{marker} zq-->",
    "a comment opened in a noscript": "<noscript><!--</noscript>{marker} zq-->",
}

#: RCDATA is drawn with its references read, its tags and comments as text.
IN_A_TEXTAREA = {
    "a comment": "<textarea><!--{marker} zq--></textarea>",
    "a tag's attribute": '<textarea><x data-a="{marker} zq"></textarea>',
    "a self-closed textarea": "<textarea/><!--{marker} zq--></textarea>",
}


@pytest.mark.parametrize("case", [*AFTER_RAW_TEXT, *IN_A_TEXTAREA])
def test_a_marker_drawn_after_or_in_raw_text_is_in_the_drawn_view(case):
    """A browser draws ``[!private] zq`` in each: the view showed nothing
    there (it read a comment or a tag the tokenizer never opens), so no
    check saw a marker written with a reference, and the post published
    its text."""
    written = {**AFTER_RAW_TEXT, **IN_A_TEXTAREA}[case]
    drawn = as_read(written.format(marker="[!priv&#97;te]"))
    assert has_private_marker(drawn), drawn


@pytest.mark.parametrize("case", AFTER_RAW_TEXT)
def test_a_post_does_not_publish_what_follows_raw_text_s_marker(case):
    written = AFTER_RAW_TEXT[case].format(marker="[!priv&#97;te]")
    page = render_as_a_post(f"Kept.\n\n<p>{written.replace('zq', 'zqsecret')}</p>\n")
    assert "Kept." in page and "zqsecret" not in page, page


def test_markup_inside_a_noscript_still_draws_a_marker():
    """With scripting off a ``<noscript>``'s content is markup and drawn:
    its tags still come out of the view."""
    assert has_private_marker(as_read("<noscript>[!pri<b></b>vate] zq</noscript>"))


def test_tags_around_raw_text_elements_still_come_out():
    drawn = as_read('<p>a <textarea rows="2">x &lt; y</textarea> <b>b</b></p>')
    assert drawn == "a x < y b"


# --- A file's style: a stray carriage return is no line ending ---------------------


@pytest.mark.parametrize(
    "written",
    [
        "lesson: a\rb\nother: c\n",  # a stray \r in the first line
        "lesson: a\r\r\nother: c\r\n",  # \r\r\n, as a botched conversion writes
        "\ufefflesson: a\rb\nother: c\n",
        "lesson: a\nother: c\r",
    ],
)
def test_a_file_read_and_written_unedited_is_unchanged(tmp_path, written):
    """``reflect`` edits a file by its text and writes it back in its style:
    a lone ``\\r`` in a file whose lines end in ``\\n`` is a character of
    its line, as it was before ``SourceLines`` read the style, not the
    file's line ending (every line was rewritten ending in ``\\r``)."""
    from reflect.file_style import read_styled

    path = tmp_path / "lessons.yml"
    path.write_bytes(written.encode("utf-8"))
    text, style = read_styled(path)
    assert style.apply(text) == written


def test_an_old_mac_file_is_read_as_lines_and_written_so(tmp_path):
    """A file whose lines all end in ``\\r`` (old Mac editors) has lines."""
    from reflect.file_style import read_styled

    path = tmp_path / "lessons.yml"
    path.write_bytes(b"lesson: a\rother: c\r")
    text, style = read_styled(path)
    assert text == "lesson: a\nother: c\n"
    assert style.apply(text) == "lesson: a\rother: c\r"


# --- Markup HTML reads as a comment runs to its first ">" ---------------------------


def drawn_and_hidden(written: str, element: str = "p") -> None:
    """``written`` holds a marker the page draws (``[!private] zq`` in the
    drawn view), and a post holding it in ``element`` publishes none of
    the note (``zqsecret``) but keeps the text before it."""
    assert "[!private] zq" in as_read(written)
    secret = written.replace("zq", "zqsecret")
    page = render_as_a_post(f"Kept.\n\n<{element}>{secret}</{element}>\n")
    assert "Kept." in page and "zqsecret" not in page, page


#: ``<!`` without ``--``, ``<?`` and ``</`` before a non-letter open what
#: HTML calls a bogus comment, which a ``<`` does not end: each ends at the
#: ``>`` shown, and the page draws what follows.
BOGUS_COMMENTS = {
    "a declaration holding a comment's opening": "<!<!-- x>",
    "a processing instruction": "<?<!-- x?>",
    "an end tag that is none": "</ <!-- x>",
    "a doctype": "<!doctype <!-- html>",
}


@pytest.mark.parametrize("case", BOGUS_COMMENTS)
def test_a_marker_after_markup_html_reads_as_a_comment_is_drawn(case):
    written = f"{BOGUS_COMMENTS[case]}[!priv&#97;te] zq -->"
    drawn_and_hidden(written)


def test_text_in_markup_html_reads_as_a_comment_is_not_drawn():
    """Not drawn, as a comment is not (a ``<b`` inside starts no tag)."""
    assert as_read("a <!x <b zq> c") == "a  c"


# --- A `<` inside a tag is a character of its name or value ------------------------

#: Tags HTML reads to the ``>`` shown, a ``<`` in a name or an unquoted
#: value included; the reader gave up at that ``<`` on purpose, drew the
#: start of the tag, and read a comment from its ``<!--``.
LT_INSIDE_A_TAG = {
    "in an unquoted value": "<b title=x<!-- y>",
    "in a tag's name": "<x<!--<b>",
    "in an attribute's name": "<img a<!--b src=x.png>",
    "in an end tag": "</b x<!--y>",
}


@pytest.mark.parametrize("case", LT_INSIDE_A_TAG)
def test_a_marker_after_a_tag_holding_a_lt_is_drawn(case):
    written = f"{LT_INSIDE_A_TAG[case]}[!priv&#97;te] zq -->"
    drawn_and_hidden(written)


def test_a_tag_the_text_ends_inside_draws_nothing():
    """HTML drops a tag the text ends inside, as a comment is."""
    assert as_read("a <b data-x=y<z zq") == "a "


def test_a_tag_holding_a_lt_across_a_static_file_s_chunks(tmp_path):
    """Read a megabyte at a time, a tag the chunk ends inside, a `<` in it,
    is read whole with what follows."""
    from sitekit.staticmarkers import CHUNK, static_file_findings

    notes = tmp_path / "notes.html"
    filler = "x" * (CHUNK - 10) + "\n"
    notes.write_text(f"{filler}<b title=x<!-- y>[!priv&#97;te] zq -->\n", "utf-8")
    (finding,) = static_file_findings(notes, "content/extra/notes.html")
    assert finding.line == 2, finding


def test_a_post_s_words_are_counted_as_the_page_reads_its_tags():
    """The reading time's word count reads tags as the drawn view does
    (``sitekit.htmltags.MARKUP_PATTERN``): a `<` in a tag is part of it."""
    from presentation.details import word_count

    assert word_count("<p><b title=x<y>one</b> two <!x <i y></p>") == 2
    assert word_count("<p>one <!-- not <b>read</b> --> two</p>") == 2


# --- A `<` that starts no tag is drawn ---------------------------------------------

#: A ``<`` before anything but a letter, ``!``, ``?`` or ``/`` is a
#: character HTML draws, and the text after it too; the view read each
#: from the ``<`` to the next ``>`` as a tag and drew none of it.
LT_STARTING_NOTHING = {
    "a bracket after it": "a <[!priv&#97;te] zq>",
    "a digit after it": "a <3 [!priv&#97;te] zq>",
    "a space after it": "a < [!priv&#97;te] zq>",
}


@pytest.mark.parametrize("case", LT_STARTING_NOTHING)
def test_a_marker_after_a_lt_that_starts_no_tag_is_drawn(case):
    drawn_and_hidden(LT_STARTING_NOTHING[case], element="div")


def test_a_textarea_inside_a_noscript_is_read_as_one():
    """Where scripts do not run, a ``<noscript>``'s content is drawn as
    markup, and a ``<textarea>`` there draws its comment as text."""
    written = "<noscript><textarea><!--[!priv&#97;te] zq--></textarea></noscript>"
    assert has_private_marker(as_read(written))


# --- The drawn view against a real parser -----------------------------------------

#: Elements whose content a page never draws (html5lib parses as scripts
#: off, where a ``<noscript>``'s content is drawn).
_NOT_DRAWN = {"script", "style", "title", "iframe", "noembed", "noframes", "head"}
_NOT_DRAWN |= {"template"}

#: Pieces of HTML whose readings differ: tags with quotes and `<` in them,
#: comments opened and closed every way, bogus comments, elements read as
#: text, references, and a marker's characters.
_PIECES = [
    *("<", ">", "/", '"', "'", "=", " ", "\n", "!", "-", "--", "<!--", "-->", "<!"),
    *("<?", "</", "<x<", "<b title=x<", "<b>", "</b>", "<i title=", "x", "a", "b"),
    *("[", "]", "zq", "&#97;", "textarea", "script", "<textarea>", "</textarea>"),
    *("<script>", "</script>", "<style>", "</style>", "<xmp>", "</xmp>", "<noscript>"),
    *("</noscript>", "<title>", "</title>", "<plaintext>", "<iframe>", "</iframe>"),
    *("<!DOCTYPE", "</ x"),
]


def drawn_by_html5lib(text: str) -> str:
    """The text a browser draws of ``text``, by html5lib's parser (the
    WHATWG algorithm): every text node outside elements a page never
    draws, in order."""
    import html5lib

    drawn: list[str] = []

    def walk(element, hidden: bool) -> None:
        hide = hidden or not isinstance(element.tag, str) or element.tag in _NOT_DRAWN
        if element.text and not hide:
            drawn.append(element.text)
        for child in element:
            walk(child, hide)
            if child.tail and not hidden:
                drawn.append(child.tail)

    walk(html5lib.parse(text, namespaceHTMLElements=False), False)
    return "".join(drawn)


def _marker_letters(text: str) -> str:
    return re.sub(r"[^A-Za-z\[\]!]", "", text)


def _in_order_within(small: str, large: str) -> bool:
    rest = iter(large)
    return all(character in rest for character in small)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_every_letter_a_browser_draws_is_in_the_drawn_view(text):
    """Privacy reads the page as drawn: each letter, bracket and ``!`` a
    browser draws (html5lib, scripts off) is in the view, in order (the
    view may show more: attribute values a reader is shown, a ``<title>``,
    references decoded where a browser shows them as written)."""
    browser = _marker_letters(drawn_by_html5lib(text))
    assert _in_order_within(browser, _marker_letters(as_read(text))), (text, browser)


#: Where scripts do not run, a ``<noscript>``'s content is markup: an
#: element in it that HTML reads as text runs past ``</noscript>``.
PAST_A_NOSCRIPT = {
    "a textarea": "<noscript><textarea></noscript><!--{marker} zq--></textarea>",
    "a textarea over lines": (
        "<noscript>\n<textarea>\n</noscript>\n<!--{marker} zq-->\n</textarea>"
    ),
}


@pytest.mark.parametrize("case", PAST_A_NOSCRIPT)
def test_a_marker_drawn_where_scripts_do_not_run_is_in_the_view(case):
    written = PAST_A_NOSCRIPT[case].format(marker="[!priv&#97;te]")
    drawn = as_read(written)
    assert has_private_marker(drawn), drawn
    assert drawn.count("\n") == written.count("\n")


# --- The warning of a marker only drawn finds what was written in linear time ------


def _lines_run(function, *args, module_name: str = "sitekit.drawnmarkers") -> int:
    """How many lines of ``module_name`` run for ``function(*args)``: its
    steps, counted, not timed (what it reads with a regular expression is
    a marker's length at a time)."""
    import importlib
    import sys

    module = importlib.import_module(module_name)

    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        if frame.f_code.co_filename != module.__file__:
            return None
        if event == "line":
            steps += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return steps


#: Texts where a marker only drawn follows many ``[`` inside markup: the
#: written form was looked for with a regular expression tried at each,
#: which read the markup from every one (4 s at 40 KB).
HARD_FOR_THE_WARNING = {
    "a comment holding brackets": lambda n: "[<!--" * n + "-->[!priv&#97;te] zq",
    "a tag holding brackets": lambda n: "[<a" * n + ">[!priv&#97;te] zq",
    "a textarea holding comments": lambda n: (
        "<textarea>" + "[<!--" * n + "</textarea>[!priv&#97;te] zq"
    ),
    "emphasis runs": lambda n: "[!*" * n + "[!priv&#97;te] zq",
}


@pytest.mark.parametrize("case", HARD_FOR_THE_WARNING)
def test_a_marker_only_drawn_is_found_as_written_in_linear_steps(case):
    from sitekit.drawnmarkers import drawn_only_markers

    make = HARD_FOR_THE_WARNING[case]
    (found,) = drawn_only_markers(make(400))
    assert found.written == "[!priv&#97;te]"
    small = _lines_run(drawn_only_markers, make(400))
    large = _lines_run(drawn_only_markers, make(800))
    assert large <= 2 * small + 50, (small, large)


def _least_time(function, *args) -> float:
    import time

    times = []
    for _ in range(3):
        began = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - began)
    return min(times)


@pytest.mark.parametrize("case", HARD_FOR_THE_WARNING)
def test_eight_times_the_text_costs_the_warning_about_eight_times_as_much(case):
    """A ratio in one run, never an absolute time: linear is 8, the square
    of the length (as it was, where the regular expression did the work
    the line count above cannot see) 64."""
    from sitekit.drawnmarkers import drawn_only_markers

    make = HARD_FOR_THE_WARNING[case]
    small_text, large_text = make(500), make(4000)
    small = least_cpu_seconds(lambda: drawn_only_markers(small_text))
    large = least_cpu_seconds(lambda: drawn_only_markers(large_text))
    assert large <= 24 * small, (small, large)


# --- Many markers in one text are found in linear time -------------------------------


@pytest.mark.parametrize("marker", ["[!private]", "!private", "[!privte]"])
def test_a_text_of_many_markers_is_read_in_linear_steps(marker):
    """Each ``!``-led token was checked against every marker found before
    it: a post of 8,000 markers took 3 s, of 80,000 five minutes."""
    from sitekit.markers import found_markers

    def steps(count: int) -> int:
        text = f"{marker} note\n" * count
        return _lines_run(found_markers, text, module_name="sitekit.markers")

    # Twice the markers, twice the steps and a little (each marker's line is
    # looked up by bisection); the square would be four times.
    assert steps(800) <= 2.2 * steps(400)


# --- A blank that draws between a marker and a word --------------------------------

#: Characters read past inside a marker since ``tokens13`` that draw a
#: blank, or nothing, between two words: ``!private⠀notes`` is a marker
#: and a word to a reader, and was one to the marker test before, which
#: now read ``!privatenotes`` and published the text.
BETWEEN_WORDS = {
    "the braille blank": "\u2800",
    "a Hangul filler": "\u3164",
    "a control": "\x01",
    "an unassigned ignorable": "\u2065",
}


@pytest.mark.parametrize("case", BETWEEN_WORDS)
def test_a_marker_then_a_blank_then_a_word_is_a_marker(case):
    blank = BETWEEN_WORDS[case]
    (found,) = found_markers(f"before\nA !private{blank}zqsecret note")
    assert found.line == 2 and found.spelling == "!private"
    assert has_private_marker(f"!Private{blank}notes")
    # Read past inside a marker all the same.
    assert has_private_marker(f"[!p{blank * 3}rivate] zq")


def test_a_post_does_not_publish_a_note_after_a_marker_and_a_braille_blank():
    page = render_as_a_post("Kept.\n\nA !private\u2800zqsecret note\n")
    assert "Kept." in page and "zqsecret" not in page, page


# --- An element read as text across a static file's chunks -------------------------


@pytest.mark.parametrize("element", ["textarea", "script", "noscript"])
@pytest.mark.parametrize("lines_before", [3, 13_000, 30_000])
def test_raw_text_across_a_static_file_s_chunks(tmp_path, element, lines_before):
    """Read a megabyte at a time, an element HTML reads as text is read as
    one past the chunk it starts in (and past the most a window carries):
    the ``<!--`` in it after the boundary is text, and the marker after
    its end tag is found at its line."""
    from sitekit.staticmarkers import static_file_findings

    notes = tmp_path / "notes.html"
    filler = ("x" * 80 + "\n") * lines_before
    notes.write_text(
        f"<{element}>\n{filler}<!--</{element}>[!priv&#97;te] zq -->\n", "utf-8"
    )
    (finding,) = static_file_findings(notes, "content/extra/notes.html")
    assert finding.line == lines_before + 2, finding
