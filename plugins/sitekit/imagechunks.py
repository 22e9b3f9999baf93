"""The chunks and blocks of a PNG, a WebP and a GIF that Pillow reads only
by decoding the picture, or not at all: text may come after a PNG's image
data, libwebp hands Pillow only the first EXIF, XMP and colour profile, and
Pillow drops a GIF's blocks after the last frame. Walked here, the
pictures stepped over unread, for ``sitekit.imagemarkers``.

A walk of a PNG's chunks or a GIF's blocks goes to where the pictures end
(``IEND``, the trailer), and says so in its ``Walk``: ``sitekit.pictureends``
reads the end there, so a file is walked once for its text and its end, and
walks it with the same walker (``png_chunks``, ``gif_blocks``) only when
no metadata walk went through it (Pillow could not open it)."""

from __future__ import annotations

import os
import struct
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import IO

from PIL import Image, PngImagePlugin

from .cappedfile import CappedFile
from .imagetexts import decoded, exif_texts
from .subifds import SubFolders

_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP")
_PIXELS = (b"IDAT", b"fdAT")
#: A WebP's chunks that hold a picture (an animation's frames included).
_WEBP_PICTURES = (b"VP8 ", b"VP8L", b"ALPH", b"ANMF")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class Walk:
    """How far a walk of a PNG's chunks or a GIF's blocks went: the
    chunks or blocks it stepped over, the last included; where the pictures
    end (just past ``IEND`` or the trailer), once it got there; and whether
    it ``finished``: went to that end, or to where the file stops being
    one (cut short), rather than being left part way."""

    steps: int = 0
    end: int | None = None
    finished: bool = False


def png_chunks(
    file: IO[bytes], walk: Walk, most: int | None = None
) -> Iterator[tuple[bytes, int, int]]:
    """Each chunk of a PNG before ``IEND``: its name, where its data starts
    (``file`` is there) and its length; a chunk is its length, its name,
    its data and a checksum, and the walk steps to the next whatever was
    read of it. Past ``most`` chunks the walk stops, unfinished."""
    file.seek(len(PNG_SIGNATURE))
    while len(head := file.read(8)) == 8:
        walk.steps += 1
        if most is not None and walk.steps > most:
            return
        length, name = struct.unpack(">I4s", head)
        position = file.tell()
        if name == b"IEND":
            walk.end = position + length + 4
            break
        yield name, position, length
        file.seek(position + length + 4)
    walk.finished = True


def png_texts(
    file: CappedFile, folders: SubFolders, walk: Walk | None = None
) -> Iterator[tuple[str, str]]:
    """A PNG's text chunks wherever they are, read with Pillow's chunk
    reader, and every other chunk but the pixels (``_PIXELS``) as bytes: a
    tool's own chunk (Fireworks' ``mkBT``, C2PA's ``caBX``) is shown by
    exiftool all the same. The pixels are skipped unread. Every chunk is
    walked before the first text is yielded, and ``walk`` says how far."""
    walk = Walk() if walk is None else walk
    stream = PngImagePlugin.PngStream(file)  # type: ignore[arg-type]
    other: list[tuple[str, bytes]] = []
    for cid, position, length in png_chunks(file, walk):
        if not PngImagePlugin.is_cid(cid):
            raise SyntaxError(f"broken PNG file (chunk {cid!r})")
        if cid in _TEXT_CHUNKS:
            stream.call(cid, position, length)
        elif cid not in _PIXELS:
            other.append((cid.decode("latin-1"), file.read(length)))
    if walk.end is None:
        raise EOFError("its chunks are cut short before IEND")
    for kind, data in other:
        for text in decoded(data):
            yield f"PNG chunk {kind!r}", text
    for key, value in stream.im_text.items():
        for text in (key, *decoded(value)):
            yield f"PNG text {key!r}", text
    for text in decoded(stream.im_info.get("icc_profile")):
        yield "PNG colour profile", text
    if "exif" in stream.im_info:
        exif = Image.Exif()
        exif.load(stream.im_info["exif"])
        yield from exif_texts(exif)
        yield from folders.in_exif(stream.im_info["exif"])


