"""An image as a published build writes it: its picture, without its metadata.

A photo carries more than its caption: EXIF's GPS position, the camera's
owner and serial number, when it was taken, an XMP or IPTC block, a JPEG
comment, a PNG's text chunks. ``sitekit.imagemarkers`` finds a private
marker there, but nobody writes a marker beside a GPS position, and a
published build carries no local-only data anywhere, images included. So
a published build writes each image Pillow can write again from its
picture alone (``published_image``): the pixels, the way up EXIF's
``Orientation`` says (applied to the pixels, since the tag goes with the
rest), and the colour profile, which says what the pixels' colours are;
nothing else. A JPEG is encoded again with its own quantisation tables and
subsampling, so it looks as it did; an animated GIF, PNG or WebP keeps
every frame and its timing; an MPO (a phone's picture with a depth map or
a second lens) becomes its first picture, the one every browser shows.

What came out is read back and looked at: metadata Pillow wrote all the
same (it carries some from the picture it was given) stops it, as
``Unstrippable``, so privacy fails closed. So does a picture that cannot
be decoded (cut short, broken) or that says it is larger than
``MAX_PIXELS`` (a decompression bomb: a few kilobytes that decode to
gigabytes), frames counted together. The source file is only read.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import struct
import warnings
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from PIL import Image, ImageSequence, JpegImagePlugin

from . import svgstrip
from .imagechunks import PNG_SIGNATURE, Walk, png_chunks
from .keptfiles import kept_name, whole_bytes
from .svgscripts import looks_like_svg
from .unstrippable import Unstrippable

#: Formats written again without metadata; any other file is copied as it
#: is, but for these, which hold metadata (XML boxes, comments, XMP) the
#: build cannot take out: a published build refuses them.
WRITTEN = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP", "TIFF", "AVIF"})
UNWRITTEN_WITH_METADATA = frozenset({"JPEG2000", "PSD"})
#: Pixels of one image decoded at most, every frame counted: Pillow's own
#: bound for one picture (it warns above it and refuses twice it).
MAX_PIXELS = Image.MAX_IMAGE_PIXELS
#: What may be left in the picture written: its colour profile and what
#: only says how to draw it.
_KEPT_INFO = frozenset(
    {"icc_profile", "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density"}
    | {"adobe", "adobe_transform", "progressive", "progression", "transparency"}
    | {"duration", "loop", "background", "version", "extension", "disposal"}
    | {"blend", "default_image", "timestamp", "gamma", "srgb", "aspect"}
    | {"interlace", "optimize", "bbox", "compression", "resolution"}
)
#: JPEG APP segments that are no metadata: JFIF, the ICC profile, Adobe's
#: colour transform.
_KEPT_SEGMENTS = frozenset({("APP0", b"JFIF"), ("APP2", b"ICC_"), ("APP14", b"Adob")})
_ORIENTATION = 0x0112
#: A TIFF's tags that say how its picture is stored and drawn (its size,
#: strips or tiles, samples, resolution, palette, colour profile), which
#: every TIFF holds as "EXIF": no other tag may be left.
_TIFF_PICTURE_TAGS = frozenset(
    {256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 282, 283, 284, 296}
    | {317, 320, 322, 323, 324, 325, 338, 339, 340, 341, 529, 530, 531, 532}
    | {34675}
)
#: EXIF's Orientation as the turn that makes the picture upright
#: (as ``PIL.ImageOps.exif_transpose`` turns it).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def published_image(data: bytes) -> bytes | None:
    """``data`` (an image file's bytes) as a published build writes it:
    the picture, upright, with its colour profile and no other metadata;
    None for a file that is none of the ``WRITTEN`` formats (it is copied
    as it is). Raises ``Unstrippable``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a broken image is said once, below
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            raise Unstrippable(_too_large()) from None
        except Exception:  # Pillow raises what its parsers meet: no image it
            # reads. One whose bytes say image all the same (JPEG XL, HEIF)
            # fails closed; any other file is copied as it is.
            kind = unwritable_image_kind(data[:64])
            if kind:
                raise Unstrippable(_not_written(kind)) from None
            return None
        if image.format in UNWRITTEN_WITH_METADATA:
            raise Unstrippable(_not_written(image.format))
        if image.format in ("ICO", "CUR"):
            chunk = _icon_png_metadata(data)
            if chunk:
                raise Unstrippable(
                    f"a PNG picture in the icon holds a {chunk!r} chunk, metadata "
                    "it cannot take out; save the icon again without it"
                )
        if image.format not in WRITTEN:
            return None  # an icon, a bitmap: nowhere for metadata to hide
        try:
            written = _write(image, lossless=_lossless_webp(data))
        except Unstrippable:
            raise
        except Image.DecompressionBombError:
            raise Unstrippable(_too_large()) from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise Unstrippable(f"its picture cannot be decoded ({detail})") from None
        except Exception as error:
            raise Unstrippable(
                f"its picture cannot be decoded ({type(error).__name__}: {error})"
            ) from None
    left = metadata_left(written)
    if left:
        raise Unstrippable(f"Pillow wrote it again with its {left} all the same")
    return written


#: Image formats Pillow does not read, by their first bytes: a file that
#: starts so is an image with metadata the build cannot take out.
_UNREAD_IMAGES = (
    (b"\xff\x0a", "JPEG XL"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL"),
)
#: HEIF's brands (an ISO media file's ``ftyp`` box at byte 4).
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"mif1", b"msf1"}
)


