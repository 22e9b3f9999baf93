"""A 16-colour image as a 4-bit palette PNG, written with zlib.

Pillow writes 4-bit palette PNGs too, but it tries four row filters on
every row that is not blank, which for palette data (indexes, not levels)
gains nothing and took more time than the compression itself; and its
zlib settings are fixed. Writing the four chunks a palette PNG needs
(IHDR, PLTE, IDAT, IEND: PNG specification, section 5) is a few lines, so
the cards do it here: rows unfiltered, zlib at its fastest level. Pillow
still draws the image and packs its pixels, and the tests read every card
back with Pillow.

Most of a card's rows are blank (the stripe, then background), and
packing and compressing them was most of a card's time. A caller that
knows which rows are blank says so (``Band``): the blank row is packed
once per image, and each band's rows are compressed once per process while
they recur (blank runs, the site name, a lesson's line), their compressed
bytes reused.
The image data is then a zlib stream (RFC 1950) whose deflate data (RFC
1951) is pieces compressed apart, each ended by a sync flush, so they can
follow one another: zlib's own output, put together. The stream's Adler-32
checksum of a reused piece is combined with the others' by arithmetic
(zlib's ``adler32_combine``, which Python's zlib module does not offer)
rather than by reading the piece's bytes again.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PALETTE_COLOUR_TYPE = 3
BIT_DEPTH = 4
# A zlib stream's first two bytes: deflate with a 32 KiB window, made at the
# fastest level (RFC 1950, section 2.2; the pair is a multiple of 31).
ZLIB_HEADER = b"\x78\x01"
# The deflate data's last block: final, fixed Huffman codes, empty.
FINAL_BLOCK = b"\x03\x00"
ADLER_BASE = 65521
#: Packed rows kept per process, with their compressed pieces: bands that
#: recur (the background between lines, the site name, a lesson's line)
#: are compressed once or twice, not once a card.
KEPT_BYTES = 1024 * 1024
#: Bands remembered as seen (by hash), to keep only those that recur.
KEPT_SEEN = 8192


@dataclass(frozen=True)
class Band:
    """Rows ``top`` to ``bottom`` (not included); ``blank`` when each of its
    rows is the image's blank row: the same row in every blank band."""

    top: int
    bottom: int
    blank: bool = False


@dataclass(frozen=True)
class Piece:
    """Deflate data that can be followed by more, with the Adler-32 checksum
    and length of the bytes it holds."""

    deflated: bytes
    adler: int
    length: int


_kept: dict[tuple[bytes, int, int], Piece] = {}
_kept_bytes = 0
_seen: set[int] = set()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from each
    one's checksum and the second's length (RFC 1950, section 8.2: the
    first sum adds up, the second gains the first's sum once per byte of
    the second)."""
    low = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % ADLER_BASE
    high = (
        (first >> 16) + (second >> 16) + second_length * ((first & 0xFFFF) - 1)
    ) % ADLER_BASE
    return (high << 16) | low


def _piece(data: bytes, level: int) -> Piece:
    squeezer = zlib.compressobj(level, zlib.DEFLATED, -15, 8, zlib.Z_RLE)
    deflated = squeezer.compress(data) + squeezer.flush(zlib.Z_SYNC_FLUSH)
    return Piece(deflated, zlib.adler32(data), len(data))


def _packed(image: Image.Image, top: int, bottom: int) -> bytes:
    # Each row of a PNG's data starts with a byte naming its filter, 0 for
    # none. Two background pixels (0) in front of each row, packed two
    # pixels to a byte (the left one high), are that byte; cropping from two
    # pixels left of the image adds them.
    return image.crop((-2, top, image.width, bottom)).tobytes("raw", "L;4")


def _band_piece(image: Image.Image, band: Band, blank_row: bytes, level: int) -> Piece:
    if band.blank:
        return _kept_piece((blank_row, band.bottom - band.top, level))
    return _kept_piece((_packed(image, band.top, band.bottom), 1, level))


def _kept_piece(key: tuple[bytes, int, int]) -> Piece:
    """The piece of ``rows * count`` at ``level``. Rows seen a second time
    are kept compressed (a title's rows, seen once, would only crowd out
    those that recur); the least recently used make room for new ones."""
    global _kept_bytes
    piece = _kept.pop(key, None)
    if piece is None:
        rows, count, level = key
        piece = _piece(rows * count, level)
        seen = hash(key)
        if seen not in _seen:
            if len(_seen) >= KEPT_SEEN:
                _seen.clear()
            _seen.add(seen)
            return piece
        _kept_bytes += len(rows)
        while _kept_bytes > KEPT_BYTES and _kept:
            oldest = next(iter(_kept))
            _kept_bytes -= len(oldest[0])
            del _kept[oldest]
    _kept[key] = piece  # the most recently used last
    return piece


def image_data(
    image: Image.Image, bands: Sequence[Band] | None = None, level: int = 1
) -> bytes:
    """The zlib stream of ``image``'s packed rows, band by band; ``bands``
    cover every row once, in order (one band of unlike rows if not given)."""
    if bands is None:
        bands = [Band(0, image.height)]
    if [b.top for b in bands[1:]] != [b.bottom for b in bands[:-1]] or (
        bands and (bands[0].top, bands[-1].bottom) != (0, image.height)
    ):
        raise ValueError("the bands must cover every row once, in order")
    bands = [band for band in bands if band.bottom > band.top]
    blank = next((band for band in bands if band.blank), None)
    blank_row = b"" if blank is None else _packed(image, blank.top, blank.top + 1)
    pieces = [_band_piece(image, band, blank_row, level) for band in bands]
    adler = 1  # the checksum of nothing
    for piece in pieces:
        adler = adler32_combine(adler, piece.adler, piece.length)
    return b"".join(
        (
            ZLIB_HEADER,
            *(piece.deflated for piece in pieces),
            FINAL_BLOCK,
            struct.pack(">I", adler),
        )
    )


def palette_png(
    image: Image.Image,
    palette: bytes,
    level: int = 1,
    bands: Sequence[Band] | None = None,
) -> bytes:
    """``image`` ("L" or "P", every value below 16) as a PNG whose colour
    ``i`` is ``palette[3 * i : 3 * i + 3]``; ``bands`` as ``image_data``
    takes them."""
    if len(palette) > 3 * 16 or len(palette) % 3:
        raise ValueError("a 4-bit PNG has at most 16 RGB colours")
    width, height = image.size
    # Width, height, bit depth, colour type, then deflate, no filtering
    # method but the standard one, no interlace (all three 0).
    header = struct.pack(
        ">IIBBBBB", width, height, BIT_DEPTH, PALETTE_COLOUR_TYPE, 0, 0, 0
    )
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", bytes(palette)),
            _chunk(b"IDAT", image_data(image, bands, level)),
            _chunk(b"IEND", b""),
        )
    )
