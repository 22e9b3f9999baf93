"""Private markers in an image's metadata, which a build copies with it.

A photo is copied byte for byte, and its metadata goes with it: a caption
in EXIF's ``ImageDescription``, ``UserComment`` or Windows' ``XPComment``,
an ``Artist``, an XMP packet, a PNG ``tEXt``, ``zTXt`` or ``iTXt`` chunk,
a JPEG ``COM`` comment, a GIF comment, even a colour profile's name.
Anyone can read them (``exiftool photo.jpg``), so a marker in any of them
is a marker in a static file (``sitekit.staticmarkers``), judged by the
same reading: as written and as a page would draw it (XMP is XML:
``sitekit.drawn``).

What is read. Pillow identifies the image by its header, whatever its
name, among the formats that carry metadata (``FORMATS``), and reads what
it reads when it opens one (the JPEG and WebP segments, TIFF's tags, a
GIF's first comments), never the pixels, and goes to each later frame of
an MPO (a phone's second picture, with comments and EXIF of its own) and
of a TIFF (each page's tags) for what it reads there: up to
``MAX_FRAMES``, past which the image is unreadable. The folders a
``SubIFDs`` tag points to (a DNG's raw picture, a scanner's reduced copy,
with an ``ImageDescription`` or ``Artist`` of their own), in a TIFF or an
EXIF block, Pillow never reads: they are read with its folder reader
(``sitekit.subifds``), with the folders they point to in turn, each once,
up to its ``MAX_SUB_IFDS``, past which the image is unreadable too. Every
text or byte value of every EXIF folder (the main one, Exif, GPS, Interop
and the thumbnail's) counts, not a list of known tags: bytes are read as
UTF-8 and as UTF-16 either way round (``XPComment`` is UTF-16,
``UserComment`` says its encoding in a prefix), and text Pillow read as
Latin-1 (EXIF's ASCII tags, PNG's ``tEXt``) as UTF-8 too, which is what
cameras and exiftool write there. Every APP segment and comment of a JPEG
is read as bytes too (Pillow keeps them all in ``applist``, and names only
some: an XMP packet's extension segments, APP11's C2PA manifest, APP12's
caption are not in ``info``). Three places Pillow reaches only by decoding
the picture, or not at all, are walked instead (``sitekit.imagechunks``):
a PNG's chunks, read with Pillow's own chunk reader (text may come after
the image data), every chunk but the pixels, a tool's own chunks included;
a GIF's blocks (a comment, a plain text or an application block such as
XMP may come after the last frame, where Pillow drops it); and a WebP's
chunks, every one but the pictures, since libwebp hands Pillow only the
first EXIF, XMP and colour profile its header announces.

What it costs. Only ``MAX_READ`` bytes of a file are read
(``sitekit.cappedfile``; a PNG's image data is skipped, not read; a WebP
is read whole by Pillow), a byte Pillow reads again counted once (it reads
a TIFF's tags three times) and ``REREADS`` times ``MAX_READ`` in all; an
image that needs more, or that Pillow finds broken, is
``UnreadableImage``: one line naming the file, which fails closed in a
published build, since nobody can say what it holds. A decompressed PNG
text chunk is bounded by Pillow's own ``MAX_TEXT_CHUNK`` and
``MAX_TEXT_MEMORY``.

A field's name in metadata (a PNG keyword, an XMP property) is not a
post's field: no reader reads an image's metadata as fields, so a
local-only field name there (``Follow-up``) means nothing and withholds
nothing; only what the metadata holds is judged, names included, for a
marker.
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image, UnidentifiedImageError

from .cappedfile import CappedFile, TooLarge
from .drawn import as_read
from .imagechunks import Walk, gif_comments, png_texts, webp_chunks
from .imagetexts import decoded, exif_texts
from .markers import found_markers, has_private_marker
from .subifds import SubFolders

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


def image_marker_in(
    raw: IO[bytes], name: str, walk: Walk | None = None
) -> ImageMarker | None:
    """``image_marker`` of the seekable file ``raw`` named ``name`` (a
    picture inside a ``.docx``, say: ``sitekit.packedmarkers``). ``walk``
    says how far a PNG's chunks or a GIF's blocks were walked, and so
    where its pictures end (``sitekit.pictureends``)."""
    path = Path(name)
    with warnings.catch_warnings():
        # Pillow warns of corrupt EXIF and of a picture too large to decode:
        # this reads no picture, and a broken image is said once, below.
        warnings.simplefilter("ignore")
        capped = CappedFile(raw, MAX_READ, REREADS * MAX_READ)
        try:
            for place, text in _texts(capped, path, walk):
                for view in (text, as_read(text)):
                    if has_private_marker(view):
                        marker = found_markers(view)[0]
                        return ImageMarker(place, marker.spelling, marker.described())
        except TooLarge as error:
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


def _texts(
    file: CappedFile, path: Path, walk: Walk | None
) -> Iterator[tuple[str, str]]:
    """Every text the image's metadata holds, with where it is."""
    Image.init()
    formats = [name for name in FORMATS if name in Image.OPEN]
    with Image.open(file, formats=formats) as image:
        kind = image.format or "image"
        folders = SubFolders(file)
        if kind == "PNG":
            yield from png_texts(file, folders, walk)
            return
        yield from _frame_texts(image, kind, "", folders)
        if kind == "GIF":
            yield from gif_comments(file, walk)
        elif kind == "WEBP":
            yield from webp_chunks(file, folders)
        elif kind in _FRAMED:
            yield from _later_frames(image, kind, folders)


def _later_frames(
    image: Image.Image, kind: str, folders: SubFolders
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
            raise TooLarge(
                f"it holds more than the {MAX_FRAMES:,} {_FRAMED[kind]}s "
                "whose metadata is read"
            )
        yield from _frame_texts(image, kind, f"{_FRAMED[kind]} {frame + 1}'s ", folders)


def _frame_texts(
    image: Image.Image, kind: str, frame: str, folders: SubFolders
) -> Iterator[tuple[str, str]]:
    """The metadata of the frame ``image`` is at (``frame`` names it when it
    is not the first: "page 3's ")."""
    for key, value in image.info.items():
        if key == "exif":
            continue  # read tag by tag below
        for text in decoded(value):
            yield f"{frame}{kind} {_named(key)}", text
    if kind in ("JPEG", "MPO"):
        for place, text in _jpeg_segments(image):
            yield frame + place, text
    if kind == "TIFF":
        # A TIFF's IFD1 is its next page, read as a frame of its own.
        for place, text in exif_texts(image.getexif(), next_page=False):
            yield frame + place, text
        for place, text in folders.in_tiff(image.tag_v2.get(330)):
            yield frame + place, text
    elif "exif" in image.info:
        exif = Image.Exif()
        exif.load(image.info["exif"])
        for place, text in exif_texts(exif):
            yield frame + place, text
        for place, text in folders.in_exif(image.info["exif"]):
            yield frame + place, text


def _jpeg_segments(image: Image.Image) -> Iterator[tuple[str, str]]:
    """Every APP segment and comment of a JPEG, as bytes: Pillow names only
    some in ``info``, and keeps every one in ``applist`` (an XMP packet's
    extension, APP11's C2PA manifest, APP12's Photoshop caption...). EXIF
    is read tag by tag above."""
    for name, data in getattr(image, "applist", ()):
        if not data.startswith(b"Exif\0"):
            for text in decoded(data):
                yield f"JPEG {name} segment", text


def _named(key: object) -> str:
    names = {"xmp": "XMP packet", "icc_profile": "colour profile"}
    return names.get(str(key), str(key))
