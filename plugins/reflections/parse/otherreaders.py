"""The lessons of a post or page another reader read (a reST or HTML file).

Such a file has no callouts, but it has fields: ``:lessons:`` in reST,
``<meta name="lessons" content="...">`` in HTML, which Pelican's readers
keep as text. They are the file's ``Lessons:`` line, read as a Markdown
post's is; dropped, the post was told it taught no lessons and to add the
line it had. Withheld for a private marker (sourceguard records it,
``sitekit.withheld.WITHHELD_FIELDS``), it is told as a Markdown post's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitekit.fieldplace import field_place
from sitekit.rules import Finding
from sitekit.withheld import WITHHELD_FIELDS

from ..model import ParsedPost
from ..settings import MAX_LESSONS
from .lessons_field import parse_lessons_field


def other_reader_post(content: Any) -> ParsedPost:
    """What the parse stage finds in a file the site's Markdown reader did not
    read: the mentions of its ``lessons`` field, at the field's line."""
    path = content.source_path
    value = content.metadata.get("lessons")
    line = field_line(path, "lessons")
    if not value:
        return ParsedPost(path, withheld_lessons=_withheld_lessons(content, line))
    mentions, findings = parse_lessons_field(
        value if isinstance(value, list | tuple) else str(value),
        [line] if line is not None else None,
        path,
    )
    most = int(content.settings.get("REFLECTIONS_MAX_LESSONS", MAX_LESSONS))
    if len(mentions) > most:
        findings.append(too_many_lessons(len(mentions), most, path, line))
        mentions = mentions[:most]
    return ParsedPost(path, mentions=mentions, findings=tuple(findings))


def _withheld_lessons(
    content: Any, line: int | None
) -> tuple[tuple[int | None, str], ...]:
    """The lessons field this build withheld (``sitekit.withheld``), told
    as the Markdown reader tells its own: a post left with no lesson is not
    told to add the field it has."""
    for field, reason in content.metadata.get(WITHHELD_FIELDS, ()):
        if field == "lessons":
            return (
                (
                    line,
                    f"the `Lessons:` field, which {reason} and so is withheld "
                    "whole, every lesson on it",
                ),
            )
    return ()


def too_many_lessons(named: int, most: int, path: str, line: int | None) -> Finding:
    """Each lesson costs a page and feeds, and the index compares every
    pair: the field's lessons past the limit are left out (the post itself
    stays, Pelican having read it as a post)."""
    return Finding(
        "too-many-lessons",
        f"this post names {named} lessons, more than the {most} a post may "
        "(REFLECTIONS_MAX_LESSONS); split it, or keep the lessons it taught "
        f"most; those after the {most}th are left out",
        path,
        line,
    )


def field_line(path: str, field: str) -> int | None:
    """The line the field is first written on in the file, or None."""
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    place = field_place(source, field)
    return None if place is None else source.count("\n", 0, place[0]) + 1
