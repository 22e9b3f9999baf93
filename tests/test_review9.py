"""Defects in the day's merges (namespellings, the WordPress import's
private code), each with the test that failed before its fix."""

from __future__ import annotations

import pytest
from test_leftover9 import render_as_a_post

from reflect.wp_markdown import html_to_markdown

# --- 1. Imported private code at the very start of a post ----------------------

#: WordPress posts that open with code holding a private marker: the import
#: writes it as indented code, whose first line lost its indent to the final
#: strip and was published as a paragraph.
OPENING_CODE = {
    "marker after a blank line": "<pre>salary zqopen1\n\n[!private] note</pre>",
    "marker on the next line": "<pre>salary zqopen2\n[!private] note</pre><p>x</p>",
    "a tab-indented first line": "<pre>\tsalary zqopen3\n\n[!private] note</pre>",
    "a pre around code": "<pre><code>zqopen4 = 1\n\n[!private] n</code></pre>",
}


@pytest.mark.parametrize("case", sorted(OPENING_CODE))
def test_private_code_that_opens_an_imported_post_is_hidden_whole(case):
    markdown_text = html_to_markdown(OPENING_CODE[case])
    assert markdown_text.startswith("    "), markdown_text
    assert "zqopen" not in render_as_a_post(markdown_text)


def test_an_imported_post_opening_with_text_is_not_made_code():
    markdown_text = html_to_markdown("<p>  Hello zqtext</p>\n<pre>public</pre>")
    assert markdown_text.startswith("Hello zqtext"), markdown_text
