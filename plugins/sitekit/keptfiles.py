"""A file kept between builds under a name that holds its bytes' digest.

A cache entry cut short (a full disk, a killed build, a copy gone wrong)
must never be used as if whole: its name, ``<key>.<digest>.<ending>``,
says which bytes it was kept with, and they are checked each time it is
read. One that does not match is said once, deleted and made again.
Shared by the published images (``imagestrip``) and the preview images
(the social plugin's cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

#: Hex characters of SHA-256 kept in a file's name.
DIGEST_LENGTH = 32


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def kept_name(key: str, data: bytes, ending: str) -> str:
    """The name ``data`` is kept under for ``key``."""
    return f"{key}.{digest(data)}.{ending}"


def whole_bytes(path: Path, key: str, ending: str, what: str) -> bytes | None:
    """The bytes of ``path``, kept for ``key``, if they are those it was
    kept with; else None, the file deleted after one warning naming it as
    ``what`` ("a kept published image")."""
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None and path.name == kept_name(key, data, ending):
        return data
    logger.warning(
        "%s: %s is damaged (its bytes are not those it was kept with); it is "
        "deleted and made again",
        path,
        what,
    )
    with contextlib.suppress(OSError):
        path.unlink()
    return None
