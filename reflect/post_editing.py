"""Adding lessons to a post's `Lessons:` line, and nothing else.

The post is the writer's text: every other byte, line endings included,
stays as it was. The metadata is found as Markdown reads it
(``sitekit.sourcelines``); a post without the line gets one after its last
metadata line. ``reflect.file_style.SourceLines`` splits a post as the
build reads it (a byte order mark dropped; ``\r\n``, ``\r`` and ``\n``
each end a line) while keeping what it dropped, so every command that
edits a field line finds the lines the build found.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from sitekit.hygiene import CONTROL_CHARACTERS
from sitekit.sourcelines import metadata_block

from .file_replacing import replace_file
from .file_style import SourceLines

_LESSONS = re.compile(r"^(?P<key>[ ]{0,3}lessons\s*:)(?P<value>.*)$", re.I)


def metadata_value(text: str, field: str) -> str:
    """``text`` as one metadata line's value, for a command that writes it.

    A line break inside (pasted, or a shell's ``$'...'``) would end the
    line and start another field: ``reflect new $'Hello\nSlug: evil'``
    gave the post a second ``Slug:``. Every run of whitespace becomes one
    space, the words kept; a control character, which no page or feed can
    carry, is refused (ValueError, the command's one line)."""
    value = " ".join(text.split())
    stray = CONTROL_CHARACTERS.search(value)
    if stray:
        raise ValueError(
            f"the {field} {text!r} holds a control character "
            f"(U+{ord(stray.group()):04X}); write it without"
        )
    return value


def with_lessons(source: str, titles: list[str]) -> str:
    """``source`` with ``titles`` added to its (last) `Lessons:` line."""
    if not titles:
        return source
    lines = SourceLines.of(source)
    block = metadata_block(lines.text)
    found = [
        line.number for line in block if line.key == "lessons" and not line.continues
    ]
    joined = "; ".join(titles)
    if found:
        match = _LESSONS.match(lines.lines[found[-1] - 1])
        value = match.group("value").rstrip().rstrip(";").rstrip()
        value = f"{value}; {joined}" if value.strip(" ;") else f" {joined}"
        lines.lines[found[-1] - 1] = f"{match.group('key')}{value}"
    else:
        lines.insert(block[-1].number if block else 0, f"Lessons: {joined}")
    return lines.joined()


def diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def replace_text(path: Path, text: str, was: str | None = None) -> None:
    """Write ``text`` over ``path`` in one step: never a half-written post
    (``FileNotReplaced`` when it cannot be written, or when it no longer
    holds ``was``, the text the edit was made from)."""
    replace_file(path, text, was=was)
