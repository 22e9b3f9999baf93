"""One reader of HTML tags (``sitekit.htmltags``) shared by the view of a
page as drawn and the note of links Pelican leaves as written; one list of
the characters that draw nothing; a marker the page only draws as one is
warned of as well as hidden."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import copy_project, lint_in_process, the_line_lint_said
from test_leftover9 import render_as_a_post

from sitekit.drawn import _TAG_OR_COMMENT, as_read
from sitekit.htmltags import TAG, reading_length, start_tags
from sitekit.hygiene import misspelt_private_markers
from sitekit.markers import fold, found_markers, has_private_marker
from sitekit.sitelinks import unrewritten_site_file_links
from sitekit.staticmarkers import CHUNK, static_file_findings
from sitekit.text import _DRAWS_NOTHING, draws_nothing

# --- 1. One reader of tags ------------------------------------------------------

_SPACE = "\t\n\f\r "


def tokenized_tag_end(text: str, start: int) -> int | None:
    """Where the tag at ``start`` ends, by the states of HTML's tokenizer
    (WHATWG, "tag open" to "after attribute value (quoted)"), one character
    at a time: the reference the reader is held to. None where the text
    ends first."""
    if not re.match(r"</?[A-Za-z]", text[start:]):
        return None
    state = "tag name"
    at = start + (2 if text[start + 1] == "/" else 1)
    while at < len(text):
        char = text[at]
        at += 1
        if state == "tag name":
            if char in _SPACE or char == "/":
                state = "before name"
            elif char == ">":
                return at
        elif state == "before name":
            if char == ">":
                return at
            if char not in _SPACE and char != "/":
                state = "name"
        elif state == "name":
            if char in _SPACE or char == "/":
                state = "after name" if char != "/" else "before name"
            elif char == "=":
                state = "before value"
            elif char == ">":
                return at
        elif state == "after name":
            if char == "=":
                state = "before value"
            elif char == ">":
                return at
            elif char == "/":
                state = "before name"
            elif char not in _SPACE:
                state = "name"
        elif state == "before value":
            if char == '"':
                state = "double quoted"
            elif char == "'":
                state = "single quoted"
            elif char == ">":
                return at
            elif char not in _SPACE:
                state = "unquoted"
        elif state in ("double quoted", "single quoted"):
            if char == ('"' if state == "double quoted" else "'"):
                state = "before name"
        elif state == "unquoted":
            if char in _SPACE:
                state = "before name"
            elif char == ">":
                return at
    return None


#: Text made of what decides a tag's reading: names, `=`, both quotes,
#: `<`, `>`, `/`, spaces and line breaks.
MARKS = st.text(alphabet="<>/=\"' \nab", max_size=40).map(lambda t: "<a" + t)


@settings(max_examples=1500, deadline=None)
@given(MARKS)
def test_a_tag_ends_where_html_s_tokenizer_ends_it(text):
    tag = TAG.match(text)
    assert (tag.end() if tag else None) == tokenized_tag_end(text, 0), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/=\"' \nab!-", max_size=60))
def test_every_start_tag_found_is_one_the_tokenizer_reads(text):
    for start, end in start_tags(text):
        if tokenized_tag_end(text, start) is not None:
            assert end == tokenized_tag_end(text, start), text


def test_a_quote_inside_a_name_opens_no_value():
    """HTML opens a quoted value only right after ``=``: in ``<span
    data"x>`` the quote is part of a name and the tag ends at its ``>``.
    The view read a quote anywhere as opening one, so the text after the
    tag, a marker spelt with a reference among it, was taken for a quoted
    value and dropped, and the page published it."""
    text = '<span data"x>[!priv&#97;te] zqsecret<i y">'
    assert "[!private] zqsecret" in as_read(text)
    page = render_as_a_post(f"Kept.\n\n<p>{text}</p>\n")
    assert "Kept." in page and "zqsecret" not in page, page


def test_the_link_note_and_the_view_read_the_same_tag():
    """A ``{static}`` link after a quoted ``>`` is inside its tag for both."""
    tag = '<img alt="a > b [!priv&#97;te]" srcset="{static}/images/zq.png 2x">'
    assert unrewritten_site_file_links(tag, {}) == ("{static}/images/zq.png",)
    assert as_read(tag).strip() == "a > b [!private]"


#: Texts that once cost a reading per `<` over the whole rest of the text,
#: each as a function of how many times its piece repeats.
HARD_TEXTS = {
    "quoted values holding tags": lambda n: '<a b="' + "<a c='x' " * n + '">',
    "an open quote holding tags": lambda n: '<a b="' + "<a c=x " * n,
    "quotes of both kinds nested": lambda n: "<a b='<a b=\"" * n,
    "names that hold quotes": lambda n: '<a b"c ' * n + ">",
    "tags that never close": lambda n: "<a " * n,
    "values that never close": lambda n: "<a b=" * n,
    "pairs of quoted values": lambda n: "<a b='<a c=\"x\"' " * n + ">",
    "alternating quotes": lambda n: "<a b=\"<a c='" * n + "'\">",
}


def reading_work(text: str) -> int:
    """The characters read from every `<` a reader of tags tries a reading
    at: the note of links (``start_tags``, which says where it tried), and
    the view of the page as drawn, which tries at each `<` outside the
    tags and comments it has read. A tag's reading always ends at a `>` or
    with the text, as HTML's does (a `<` is a character of a name or an
    unquoted value), and each reader goes on after it."""
    tried = [start for start, _ in start_tags(text)]
    taken = [found.span() for found in _TAG_OR_COMMENT.finditer(text)]
    covered = bytearray(len(text) + 1)
    for start, end in taken:
        covered[start + 1 : end] = b"\1" * (end - start - 1)
    tried += [at for at in range(len(text)) if text[at] == "<" and not covered[at]]
    return sum(reading_length(text, at) for at in tried)


def test_reading_stays_linear_in_the_length_of_the_text():
    """Counted, not timed: twice the text, at most a little over twice the
    characters read, from every `<` there is."""
    for name, make in HARD_TEXTS.items():
        small, large = make(200), make(400)
        assert len(large) <= 2 * len(small) + 10
        assert reading_work(large) <= 2 * reading_work(small) + 20, name
        assert reading_work(large) <= 4 * len(large), name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/=\"' ab", max_size=200))
def test_no_text_is_read_more_than_a_few_times_over(text):
    assert reading_work(text) <= 4 * len(text) + 2


def test_a_post_s_words_are_counted_without_a_quoted_gt_s_attribute():
    """The reading time counted the words of an attribute after a quoted
    ``>`` (``alt="a > b c"``) as words of the post; it reads tags as the
    rest of the site does now."""
    from presentation.details import word_count

    assert word_count('<p><img alt="a > b c" src="x.png"> one two</p>') == 2


# --- 2. One list of what draws nothing ----------------------------------------------

#: Characters that draw nothing and that the marker test read as letters:
#: the braille blank, unassigned code points Unicode already reserves as
#: ignorable (U+2065, U+FFF0, U+E0080) and controls.
READ_AS_LETTERS_BEFORE = ["\u2800", "\u2065", "\ufff0", "\U000e0080", "\x01", "\x7f"]


@pytest.mark.parametrize("invisible", READ_AS_LETTERS_BEFORE)
def test_a_marker_with_three_invisible_characters_inside_is_a_marker(invisible):
    """Two such characters were within the two slips a marker allows;
    three made ``[!p r i vate]``, drawn as ``[!private]`` with blanks, no
    marker, and the post was published."""
    assert draws_nothing(invisible)
    text = f"[!p{invisible}r{invisible}i{invisible}vate] zq"
    assert has_private_marker(text)
    (found,) = found_markers(f"before\n{text}")
    assert found.line == 2 and found.spelling == text[:-3]


def test_a_marker_spaced_with_braille_blanks_hides_its_paragraph():
    page = render_as_a_post("Kept.\n\nText [!p\u2800r\u2800i\u2800vate] zqsecret\n")
    assert "Kept." in page and "zqsecret" not in page, page


def invisible_characters() -> list[str]:
    """Every character the blank checks count as drawing nothing, but
    whitespace (which a marker reads as spacing)."""
    return [
        chr(code)
        for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
        + [code for low, high in _DRAWS_NOTHING for code in range(low, high + 1)]
        if not chr(code).isspace()
    ]


def test_the_marker_test_reads_past_every_character_that_draws_nothing():
    """One list (``sitekit.text``) says what draws nothing, for the blank
    checks and the marker test alike; the marker test reads past more
    (format characters, combining marks), never less."""
    for character in invisible_characters():
        assert fold(f"a{character}b") == "ab", f"U+{ord(character):04X}"
        assert has_private_marker(f"[!p{character * 3}rivate]"), (
            f"U+{ord(character):04X}"
        )


def test_what_the_marker_test_read_past_before_it_still_reads_past():
    """Privacy fails closed: what was ignorable in a marker stays so."""
    before = ["\u00ad", "\u200b", "\u2060", "\ufeff", "\u0301", "\u20dd", "\u0600"]
    before += ["\u115f", "\u1160", "\u3164", "\uffa0", "\u17b4", "\u17b5", "\ufe0f"]
    for character in before:
        assert has_private_marker(f"[!p{character * 3}rivate]"), (
            f"U+{ord(character):04X}"
        )


def test_line_breaks_and_spaces_stay_as_the_marker_test_reads_them():
    assert fold("A\nB\tc \x1f") == "a\nb\tc \x1f"
    assert not has_private_marker("[!pri\nvate]")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_folding_keeps_every_line_break(text):
    assert fold(text).count("\n") == text.count("\n")


# --- 3. A marker only the page draws is warned of ------------------------------------

#: Markers that only the page draws as one, as a writer types them, and the
#: markup the warning names.
DRAWN_ONLY = {
    "a character reference": ("[!priv&#97;te]", "a character reference"),
    "a named reference": ("[!priv&aring;te]", "a character reference"),
    "an empty tag inside": ("[!pri<b></b>vate]", "a tag"),
    "a comment inside": ("[!pri<!-- x -->vate]", "a comment"),
    "emphasis on a letter": ("[!p**r**ivate]", "emphasis"),
    "underscores": ("[!pri__v__ate]", "emphasis"),
    "a tag with a quoted >": ('[!pri<span title="a>b"></span>vate]', "a tag"),
}


@pytest.mark.parametrize("case", DRAWN_ONLY)
def test_a_marker_only_the_page_draws_is_warned_at_its_line(case):
    written, markup = DRAWN_ONLY[case]
    lines = ["Title: T", "", "Kept.", "", f"A note {written} zq", "after"]
    (finding,) = misspelt_private_markers(lines, "content/posts/p.md")
    assert finding.rule == "misspelt-private-marker"
    assert (finding.path, finding.line) == ("content/posts/p.md", 5)
    assert repr(written) in finding.message and markup in finding.message, finding


def test_a_marker_only_drawn_in_a_field_is_warned_at_the_field_s_line():
    lines = ["Title: T", "Summary: see [!priv&#97;te] zq", "", "Body."]
    (finding,) = misspelt_private_markers(lines, "content/posts/p.md")
    assert finding.line == 2 and "'[!priv&#97;te]'" in finding.message


def test_a_marker_split_by_a_comment_over_lines_is_warned_where_it_starts():
    lines = ["Body.", "", "x [!pri<!-- a", "b -->vate] zq"]
    (finding,) = misspelt_private_markers(lines, "p.md")
    assert finding.line == 3 and "a comment" in finding.message


#: A marker spelt right, with markup around or near it: nothing to tell.
SPELT_RIGHT = [
    "[!private] zq",
    "**[!private]** zq",
    "<em>[!private]</em> and &amp; *more*",
    '<img alt="[!private]" src="x.png"> zq',
    "> [!private] a quote with *emphasis* and &#97; reference",
    "A_snake_case word, `code`, 3 * 4 and <b>bold</b> text.",
]


@pytest.mark.parametrize("line", SPELT_RIGHT)
def test_no_warning_for_a_marker_spelt_right_or_markup_near_none(line):
    assert misspelt_private_markers(["Body.", "", line, ""], "p.md") == []


def test_a_misspelt_marker_with_markup_is_warned_once():
    """``[!privte]`` as written is warned already; markup elsewhere on its
    line adds no second warning."""
    findings = misspelt_private_markers(["x [!privte] <b>zq</b> &amp;"], "p.md")
    assert len(findings) == 1 and "'[!privte]'" in findings[0].message


def test_two_markers_on_a_line_one_drawn_only():
    findings = misspelt_private_markers(["[!private] a [!priv&#97;te] b"], "p.md")
    assert [f.line for f in findings] == [1]
    assert "'[!priv&#97;te]'" in findings[0].message


def test_lint_tells_the_writer_of_a_marker_only_the_page_draws(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / "2026-03-07-drawn.md").write_text(
        "Title: Drawn\nDate: 2026-03-07\nLessons: Learn adjacent functions\n\n"
        "Kept text.\n\n"
        "A note [!p**r**ivate] zqsecret.\n",
        encoding="utf-8",
    )
    line = the_line_lint_said(project, "2026-03-07-drawn")
    assert "2026-03-07-drawn.md:7:" in line and "'[!p**r**ivate]'" in line
    assert line.endswith("[misspelt-private-marker]")


#: Posts of Pelican's other readers whose field only the page draws as a
#: marker, and the field's line: the field is withheld, and now told.
OTHER_READERS = {
    "an .rst post's tags": (
        "2026-03-08-drawn.rst",
        "Drawn\n#####\n\n:date: 2026-03-08\n:category: zqpublic\n"
        ":tags: fine, [!priv&#97;te] zqsecret\n\nPublic.\n",
        6,
        "[!priv&#97;te]",
    ),
    "an .html post's tags": (
        "2026-03-08-drawn.html",
        "<html><head><title>Drawn</title>\n"
        '<meta name="date" content="2026-03-08">\n'
        '<meta name="tags" content="fine, [!p&#114;ivate] zqsecret">\n'
        "</head><body><p>Public.</p></body></html>",
        3,
        "[!p&#114;ivate]",
    ),
}


@pytest.mark.parametrize("case", OTHER_READERS)
def test_another_reader_s_field_only_drawn_as_a_marker_is_told(tmp_path, case):
    name, source, line, written = OTHER_READERS[case]
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / name).write_text(source, encoding="utf-8")
    linted = lint_in_process("lint", cwd=project)
    said = [
        row
        for row in linted.stdout.splitlines()
        if name in row and "[no-lessons]" not in row
    ]
    assert len(said) == 1, linted.stdout
    assert f"{name}:{line}: warning: {written!r} is drawn by the page as" in said[0]


def test_a_marker_only_drawn_in_an_html_body_is_named_as_written(tmp_path):
    """The body of an .html file cannot be hidden: the build stops, naming
    what was typed rather than the marker the page would draw."""
    project = copy_project(tmp_path / "site")
    (project / "content" / "pages" / "notes.html").write_text(
        "<html><head><title>Notes</title></head>\n"
        "<body>\n<p>A [!pri<b></b>vate] zqsecret</p></body></html>",
        encoding="utf-8",
    )
    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode != 0
    assert "notes.html:3: error: a private marker ('[!pri<b></b>vate]')" in (
        linted.stdout + linted.stderr
    )


@pytest.mark.parametrize("written", ["[!priv&#97;te]", "[!pri<!-- -->vate]"])
def test_a_static_file_s_marker_only_drawn_is_named_as_written(tmp_path, written):
    """A static file's marker is told already (it cannot be hidden); the
    line named ``[!private]``, which the file nowhere holds as written."""
    notes = tmp_path / "notes.html"
    notes.write_text(f"<p>Public.</p>\n<p>A {written} zq</p>\n", encoding="utf-8")
    (finding,) = static_file_findings(notes, "content/extra/notes.html")
    assert finding.line == 2
    assert finding.message.startswith(f"{written!r} (read as [!private])"), finding


# --- 4. A comment ends where HTML ends it ---------------------------------------------

#: Comments HTML closes before the ``-->`` the view waited for, so the text
#: after them is drawn.
CLOSED_EARLY = {
    "an empty comment": "<!-->",
    "an empty comment with a dash": "<!--->",
    "a comment closed by --!>": "<!-- note --!>",
}


@pytest.mark.parametrize("case", CLOSED_EARLY)
def test_text_after_a_comment_html_closes_early_is_drawn(case):
    """``<!-->`` is a whole (empty) comment to a browser, which draws what
    follows: a marker there, spelt with a reference, was read as more of
    the comment, seen nowhere, and the post published its text."""
    comment = CLOSED_EARLY[case]
    assert "[!private] zq" in as_read(f"{comment}[!priv&#97;te] zq -->")
    page = render_as_a_post(f"Kept.\n\n<p>{comment}[!priv&#97;te] zqsecret --></p>\n")
    assert "Kept." in page and "zqsecret" not in page, page


@pytest.mark.parametrize("cut", range(0, 8))
def test_a_comment_closed_early_across_a_static_file_s_chunks(tmp_path, cut):
    """A static file is read a megabyte at a time: a ``<!-->`` cut by the
    boundary reads as it does whole, and the marker after it is found."""
    notes = tmp_path / "notes.html"
    filler = "x" * (CHUNK - cut) + "\n"
    notes.write_text(f"{filler}<!-->[!priv&#97;te] zq -->\n", encoding="utf-8")
    (finding,) = static_file_findings(notes, "content/extra/notes.html")
    assert finding.line == 2, finding
