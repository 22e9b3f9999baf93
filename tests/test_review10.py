"""Defects found reviewing the merge of leftover11, each fixed at its root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import copy_project, lint_in_process
from test_leftover9 import render_as_a_post
from test_rules import documented_rules

from reflect.wp_markdown import html_to_markdown
from sitekit.sitelinks import unrewritten_site_file_links

ROOT = Path(__file__).resolve().parent.parent

# --- 1. Imported lists stay tight where WordPress's were -------------------------


def _items(html: str) -> list[str]:
    """Each list item's markup as the page has it, innermost first."""
    return re.findall(r"<li>(.*?)</li>", html, re.DOTALL)


#: WordPress lists whose items hold no second block: a page draws each as
#: one line, without a paragraph's margins.
TIGHT_LISTS = {
    "an item with a line break": "<ul><li>a<br />second</li><li>b</li><li>c</li></ul>",
    "a nested list": "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>",
    "a numbered list with a nested one": (
        "<ol><li>one<ol><li>sub</li></ol></li><li>two</li><li>three</li></ol>"
    ),
}


@pytest.mark.parametrize("case", TIGHT_LISTS)
def test_a_list_without_blocks_in_its_items_stays_tight(case):
    """An item followed by a blank line turns the next item's text into a
    paragraph in Python-Markdown: the converter put one after every item of
    more than one line, so an item with a ``<br>`` or a nested list made the
    item after it a paragraph (spaced apart) and the rest not. WordPress's
    list had no paragraph in any item."""
    page = render_as_a_post(html_to_markdown(TIGHT_LISTS[case]))
    assert "<p>" not in page, page
    assert len(_items(page)) >= 3, page


def test_an_item_holding_code_still_ends_before_the_next_item():
    """The blank line stays where an item holds blocks: without it the next
    item is read as part of the code."""
    page = render_as_a_post(
        html_to_markdown("<ol><li>one<pre>x = 1</pre></li><li>two</li></ol>")
    )
    assert "x = 1" in page and "<li>" in page
    assert page.count("<li>") == 2, page
    assert "two" not in page.split("</code>")[0], page


# --- 2. The docs' example lines are what the build and lint print ----------------

#: A line of lint's or the build's output in a code block of the docs.
_EXAMPLE = re.compile(r"^(?:content/\S+?):(?:\d+:)? (?:warning: |error: )?\S.*$")


def _example_lines() -> list[tuple[str, str]]:
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        inside = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                inside = not inside
            elif inside and _EXAMPLE.match(line):
                found.append((page.name, line))
    return found


def test_every_example_line_in_the_docs_ends_with_its_rule():
    """Every problem's line now ends with `` [rule]``; the docs' example
    lines of what lint and the build print still showed the old line."""
    examples = _example_lines()
    assert len(examples) >= 3, examples
    table = documented_rules()
    for page, line in examples:
        rule = re.search(r" \[([a-z-]+)\]$", line)
        assert rule is not None, f"{page}: {line}"
        assert rule.group(1) in table, f"{page}: {line}"


#: WordPress's line breaks (its "autop" makes one of each single newline):
#: an address, a poem, steps on lines of their own.
LINE_BREAKS = {
    "a paragraph": "<p>Ruth Chen<br />Acme Corp<br />Lisbon</p>",
    "a list item": "<ul><li>Ruth Chen<br />Acme Corp<br />Lisbon</li><li>b</li></ul>",
    "a quote": "<blockquote><p>Ruth Chen<br />Acme Corp<br />Lisbon</p></blockquote>",
}


@pytest.mark.parametrize("case", LINE_BREAKS)
def test_a_wordpress_line_break_is_a_line_break_on_the_page(case):
    """markdownify writes a ``<br>`` as two spaces at the line's end, which
    the import then stripped with every line's trailing spaces: the lines
    ran into one on the page ("Ruth Chen Acme Corp Lisbon")."""
    page = render_as_a_post(html_to_markdown(LINE_BREAKS[case]))
    shown = re.sub(r"\s+", " ", page)
    assert re.search(r"Ruth Chen ?<br ?/?> ?Acme Corp ?<br ?/?> ?Lisbon", shown), page