def unwritable_image_kind(start: bytes) -> str | None:
    """The name of the image format a file starting with ``start`` is,
    when Pillow cannot read it; None for any other file."""
    for signature, kind in _UNREAD_IMAGES:
        if start.startswith(signature):
            return kind
    if start[4:8] == b"ftyp" and start[8:12] in _HEIF_BRANDS:
        return "HEIF or AVIF"
    return None


def _not_written(kind: str | None) -> str:
    return (
        f"it is a {kind or 'kind of'} image the build cannot write again without "
        "its metadata; save it as JPEG, PNG, GIF, WebP, TIFF or AVIF"
    )


def _lossless_webp(data: bytes) -> bool:
    """Whether a WebP holds a lossless picture (a ``VP8L`` chunk): Pillow
    does not say, and written again as lossy it would lose detail."""
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP" and b"VP8L" in data


def _too_large() -> str:
    return (
        f"it says it is larger than {MAX_PIXELS:,} pixels, frames counted "
        "together, as a decompression bomb does"
    )


def _write(image: Image.Image, lossless: bool = False) -> bytes:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise Unstrippable(_too_large())
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    if image.format in ("JPEG", "MPO"):
        image.load()
        options = {"qtables": image.quantization, "quality": None}
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling != -1:
            options["subsampling"] = sampling
        if image.info.get("progressive"):
            options["progressive"] = True
        turn = _turn(image)
        upright = _bare(image.copy() if turn is None else image.transpose(turn))
        options = {key: value for key, value in options.items() if value is not None}
        upright.save(out, "JPEG", icc_profile=icc, **options)
        return out.getvalue()
    pictures = list(_frames(image))
    first, rest = pictures[0], pictures[1:]
    options = {"icc_profile": icc} if icc else {}
    if rest:
        durations = [picture.info.get("duration", 0) for picture in pictures]
        options |= {"save_all": True, "append_images": rest}
        options |= {"duration": durations, "loop": image.info.get("loop", 0)}
    if image.format == "WEBP":
        options["lossless"] = lossless

        options["quality"] = 100 if options["lossless"] else 90
    if image.format == "AVIF":
        options["quality"] = 90
    if image.format == "TIFF" and image.info.get("compression") != "raw":
        options["compression"] = image.info.get("compression")
    first.save(out, image.format, **options)
    return out.getvalue()


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    """Each frame of ``image``, upright as its first frame's EXIF says.
    Each frame's own size counts toward ``MAX_PIXELS`` before it is
    decoded: a small first page says nothing of the pages after it."""
    turn = _turn(image)
    pixels = 0
    for frame in ImageSequence.Iterator(image):
        width, height = frame.size
        pixels += width * height
        if pixels > MAX_PIXELS:
            raise Unstrippable(_too_large())
        picture = frame.copy()
        yield _bare(picture if turn is None else picture.transpose(turn), frame.info)


def _turn(image: Image.Image) -> Image.Transpose | None:
    """The turn that shows ``image`` upright, as its EXIF says; none for a
    TIFF, which Pillow reads upright already (Pillow 13)."""
    if image.format == "TIFF":
        return None
    return _TURNS.get(image.getexif().get(_ORIENTATION))


def _bare(image: Image.Image, info: dict | None = None) -> Image.Image:
    """``image`` with nothing in ``info`` (its own, or the one given) but
    what says how to draw it: Pillow writes a JPEG's or GIF's comment and
    more from the picture's own ``info`` when the caller gives none."""
    kept = image.info if info is None else info
    image.info = {key: value for key, value in kept.items() if key in _KEPT_INFO}
    return image


