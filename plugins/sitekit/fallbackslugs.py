"""A slug for every tag, category and author, even one without letters.

Pelican makes a tag's, category's or author's URL from its name with
``slugify``; a name with no letters or digits (``Tags: 🙂``) slugifies to
nothing, and the site breaks where the slug is needed (a feed named
``tag/.atom.xml``, a ``KeyError: 'slug'``). Every reader's metadata goes
through ``give_fallback_slugs`` as it is read: such a name keeps its
name and gets a slug made of its characters' code points (``u1f642``),
with a warning naming the file and the field's line, the same in the
build and in ``reflect lint``.

A post or page is slugged by Pelican from its title (or its file's name,
``SLUGIFY_SOURCE``) unless it says ``Slug:``; a title of emoji alone
(``Title: 🙂🎉``) slugified to nothing, and the build stopped on a page
"written to 2025//index.html, where the build writes a period's archive".
``give_fallback_page_slug`` gives such a page a slug of code points too,
with a warning that says to write a ``Slug:``.

A name that shows nothing at all (invisible characters alone: a zero-width
space, a word joiner) is no name: Pelican drops a blank one, and so it is
dropped here (a tag left out, a post with no category in the default one),
with one line saying so, rather than given a page named after the code
points of characters no reader sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from pelican.readers import parse_path_metadata, path_metadata
from pelican.urlwrappers import URLWrapper

from .rules import Finding, Rule, declare_rules
from .settings import slugifier
from .text import shows_nothing, why_nothing_shows

(UNSLUGGABLE_NAME, INVISIBLE_NAME, UNSLUGGABLE_TITLE) = declare_rules(
    Rule(
        "unsluggable-name",
        "a tag, category, author or series with no letters or digits for its "
        "URL (it gets one made of its characters' code points)",
        "warning",
        "warning",
    ),
    Rule(
        "invisible-name",
        "a tag, category, author or series that shows nothing, invisible "
        "characters alone (it is left out, as a blank one is)",
        "warning",
        "warning",
    ),
    Rule(
        "unsluggable-title",
        "a post or page without `Slug:` whose title (or file name) has no "
        "letters or digits for its URL (it gets one made of its characters' "
        "code points)",
        "warning",
        "warning",
    ),
)


def invisible_name_message(field: str, name: str) -> str:
    """What is said of a name that shows nothing (``shows_nothing``), in
    every name field: Pelican's (tags, category, authors) and a plugin's
    (series), each left out as a blank one is."""
    return (
        f"{field}: {name!r} shows nothing ({why_nothing_shows(name)}), so it "
        "is left out as a blank one is: write the name, or remove it"
    )


def fallback_slug(name: str) -> str:
    """A slug from the code points of ``name``'s visible characters."""
    slug = "-".join(f"u{ord(c):04x}" for c in name if not c.isspace())
    return slug or "unnamed"


def _wrappers(value: Any) -> Iterator[URLWrapper]:
    if isinstance(value, URLWrapper):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _wrappers(item)


def give_fallback_slugs(
    metadata: MutableMapping[str, Any],
    path: str | None = None,
    lines: Mapping[str, list[int]] | None = None,
) -> list[Finding]:
    """Drop each name in ``metadata`` that shows nothing, and give each other
    name that slugifies to nothing a fallback slug; a finding for each."""
    findings = _invisible_names_dropped(metadata, path, lines)
    for field, value in metadata.items():
        for wrapper in _wrappers(value):
            if wrapper.slug:
                continue
            wrapper.slug = fallback_slug(str(wrapper.name))
            findings.append(
                Finding(
                    UNSLUGGABLE_NAME.name,
                    f"{field.capitalize()}: {wrapper.name!r} has no letters or "
                    f"digits for its URL, so its pages use {wrapper.slug!r}; "
                    "add a word to the name to choose a better one",
                    path,
                    ((lines or {}).get(field) or [None])[0],
                )
            )
    return findings


def _invisible_names_dropped(
    metadata: MutableMapping[str, Any],
    path: str | None,
    lines: Mapping[str, list[int]] | None,
) -> list[Finding]:
    """Drop the tags, categories and authors whose names show nothing
    (``sitekit.text.shows_nothing``), as Pelican drops blank ones: a list
    keeps its other names, a field left with none goes."""
    findings: list[Finding] = []
    for field, value in list(metadata.items()):
        invisible = [w for w in _wrappers(value) if shows_nothing(str(w.name))]
        if not invisible:
            continue
        for wrapper in invisible:
            findings.append(
                Finding(
                    INVISIBLE_NAME.name,
                    invisible_name_message(field.capitalize(), str(wrapper.name)),
                    path,
                    ((lines or {}).get(field) or [None])[0],
                )
            )
        if isinstance(value, URLWrapper):
            del metadata[field]
        else:
            kept = [item for item in value if all(item is not w for w in invisible)]
            if kept:
                metadata[field] = type(value)(kept)
            else:
                del metadata[field]
    return findings


def give_fallback_page_slug(
    metadata: MutableMapping[str, Any],
    path: str | None,
    settings: Mapping[str, Any],
    line: int | None = None,
) -> list[Finding]:
    """Give a post or page that Pelican would slug as nothing a slug of its
    title's (or file name's) code points, as it reads it (``Content``'s own
    choice of what to slugify, and a slug its path gives, come first); a
    finding when it does. ``line``: the title's."""
    if "slug" in metadata or not path:
        return []
    source = settings.get("SLUGIFY_SOURCE", "title")
    if source == "title" and "title" in metadata:
        value, what = str(metadata["title"]), "Title"
        if shows_nothing(value):
            return []  # no title at all, which is said as such
    elif source == "basename":
        value, what = Path(path).stem, "The file name"
        line = None
    else:
        return []
    if slugifier(settings)(value) or _path_gives_slug(path, settings):
        return []
    metadata["slug"] = fallback_slug(value)
    return [
        Finding(
            UNSLUGGABLE_TITLE.name,
            f"{what}: {value!r} has no letters or digits for the page's URL, "
            f"so it uses {metadata['slug']!r}; give it a `Slug:` line to "
            "choose a better one",
            path,
            line,
        )
    ]


def _path_gives_slug(path: str, settings: Mapping[str, Any]) -> bool:
    """Whether Pelican takes the page's slug from its path
    (``FILENAME_METADATA``, ``PATH_METADATA``, ``EXTRA_PATH_METADATA``),
    read as it reads it for a page of the content folder."""
    base = settings.get("PATH") or str(Path(path).parent)
    relative = os.path.relpath(path, base).replace(os.sep, "/")
    found = {
        **path_metadata(path, relative, dict(settings)),
        **parse_path_metadata(relative, dict(settings)),
    }
    return bool(found.get("slug"))
