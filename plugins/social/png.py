"""A 16-colour image as a 4-bit palette PNG, written with zlib.

Pillow writes 4-bit palette PNGs too, but it tries four row filters on
every row that is not blank, which for palette data (indexes, not levels)
gains nothing and took more time than the compression itself; and its
zlib settings are fixed. Writing the four chunks a palette PNG needs
(IHDR, PLTE, IDAT, IEND: PNG specification, section 5) is a few lines, so
the cards do it here: rows unfiltered, zlib at its fastest level. Pillow
still draws the image and packs its pixels, and the tests read every card
back with Pillow.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PALETTE_COLOUR_TYPE = 3
BIT_DEPTH = 4


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def palette_png(image: Image.Image, palette: bytes, level: int = 1) -> bytes:
    """``image`` ("L" or "P", every value below 16) as a PNG whose colour
    ``i`` is ``palette[3 * i : 3 * i + 3]``."""
    if len(palette) > 3 * 16 or len(palette) % 3:
        raise ValueError("a 4-bit PNG has at most 16 RGB colours")
    width, height = image.size
    # Each row of a PNG's data starts with a byte naming its filter, 0 for
    # none. Two background pixels (0) in front of each row, packed two
    # pixels to a byte (the left one high), are that byte; cropping from two
    # pixels left of the image adds them.
    rows = image.crop((-2, 0, width, height)).tobytes("raw", "L;4")
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
            _chunk(b"IDAT", zlib.compress(rows, level)),
            _chunk(b"IEND", b""),
        )
    )
