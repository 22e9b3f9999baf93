"""The images of an imported blog: where they are hotlinked from, and
copies of them in content/images/ when asked for.

A downloaded file is kept only when Pillow decodes its bytes as a PNG, JPEG,
GIF or WebP image, whatever the server called it: an SVG (which can hold a
script) or an HTML page served as ``image/png`` is refused and named. The
kept file's name ends in its format's own extension, so the web server that
publishes it serves it as that image and nothing else.

Downloads are held in memory and planned like every other file, so a failed
import writes no image, and an image is never written over another.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from .wp_fetch import DEFAULT_LIMITS, FetchError, FetchLimits, fetch

#: ``![alt](url)`` and ``![alt](url "title")`` in markdownify's output, the
#: alt text holding brackets in pairs (``a [b] c``) but never an opening one
#: alone: a post of ``![`` that never close was read from each one to the
#: end, in time in the square of its length (40,000 lines of ``a ![b``: 5 s).
MARKDOWN_IMAGE = re.compile(
    r"(!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()(?P<url>[^)\s]+)((?:\s+\"[^\"]*\")?\))"
)
#: Pillow format -> the extensions a file of it may have (the first is given
#: to a file whose name has none of them).
RASTER_FORMATS = {
    "PNG": ("png",),
    "JPEG": ("jpg", "jpeg"),
    "GIF": ("gif",),
    "WEBP": ("webp",),
}
#: Larger images are refused before they are decoded (a small file can
#: claim a huge canvas: a decompression bomb).
MAX_PIXELS = 50_000_000
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class NotAnImage(ValueError):
    """The bytes are not an image the site may publish; the message says why."""


def image_urls(markdown: str) -> list[str]:
    """The http(s) addresses of the images a post shows, in order."""
    return [
        match.group("url")
        for match in MARKDOWN_IMAGE.finditer(markdown)
        if urlsplit(match.group("url")).scheme in ("http", "https")
    ]


def hosts(urls: list[str]) -> list[str]:
    return sorted({urlsplit(url).hostname or url for url in urls})


def rewrite_images(markdown: str, local: dict[str, str]) -> str:
    """Point every downloaded image at its copy (``{static}/images/x.jpg``)."""

    def replace(match: re.Match) -> str:
        url = match.group("url")
        if url not in local:
            return match.group(0)
        return f"{match.group(1)}{{static}}/images/{local[url]}{match.group(3)}"

    return MARKDOWN_IMAGE.sub(replace, markdown)


def raster_format(data: bytes) -> str:
    """The Pillow format of ``data`` (``"PNG"``...), once every pixel decodes.

    Only the four formats' decoders are tried, so no other Pillow plugin
    (EPS, which runs Ghostscript, among them) ever sees the bytes.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(RASTER_FORMATS)) as image:
                kind = image.format
                if image.width * image.height > MAX_PIXELS:
                    raise NotAnImage(
                        f"{image.width}×{image.height} pixels is more than "
                        f"{MAX_PIXELS // 1_000_000} megapixels"
                    )
                image.load()
    except UnidentifiedImageError:
        raise NotAnImage(
            f"not a PNG, JPEG, GIF or WebP image ({_looks_like(data)})"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, Warning) as error:
        if isinstance(error, NotAnImage):
            raise
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise NotAnImage(f"a damaged image ({detail})") from None
    return kind


@dataclass
class DownloadedImages:
    names: dict[str, str] = field(default_factory=dict)  # url -> file name
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    refused: dict[str, str] = field(default_factory=dict)  # url -> reason


def download_images(
    urls: list[str], images: Path, limits: FetchLimits = DEFAULT_LIMITS
) -> DownloadedImages:
    """Fetch each image once, check it, and give it a file name of its own.

    Two images with the same name get distinct files; an image already in
    ``images`` with the same bytes is used as it is. When the run's time is
    up, the images left are named as not tried.
    """
    result = DownloadedImages()
    run_deadline = time.monotonic() + limits.seconds_per_run
    for url in dict.fromkeys(urls):
        try:
            data = fetch(url, limits, run_deadline)
            kind = raster_format(data)
        except (FetchError, NotAnImage) as error:
            result.refused[url] = str(error)
            continue
        name = _free_name(_file_name(url, kind), data, images, result.files)
        result.names[url] = name
        if not (images / name).exists():  # else the same bytes are there already
            result.files[name] = data
    return result


def _file_name(url: str, kind: str) -> str:
    """A safe file name from the URL's, ending in the format's extension."""
    name = _SAFE_NAME.sub("-", unquote(PurePosixPath(urlsplit(url).path).name))
    name = name.strip(".-")
    name = name or f"image-{hashlib.sha256(url.encode()).hexdigest()[:10]}"
    stem, dot, suffix = name.rpartition(".")
    extensions = RASTER_FORMATS[kind]
    if dot and suffix.lower() in extensions:
        return name
    return f"{name if not dot else stem or name}.{extensions[0]}"


def _free_name(name: str, data: bytes, images: Path, planned: dict) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    for number in range(1, 10_000):
        candidate = name if number == 1 else f"{stem}-{number}{dot}{suffix}"
        if candidate in planned:
            if planned[candidate] == data:
                return candidate
            continue
        on_disk = images / candidate
        if not on_disk.exists() or on_disk.read_bytes() == data:
            return candidate
    raise ValueError(f"no free file name for {name}")


def _looks_like(data: bytes) -> str:
    """A few words on what the refused bytes seem to be, for the summary."""
    start = data[:512].lstrip().lower()
    if start.startswith(b"<?xml") and b"<svg" in data[:4096].lower():
        return "an SVG drawing"
    if start.startswith(b"<svg"):
        return "an SVG drawing"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if not data:
        return "an empty file"
    return f"{len(data)} bytes of something else"
