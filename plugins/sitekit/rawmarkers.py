"""The private marker spelt out in the bytes of a file that is not text.

``sitekit.staticmarkers`` reads a static file as text up to its first
byte that cannot be text (a NUL, a byte that is not UTF-8), and
``sitekit.imagemarkers`` reads an image's metadata; the rest of such a
file is published unread. A file can hold readable text past that point
all the same: a PDF with an uncompressed page, a word processor's or a
database's file, notes pasted after a NUL, a ``.dat`` export, bytes after
a picture's end (text there, after a JPEG's, is also read as text, every
spelling counted: ``sitekit.staticmarkers``). Privacy fails closed, so
the marker spelt as a writer types it (``[!private]``, any case) in UTF-8
or UTF-16 anywhere in the bytes is found too.

Only that exact spelling counts: the fuzzy reading text gets (within two
typos, lookalike letters) would find markers in compressed data by
chance, while ten given bytes fall in a file's noise about once in
10^24 places. A marker inside compressed data (a PNG's pixels, a ``.docx``
or ``.svgz``) cannot be seen this way: it is not in the bytes; the text a
gzip, bzip2, xz, zip, tar or PDF holds is unpacked and read (``sitekit.packedmarkers``).

The file is read in chunks of ``CHUNK`` bytes, each with the last bytes of
the one before, so the cost is one pass whatever the file's size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from .markers import CANONICAL

CHUNK = 1 << 20


def _spellings(marker: str) -> re.Pattern[bytes]:
    """The marker in UTF-8 and both UTF-16s, letters in either case."""
    forms = []
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        parts = []
        for character in marker:
            cases = {character.lower(), character.upper()}
            spelt = sorted(re.escape(case.encode(encoding)) for case in cases)
            parts.append(
                spelt[0] if len(spelt) == 1 else b"(?:" + b"|".join(spelt) + b")"
            )
        forms.append(b"".join(parts))
    return re.compile(b"|".join(forms))


_MARKER = _spellings(CANONICAL)
#: Bytes carried from one chunk to the next: the longest spelling less one.
_CARRY = len(CANONICAL.encode("utf-16-le")) - 1


def raw_marker_offset(path: Path) -> int | None:
    """The byte offset of the first marker spelt out in ``path``, or None."""
    with path.open("rb") as file:
        return raw_marker_offset_in(file)


def raw_marker_offset_in(file: IO[bytes]) -> int | None:
    """``raw_marker_offset`` of an open file, read from where it stands."""
    carried = b""
    start = 0  # the offset of ``carried``'s first byte
    while chunk := file.read(CHUNK):
        window = carried + chunk
        found = _MARKER.search(window)
        if found is not None:
            return start + found.start()
        carried = window[-_CARRY:]
        start += len(window) - len(carried)
    return None
