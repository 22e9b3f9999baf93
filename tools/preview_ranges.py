"""Part of a file, as a browser asks for it with ``Range: bytes=…``.

A ``<video>`` or ``<audio>`` in a post asks for its file in parts: Safari
plays nothing from a server that always answers the whole file, and no
browser can seek past what it has loaded. A web server (GitHub Pages,
nginx) answers one range with 206 and that part; so does the preview.
Several ranges in one request are answered with the whole file, which
HTTP allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

#: ``bytes=first-last``, ``bytes=first-`` or ``bytes=-suffix``: one range.
ONE_RANGE = re.compile(r"\A\s*bytes\s*=\s*(?P<first>\d*)\s*-\s*(?P<last>\d*)\s*\Z")


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``first`` to ``last`` (both included) of a file of ``size``."""

    first: int
    last: int
    size: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1

    def content_range(self) -> str:
        return f"bytes {self.first}-{self.last}/{self.size}"


class Unsatisfiable(Exception):
    """A range that starts past the end of the file (416)."""


def requested_range(header: str | None, size: int) -> ByteRange | None:
    """The one range ``header`` asks of a file of ``size`` bytes; None for
    the whole file (no header, one the server may ignore, several ranges)."""
    if header is None:
        return None
    found = ONE_RANGE.match(header)
    if found is None or not (found["first"] or found["last"]):
        return None
    if not found["first"]:  # the last N bytes
        suffix = int(found["last"])
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(size - suffix, 0), size - 1, size)
    first = int(found["first"])
    last = int(found["last"]) if found["last"] else size - 1
    if found["last"] and last < first:
        return None  # not a valid range: ignored, as HTTP says
    if first >= size:
        raise Unsatisfiable
    return ByteRange(first, min(last, size - 1), size)


class FileSlice:
    """``length`` bytes of an open file from where it stands: what the
    handler copies to the browser, then closes."""

    def __init__(self, handle: BinaryIO, length: int):
        self._handle = handle
        self._left = length

    def read(self, size: int = -1) -> bytes:
        wanted = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(wanted)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._handle.close()
