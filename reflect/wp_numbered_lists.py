"""A WordPress numbered list that starts past 1 (or counts in letters,
Roman numerals or down), written so it still does.

WordPress splits a numbered list around a code block or a picture and
carries the count on with ``<ol start="3">``. Python-Markdown numbers every
list from 1 unless ``sane_lists`` is on, and that extension changes how
every post's lists are read, so it stays off; a list's ``type`` (``a``,
``i``) and ``reversed`` Markdown cannot say at all. Such a list is written as
HTML that Markdown fills in instead (``md_in_html``, part of ``extra`` in
the site's ``MARKDOWN``)::

    <ol start="3" markdown="1">
    <li markdown="1">an item of text</li>
    <li markdown="block">
    an item holding blocks

        code, indented: a private marker in it hides it whole
    </li>
    </ol>

An item of text alone is read as text (``markdown="1"``: tight, as
WordPress draws it); one holding blocks as Markdown blocks, so code in it
is indented code, hidden whole by a private marker as anywhere else. Every
list inside such a list is written the same way, so a numbered list nested
in it keeps its start too.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bs4 import Tag

#: What a list item holds that makes it blocks, not a line of text.
_BLOCKS = frozenset(
    {"ul", "ol", "pre", "blockquote", "p", "div", "table", "h1", "h2", "h3", "h4"}
    | {"h5", "h6", "hr", "dl", "figure"}
)
#: The counting a numbered list's ``type`` may ask for, as HTML has them.
_TYPES = frozenset({"1", "a", "A", "i", "I"})
#: What may hold a list written as HTML: markdownify writes their blocks at
#: the margin, where Python-Markdown reads HTML blocks. Inside a quote
#: (``> `` before each line) or a table cell the HTML would be read as text
#: in a paragraph, ``markdown="1"`` and all, so a list there stays Markdown.
AT_THE_MARGIN = frozenset(
    {"[document]", "html", "body", "div", "section", "article", "main", "header"}
    | {"footer", "aside", "nav", "center", "p"}  # autop's <p> left open by a list
)
#: A line that opens a Markdown list item.
_LIST_ITEM = re.compile(r"(?:[-*+]|\d+\.)\s")


def start_of(element: Tag) -> int:
    """The number an ``<ol>`` starts at (1 when it says none, or no number)."""
    start = str(element.get("start") or "").strip()
    return int(start) if start.isdigit() else 1


def numbering(element: Tag) -> str:
    """The attributes of a numbered list ``element`` that Markdown cannot
    write (`` start="3"``, `` type="a"``, `` reversed``), or ""."""
    if element.name != "ol":
        return ""
    said = []
    if start_of(element) != 1:
        said.append(f' start="{start_of(element)}"')
    if str(element.get("type") or "") in _TYPES:
        said.append(f' type="{element["type"]}"')
    if element.has_attr("reversed"):
        said.append(" reversed")
    return "".join(said)


class ListsWrittenAsHtml:
    """Whether a list is (or is inside) a list written as HTML: the
    outermost list holding it is, or holds, a numbered list whose numbering
    Markdown cannot write.

    Asked of every list and of every item's list, in one document: each
    list climbs to the list holding it once, and each outermost list is
    judged once, so a long or deep list (an imported post, untrusted) costs
    a step or so an element, not a climb and a search of the whole list for
    every item. Made anew for each document: it knows its elements by
    ``id``."""

    def __init__(self) -> None:
        self._answers: dict[int, bool] = {}
        self._outermost: dict[int, Tag] = {}
        self._kept: list[Tag] = []  # every element known by id, kept alive

    def __call__(self, element: Tag) -> bool:
        key = id(element)
        if key not in self._answers:
            self._kept.append(element)
            outermost = self._outermost_of(element)
            judged = self._answers.get(id(outermost))
            if judged is None:
                judged = _written_as_html(outermost)
                self._kept.append(outermost)
                self._answers[id(outermost)] = judged
            self._answers[key] = judged
        return self._answers[key]

    def _outermost_of(self, element: Tag) -> Tag:
        """The outermost list holding ``element``; ``element`` itself when
        no list holds it."""
        for parent in element.parents:
            if parent.name in ("ul", "ol"):
                key = id(parent)
                if key not in self._outermost:
                    self._kept.append(parent)
                    self._outermost[key] = self._outermost_of(parent)
                return self._outermost[key]
        return element


def _written_as_html(outermost: Tag) -> bool:
    """Whether the list ``outermost``, which no list holds, is written as
    HTML (``ListsWrittenAsHtml``)."""
    if any(parent.name not in AT_THE_MARGIN for parent in outermost.parents):
        return False  # in a quote or a table cell: Markdown, counted from 1
    return any(numbering(item) for item in [outermost, *outermost.find_all("ol")])


def html_list(element: Tag, items: str) -> str:
    """The list ``element`` as HTML around its items (already written)."""
    name = element.name
    opening = f'<{name}{numbering(element)} markdown="1">'
    return f"\n\n{opening}\n{items.strip(chr(10))}\n</{name}>\n\n"


def html_item(element: Tag, text: str) -> str:
    """The list item ``element`` as HTML around ``text``, its content as
    Markdown: a line of text read as text, blocks read as blocks."""
    content = text.strip("\n")
    if not any(child.name in _BLOCKS for child in element.find_all(True)):
        return f'<li markdown="1">{content.strip()}</li>\n'
    return f'<li markdown="block">\n{_blocks_apart(content)}\n</li>\n'


def _blocks_apart(content: str) -> str:
    """``content`` with a blank line before a list that follows a line of
    text: Python-Markdown reads a list right after text as more text."""
    lines = content.split("\n")
    kept = lines[:1]
    for before, line in pairwise(lines):
        opens_list = _LIST_ITEM.match(line) and not line.startswith(" ")
        after_text = before.strip() and not _LIST_ITEM.match(before.lstrip())
        if opens_list and after_text and not before.startswith(" "):
            kept.append("")
        kept.append(line)
    return "\n".join(kept)
