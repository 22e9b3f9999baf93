"""Reading an image's metadata within bounds: Pillow reads what a file's
bytes tell it to, and a few bytes can tell it to read gigabytes, or the
same bytes over and over. ``sitekit.imagemarkers`` hands Pillow this file
instead of the image's, and says ``TooLarge`` as an unreadable image."""

from __future__ import annotations

import io
import os
from typing import IO, Any


class TooLarge(Exception):
    """More of an image read than its metadata may take."""


class CappedFile(io.RawIOBase):
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
            raise TooLarge(f"its metadata is not within the first {self.cap >> 20} MiB")
        if self.total > self.most:
            raise TooLarge(
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
