"""`reflect lessons`: the lessons table, in the terminal or as data."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from rich.table import Table
from rich.text import Text

from reflections.model import ReflectionIndex
from sitekit.diagnostics import Diagnostic
from sitekit.text import as_text

from .content import read_site
from .site import Site

COLUMNS = ("lesson", "theme", "posts", "first learned", "last reinforced")


class SiteHasErrors(Exception):
    """The build would stop, so there is no index to show."""

    def __init__(self, errors: list[Diagnostic]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def lessons_index(site: Site) -> ReflectionIndex:
    """The index of published posts, as the site's reflection index has it.

    A site the build would stop on (lessons.yml that cannot be read, a post
    without a title) raises its errors, each with file and line, rather
    than giving a table the site would not have.
    """
    read = read_site(site)
    if read.errors:
        raise SiteHasErrors(read.errors)
    return read.context["reflection_index"]


def rows(index: ReflectionIndex) -> list[tuple[str, str, int, str, str]]:
    """The table's rows; a title and a theme as the index page shows them
    (fields are text: ``R&amp;D`` reads "R&D", ``<em>`` is no tag)."""
    return [
        (
            as_text(record.title),
            as_text(record.theme),
            record.count,
            record.first_learned.date().isoformat(),
            record.last_reinforced.date().isoformat(),
        )
        for record in index.lessons
    ]


def as_table(index: ReflectionIndex) -> Table:
    table = Table(
        title=f"{len(index.lessons)} lessons from {len(index.posts)} reflections"
    )
    for column in COLUMNS:
        table.add_column(
            column.capitalize(), justify="right" if column == "posts" else "left"
        )
    for row in rows(index):
        table.add_row(*(Text(str(cell)) for cell in row))  # never rich markup
    return table


#: What makes a spreadsheet read a cell as a formula when it starts it
#: (OWASP, "CSV Injection"): ``=``, ``+``, ``-``, ``@``, a tab, a carriage
#: return; and their fullwidth forms, which a spreadsheet in an East Asian
#: locale may take for them.
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
#: Characters a spreadsheet may skip before a cell's first (``_skipped``):
#: spaces and line breaks of every kind, controls and format characters.
_SKIPPED_BEFORE = frozenset(
    chr(code)
    for code in range(0x3000 + 1)
    if chr(code).isspace() or unicodedata.category(chr(code)) in {"Cc", "Cf", "Zs"}
) | {"\ufeff", "\u200b", "\u2060"}


def spreadsheet_safe(cell: object) -> object:
    """A text cell a spreadsheet shows as text: one that starts (spaces
    aside) with a formula's character gets a ``'`` in front, as OWASP
    recommends, which a spreadsheet reads as "this is text" and does not
    show; so does one that starts with a NUL, and one whose first
    character after any space, line break, control or format character (a
    byte order mark) is one. Numbers stay numbers."""
    if not isinstance(cell, str):
        return cell
    start = cell.lstrip("".join(_SKIPPED_BEFORE))[:1]
    if cell[:1] in FORMULA_STARTS | {"\0"} or (start and start in FORMULA_STARTS):
        return f"'{cell}"
    return cell


def as_csv(index: ReflectionIndex) -> str:
    """The table as CSV: every text cell quoted (OWASP: a quoted cell is
    one cell, whatever separator it holds) and made spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(COLUMNS)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows(index))
    return buffer.getvalue()


def as_json(index: ReflectionIndex) -> str:
    keys = [column.replace(" ", "_") for column in COLUMNS]
    return json.dumps(
        [dict(zip(keys, row, strict=True)) for row in rows(index)], indent=2
    )
