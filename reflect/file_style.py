"""A person's file written back as they keep it: its line endings and BOM.

``reflect lessons add`` and ``reflect review done`` edit ``lessons.yml`` and
``reviews.yml`` as a round trip, promising that the new lines are the only
change. Python reads text with universal newlines and ruamel.yaml writes
``\\n`` and no byte order mark, so a file kept with Windows line endings
(``\\r\\n``), or saved with a BOM by a Windows editor, came back with every
line changed. The edit is made on the text as ``\\n`` lines, then written in
the file's own style: the line ending of its first line, and its BOM.

Both are read by one splitting, ``SourceLines``, which a command editing a
post's field line uses too: the lines as the build reads them (a BOM
dropped; ``\\r\\n``, ``\\r`` and ``\\n`` each end a line), with what
was dropped kept to put back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")
#: Line endings where a file has ``\n`` ones: a lone ``\r`` there is a
#: character of its line.
_NEWLINE_END = re.compile(r"\r\n|\n")


@dataclass
class SourceLines:
    """A file's text as lines without their endings, and what to put back.

    Pelican reads a post in text mode, a byte order mark dropped, so a file
    saved with only ``\\r`` between lines (old Mac editors) has lines, and a
    BOM is not part of the first field's name; split on ``\\n`` alone, such a
    file was one line, or had no ``Title:``, and an edit found no field."""

    bom: str
    lines: list[str]
    endings: list[str]  # each line's own; "" after a last line without one

    @classmethod
    def of(cls, source: str, line_end: re.Pattern[str] = _LINE_END) -> SourceLines:
        bom = BOM if source.startswith(BOM) else ""
        body = source[len(bom) :]
        lines: list[str] = []
        endings: list[str] = []
        start = 0
        for end in line_end.finditer(body):
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
        """The file's line ending, as its first line has it (``\\n`` if none)."""
        return self.endings[0] or "\n"

    @property
    def style(self) -> FileStyle:
        """How the file writes its lines: as its first line ends, its BOM."""
        return FileStyle(self.ending, bool(self.bom))

    def insert(self, index: int, line: str) -> None:
        """``line`` before line ``index`` (from 0), ended as the file's are."""
        if index == len(self.lines):  # after a last line without an ending
            self.endings[-1] = self.ending
        self.lines.insert(index, line)
        self.endings.insert(index, self.ending)

    def joined(self) -> str:
        return self.bom + "".join(map(str.__add__, self.lines, self.endings))


@dataclass(frozen=True)
class FileStyle:
    newline: str = "\n"
    bom: bool = False

    def apply(self, text: str) -> str:
        """``text`` (``\\n`` lines) in this style."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return BOM + text if self.bom else text


def read_styled(path: Path, missing: str = "") -> tuple[str, FileStyle]:
    """The text of ``path`` with ``\\n`` lines and no BOM, and its style;
    ``missing`` (in the default style) when there is no such file."""
    if not path.exists():
        return missing, FileStyle()
    source = path.read_bytes().decode("utf-8")
    # ``\r`` alone ends lines in a file that has no ``\n`` (old Mac
    # editors); in one that has, it is a character of its line, kept: read
    # as an ending, a stray one in the first line made ``\r`` the file's
    # style, and every line was written back changed.
    lines = SourceLines.of(source, _NEWLINE_END if "\n" in source else _LINE_END)
    return lines.text, lines.style
