"""Slugs a command makes file names from, cut to fit a file system.

A file system holds at most 255 bytes in a file name, and a slug made from
a title can be longer: a title of a thousand words typed at ``reflect new``,
a WordPress slug, title, commenter's name or comment id, or a title in a
script whose letters take three bytes each.
"""

from __future__ import annotations

#: The longest slug a file name is made from, in bytes: with a date before
#: it, a ``-2`` after it and ``.md``, a name stays well under 255.
MAX_NAME_BYTES = 100


def fitting_slug(slug: str) -> str:
    """``slug`` cut at a hyphen to at most ``MAX_NAME_BYTES`` bytes."""
    if len(slug.encode("utf-8")) <= MAX_NAME_BYTES:
        return slug
    cut = slug.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words.strip("-") or cut
