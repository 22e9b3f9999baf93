"""A table a post writes in Markdown sits in a box that scrolls when the
table is too wide, that the keyboard reaches in every browser, and that a
screen reader names after the table (sitekit.tablescroll)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import lxml.html
from markdown import Markdown

from sitekit.tablescroll import table_name

WIDE = """| Year | *Revenue* | Notes |
|---|---|---|
| 2024 | 1,234 | quiet |
"""


def converted(text: str) -> lxml.html.HtmlElement:
    markdown = Markdown(
        extensions=["extra", "sitekit.tablescroll"], output_format="html5"
    )
    return lxml.html.fragment_fromstring(markdown.convert(text), create_parent="div")


def boxes(page: lxml.html.HtmlElement) -> list:
    return page.xpath(".//div[@class='table-scroll']")


def test_a_markdown_table_is_in_a_box_the_keyboard_reaches_named_by_its_headings():
    (box,) = boxes(converted(WIDE))
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    assert box.get("aria-label") == "Table: Year, Revenue, Notes"
    assert [child.tag for child in box] == ["table"]


def test_a_table_is_named_by_its_caption_else_its_headings_else_table():
    captioned = (
        "<table><caption>Five <em>years</em></caption><tr><th>Y</th></tr></table>"
    )
    assert table_name(etree.fromstring(captioned)) == "Five years"
    headed = "<table><tr><th> Year </th><th></th><th>Notes</th></tr></table>"
    assert table_name(etree.fromstring(headed)) == "Table: Year, Notes"
    bare = "<table><tr><td>1</td></tr></table>"
    assert table_name(etree.fromstring(bare)) == "Table"


def test_every_table_markdown_writes_is_boxed_once_wherever_it_stands():
    page = converted("> " + WIDE.replace("\n", "\n> ") + "\n\n- item\n\n" + WIDE)
    assert len(boxes(page)) == 2
    assert len(page.xpath(".//table")) == 2
    assert not page.xpath(".//div[@class='table-scroll']//div[@class='table-scroll']")


def test_a_table_written_as_raw_html_is_the_writers_own_and_left_alone():
    page = converted("<table><tr><td>raw</td></tr></table>\n\nText after.\n")
    assert boxes(page) == [] and page.xpath(".//table")


def test_the_text_after_a_table_stays_after_its_box():
    page = converted(WIDE + "\nAfter the table.\n")
    box = boxes(page)[0]
    assert box.getnext().tag == "p" and box.getnext().text == "After the table."
