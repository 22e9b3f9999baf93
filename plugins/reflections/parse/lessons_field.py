"""The ``Lessons:`` metadata field, split into lesson mentions.

Lessons are separated by semicolons so that a lesson may contain commas.
A semicolon that ends a character reference (``R&amp;D``, ``&#233;``) is
part of its lesson, as the field is text in which ``&amp;`` reads "&".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.entities import html5

from sitekit.rules import Finding
from sitekit.text import shows_nothing, why_nothing_shows

from ..model import LessonMention


def parse_lessons_field(
    value: str | Iterable[str],
    lines: list[int] | None = None,
    path: str | None = None,
) -> tuple[tuple[LessonMention, ...], list[Finding]]:
    """Split ``Lessons:`` metadata into mentions.

    Lessons are separated by semicolons so that a lesson may contain commas.
    A repeated ``Lessons:`` key reaches here as a list, one item per line.
    Empty items are dropped and reported (``empty-lessons-item``).
    """
    values = [value] if isinstance(value, str) else list(value)
    lines = list(lines or [])
    mentions: list[LessonMention] = []
    findings: list[Finding] = []
    for position, raw in enumerate(values):
        line = lines[position] if position < len(lines) else None
        for item in lesson_items(str(raw)):
            statement = " ".join(item.split())
            if not shows_nothing(statement):
                mentions.append(LessonMention(statement, line))
            else:
                findings.append(
                    Finding(
                        "empty-lessons-item",
                        "empty item in Lessons: ignored (lessons are separated "
                        "by semicolons)"
                        + (
                            f"; {statement!r} shows nothing "
                            f"({why_nothing_shows(statement)})"
                            if statement
                            else ""
                        ),
                        path,
                        line,
                    )
                )
    return tuple(mentions), findings


#: A semicolon and what stands before it, to tell one that ends a
#: character reference: ``&#233;``, ``&#xE9;`` or ``&amp;`` (a name HTML
#: knows; "Ask&Tell; Listen" is two lessons).
_SEMICOLON = re.compile(r"(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*))?;")


def lesson_items(value: str) -> list[str]:
    """``value`` cut at each semicolon that separates lessons."""
    items, start = [], 0
    for found in _SEMICOLON.finditer(value):
        reference = found.group(1)
        if reference and (reference[1] == "#" or f"{reference[1:]};" in html5):
            continue
        items.append(value[start : found.start()] + (reference or ""))
        start = found.end()
    items.append(value[start:])
    return items
