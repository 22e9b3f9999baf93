"""A table Markdown writes, in a box that scrolls and that the keyboard reaches.

A table wider than the text column scrolls sideways in a box of its own,
never the page. Chromium and Firefox let the keyboard reach a box that
scrolls; Safari does not, unless something in it takes the focus, and a
table of words has nothing that does. So each table is wrapped in a box
the keyboard can reach (``tabindex="0"``), announced as a region named
after the table: its caption, else its column headings ("Table: Company,
Role, Outcome"), so a screen reader says what the stop is.

A table written as raw HTML is the writer's own markup and is left as it
is. Use it in ``MARKDOWN["extensions"]`` as ``"sitekit.tablescroll"``
(the site's reader adds it); it keeps no state from one document to the
next.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitekit.sitewords import in_site_language

#: The class the theme's stylesheet gives the box.
BOX_CLASS = "table-scroll"
#: After inline Markdown (20), so the headings' text is read as shown;
#: before the tree is serialised.
PRIORITY = 15
#: Python-Markdown's placeholders (stashed HTML, escapes): no reader hears them.
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")


def table_name(table: etree.Element, site_language: bool = True) -> str:
    """What the table's box is called: its caption, else its headings. In
    a post in another language than the site's the headings alone, in the
    post's: one attribute cannot hold the site's "Table:" and the post's
    words (``sitekit.sitewords``)."""
    caption = table.find("caption")
    if caption is not None and _text(caption):
        return _text(caption)
    headings = [_text(cell) for cell in table.iter("th")]
    headings = [heading for heading in headings if heading]
    if not site_language and headings:
        return ", ".join(headings)
    return f"Table: {', '.join(headings)}" if headings else "Table"


def _text(element: etree.Element) -> str:
    return " ".join(_PLACEHOLDER.sub("", "".join(element.itertext())).split())


class ScrollingTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        site_language = in_site_language(self.md)
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                box = etree.Element(
                    "div",
                    {
                        "class": BOX_CLASS,
                        "role": "region",
                        "tabindex": "0",
                        "aria-label": table_name(child, site_language),
                    },
                )
                parent.remove(child)
                box.append(child)
                box.tail, child.tail = child.tail, None
                parent.insert(index, box)


class ScrollingTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ScrollingTables(md), "scrolling-tables", PRIORITY)


def makeExtension(**kwargs) -> ScrollingTablesExtension:  # Markdown loads it by name
    return ScrollingTablesExtension(**kwargs)
