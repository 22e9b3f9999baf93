"""The images of an imported blog: where they are hotlinked from, and
copies of them in content/images/ when asked for.

Downloads are held in memory and planned like every other file, so a failed
import writes no image, and an image is never written over another.
"""

from __future__ import annotations

import hashlib
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.error import URLError
from urllib.parse import unquote, urlsplit

#: ``![alt](url)`` and ``![alt](url "title")`` in markdownify's output.
MARKDOWN_IMAGE = re.compile(r"(!\[[^\]]*\]\()(?P<url>[^)\s]+)((?:\s+\"[^\"]*\")?\))")
MAX_IMAGE_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 20
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


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


@dataclass
class DownloadedImages:
    names: dict[str, str] = field(default_factory=dict)  # url -> file name
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    failed: dict[str, str] = field(default_factory=dict)  # url -> reason


def download_images(urls: list[str], images: Path) -> DownloadedImages:
    """Fetch each image once and give it a file name of its own.

    Two images with the same name get distinct files; an image already in
    ``images`` with the same bytes is used as it is.
    """
    result = DownloadedImages()
    for url in dict.fromkeys(urls):
        try:
            data = _fetch(url)
        except (URLError, OSError, ValueError) as error:
            result.failed[url] = _reason(error)
            continue
        name = _free_name(_file_name(url), data, images, result.files)
        result.names[url] = name
        if not (images / name).exists():  # else the same bytes are there already
            result.files[name] = data
    return result


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "reflect-import"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        kind = response.headers.get_content_type()
        if not (kind.startswith("image/") or kind == "application/octet-stream"):
            raise ValueError(f"not an image ({kind})")
        data = response.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError("larger than 20 MiB")
    return data


def _file_name(url: str) -> str:
    name = _SAFE_NAME.sub("-", unquote(PurePosixPath(urlsplit(url).path).name))
    name = name.strip(".-")
    return name or f"image-{hashlib.sha256(url.encode()).hexdigest()[:10]}"


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


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason).splitlines()[0] if str(reason) else type(error).__name__
