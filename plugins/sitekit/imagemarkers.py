"""Private markers in an image's metadata, which a build copies with it.

A photo is copied byte for byte, and its metadata goes with it: a
caption in EXIF's ``ImageDescription``, ``UserComment`` or Windows'
``XPComment``, an ``Artist``, an XMP packet, a PNG ``tEXt``, ``zTXt`` or
``iTXt`` chunk, a JPEG ``COM`` comment, a GIF comment, even a colour
profile's name. Anyone can read
them (``exiftool photo.jpg``), so a marker in any of them is a marker in a
static file (``sitekit.staticmarkers``), judged by the same reading: as
written and as a page would draw it (XMP is XML: ``sitekit.drawn``).

What is read. Pillow identifies the image by its header, whatever its
name, among the formats that carry metadata (``FORMATS``), and reads what
it reads when it opens one (the JPEG and WebP segments, TIFF's tags, a
GIF's first comments), never the pixels, and goes to each later frame of
an MPO (a phone's second picture, with comments and EXIF of its own) and
of a TIFF (each page's tags) for what it reads there: up to
``MAX_FRAMES``, past which the image is unreadable. The folders a
``SubIFDs`` tag points to (a DNG's raw picture, a scanner's reduced copy,
with an ``ImageDescription`` or ``Artist`` of their own), in a TIFF or an
EXIF block, Pillow never reads: they are read here with its folder reader
(``_SubFolders``), with the folders they point to in turn, each once, up to
``MAX_SUB_IFDS``, past which the image is unreadable too. Every text or byte value of
every EXIF folder (the main one, Exif, GPS, Interop and the thumbnail's)
counts, not a list of known tags: bytes are read as UTF-8 and as UTF-16
either way round (``XPComment`` is UTF-16, ``UserComment`` says its
encoding in a prefix), and text Pillow read as Latin-1 (EXIF's ASCII
tags, PNG's ``tEXt``) as UTF-8 too, which is what cameras and exiftool
write there. Every APP segment and comment of a JPEG is read as bytes
too (Pillow keeps them all in ``applist``, and names only some: an XMP
packet's extension segments, APP11's C2PA manifest, APP12's caption are
not in ``info``). Three places Pillow reaches only by decoding the
picture, or not at all, are walked here instead: a PNG's chunks, read with Pillow's own
chunk reader (text may come after the image data), every chunk but the
pixels, a tool's own chunks included; a GIF's blocks (a comment, a
plain text or an application block such as XMP may come after the last
frame, where Pillow drops it); and a WebP's chunks, every one but the
pictures, since libwebp hands Pillow only the first EXIF, XMP and colour
profile its header announces.

What it costs. Only ``MAX_READ`` bytes of a file are read (a PNG's image
data is skipped, not read; a WebP is read whole by Pillow), a byte Pillow
reads again counted once (it reads a TIFF's tags three times) and
``REREADS`` times ``MAX_READ`` in all; an image that
needs more, or that Pillow finds broken, is ``UnreadableImage``: one line
naming the file, which fails closed in a published build, since nobody
can say what it holds. A decompressed PNG text chunk is bounded by
Pillow's own ``MAX_TEXT_CHUNK`` and ``MAX_TEXT_MEMORY``.

A field's name in metadata (a PNG keyword, an XMP property) is not a
post's field: no reader reads an image's metadata as fields, so a
local-only field name there (``Follow-up``) means nothing and withholds
nothing; only what the metadata holds is judged, names included, for a
marker.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from PIL import (
    ExifTags,
    Image,
    PngImagePlugin,
    TiffImagePlugin,
    UnidentifiedImageError,
)

from .drawn import as_read
from .markers import found_markers, has_private_marker

#: Bytes of one image read at most: a byte read again counts once here.
MAX_READ = 32 << 20
#: How many times ``MAX_READ`` may be read in all, bytes read again included
#: (Pillow reads a TIFF's tags three times).
REREADS = 4
#: Names an image is expected to have: one Pillow cannot identify is broken.
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".gif", ".webp"}
    | {".tif", ".tiff", ".avif", ".heic", ".heif"}
)
#: Formats that carry metadata, in the order Pillow tries them.
FORMATS = ("JPEG", "MPO", "PNG", "GIF", "WEBP", "TIFF", "AVIF")
#: Formats whose every frame has metadata of its own, which Pillow reads
#: only when it goes to that frame: an MPO's later pictures (a phone's
#: depth map or second lens, each a JPEG with its own comments and EXIF)
#: and a TIFF's later pages. By what a frame is called in a message.
_FRAMED = {"MPO": "picture", "TIFF": "page"}
#: Frames of an MPO or TIFF read at most: each costs a seek and a parse,
#: and a few bytes can list many.
MAX_FRAMES = 1_000
#: Sub-IFDs read at most in one image, all pages and EXIF blocks together:
#: folders a TIFF's ``SubIFDs`` tag (330) points to (a DNG's raw picture,
#: a reduced copy), each with an ``ImageDescription`` or ``Artist`` of its
#: own, which Pillow never reads; each costs a seek and a parse, and a few
#: bytes can list thousands, or point back at one another.
MAX_SUB_IFDS = 1_000
#: Tags read at most in all the sub-IFDs of one image: a folder may list
#: 65,535, each parsed in Python, and folders may overlap in the bytes.
MAX_SUB_IFD_TAGS = 100_000
#: Tags whose values point to another folder, followed in a sub-IFD: its
#: own sub-IFDs, and its Exif, GPS and Interop folders.
_FOLDER_TAGS = frozenset({330, 0x8769, 0x8825, 0xA005})
_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP")
_PIXELS = (b"IDAT", b"fdAT")
#: A WebP's chunks that hold a picture (an animation's frames included).
_WEBP_PICTURES = (b"VP8 ", b"VP8L", b"ALPH", b"ANMF")


class UnreadableImage(Exception):
    """An image whose metadata could not be read: broken, or over
    ``MAX_READ``. The message says which, in words for the writer."""


@dataclass(frozen=True)
class ImageMarker:
    """A marker in an image's metadata: where it is, and as written."""

    place: str  # "EXIF ImageDescription", "PNG text 'Comment'", "XMP packet"
    spelling: str
    described: str  # the spelling, with each character one cannot see named


