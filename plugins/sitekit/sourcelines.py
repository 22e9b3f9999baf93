"""Where each metadata field of a Markdown file is, by line number.

Python-Markdown's meta extension returns values but forgets where they were;
error messages need the line, so this module finds it. It follows the same
rules as the meta extension: an optional ``---`` line, then ``Key: value``
lines (with indented continuation lines) up to the first blank line.
"""

from __future__ import annotations

import re

_KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


def metadata_lines(text: str) -> dict[str, list[int]]:
    """Map each lower-cased metadata key to the 1-based lines of its values.

    The meta extension turns an indented continuation line into one more
    value of the key above it, so continuation lines get an entry too.
    """
    found: dict[str, list[int]] = {}
    # The block ends at the first blank line, if not before, and is never
    # longer than 200 lines: the rest of the file is not split up.
    lines = text.split("\n\n", 1)[0].split("\n", 200)[:200]
    start = 1 if lines and _BEGIN.match(lines[0]) else 0
    key = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or _END.match(line):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match.group("key").lower()
            found.setdefault(key, []).append(number)
        elif key is not None and _CONTINUATION.match(line):
            found[key].append(number)
        else:
            break
    return found