def test_a_line_break_in_code_stays_a_plain_new_line():
    page = render_as_a_post(html_to_markdown("<pre>one<br />two</pre>"))
    assert "<br" not in page and "one\ntwo" in page, page


def test_an_item_that_opens_with_code_opens_with_the_code_on_the_page():
    """Python-Markdown cannot open a list item with code, so the import
    gave such an item a first line of ``&nbsp;``: the page drew an empty
    paragraph, a blank line, between the bullet and the code WordPress
    drew beside it. An empty HTML comment opens the item and draws nothing."""
    page = render_as_a_post(
        html_to_markdown("<ul><li><pre>x = 1</pre>after</li><li>b</li></ul>")
    )
    first_item = page.split("<li>", 2)[1]
    before_code = first_item.split('<div class="highlight">', 1)[0]
    assert "<p>" not in before_code and "&nbsp;" not in before_code, page
    assert "x = 1" in first_item and "after" in first_item, page


# --- 3. A link in a value no reader is shown is still a link ---------------------

#: A ``value`` a reader is not shown as text: a plugin's parameter, a jump
#: menu's option, a button's or a data element's value, each an address
#: Pelican leaves as written.
VALUES_THAT_ARE_ADDRESSES = {
    "an object's param": (
        '<object data="/v.swf"><param name="movie" value="{static}/zq/v.swf"></object>'
    ),
    "a jump menu's option": '<option value="{filename}/posts/zq-next.md">Next</option>',
    "a button's value": '<button name="go" value="{attach}/zq/f.pdf">Get</button>',
    "a data element": '<data value="{static}/zq/d.json">the data</data>',
    "an unquoted value": "<option value={filename}/posts/zq-u.md>U</option>",
    "a hidden field": '<input type="hidden" value="{static}/zq/h.txt">',
}


@pytest.mark.parametrize("case", sorted(VALUES_THAT_ARE_ADDRESSES))
def test_a_link_in_a_value_no_reader_is_shown_is_noted(case):
    """leftover11 left the syntax in every ``SHOWN`` attribute alone as
    text, ``value`` among them: a reader is shown the value of a text field
    only, so a ``{static}`` link in a ``<param>``'s or ``<option>``'s
    value, published as written (a dead link), went unreported."""
    (link,) = unrewritten_site_file_links(VALUES_THAT_ARE_ADDRESSES[case], {})
    assert "/zq" in link


def test_a_text_fields_value_is_still_text():
    html_text = '<input type="text" value="see {filename}/posts/b.md">'
    assert unrewritten_site_file_links(html_text, {}) == ()


def test_a_link_pelican_leaves_as_written_is_told_at_its_own_line(tmp_path):
    """The line of a link Pelican leaves as written was the first line
    holding its text: with the same file shown in an image's ``src`` above
    (rewritten) or its syntax in an ``alt`` (text, since leftover11), the
    warning pointed at a line with nothing wrong on it."""
    project = copy_project(tmp_path / "site")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "zq-wide.png").write_bytes(b"\x89PNG\r\n")
    (project / "content" / "posts" / "2026-03-11-wide.md").write_text(
        "Title: Wide\nDate: 2026-03-11\nLessons: Learn adjacent functions\n\n"
        '<img src="{static}/images/zq-wide.png"'
        ' alt="the {static}/images/zq-wide.png">\n\n'
        "Some text.\n\n"
        '<img alt="x" srcset="{static}/images/zq-wide.png 2x" src="/a.png">\n',
        encoding="utf-8",
    )
    linted = lint_in_process("lint", cwd=project)
    (told,) = [
        line for line in linted.stdout.splitlines() if "leaves as written" in line
    ]
    assert "2026-03-11-wide.md:9:" in told, linted.stdout


def test_a_quote_inside_a_list_item_is_a_quote_on_the_page():
    """markdownify opens a quote with one new line, enough for CommonMark;
    in a list item Python-Markdown read the ``>`` as more of the item's
    text, so the page showed "&gt; q" where WordPress drew a quote."""
    page = render_as_a_post(
        html_to_markdown(
            "<ul><li>Ask:<blockquote><p>What would you do?</p></blockquote></li>"
            "<li>b</li></ul>"
        )
    )
    first_item = page.split("<li>", 2)[1]
    assert "<blockquote>" in first_item and "&gt;" not in page, page
    assert page.count("<li>") == 2, page