def image_marker(path: Path) -> ImageMarker | None:
    """The first private marker in the metadata of the image ``path``, or
    None (None too for a file that is no image). Raises ``UnreadableImage``."""
    with path.open("rb") as raw:
        return image_marker_in(raw, path.name)


def image_marker_in(raw: IO[bytes], name: str) -> ImageMarker | None:
    """``image_marker`` of the seekable file ``raw`` named ``name`` (a
    picture inside a ``.docx``, say: ``sitekit.packedmarkers``)."""
    path = Path(name)
    with warnings.catch_warnings():
        # Pillow warns of corrupt EXIF and of a picture too large to decode:
        # this reads no picture, and a broken image is said once, below.
        warnings.simplefilter("ignore")
        capped = _CappedFile(raw, MAX_READ, REREADS * MAX_READ)
        try:
            for place, text in _texts(capped, path):
                for view in (text, as_read(text)):
                    if has_private_marker(view):
                        marker = found_markers(view)[0]
                        return ImageMarker(place, marker.spelling, marker.described())
        except _TooLarge as error:
            raise UnreadableImage(str(error)) from None
        except UnidentifiedImageError:
            if path.suffix.lower() in IMAGE_SUFFIXES:
                raise UnreadableImage(
                    "its name says it is an image, but Pillow reads it as none "
                    f"of {', '.join(FORMATS)} (broken, or another format)"
                ) from None
            return None
        except Image.DecompressionBombError:
            raise UnreadableImage(
                "it says it is larger than Pillow opens "
                f"({Image.MAX_IMAGE_PIXELS * 2:,} pixels), as a decompression "
                "bomb does"
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise UnreadableImage(f"it is a broken image ({detail})") from None
        except Exception as error:  # Pillow, reading hostile bytes,
            # raises whatever its parsers meet (KeyError, zlib.error...):
            # each is a broken image, one line, never a traceback.
            raise UnreadableImage(
                f"it is a broken image ({type(error).__name__}: {error})"
            ) from None
    return None


def _texts(file: _CappedFile, path: Path) -> Iterator[tuple[str, str]]:
    """Every text the image's metadata holds, with where it is."""
    Image.init()
    formats = [name for name in FORMATS if name in Image.OPEN]
    with Image.open(file, formats=formats) as image:
        kind = image.format or "image"
        folders = _SubFolders(file)
        if kind == "PNG":
            yield from _png_texts(file, folders)
            return
        yield from _frame_texts(image, kind, "", folders)
        if kind == "GIF":
            yield from _gif_comments(file)
        elif kind == "WEBP":
            yield from _webp_chunks(file, folders)
        elif kind in _FRAMED:
            yield from _later_frames(image, kind, folders)


class _SubFolders:
    """The sub-IFDs of one image, read once each (``MAX_SUB_IFDS``).

    Pillow reads a TIFF's or an EXIF block's main folders and leaves the
    ones the ``SubIFDs`` tag points to; they are read here with Pillow's
    folder reader, each offset once, so folders that point at one another
    are read once, and more than ``MAX_SUB_IFDS`` make the image
    unreadable, as too many frames do."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file  # the image's TIFF stream, for a TIFF file
        self.blocks = 0  # EXIF blocks read, each a stream of its own
        self.tags = 0  # tags read in all, against ``MAX_SUB_IFD_TAGS``
        self.read: set[tuple[int, int]] = set()  # (stream, offset) read

    def in_tiff(self, offsets: object) -> Iterator[tuple[str, str]]:
        """The sub-IFDs of a TIFF file at ``offsets`` (the tag's value)."""
        if not offsets:
            return
        self.file.seek(0)
        header = self.file.read(8)
        yield from self._walk(self.file, 0, header, offsets, "TIFF")

    def in_exif(self, data: bytes) -> Iterator[tuple[str, str]]:
        """The sub-IFDs of an EXIF block (``Exif\\0\\0`` and a TIFF header,
        or the header alone), offsets counted from its header."""
        if data.startswith(b"Exif\0\0"):
            data = data[6:]
        exif = Image.Exif()
        exif.load(data)
        offsets = exif.get(330)
        if offsets:
            self.blocks += 1
            yield from self._walk(
                io.BytesIO(data), self.blocks, data[:8], offsets, "EXIF"
            )

    def _walk(
        self,
        stream: IO[bytes],
        number: int,
        header: bytes,
        offsets: object,
        kind: str,
    ) -> Iterator[tuple[str, str]]:
        """The folders at ``offsets`` of ``stream`` (the file's is number 0,
        each EXIF block's another), and every folder they point to."""
        waiting = deque(_offsets(offsets))  # a folder may list a million
        while waiting:
            offset = waiting.popleft()
            if (number, offset) in self.read or offset <= 0:
                continue
            if len(self.read) >= MAX_SUB_IFDS:
                raise _TooLarge(
                    f"it holds more than the {MAX_SUB_IFDS:,} sub-IFDs whose "
                    "metadata is read"
                )
            self.read.add((number, offset))
            folder = TiffImagePlugin.ImageFileDirectory_v2(ifh=header)
            stream.seek(offset)
            order = "<" if header.startswith(b"II") else ">"
            self.tags += struct.unpack(order + "H", stream.read(2).ljust(2, b"\0"))[0]
            if self.tags > MAX_SUB_IFD_TAGS:
                raise _TooLarge(
                    f"its sub-IFDs hold more than the {MAX_SUB_IFD_TAGS:,} tags "
                    "whose metadata is read"
                )
            stream.seek(offset)
            folder.load(stream)
            for tag, value in folder.items():
                if tag in _FOLDER_TAGS:
                    waiting += _offsets(value)
                    continue
                name = ExifTags.TAGS.get(tag) or hex(tag)
                for text in _decoded(value):
                    yield f"{kind} sub-IFD {name}", text
            if folder.next:
                waiting.append(folder.next)


def _offsets(value: object) -> list[int]:
    """A folder tag's value as the offsets it gives (one, or a tuple)."""
    values = value if isinstance(value, (tuple, list)) else (value,)
    return [int(v) for v in values if isinstance(v, int)]


def _later_frames(
    image: Image.Image, kind: str, folders: _SubFolders
) -> Iterator[tuple[str, str]]:
    """The metadata of every frame after the first, up to ``MAX_FRAMES``:
    frames are counted by going to each in turn (Pillow's ``n_frames`` walks
    every one first, whatever their number)."""
    for frame in range(1, MAX_FRAMES + 1):
        try:
            image.seek(frame)
        except EOFError:
            return
        if frame == MAX_FRAMES:
            raise _TooLarge(
                f"it holds more than the {MAX_FRAMES:,} {_FRAMED[kind]}s "
                "whose metadata is read"
            )
        yield from _frame_texts(image, kind, f"{_FRAMED[kind]} {frame + 1}'s ", folders)


def _frame_texts(
    image: Image.Image, kind: str, frame: str, folders: _SubFolders
) -> Iterator[tuple[str, str]]:
    """The metadata of the frame ``image`` is at (``frame`` names it when it
    is not the first: "page 3's ")."""
    for key, value in image.info.items():
        if key == "exif":
            continue  # read tag by tag below
        for text in _decoded(value):
            yield f"{frame}{kind} {_named(key)}", text
    if kind in ("JPEG", "MPO"):
        for place, text in _jpeg_segments(image):
            yield frame + place, text
    if kind == "TIFF":
        # A TIFF's IFD1 is its next page, read as a frame of its own.
        for place, text in _exif_texts(image.getexif(), next_page=False):
            yield frame + place, text
        for place, text in folders.in_tiff(image.tag_v2.get(330)):
            yield frame + place, text
    elif "exif" in image.info:
        exif = Image.Exif()
        exif.load(image.info["exif"])
        for place, text in _exif_texts(exif):
            yield frame + place, text
        for place, text in folders.in_exif(image.info["exif"]):
            yield frame + place, text


def _exif_texts(exif: Image.Exif, next_page: bool = True) -> Iterator[tuple[str, str]]:
    """Every text of every folder of ``exif``; IFD1 (a JPEG's thumbnail, a
    TIFF's next page) unless ``next_page`` is false."""
    folders: list[tuple[str, dict[int, Any]]] = [("", dict(exif))]
    for ifd in ExifTags.IFD:
        if ifd == ExifTags.IFD.IFD1 and not next_page:
            continue
        try:
            folders.append((f"{ifd.name} ", exif.get_ifd(ifd)))
        except Exception:  # a folder Pillow cannot parse (a
            # maker note it half knows) is still read as bytes, as its tag's
            # value in the folder above.
            continue
    for prefix, folder in folders:
        for tag, value in folder.items():
            name = ExifTags.TAGS.get(tag) or ExifTags.GPSTAGS.get(tag) or hex(tag)
            for text in _decoded(value):
                yield f"EXIF {prefix}{name}", text


def _jpeg_segments(image: Image.Image) -> Iterator[tuple[str, str]]:
    """Every APP segment and comment of a JPEG, as bytes: Pillow names only
    some in ``info``, and keeps every one in ``applist`` (an XMP packet's
    extension, APP11's C2PA manifest, APP12's Photoshop caption...). EXIF
    is read tag by tag above."""
    for name, data in getattr(image, "applist", ()):
        if not data.startswith(b"Exif\0"):
            for text in _decoded(data):
                yield f"JPEG {name} segment", text


def _png_texts(file: _CappedFile, folders: _SubFolders) -> Iterator[tuple[str, str]]:
    """A PNG's text chunks wherever they are, read with Pillow's chunk
    reader, and every other chunk but the pixels (``_PIXELS``) as bytes: a
    tool's own chunk (Fireworks' ``mkBT``, C2PA's ``caBX``) is shown by
    exiftool all the same. The pixels are skipped unread."""
    file.seek(8)
    stream = PngImagePlugin.PngStream(file)  # type: ignore[arg-type]
    other: list[tuple[str, bytes]] = []
    while True:
        cid, position, length = stream.read()
        if cid == b"IEND":
            break
        if cid in _TEXT_CHUNKS:
            stream.call(cid, position, length)
        elif cid in _PIXELS:
            file.seek(length, os.SEEK_CUR)
        else:
            other.append((cid.decode("latin-1"), file.read(length)))
        file.read(4)  # the chunk's CRC
    for kind, data in other:
        for text in _decoded(data):
            yield f"PNG chunk {kind!r}", text
    for key, value in stream.im_text.items():
        for text in (key, *_decoded(value)):
            yield f"PNG text {key!r}", text
    for text in _decoded(stream.im_info.get("icc_profile")):
        yield "PNG colour profile", text
    if "exif" in stream.im_info:
        exif = Image.Exif()
        exif.load(stream.im_info["exif"])
        yield from _exif_texts(exif)
        yield from folders.in_exif(stream.im_info["exif"])


def _webp_chunks(file: _CappedFile, folders: _SubFolders) -> Iterator[tuple[str, str]]:
    """Every chunk of a WebP but its pictures, as bytes, and an EXIF chunk
    tag by tag too. libwebp hands Pillow the first EXIF, XMP and colour
    profile only, and only when the VP8X header's flags announce them: a
    second one, one the flags do not announce, and a tool's own chunk are
    dropped, as a PNG's would be (``_png_texts``), though the file is
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
        for text in _decoded(data):
            yield place, text
        if name == b"EXIF":
            exif = Image.Exif()
            try:
                exif.load(data)
            except Exception:  # not EXIF Pillow can parse: its bytes were read
                continue
            for where, text in (*_exif_texts(exif), *folders.in_exif(data)):
                yield f"{place} {where}", text


def _gif_comments(file: _CappedFile) -> Iterator[tuple[str, str]]:
    """Every comment, plain text and application block of a GIF (XMP is
    one): the format is a list of blocks, and a frame's picture is skipped
    by its sub-blocks' lengths."""
    file.seek(10)
    flags = file.read(3)[0]
    if flags & 0x80:
        file.seek(3 << ((flags & 7) + 1), os.SEEK_CUR)  # the colour table
    while (introducer := file.read(1)) not in (b"", b";"):
        if introducer == b"!":
            label = file.read(1)
            place = _GIF_TEXTS.get(label)
            data, raw = _sub_blocks(file, keep=place is not None)
            if place is not None:
                # XMP is written as it is, its bytes read as sub-blocks'
                # lengths: so the blocks are read with their lengths too.
                for text in (*_decoded(data), *_decoded(raw)):
                    yield place, text
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


def _sub_blocks(file: _CappedFile, keep: bool) -> tuple[bytes, bytes]:
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


def _decoded(value: object) -> list[str]:
    """A metadata value as the texts it may be: text as it is, bytes as
    UTF-8 and as UTF-16 both ways round, numbers as nothing."""
    if isinstance(value, PngImagePlugin.iTXt):  # text, with a language and key
        return [str(value), value.lang or "", value.tkey or ""]
    if isinstance(value, str):
        # Pillow reads EXIF's ASCII and PNG's tEXt as Latin-1, as the
        # standards say; cameras and exiftool write UTF-8 there.
        if value.isascii() or max(value) > "\xff":
            return [value]
        return [value.encode("latin-1").decode("utf-8", errors="replace"), value]
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
        return [
            data.decode(encoding, errors="replace")
            for encoding in ("utf-8", "utf-16-le", "utf-16-be")
        ]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in _decoded(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in _decoded((key, item))]
    return []


def _named(key: object) -> str:
    names = {"xmp": "XMP packet", "icc_profile": "colour profile"}
    return names.get(str(key), str(key))


#: A GIF's extension blocks that may hold text, by their label.
_GIF_TEXTS = {
    b"\xfe": "GIF comment",
    b"\x01": "GIF plain text",
    b"\xff": "GIF application block",
}


class _TooLarge(Exception):
    pass


class _CappedFile(io.RawIOBase):
    """A file that refuses to read more than ``cap`` bytes, a byte read
    again counted once, and ``most`` in all; seeking past what is not
    needed costs nothing. A byte counts once when it lies past every byte
    read before (Pillow reads forwards, and goes back only to read again)."""

    def __init__(self, file: IO[bytes], cap: int, most: int) -> None:
        super().__init__()
        self.file = file
        self.cap, self.most = cap, most
        self.new = self.total = 0
        self.furthest = 0  # the end of the furthest byte read

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self.cap + 1
        start = self.file.tell()
        data = self.file.read(min(size, self.cap + 1))
        end = start + len(data)
        self.new += max(0, end - max(start, self.furthest))
        self.furthest = max(self.furthest, end)
        self.total += len(data)
        if self.new > self.cap:
            raise _TooLarge(
                f"its metadata is not within the first {self.cap >> 20} MiB"
            )
        if self.total > self.most:
            raise _TooLarge(
                f"reading its metadata reads over {self.most >> 20} MiB, the "
                "same bytes over and over"
            )
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self.file.seek(offset, whence)

    def tell(self) -> int:
        return self.file.tell()
