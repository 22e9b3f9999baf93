"""Slugs a command makes file names from, cut to fit a file system.

A file system holds at most 255 bytes in a file name, and a slug made from
a title can be longer: a title of a thousand words typed at ``reflect new``,
a WordPress slug, title, commenter's name or comment id, or a title in a
script whose letters take three bytes each.
"""

from __future__ import annotations

from sitekit.outputpaths import MAX_PART_BYTES

#: The longest slug a file name is made from, in bytes: the longest name of
#: a page's folder the build accepts (``MAX_PART_BYTES``, 200), less room
#: for a ``-12`` that tells two posts apart. With a date before it and
#: ``.md`` after it, a source file's name stays under 255. WordPress's own
#: slugs (at most 200 characters) are kept whole unless they are longer
#: in bytes than this.
MAX_NAME_BYTES = MAX_PART_BYTES - 4


#: The longest slug of a part of a name made of two (a comment file's
#: author and id): two of them, a date, hyphens and ``.md`` stay under 255.
MAX_PART_NAME_BYTES = 100


def fitting_slug(slug: str, most: int = MAX_NAME_BYTES) -> str:
    """``slug`` cut at a hyphen to at most ``most`` bytes."""
    if len(slug.encode("utf-8")) <= most:
        return slug
    cut = slug.encode("utf-8")[:most].decode("utf-8", errors="ignore")
    words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words.strip("-") or cut
