"""The ``Lessons:`` metadata field, split into lesson mentions.

Lessons are separated by semicolons so that a lesson may contain commas.
A semicolon that ends a character reference (``R&amp;D``, ``&#233;``) is
part of its lesson, as the field is text in which ``&amp;`` reads "&".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.entities import html5

from sitekit.privateblocks import holds_private_marker
from sitekit.rules import Finding
from sitekit.sourcelines import MetadataLine
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


def shown_lessons_withheld(lines: Iterable[MetadataLine], path: str) -> list[Finding]:
    """A finding when a private marker on one lesson of ``Lessons:`` took
    lessons meant to be seen with it (``lines``: the file's metadata block).

    A field with a marker is withheld whole (``sitekit.withheld``): privacy
    fails closed, so "Lessons: Listen first; Salary talk [!private]" names
    neither. That is right, and silent when the post names other lessons,
    so the writer is told how many lessons went, at the field's line. A
    marker before any text of the field marks the whole field private, as
    meant: nothing to tell.
    """
    field = [line for line in lines if line.key == "lessons"]
    # Each `Lessons:` line with the indented lines that continue it, as one
    # text: a marker may run over the line break.
    written: list[str] = []
    for line in field:
        if line.continues and written:
            written[-1] += " " + line.value
        else:
            written.append(line.value)
    if not field or _opens_with_marker(" ".join(written)):
        return []
    items = [item for text in written for item in lesson_items(text)]
    marked = [item for item in items if holds_private_marker(item)]
    shown = [" ".join(item.split()) for item in items if not holds_private_marker(item)]
    shown = [item for item in shown if not shows_nothing(item)]
    if not marked or not shown:
        return []
    # Counted, not named: the field is withheld, and a build's log may be
    # read by others (a public CI's); the line says where they are.
    others = "lesson" if len(shown) == 1 else f"{len(shown)} lessons"
    return [
        Finding(
            "private-lessons-field",
            "`Lessons:` holds a private marker, so the whole field is withheld, "
            f"with the {others} on it that {'has' if len(shown) == 1 else 'have'} "
            "none: no reader sees "
            f"{'that lesson' if len(shown) == 1 else 'those lessons'}; keep a "
            "private lesson in a `> [!private]` note, not in `Lessons:`",
            path,
            field[0].number,
        )
    ]


def _opens_with_marker(value: str) -> bool:
    """Whether ``value`` (the field's text) starts with a private marker
    ("[!private] Salary talk; Negotiation"): nothing shows before the first
    marker of its first lesson, so the writer marked the whole field."""
    first = lesson_items(value.strip()[:80])[0]
    if not holds_private_marker(first):
        return False
    end = next(e for e in range(1, len(first) + 1) if holds_private_marker(first[:e]))
    begin = max(b for b in range(end) if holds_private_marker(first[b:end]))
    return shows_nothing(first[:begin])
