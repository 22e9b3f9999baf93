"""Adding lessons to a post's `Lessons:` line, and nothing else.

The post is the writer's text: every other byte, line endings included,
stays as it was. The metadata is found as Markdown reads it
(``sitekit.sourcelines``); a post without the line gets one after its last
metadata line.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from sitekit.hygiene import CONTROL_CHARACTERS
from sitekit.sourcelines import metadata_block

from .file_replacing import replace_file

_LESSONS = re.compile(
    r"^(?P<key>[ ]{0,3}lessons\s*:)(?P<value>[^\r]*)(?P<end>\r?)$", re.I
)


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
    # Lines as Markdown splits them; a line ending's "\r" stays on its line.
    lines = source.split("\n")
    block = metadata_block(source)
    found = [
        line.number for line in block if line.key == "lessons" and not line.continues
    ]
    if found:
        match = _LESSONS.match(lines[found[-1] - 1])
        value = match.group("value").rstrip().rstrip(";").rstrip()
        joined = "; ".join(titles)
        value = f"{value}; {joined}" if value.strip(" ;") else f" {joined}"
        lines[found[-1] - 1] = f"{match.group('key')}{value}{match.group('end')}"
        return "\n".join(lines)
    header_end = block[-1].number if block else 0
    crlf = "\r" if lines[0].endswith("\r") else ""
    line = f"Lessons: {'; '.join(titles)}{crlf}"
    if header_end == len(lines):  # a file of metadata alone, with no last newline
        return "\n".join([*lines, line]) + crlf + "\n"
    lines.insert(header_end, line)
    return "\n".join(lines)


def diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` in one step: never a half-written post
    (``FileNotReplaced`` when it cannot be written)."""
    replace_file(path, text)
