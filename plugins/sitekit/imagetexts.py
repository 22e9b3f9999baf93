"""A metadata value as the texts it may be, and every text of an EXIF
block's folders: what ``sitekit.imagemarkers`` and the readers of the
folders and chunks Pillow skips (``sitekit.subifds``,
``sitekit.imagechunks``) judge for a private marker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PIL import ExifTags, Image, PngImagePlugin


def exif_texts(exif: Image.Exif, next_page: bool = True) -> Iterator[tuple[str, str]]:
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
            for text in decoded(value):
                yield f"EXIF {prefix}{name}", text


def decoded(value: object) -> list[str]:
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
        encodings = ("utf-8", "utf-16-le", "utf-16-be")
        if b"\0" in data:
            # UTF-16, more likely: read so first. As UTF-8 a marker there is
            # found too (the marker test reads past NULs and controls), but
            # named by the bytes of its letters, not by the letters.
            encodings = ("utf-16-le", "utf-16-be", "utf-8")
        return [data.decode(encoding, errors="replace") for encoding in encodings]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in decoded(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in decoded((key, item))]
    return []
