"""Tags, categories and authors whose files a file system cannot name.

Each tag, category and author a post names gets files named by its slug:
Pelican's page (``TAG_SAVE_AS``...), the feeds plugin's feeds
(``TAG_FEED_ATOM``...). A name too long for one stopped the build only as
that file was written (``File name too long``), naming no source and after
lint had passed. Each plugin that names such files measures them here,
before anything is written, and the error names the first post that gives
the name, at its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .outputpaths import MAX_NAME_BYTES, overlong_path
from .rules import Finding, Rule, declare_rules
from .sourcelines import field_line

(NAME_TOO_LONG,) = declare_rules(
    Rule(
        "name-too-long",
        "a tag, category or author whose page or feed would have a file name "
        "longer than a file system holds",
        "error",
        "error",
    ),
)

#: The metadata fields whose values get pages of their own (Pelican's
#: URLWrappers): what the value is called, its field, the post's attribute.
NAMED_PAGES = (
    ("tag", "tags", "tags"),
    ("category", "category", "category"),
    ("author", "author", "authors"),
)

#: The paths a plugin makes of a tag, category or author ("tag", the
#: URLWrapper), each with the name of the setting that makes it.
PathsOf = Callable[[str, Any], Iterable[tuple[str, str]]]


def overlong_names(
    contents: Iterable[Any], paths_of: PathsOf, limit: int = MAX_NAME_BYTES
) -> list[Finding]:
    """An error for the first post naming each tag, category or author one of
    whose paths (``paths_of``) has a part longer than ``limit`` bytes (a
    page's address: ``MAX_PART_BYTES``; a file's name: what a file system
    holds)."""
    found: list[Finding] = []
    measured: set[tuple[str, str]] = set()  # (what, slug): each name once
    for content in contents:
        for what, field, attribute in NAMED_PAGES:
            value = getattr(content, attribute, None)
            for named in value if isinstance(value, list | tuple) else [value]:
                slug = getattr(named, "slug", None)
                if not slug or (what, slug) in measured:
                    continue
                measured.add((what, slug))
                overlong = overlong_path(paths_of(what, named), limit)
                if overlong is None:
                    continue
                found.append(
                    Finding(
                        NAME_TOO_LONG.name,
                        f"the {what} {_shortened(str(named))!r} is too long for a "
                        f"file name: {overlong.describe()}; shorten it",
                        content.source_path,
                        field_line(content.source_path, field, attribute),
                    )
                )
    return found


def _shortened(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length] + "…"
