"""Comparing whole built sites, file by file.

Byte for byte, ``sitemap.xml`` included: the crawlers plugin dates every
page by its content, never by the time of the build.

One exception: Pagefind writes its filter lists in the order of its hash maps, which
changes from run to run, and names each filter file (and the meta file that
lists them) by a hash of those bytes. Those files are compared decoded
(gzip, then CBOR: tests/cbor.py), with only that normalised: a filter's
values sorted, each filter file named by its filter, the meta file's list of
filters sorted by name with their hashes left out. Everything else in them
(which pages each value names, in what order; the pages' and index chunks'
hashes; the version) is compared as it is, and so are the page fragments
and the word index, byte for byte.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import cbor

_FILTER_FILE = re.compile(r"^pagefind/filter/[^/]+\.pf_filter$")
_META_FILE = re.compile(r"^pagefind/pagefind\.[^/]+\.pf_meta$")
_HASH_IN_ENTRY = re.compile(rb'"hash":"[^"]*"')
_SIGNATURE_LENGTH = 12  # "pagefind_dcd" before the CBOR


def every_file(site: Path) -> dict[str, bytes]:
    """Every file under ``site``, dotfiles included, by relative path;
    Pagefind's filter and meta files by what they hold (see above)."""
    files: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if _FILTER_FILE.match(name):
            signature, (filter_name, values) = pagefind_data(path)
            held = [filter_name, sorted(values, key=lambda value: value[0])]
            name = f"pagefind/filter/{filter_name}.pf_filter"
            if name in files:
                raise AssertionError(f"two filter files for {filter_name!r}")
        elif _META_FILE.match(name):
            signature, meta = pagefind_data(path)
            # [version, pages, index chunks, filters ([name, hash]), ...]
            filters = meta[3]
            if not all(isinstance(f, list) and len(f) == 2 for f in filters):
                raise AssertionError(f"{path}: not the meta file of Pagefind 1.5")
            meta[3] = sorted([filter_name, "(hash)"] for filter_name, _ in filters)
            held, name = meta, "pagefind/pagefind.pf_meta"
        else:
            files[name] = comparable(path)
            continue
        files[name] = signature + json.dumps(held, ensure_ascii=False).encode()
    return files


def pagefind_data(path: Path) -> tuple[bytes, Any]:
    """A Pagefind filter or meta file: its signature, and its CBOR decoded."""
    data = gzip.decompress(path.read_bytes())
    return data[:_SIGNATURE_LENGTH], cbor.loads(data[_SIGNATURE_LENGTH:])


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
