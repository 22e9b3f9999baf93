"""A character reference in a page is one a browser reads without an error.

Markdown passes ``&#7;``, ``&#xFFFE;``, ``&#150;`` or ``&bogus;`` through as
written; HTML reads each only after a parse error (the Nu checker refuses
the page) and some as a control character a feed reader is then handed.
``sitekit.charrefs`` turns each into what a browser would show, removing
those that stand for no character a page may carry. The build's side of it
(the warning at its line, every output file) is in tests/test_bad_input.py.
"""

from __future__ import annotations

import html

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitekit.charrefs import removed_references_message, repair_references
from sitekit.text import CONTROL_CHARACTERS

#: html5lib's names for a reference it reads only after an error.
REFERENCE_ERRORS = {
    "illegal-codepoint-for-numeric-entity",
    "expected-named-entity",
    "named-entity-without-semicolon",
    "numeric-entity-without-semicolon",
}


def reference_errors(markup: str) -> list[str]:
    parser = html5lib.HTMLParser()
    parser.parseFragment(markup)
    return [code for _, code, _ in parser.errors if code in REFERENCE_ERRORS]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("&#65; &#x1F600; &#160; &nbsp; &amp; &copy; &#9; &#10;", None),
        ("&#150;", "&#8211;"),  # Windows-1252's en dash, as HTML reads it
        ("&#x80;", "&#8364;"),  # and its euro sign
        ("&#13;", "\n"),
        ("&bogus;", "&amp;bogus;"),  # shown as written, now without an error
        ("&#x00000041;", None),  # leading zeros are allowed
    ],
)
def test_a_reference_a_browser_reads_is_kept_or_written_as_it_reads_it(written, shown):
    repaired = repair_references(f"<p>{written}</p>")

    assert repaired.html == f"<p>{shown if shown is not None else written}</p>"
    assert repaired.removed == ()
    assert reference_errors(repaired.html) == []


@pytest.mark.parametrize(
    "written",
    [
        "&#7;",
        "&#0;",
        "&#x7F;",
        "&#x81;",  # one of the five Windows-1252 leaves a C1 control
        "&#12;",  # a form feed: XML, so a feed, cannot carry it
        "&#xD800;",
        "&#xFFFE;",
        "&#x10FFFF;",
        "&#xFDD0;",
        "&#x110000;",
        "&#" + "9" * 5000 + ";",  # more digits than Python reads as a number
    ],
)
def test_a_reference_to_a_control_or_no_character_is_removed(written):
    repaired = repair_references(f"<p>a{written}b</p>")

    assert repaired.html == "<p>ab</p>"
    assert repaired.removed == (written,)


def test_text_in_code_is_not_a_reference():
    """In code Markdown escapes the ampersand: the text "&#7;" is shown."""
    assert repair_references("<code>&amp;#7;</code>").html == "<code>&amp;#7;</code>"


def test_a_script_or_style_keeps_its_text_even_left_open():
    markup = '<script>x = "&#7;"</script>&#7;<STYLE>a::after{content:"&#0;"}</style>'

    repaired = repair_references(markup + "&#0;<script>&#7;")

    assert repaired.html == (
        '<script>x = "&#7;"</script><STYLE>a::after{content:"&#0;"}</style><script>&#7;'
    )
    assert repaired.removed == ("&#7;", "&#0;")


def test_the_message_names_each_reference_once_and_shortens_a_long_one():
    message = removed_references_message(("&#7;", "&#7;", "&#" + "9" * 40 + ";"))

    assert "(&#7;, &#9999999999...;)" in message
    assert message.startswith("removed 3 character reference(s)")


#: Pieces of HTML as Markdown writes it: any reference a writer may type,
#: and no other ampersand than an escaped one or one before a space.
REFERENCE_PIECES = st.one_of(
    st.integers(0, 0x11FFFF).map(lambda n: f"&#{n};"),
    st.integers(0, 0x11FFFF).map(lambda n: f"&#x{n:X};"),
    st.sampled_from(["&bogus;", "&amp;", "&nbsp;", "&lt;", "& ", "<b>", "x", " "]),
)


@given(st.lists(REFERENCE_PIECES, max_size=12).map("".join))
def test_any_repaired_text_reads_without_a_reference_error_or_a_control(markup):
    repaired = repair_references(f"<p>{markup}</p>")

    assert reference_errors(repaired.html) == []
    assert not CONTROL_CHARACTERS.search(html.unescape(repaired.html))
    # Repairing twice changes nothing more.
    again = repair_references(repaired.html)
    assert (again.html, again.removed) == (repaired.html, ())
