"""A person's file written back as they keep it: its line endings and BOM.

``reflect lessons add`` and ``reflect review done`` edit ``lessons.yml`` and
``reviews.yml`` as a round trip, promising that the new lines are the only
change. Python reads text with universal newlines and ruamel.yaml writes
``\\n`` and no byte order mark, so a file kept with Windows line endings
(``\\r\\n``), or saved with a BOM by a Windows editor, came back with every
line changed. The edit is made on the text as ``\\n`` lines, then written in
the file's own style: the line ending of its first line, and its BOM.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


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
    raw = path.read_bytes().decode("utf-8")
    bom = raw.startswith(BOM)
    if bom:
        raw = raw[1:]
    first_end = raw.find("\n")
    newline = "\r\n" if first_end > 0 and raw[first_end - 1] == "\r" else "\n"
    return raw.replace("\r\n", "\n"), FileStyle(newline, bom)
