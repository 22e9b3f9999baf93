"""Where an image's pictures end, and so where bytes that are no part of
them begin.

A JPEG ends at its end-of-image marker (an MPO's at its last picture's), a
PNG at its ``IEND`` chunk, a GIF at its trailer byte, a WebP where its RIFF
size says. Whatever lies after is no part of the image, and a viewer never
shows it, but the file is published whole: a tool's notes, text appended
by hand. ``sitekit.staticmarkers`` reads it as text when it is text, with
every spelling of a private marker a reader reads, where
``sitekit.rawmarkers`` finds only the exact one in any bytes.

A PNG's chunks and a GIF's blocks are walked once: reading the image's
metadata (``sitekit.imagechunks``) walks them to ``IEND`` or the trailer
and says where that is in its ``Walk``, which ``picture_end`` is handed;
only a file no metadata walk went through (Pillow could not open it) is
walked here, with the same walker.

What it costs. Segments, chunks and blocks are stepped over by their
lengths and a JPEG's compressed picture is scanned a megabyte at a time,
so the cost is one pass over the file; over ``MAX_SEGMENTS`` segments,
chunks or blocks (a few bytes each, a hostile file can hold millions) the
image is ``UnreadableImage``, which fails closed.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Callable, Iterable
from typing import IO

from .imagechunks import PNG_SIGNATURE, Walk, gif_blocks, png_chunks
from .imagemarkers import UnreadableImage

#: Segments, chunks or blocks stepped over at most (a picture has a few
#: dozen, a PNG's pixels a few thousand chunks, a GIF's animation frames).
MAX_SEGMENTS = 1 << 16
#: In a JPEG's compressed picture, the next marker: a 0xFF (after any
#: fill bytes) followed by neither a stuffed zero nor a restart marker.
_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xff\xd0-\xd7]")
_READ = 1 << 20


def picture_end(file: IO[bytes], walk: Walk | None = None) -> int | None:
    """Where the pictures of the image ``file`` end (just past them); None
    when it is none of JPEG, PNG, GIF and WebP, or is cut short. ``walk``:
    how far reading the metadata of ``file`` walked its chunks or blocks,
    when it did (``sitekit.imagechunks``)."""
    file.seek(0)
    head = file.read(12)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_end(file, _Counter())
    if head.startswith(PNG_SIGNATURE):
        return _walked_end(file, walk, png_chunks)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _walked_end(file, walk, gif_blocks)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        end = 8 + struct.unpack("<I", head[4:8])[0]
        end += end & 1
        return end if file.seek(0, os.SEEK_END) >= end else None
    return None


def _walked_end(
    file: IO[bytes],
    walk: Walk | None,
    walker: Callable[[IO[bytes], Walk, int], Iterable[object]],
) -> int | None:
    """Past the ``IEND`` chunk or the trailer, as far as ``walk`` went; a
    file no walk finished is walked here by ``walker``, up to
    ``MAX_SEGMENTS`` chunks or blocks."""
    if walk is None or not walk.finished:
        walk = Walk()
        try:
            for _ in walker(file, walk, MAX_SEGMENTS):
                pass
        except (EOFError, SyntaxError):
            return None
    if walk.steps > MAX_SEGMENTS:
        raise _too_many()
    if walk.end is None or walk.end > file.seek(0, os.SEEK_END):
        return None
    return walk.end


def _too_many() -> UnreadableImage:
    return UnreadableImage(
        f"it holds more than the {MAX_SEGMENTS:,} segments read to find "
        "where its picture ends"
    )


class _Counter:
    """Segments stepped over, against ``MAX_SEGMENTS``."""

    def __init__(self) -> None:
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_SEGMENTS:
            raise _too_many()


def _jpeg_end(file: IO[bytes], counter: _Counter) -> int | None:
    """Past the last of the JPEG pictures that follow one another from the
    file's start (an MPO's)."""
    end = None
    file.seek(0)
    while file.read(2) == b"\xff\xd8":
        end = _one_jpeg_end(file, counter)
        if end is None:
            return None
        file.seek(end)
    return end


def _one_jpeg_end(file: IO[bytes], counter: _Counter) -> int | None:
    """Past the end-of-image marker of the picture whose start-of-image
    ``file`` was just read past."""
    while True:
        counter.step()
        head = file.read(2)
        if len(head) < 2 or head[0] != 0xFF:
            return None
        kind = head[1]
        while kind == 0xFF:  # fill bytes before a marker
            more = file.read(1)
            if not more:
                return None
            kind = more[0]
        if kind == 0xD9:
            return file.tell()
        if 0xD0 <= kind <= 0xD7 or kind == 0x01:
            continue  # markers without a length
        size = file.read(2)
        if len(size) < 2:
            return None
        file.seek(struct.unpack(">H", size)[0] - 2, os.SEEK_CUR)
        if kind == 0xDA:  # a scan: compressed data up to the next marker
            following = _next_marker(file)
            if following is None:
                return None
            file.seek(following)


def _next_marker(file: IO[bytes]) -> int | None:
    start = file.tell()
    carried = b""
    while chunk := file.read(_READ):
        window = carried + chunk
        found = _NEXT_MARKER.search(window)
        if found is not None:
            return start + found.start()
        kept = len(window) - len(window.rstrip(b"\xff"))  # fill bytes
        carried = window[len(window) - kept :] if kept else b""
        start += len(window) - len(carried)
    return None
