"""Adding lessons to a post's `Lessons:` line, and nothing else.

The post is the writer's text: every other byte, line endings included,
stays as it was. A post without the line gets one after its last metadata
line.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path

_LESSONS = re.compile(r"^(?P<key>lessons\s*:)(?P<value>[^\r\n]*)(?P<end>\r?\n?)$", re.I)


def with_lessons(source: str, titles: list[str]) -> str:
    """``source`` with ``titles`` added to its (last) `Lessons:` line."""
    if not titles:
        return source
    lines = source.splitlines(keepends=True)
    header_end = next(
        (n for n, line in enumerate(lines) if not line.strip()), len(lines)
    )
    found = [n for n in range(header_end) if _LESSONS.match(lines[n])]
    if found:
        match = _LESSONS.match(lines[found[-1]])
        value = match.group("value").rstrip().rstrip(";").rstrip()
        joined = "; ".join(titles)
        value = f"{value}; {joined}" if value.strip(" ;") else f" {joined}"
        lines[found[-1]] = f"{match.group('key')}{value}{match.group('end')}"
    else:
        ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        if header_end and not lines[header_end - 1].endswith(("\n", "\r")):
            lines[header_end - 1] += ending
        lines.insert(header_end, f"Lessons: {'; '.join(titles)}{ending}")
    return "".join(lines)


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
    """Write ``text`` over ``path`` in one step: never a half-written post."""
    handle, scratch = tempfile.mkstemp(prefix=".reflect-", dir=path.parent)
    scratch_path = Path(scratch)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        scratch_path.chmod(path.stat().st_mode)
        scratch_path.replace(path)
    finally:
        scratch_path.unlink(missing_ok=True)
