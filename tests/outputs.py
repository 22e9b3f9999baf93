"""Comparing whole built sites, file by file.

Byte for byte, ``sitemap.xml`` included: the crawlers plugin dates every
page by its content, never by the time of the build.

One exception: Pagefind writes its filter lists (and the files that name them by
hash) in the order of its hash maps, which changes from run to run. Those
files are compared by what they hold: their bytes, decompressed and
sorted. Its page fragments and word index are compared byte for byte.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

_UNORDERED = re.compile(r"^pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta)$")
_HASH_IN_ENTRY = re.compile(rb'"hash":"[^"]*"')


def every_file(site: Path) -> dict[str, bytes]:
    """Every file under ``site``, dotfiles included, by relative path."""
    files: dict[str, bytes] = {}
    unordered: dict[str, list[bytes]] = {}
    # The meta file names each filter list by its hash: leave those names out.
    filter_names = [p.stem.encode() for p in site.glob("pagefind/filter/*.pf_filter")]
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if _UNORDERED.match(name):
            kind = name.rsplit(".", 1)[1]
            held = gzip.decompress(path.read_bytes())
            for filter_name in filter_names:
                held = held.replace(filter_name, b"")
            held = bytes(sorted(held))
            unordered.setdefault(f"pagefind/*.{kind}", []).append(held)
        else:
            files[name] = comparable(path)
    for name, contents in unordered.items():
        files[name] = b"\n".join(sorted(contents))
    return files


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name == "pagefind-entry.json":
        return _HASH_IN_ENTRY.sub(b'"hash":""', data)
    return data


def differences(first: Path, second: Path) -> list[str]:
    one, two = every_file(first), every_file(second)
    return sorted(n for n in one.keys() | two.keys() if one.get(n) != two.get(n))


_HASHED_NAME = re.compile(r"^(pagefind/(?:filter/|pagefind\.))en_[0-9a-f]+(\.pf_\w+)$")


def listing(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, dotfiles included; Pagefind's
    hash-named filter and meta files by their kind (see above)."""
    return sorted(
        _HASHED_NAME.sub(r"\1*\2", path.relative_to(folder).as_posix())
        for path in folder.rglob("*")
    )
