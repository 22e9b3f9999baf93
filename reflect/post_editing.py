"""Adding lessons to a post's `Lessons:` line, and nothing else.

The post is the writer's text: every other byte, line endings included,
stays as it was. The metadata is found as Markdown reads it
(``sitekit.sourcelines``); a post without the line gets one after its last
metadata line. ``SourceLines`` splits a post as the build reads it (a byte
order mark dropped; ``\r\n``, ``\r`` and ``\n`` each end a line) while
keeping what it dropped, so every command that edits a field line finds
the lines the build found.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from sitekit.hygiene import CONTROL_CHARACTERS
from sitekit.sourcelines import metadata_block

from .file_replacing import replace_file
from .file_style import BOM

_LESSONS = re.compile(r"^(?P<key>[ ]{0,3}lessons\s*:)(?P<value>.*)$", re.I)
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class SourceLines:
    """A file's text as lines without their endings, and what to put back.

    Pelican reads a post in text mode, a byte order mark dropped, so a file
    saved with only ``\r`` between lines (old Mac editors) has lines, and a
    BOM is not part of the first field's name; split on ``\n`` alone, such a
    file was one line, or had no ``Title:``, and an edit found no field."""

    bom: str
    lines: list[str]
    endings: list[str]  # each line's own; "" after a last line without one

    @classmethod
    def of(cls, source: str) -> SourceLines:
        bom = BOM if source.startswith(BOM) else ""
        body = source[len(bom) :]
        lines: list[str] = []
        endings: list[str] = []
        start = 0
        for end in _LINE_END.finditer(body):
            lines.append(body[start : end.start()])
            endings.append(end.group())
            start = end.end()
        lines.append(body[start:])
        endings.append("")
        return cls(bom, lines, endings)

    @property
    def text(self) -> str:
        """The text as the build reads it."""
        return "\n".join(self.lines)

    @property
    def ending(self) -> str:
        """The file's line ending, as its first line has it (``\n`` if none)."""
        return self.endings[0] or "\n"

    def insert(self, index: int, line: str) -> None:
        """``line`` before line ``index`` (from 0), ended as the file's are."""
        if index == len(self.lines):  # after a last line without an ending
            self.endings[-1] = self.ending
        self.lines.insert(index, line)
        self.endings.insert(index, self.ending)

    def joined(self) -> str:
        return self.bom + "".join(map(str.__add__, self.lines, self.endings))


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


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` in one step: never a half-written post
    (``FileNotReplaced`` when it cannot be written)."""
    replace_file(path, text)
