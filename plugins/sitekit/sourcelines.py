"""A Markdown file's metadata lines, read as Python-Markdown reads them.

Pelican reads metadata with Python-Markdown's meta extension, which returns
values but forgets where they were; messages need the line, and ``reflect``
needs to find fields without converting the file. This module is the one
reading of the block every part of the project uses, and it follows the
extension's rules: tabs count as four spaces (Markdown expands them before
the extension runs), an optional ``---`` line, then ``Key: value`` lines
indented by at most three spaces, each followed by the lines indented by
four or more that continue its value, up to the first blank line or the
first line that is neither.

So a field written with a tab or four spaces before it (``\\tCategory: x``)
is, to Markdown, more of the field above it. Such a line is reported with
its number (``indented_fields``): accepting it as a field would change what
a real continuation line means.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .rules import Finding, Rule, declare_rules

(INDENTED_METADATA,) = declare_rules(
    Rule(
        "indented-metadata",
        "a metadata line indented with a tab or spaces, which Markdown reads as "
        "more of the field above it",
        "warning",
        "error",
    ),
)

TAB_LENGTH = 4  # Python-Markdown's default, which Pelican keeps
_KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
_INDENTED_KEY = re.compile(r"^[ ]{4,}(?P<key>[A-Za-z][A-Za-z0-9_-]*):(?:\s|$)")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


@dataclass(frozen=True)
class MetadataLine:
    number: int  # from 1
    key: str  # lower case: the field the line is part of
    value: str
    continues: bool  # a continuation line, indented under its field
    text: str  # the line as written, tabs expanded


def metadata_block(text: str) -> list[MetadataLine]:
    """The lines of the metadata block, in order.

    The block ends at the first blank line, if not before, and is never
    longer than 200 lines: the rest of the file is not split up.
    """
    end = text.find("\n\n")
    return list(_metadata_block(text if end == -1 else text[:end]))


@functools.lru_cache(maxsize=64)
def _metadata_block(head: str) -> tuple[MetadataLine, ...]:
    """The block read from ``head``, the text before its first blank line.

    Kept for the last few heads: one post's block is asked for by each part
    of reading it (its fields' lines, indented fields, prompts, callouts,
    private blocks), five times or more a post, and the head is all the
    answer depends on."""
    lines = head.split("\n", 200)[:200]
    start = 1 if lines and _BEGIN.match(lines[0]) else 0
    found: list[MetadataLine] = []
    key = None
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.rstrip("\r").expandtabs(TAB_LENGTH)
        if not line.strip() or _END.match(line):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match.group("key").lower()
            found.append(MetadataLine(number, key, match.group("value"), False, line))
            continue
        more = _CONTINUATION.match(line)
        if key is None or more is None:
            break
        found.append(MetadataLine(number, key, more.group("value"), True, line))
    return tuple(found)


@dataclass(frozen=True)
class RepeatedField:
    """A field started on a second line of one metadata block."""

    key: str  # lower case
    first_line: int
    line: int  # where it starts again
    first_value: str  # the first's value, its continuation lines joined


def repeated_fields(text: str) -> list[RepeatedField]:
    """Each field the metadata block starts more than once (an indented
    line continues its field, and is no repeat). Markdown's meta extension
    gives every line of a key as one more value, so a second ``Author:``
    was read as the two names joined."""
    starts: dict[str, list[list[MetadataLine]]] = {}
    for line in metadata_block(text):
        if line.continues and line.key in starts:
            starts[line.key][-1].append(line)
        else:
            starts.setdefault(line.key, []).append([line])
    return [
        RepeatedField(
            key,
            fields[0][0].number,
            fields[1][0].number,
            " ".join(line.value.strip() for line in fields[0]).strip(),
        )
        for key, fields in starts.items()
        if len(fields) > 1
    ]


def metadata_lines(text: str) -> dict[str, list[int]]:
    """Map each lower-cased metadata key to the 1-based lines of its values.

    The meta extension turns an indented continuation line into one more
    value of the key above it, so continuation lines get an entry too.
    """
    found: dict[str, list[int]] = {}
    for line in metadata_block(text):
        found.setdefault(line.key, []).append(line.number)
    return found


def indented_fields(text: str, path: str | None = None) -> list[Finding]:
    """A finding for each continuation line that reads like a field of its own."""
    found = []
    for line in metadata_block(text):
        match = _INDENTED_KEY.match(line.text) if line.continues else None
        if match:
            name = match.group("key")
            found.append(
                Finding(
                    INDENTED_METADATA.name,
                    f"this line is indented, so Markdown reads it as more of the "
                    f"{line.key.capitalize()}: field above it, not as a {name}: "
                    f"field; remove the tab or spaces before {name}:",
                    path,
                    line.number,
                )
            )
    return found


def field_line(path: str, *fields: str, value: str | None = None) -> int | None:
    """The line of the first of ``fields`` a file's metadata holds
    (``Field: value`` in Markdown); failing that, the first line that names
    a field and holds ``value`` (reST, HTML)."""
    try:
        text = Path(path).read_text("utf-8", errors="replace")
    except OSError:
        return None
    found = metadata_lines(text)
    for field in fields:
        if found.get(field):
            return found[field][0]
    if value:
        for number, line in enumerate(text.splitlines(), start=1):
            if value in line and any(field in line.lower() for field in fields):
                return number
    return None


def shorter_slug_advice(path: str) -> str:
    """What to shorten when a name made of a post's slug is too long: a post
    without a ``Slug:`` line has its title's."""
    if field_line(path, "slug") is not None:
        return "give the post a shorter Slug"
    return "give the post a shorter title, or a Slug line"
