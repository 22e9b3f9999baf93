"""The ``Lessons:`` metadata field, split into lesson mentions.

Lessons are separated by semicolons so that a lesson may contain commas.
"""

from __future__ import annotations

from collections.abc import Iterable

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
        for item in str(raw).split(";"):
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
