"""One rule for what a field shows: its text, never its markup (sitekit.text)."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitekit.text import as_text, safe_html, text_filter


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Aim two levels up", "Aim two levels up"),
        ("Q&A with a recruiter", "Q&A with a recruiter"),
        ("Q&amp;A with a recruiter", "Q&A with a recruiter"),
        ("Why x < y matters", "Why x < y matters"),
        ("Why <em>two</em> levels up", "Why two levels up"),
        ("&lt;img src=x onerror=alert(1)&gt;Eve", "<img src=x onerror=alert(1)>Eve"),
        ("<img src=x onerror=alert(1)>Eve", "Eve"),
        ("<script>alert(1)</script>Eve", "Eve"),
        ('<a href="javascript:alert(1)">Eve</a>', "Eve"),
        ("&#8220;Quoted&#8221;  and\n spaced", "“Quoted” and spaced"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        (None, ""),
    ],
)
def test_a_field_shows_its_text(written, shown):
    assert as_text(written) == shown


@given(st.text(alphabet=st.sampled_from("ab <>&;#x!-/=\"'amplt\t\né")))
def test_the_text_of_escaped_text_is_that_text(text):
    assert as_text(html.escape(text)) == " ".join(text.split())


@given(st.text(alphabet=st.sampled_from("ab <>&;#x!-/=\"'amplt\t\né")))
def test_the_filter_prints_nothing_a_browser_would_read_as_markup(text):
    printed = str(text_filter(text))
    assert "<" not in printed and ">" not in printed and '"' not in printed
    assert html.unescape(printed) == as_text(text)


def test_a_description_keeps_emphasis_and_links_and_loses_what_runs():
    cleaned = safe_html(
        '<p>Ask <em>early</em>, <a href="https://example.org/x">read this</a>.'
        '<img src=x onerror="alert(1)"><script>alert(2)</script>'
        '<a href="javascript:alert(3)">no</a></p>'
    )
    assert cleaned == (
        '<p>Ask <em>early</em>, <a href="https://example.org/x" rel="noopener '
        'noreferrer">read this</a>.<a rel="noopener noreferrer">no</a></p>'
    )
