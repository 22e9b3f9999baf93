"""A WordPress table whose cells hold blocks, or that opens with no header
row, written so that it is drawn as WordPress drew it.

A Markdown table's cell holds one line of text: markdownify writes a list,
paragraphs or code in a cell on that line (``| 1. Read 2. Write |``), and
the page showed the numbers as text where WordPress drew a list. Such a
table (one cell holding a block is enough) is written as HTML that Markdown
fills in instead (``md_in_html``, part of ``extra`` in the site's
``MARKDOWN``), as a numbered list that starts past 1 is
(``wp_numbered_lists``)::

    <table markdown="1">
    <tr markdown="1">
    <td markdown="1">a cell of text</td>
    <td markdown="block">
    1. a cell
    2. holding blocks
    </td>
    </tr>
    </table>

A table whose first row is no header row is written so too: a Markdown
table must open with one, and the empty one markdownify gave it was drawn
above its rows.

Only the table's structure is kept (its caption, rows, cells and their
spans), as in a Markdown table. Inside a quote or a list item the HTML would be read
as text, so a table there stays a Markdown table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Tag

from .wp_numbered_lists import AT_THE_MARGIN

#: What a cell holds that makes it blocks, not a line of text.
_BLOCKS = frozenset(
    {"ul", "ol", "pre", "blockquote", "p", "div", "table", "h1", "h2", "h3", "h4"}
    | {"h5", "h6", "hr", "dl", "figure"}
)
#: The parts of a table kept, each written with ``markdown="1"`` so that
#: Markdown reads the cells inside it.
_ROWS = frozenset({"thead", "tbody", "tfoot", "tr"})
_CELLS = frozenset({"td", "th"})
#: A table's caption, kept as WordPress shows it: above the table.
_CAPTION = frozenset({"caption"})
#: A convert of one element (markdownify's ``process_element``).
Convert = Callable[[object, set[str]], str]


def table_written_as_html(table: Tag) -> bool:
    """Whether the ``table`` is written as HTML: a cell of it holds a
    block, and it stands where Markdown reads an HTML block (the margins
    ``wp_numbered_lists`` writes its lists at)."""
    at_the_margin = all(parent.name in AT_THE_MARGIN for parent in table.parents)
    return at_the_margin and (
        any(_holds_blocks(cell) for cell in _own(table, _CELLS))
        or not _opens_with_a_header_row(table)
    )


def _opens_with_a_header_row(table: Tag) -> bool:
    """Whether the ``table``'s first row is a header row (header cells, or
    a ``<thead>``'s): a Markdown table must open with one, and markdownify
    gave a table without one an empty header row, drawn above its rows."""
    rows = _own(table, frozenset({"tr"}))
    if not rows:
        return True  # no rows: nothing to draw either way
    first = rows[0]
    cells = [cell for cell in _own(table, _CELLS) if cell.find_parent("tr") is first]
    in_head = first.parent is not None and first.parent.name == "thead"
    return bool(cells) and (in_head or all(cell.name == "th" for cell in cells))


def html_table(table: Tag, convert: Convert) -> str:
    """The ``table`` as HTML whose cells are Markdown, each converted anew
    with ``convert``: a cell of text read as text, one of blocks as blocks."""
    return f"\n\n{_part(table, convert)}\n\n"


def _part(element: Tag, convert: Convert) -> str:
    if element.name in _CELLS | _CAPTION:
        return _cell(element, convert)
    inside = "\n".join(
        _part(child, convert)
        for child in element.children
        if isinstance(child, Tag) and child.name in _ROWS | _CELLS | _CAPTION
    )
    return f'<{element.name} markdown="1">\n{inside}\n</{element.name}>'


def _cell(cell: Tag, convert: Convert) -> str:
    spans = "".join(
        f' {name}="{int(cell[name])}"'
        for name in ("colspan", "rowspan")
        if str(cell.get(name) or "").isdigit()
    )
    if not _holds_blocks(cell):
        text = "".join(
            convert(child, {cell.name, "_inline"}) for child in cell.children
        )
        return (
            f'<{cell.name}{spans} markdown="1">{" ".join(text.split())}</{cell.name}>'
        )
    blocks = "".join(convert(child, set()) for child in cell.children).strip("\n")
    blocks = re.sub(r"\n{3,}", "\n\n", blocks)
    return f'<{cell.name}{spans} markdown="block">\n{blocks}\n</{cell.name}>'


def _holds_blocks(cell: Tag) -> bool:
    return any(child.name in _BLOCKS for child in cell.find_all(True))


def _own(table: Tag, names: frozenset[str]) -> list[Tag]:
    """The elements named ``names`` of ``table`` itself, not of a table
    inside one of its cells."""
    return [
        element
        for element in table.find_all(names)
        if element.find_parent("table") is table
    ]
