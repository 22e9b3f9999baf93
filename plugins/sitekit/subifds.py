"""The folders a TIFF's or an EXIF block's ``SubIFDs`` tag (330) points
to, which Pillow never reads: a DNG's raw picture, a scanner's reduced
copy, each with an ``ImageDescription`` or ``Artist`` of its own. Read
here with Pillow's folder reader, each once, within bounds
(``MAX_SUB_IFDS``, ``MAX_SUB_IFD_TAGS``), for ``sitekit.imagemarkers``."""

from __future__ import annotations

import io
import struct
from collections import deque
from collections.abc import Iterator
from typing import IO

from PIL import ExifTags, Image, TiffImagePlugin

from .cappedfile import TooLarge
from .imagetexts import decoded

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


class SubFolders:
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
                raise TooLarge(
                    f"it holds more than the {MAX_SUB_IFDS:,} sub-IFDs whose "
                    "metadata is read"
                )
            self.read.add((number, offset))
            folder = TiffImagePlugin.ImageFileDirectory_v2(ifh=header)
            stream.seek(offset)
            order = "<" if header.startswith(b"II") else ">"
            self.tags += struct.unpack(order + "H", stream.read(2).ljust(2, b"\0"))[0]
            if self.tags > MAX_SUB_IFD_TAGS:
                raise TooLarge(
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
                for text in decoded(value):
                    yield f"{kind} sub-IFD {name}", text
            if folder.next:
                waiting.append(folder.next)


def _offsets(value: object) -> list[int]:
    """A folder tag's value as the offsets it gives (one, or a tuple)."""
    values = value if isinstance(value, (tuple, list)) else (value,)
    return [int(v) for v in values if isinstance(v, int)]
