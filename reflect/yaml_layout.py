"""How a writer lays out the YAML file a command edits as a round trip.

``reflect lessons add`` and ``reflect review done`` promise that the lines
they add are the only change to lessons.yml and reviews.yml. ruamel.yaml
keeps comments and quoting, but two things it writes its own way:

* the indentation: it writes what it is told, so each command told it a
  fixed one (lessons add: two spaces, dashes indented by two), and a file
  indented by four came back with every nested line moved;
* what lies outside the document: a ``---`` line (and the comments and
  ``%`` directives before it) and a ``...`` line (and what follows it) were
  dropped, comments included, or moved into the document.

``YamlDocument`` splits the text into the part ruamel.yaml edits and the
lines around it, put back as they were; ``Indentation`` is read from the
lines themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML

_START = re.compile(r"---(?:[ \t]+#.*)?[ \t]*")
_END = re.compile(r"\.\.\.(?:[ \t]+#.*)?[ \t]*")


def _outside(line: str) -> bool:
    """A line that holds nothing of the document: blank, or a comment."""
    return not line.strip() or line.lstrip().startswith("#")


@dataclass(frozen=True)
class YamlDocument:
    """A file's text as its document (``body``) and the lines around it."""

    head: str  # up to and including the ``---`` line; "" when none
    body: str
    tail: str  # from the ``...`` line on; "" when none

    @classmethod
    def of(cls, text: str) -> YamlDocument:
        lines = text.splitlines(keepends=True)
        start = 0
        for number, line in enumerate(lines):
            if _START.fullmatch(line.rstrip("\n")):
                start = number + 1
                break
            if not (_outside(line) or line.startswith("%")):
                break
        end = len(lines)
        for number in range(len(lines) - 1, start - 1, -1):
            if _END.fullmatch(lines[number].rstrip("\n")):
                end = number
                break
            if not _outside(lines[number]):
                break
        return cls(
            "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:])
        )

    @property
    def head_lines(self) -> int:
        """How many lines come before the body: what to add to a line
        number within the body to have the file's."""
        return self.head.count("\n")

    def around(self, body: str) -> str:
        """``body`` in place of the document, the lines around it kept."""
        if self.tail and not body.endswith("\n"):
            body += "\n"
        return self.head + body + self.tail


@dataclass(frozen=True)
class Indentation:
    """ruamel.yaml's three numbers: a nested mapping's indent, a list
    item's (its text's column) and its dash's, each from its parent key."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2

    @classmethod
    def of(cls, text: str, default: Indentation | None = None) -> Indentation:
        """The indentation of the first nested mapping and of the first
        block list under a key in ``text``; ``default``'s for what it has
        none of."""
        default = default or cls()
        mapping = sequence = offset = None
        parent = None  # the column of a key that ends its line
        for line in text.splitlines():
            if _outside(line):
                continue
            content = line.split(" #", 1)[0].rstrip()
            column = len(line) - len(line.lstrip(" "))
            stripped = content.lstrip(" ")
            if parent is not None:
                if stripped == "-" or stripped.startswith("- "):
                    if offset is None:
                        after = stripped[1:]
                        offset = column - parent
                        spaces = len(after) - len(after.lstrip(" "))
                        sequence = offset + 1 + max(spaces, 1)
                elif mapping is None and column > parent:
                    mapping = column - parent
            is_key = content.endswith(":") and not stripped.startswith("-")
            parent = column if is_key else None
            if mapping is not None and offset is not None:
                break
        return cls(
            mapping or default.mapping,
            sequence or default.sequence,
            default.offset if offset is None else offset,
        )

    def apply(self, yaml: YAML) -> None:
        yaml.indent(mapping=self.mapping, sequence=self.sequence, offset=self.offset)