def webp_chunks(file: CappedFile, folders: SubFolders) -> Iterator[tuple[str, str]]:
    """Every chunk of a WebP but its pictures, as bytes, and an EXIF chunk
    tag by tag too. libwebp hands Pillow the first EXIF, XMP and colour
    profile only, and only when the VP8X header's flags announce them: a
    second one, one the flags do not announce, and a tool's own chunk are
    dropped, as a PNG's would be (``png_texts``), though the file is
    published whole. So none is taken as read (a first XMP packet is read
    twice, within ``REREADS``). A WebP is RIFF: a name, a little-endian
    size, the data, a byte of padding after an odd size. The pictures are
    skipped unread."""
    file.seek(4)
    end = 8 + struct.unpack("<I", file.read(4))[0]
    file.seek(12)
    while file.tell() + 8 <= end:
        name, size = struct.unpack("<4sI", file.read(8))
        if name in _WEBP_PICTURES:
            file.seek(size + (size & 1), os.SEEK_CUR)
            continue
        data = file.read(size)
        if len(data) < size:
            raise EOFError(f"its {name.decode('latin-1')!r} chunk is cut short")
        file.seek(size & 1, os.SEEK_CUR)
        place = f"WebP chunk {name.decode('latin-1')!r}"
        for text in decoded(data):
            yield place, text
        if name == b"EXIF":
            exif = Image.Exif()
            try:
                exif.load(data)
            except Exception:  # not EXIF Pillow can parse: its bytes were read
                continue
            for where, text in (*exif_texts(exif), *folders.in_exif(data)):
                yield f"{place} {where}", text


def gif_comments(
    file: CappedFile, walk: Walk | None = None
) -> Iterator[tuple[str, str]]:
    """Every comment, plain text and application block of a GIF (XMP is
    one), as the walk (``gif_blocks``) reaches it."""
    walk = Walk() if walk is None else walk
    for label, data, raw in gif_blocks(file, walk, keep=_GIF_TEXTS):
        # XMP is written as it is, its bytes read as sub-blocks' lengths:
        # so the blocks are read with their lengths too.
        for text in (*decoded(data), *decoded(raw)):
            yield _GIF_TEXTS[label], text


def gif_blocks(
    file: IO[bytes],
    walk: Walk,
    most: int | None = None,
    keep: Collection[bytes] = (),
) -> Iterator[tuple[bytes, bytes, bytes]]:
    """The extension blocks of a GIF whose label is in ``keep``: the label,
    the data and the bytes as written (``_sub_blocks``). The format is a
    list of extension blocks and frames, each a chain of sub-blocks after a
    header, ended by a trailer byte (``;``); a frame's picture is skipped by
    its sub-blocks' lengths. Past ``most`` blocks the walk stops,
    unfinished. Raises EOFError or SyntaxError for a GIF that is broken."""
    file.seek(10)
    flags = file.read(3)
    if len(flags) < 3:
        raise EOFError("its header is cut short")
    if flags[0] & 0x80:
        file.seek(3 << ((flags[0] & 7) + 1), os.SEEK_CUR)  # the colour table
    while introducer := file.read(1):
        walk.steps += 1
        if most is not None and walk.steps > most:
            return
        if introducer == b";":
            walk.end = file.tell()
            break
        if introducer == b"!":
            label = file.read(1)
            data, raw = _sub_blocks(file, keep=label in keep)
            if label in keep:
                yield label, data, raw
        elif introducer == b",":
            descriptor = file.read(9)
            if len(descriptor) < 9:
                raise EOFError("a frame cut short")
            if descriptor[8] & 0x80:
                file.seek(3 << ((descriptor[8] & 7) + 1), os.SEEK_CUR)
            file.read(1)  # the LZW code size
            _sub_blocks(file, keep=False)
        else:
            raise SyntaxError(f"a block that starts with {introducer!r}")
    walk.finished = True


def _sub_blocks(file: IO[bytes], keep: bool) -> tuple[bytes, bytes]:
    """A chain of sub-blocks: their data, and their bytes as written (with
    each block's length), both empty unless ``keep``."""
    kept, raw = bytearray(), bytearray()
    while size := file.read(1):
        if size == b"\0":
            return bytes(kept), bytes(raw)
        if keep:
            block = file.read(size[0])
            kept += block
            raw += size + block
        else:
            file.seek(size[0], os.SEEK_CUR)
    raise EOFError("a block cut short")


#: A GIF's extension blocks that may hold text, by their label.
_GIF_TEXTS = {
    b"\xfe": "GIF comment",
    b"\x01": "GIF plain text",
    b"\xff": "GIF application block",
}
