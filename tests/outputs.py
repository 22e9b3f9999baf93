"""Comparing whole built sites, file by file.

One exception to byte-for-byte: pelican-sitemap dates a page that has no
date of its own (the home page, tags, the reflection index, an undated
page) with the time of the build. Those ``<lastmod>`` values are left out of
comparisons; everything else in ``sitemap.xml`` is compared.
"""

from __future__ import annotations

import re
from pathlib import Path

_LIST_PAGE_LASTMOD = re.compile(
    rb"<lastmod>([^<]*)</lastmod>(?=\s*<changefreq>daily</changefreq>)"
)


def every_file(site: Path) -> dict[str, bytes]:
    """Every file under ``site``, dotfiles included, by relative path."""
    return {
        path.relative_to(site).as_posix(): comparable(path)
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name == "sitemap.xml":
        build_time = _LIST_PAGE_LASTMOD.search(data)
        if build_time:
            stamp = b"<lastmod>" + build_time[1] + b"</lastmod>"
            return data.replace(stamp, b"<lastmod/>")
    return data


def differences(first: Path, second: Path) -> list[str]:
    one, two = every_file(first), every_file(second)
    return sorted(n for n in one.keys() | two.keys() if one.get(n) != two.get(n))