def metadata_left(data: bytes) -> str | None:
    """What metadata the image ``data`` still holds, named, or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image = Image.open(io.BytesIO(data))
        tags = set(image.getexif())
        if image.format == "TIFF":
            tags -= _TIFF_PICTURE_TAGS
        if tags:
            return "EXIF"
        extra = sorted(set(image.info) - _KEPT_INFO)
        if extra:
            return f"metadata {', '.join(map(repr, extra))}"
        for marker, segment in getattr(image, "applist", ()):
            if (marker, segment[:4]) not in _KEPT_SEGMENTS:
                return f"{marker} segment"
    return None


#: A folder of its own in CACHE_PATH for the images a published build
#: wrote, each by a key of its source's bytes and the code that wrote it.
CACHE_FOLDER = "published-images"


def _may_be_an_image(source: Path) -> bool:
    """Whether Pillow reads ``source`` as an image, from its first bytes,
    or they say an image Pillow cannot read. Raises OSError as opening
    ``source`` does."""
    with Path(source).open("rb") as stream:
        start = stream.read(64)
        stream.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                Image.open(stream).close()
            except Image.DecompressionBombError:
                return True  # refused as such when it is written
            except Exception:
                return unwritable_image_kind(start) is not None
    return True


def _is_svg(source: Path) -> bool:
    """Whether ``source`` is a drawing (``sitekit.svgstrip``). Raises
    OSError as opening it does."""
    with Path(source).open("rb") as stream:
        return looks_like_svg(Path(source), stream.read(4096))


class PublishedImages:
    """The images a published build writes, kept in ``folder`` between
    builds: writing a photo again costs a decode and an encode, so each is
    kept under a key of its source's bytes, this module's code and
    Pillow's version, and written again only when one of them changed.
    Each is kept as ``<key>.<digest>.image``, the digest that of the bytes
    kept, and used only while its bytes still have it: a kept image cut
    short or otherwise damaged (a full disk, a killed build) is deleted
    with one warning and written again, never published. Entries no build
    asked for since the last ``prune`` are removed."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder, CACHE_FOLDER)
        code = hashlib.sha256(Path(__file__).read_bytes())
        code.update(Path(svgstrip.__file__).read_bytes())
        code.update(f"pillow={metadata.version('pillow')}".encode())
        code.update(f"lxml={metadata.version('lxml')}".encode())
        self.code = code.hexdigest()
        self.used: set[Path] = set()
        self._kept: dict[str, Path] | None = None

    def stripped(self, source: Path) -> Path | None:
        """A file holding ``source`` as a published build writes it, or None
        for a file copied as it is. Raises ``Unstrippable``, and OSError
        as reading ``source`` does. A file that is no image is never read
        whole (a talk's video): Pillow reads its first bytes and gives up.
        The kept copy that cannot be written (a full disk, a cache folder
        that is a file or not the writer's) stops the build as an image
        that cannot be published: it is never copied as it is."""
        svgz = source.suffix.lower() == ".svgz"
        svg = not svgz and _is_svg(source)
        if not (svg or svgz) and not _may_be_an_image(source):
            return None
        if svg or svgz:
            svgstrip.refuse_larger(source.stat().st_size)  # before it is read
        data = source.read_bytes()
        # What it is read as is part of what is kept: the same bytes as a
        # drawing, a packed drawing or a picture are written differently.
        kind = "svgz" if svgz else "svg" if svg else "image"
        key = hashlib.sha256(f"{self.code}:{kind}:".encode() + data).hexdigest()
        kept = self._whole(key)
        if kept is not None:
            self.used.add(kept)
            return kept
        if svgz:
            written = svgstrip.published_svgz(data)
        else:
            written = svgstrip.published_svg(data) if svg else published_image(data)
        if written is None:
            return None
        kept = self.folder / kept_name(key, written, "image")
        partial = kept.with_name(f"{key}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(written)
            partial.replace(kept)
        except OSError as error:
            raise Unstrippable(
                f"its copy without metadata cannot be kept in {self.folder} "
                f"({error.strerror or error})"
            ) from None
        self.used.add(kept)
        if self._kept is not None:
            self._kept[key] = kept
        return kept

    def _whole(self, key: str) -> Path | None:
        """The image kept for ``key``, if there is one and its bytes are
        those it was kept with."""
        if self._kept is None:
            self._kept = {}
            if self.folder.is_dir():
                for entry in self.folder.iterdir():
                    parts = entry.name.split(".")
                    if len(parts) == 3 and parts[2] == "image":
                        self._kept[parts[0]] = entry
        path = self._kept.get(key)
        if path is None:
            return None
        if whole_bytes(path, key, "image", "a kept published image") is not None:
            return path
        del self._kept[key]
        return None

    def prune(self) -> None:
        """Remove what no image of this build used."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry not in self.used:
                with contextlib.suppress(OSError):
                    entry.unlink()


#: A PNG's chunks that only say how to draw its picture.
_PNG_PICTURE_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB"}
    | {b"sBIT", b"pHYs", b"bKGD", b"iCCP"}
)


def _icon_png_metadata(data: bytes) -> str | None:
    """The first chunk of a PNG picture inside an icon (``.ico``, ``.cur``:
    its large pictures are PNGs) that is no drawing's, or None."""
    start = data.find(PNG_SIGNATURE)
    while start != -1:
        for name, _, _ in png_chunks(io.BytesIO(data[start:]), Walk()):
            if name not in _PNG_PICTURE_CHUNKS:
                return name.decode("latin-1")
        start = data.find(PNG_SIGNATURE, start + 1)
    return None


def replace_with(written: Path, destination: Path) -> None:
    """``destination`` (a file the build copied) replaced whole by a copy
    of ``written``: a new file renamed over it, so a source file the build
    linked there (``STATIC_CREATE_LINKS``) is never written through."""
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    shutil.copyfile(written, partial)
    partial.replace(destination)
