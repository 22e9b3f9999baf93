"""What a build found in each static file, kept between builds by the
file's bytes.

A static file is read for private markers on every build
(``sitekit.staticmarkers``), and an image's metadata with it
(``sitekit.imagemarkers``): about 0.2 s of CPU for each megabyte of
metadata, so a phone's portrait photo, whose depth map rides in 4 MB of
extended XMP, cost 0.8 s a build, every build. The findings depend only
on the file's bytes, its name, whether it is a template, the reading code
and the libraries it calls; so a build keeps them in
``<CACHE_PATH>/static-findings/findings.json`` under a key made of all of
those (``FindingCache.key``), and reads a file again only when one of them
changed. A rebuild finds what a cold build finds: nothing else goes into a
finding.

Hashing a file costs far less than reading it for markers (SHA-256 runs
at hundreds of megabytes a second). The path a finding names is not kept:
it is the file's path in this build, filled in when the finding is given.
A cache file that cannot be read or is not what this module writes is
ignored (every file is read again) and written anew; entries this build
did not use are dropped when it is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from .rules import Finding

#: A folder of its own in CACHE_PATH: the files at its top are Pelican's
#: pickles, which ``sitekit.cachekey`` checks as such.
CACHE_FOLDER = "static-findings"
CACHE_FILE = "findings.json"
#: The libraries the reading calls, whose versions a finding depends on;
#: and those pypdf decrypts AES with, which are not pinned: whether one is
#: installed decides whether an AES-encrypted PDF can be read at all.
LIBRARIES = (
    "pillow",
    "pypdf",
    "cryptography",
    "pycryptodome",
    "rapidfuzz",
    "confusable-homoglyphs",
)
_FORMAT = 1


def _reading_code() -> str:
    """A digest of the source of every module of this package: the readers
    of static files, the marker reading they share and the rule names."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}={version}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class FindingCache:
    """Findings by key, loaded from ``folder`` (None: nothing kept)."""

    def __init__(self, folder: str | os.PathLike | None):
        self.file = Path(folder, CACHE_FOLDER, CACHE_FILE) if folder else None
        self.code = _reading_code()
        self.kept: dict[str, list[dict]] = self._load()
        self.used: dict[str, list[dict]] = {}

    def _load(self) -> dict[str, list[dict]]:
        if self.file is None:
            return {}
        try:
            stored = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(stored, dict)
            or stored.get("format") != _FORMAT
            or stored.get("code") != self.code
            or not isinstance(stored.get("files"), dict)
        ):
            return {}
        return stored["files"]

    def key(self, path: Path, template: bool) -> str:
        """The file's bytes, whether it is a template, and its name: how a
        file is read goes by its name too (a ``.css`` file is read as code,
        where ``[private]`` is a selector; the same bytes as ``.txt`` hold a
        marker; a ``.jpg`` that is no image is unreadable, a ``.bin`` is
        not), so a file renamed is read again."""
        name = json.dumps(path.name)
        return f"{file_digest(path)}:{int(template)}:{name}"

    def findings(
        self,
        path: Path,
        shown_path: str,
        template: bool,
        read: Callable[[], list[Finding]],
    ) -> list[Finding]:
        """``read()``'s findings for ``path``, kept ones when its key is
        kept; each names ``shown_path``. Raises OSError as ``read`` does."""
        key = self.key(path, template)
        kept = self.kept.get(key)
        if kept is not None and _well_formed(kept):
            self.used[key] = kept
            return [Finding(**{**entry, "path": shown_path}) for entry in kept]
        found = read()
        self.used[key] = [
            {key: value for key, value in asdict(one).items() if key != "path"}
            for one in found
        ]
        return found

    def save(self) -> None:
        """Write the entries this build used, whole or not at all."""
        if self.file is None:
            return
        data = {"format": _FORMAT, "code": self.code, "files": self.used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_name(f"{CACHE_FILE}.{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            partial.replace(self.file)
        except OSError:
            pass  # a cache that cannot be written costs the next build time only


def _well_formed(entries: object) -> bool:
    return isinstance(entries, list) and all(
        isinstance(entry, dict)
        and set(entry) == {"rule", "message", "line"}
        and isinstance(entry["rule"], str)
        and isinstance(entry["message"], str)
        and (entry["line"] is None or isinstance(entry["line"], int))
        for entry in entries
    )
