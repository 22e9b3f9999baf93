"""One tag, category or author, however its name is cased.

Pelican makes a tag's, category's or author's page from its slug, and
takes two names with one slug for one (its URLWrapper compares slugs). So
``Tags: Networking, networking`` linked the one tag twice on the post, and
a category spelt ``Mentoring`` in one post and ``mentoring`` in another
was one page named as Pelican happened to read first, without a word.

As each file is read (``one_name_per_slug``, every reader, the build and
``reflect lint`` alike) a field keeps the first of its names that make one
page; once every post is read (``names_spelt_otherwise``) each post that
spells a name otherwise than the oldest post naming it (a draft after
every published post) is told so. Each is
one warning at the field's line naming both spellings. Before Pelican
sorts posts into its pages (``one_spelling_per_page``) every post is given
the oldest spelling, so pages, feeds and search filters show one name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from pelican.urlwrappers import URLWrapper

from .namedpages import NAMED_PAGES
from .rules import Finding, Rule, declare_rules
from .sourcelines import field_line

(NAME_SPELT_OTHERWISE,) = declare_rules(
    Rule(
        "name-spelt-otherwise",
        "a tag, category or author spelt two ways that make one page (`Tags: "
        "Networking, networking`; a category spelt otherwise in another post): "
        "a post shows each once",
        "warning",
        "warning",
    ),
)


def one_name_per_slug(
    metadata: MutableMapping[str, Any],
    path: str | None = None,
    lines: Mapping[str, list[int]] | None = None,
) -> list[Finding]:
    """Keep the first of the names in each of ``metadata``'s lists (tags,
    authors) that make one page; a finding for each other. Every name is
    read in its composed form first (``_composed``)."""
    findings: list[Finding] = []
    for field, value in list(metadata.items()):
        if isinstance(value, URLWrapper):
            _composed(value)
        if not isinstance(value, list):
            continue
        for name in value:
            _composed(name)
        kept: dict[str, URLWrapper] = {}
        names: list[Any] = []
        for name in value:
            first = kept.get(name.slug) if isinstance(name, URLWrapper) else None
            if first is None:
                if isinstance(name, URLWrapper):
                    kept[name.slug] = name
                names.append(name)
                continue
            said = (
                f"{name.name!r} is given twice"
                if name.name == first.name
                else f"{name.name!r} and {first.name!r} are one {_page(field)}"
            )
            findings.append(
                Finding(
                    NAME_SPELT_OTHERWISE.name,
                    f"{field.capitalize()}: {said} (one page, {name.slug!r}); "
                    f"it is shown once, as {first.name!r}",
                    path,
                    ((lines or {}).get(field) or [None])[0],
                )
            )
        if len(names) < len(value):
            metadata[field] = names
    return findings


def _composed(name: Any) -> None:
    """A tag's, category's or author's name in Unicode's composed form (NFC):
    ``é`` typed as one character in one post and as ``e`` and a combining
    accent in another (an editor's or a file system's habit) look the same,
    so they are one name, not a spelling a writer could see to fix. Renamed
    in place: a slug given to it (``fallbackslugs``) stays."""
    if isinstance(name, URLWrapper) and isinstance(name.name, str):
        composed = unicodedata.normalize("NFC", name.name)
        if composed != name.name:
            name.name = composed


def names_spelt_otherwise(contents: Iterable[Any]) -> list[Finding]:
    """A finding for each post or page naming a tag, category or author
    otherwise than the oldest one that names it (one slug, another name)."""
    first: dict[tuple[str, str], tuple[str, Any]] = {}  # (what, slug) -> name, by
    findings: list[Finding] = []
    for content in sorted(contents, key=_age):
        for what, field, attribute in NAMED_PAGES:
            value = _as_spelt(content, attribute)
            for named in value if isinstance(value, list | tuple) else [value]:
                if not isinstance(named, URLWrapper) or not named.slug:
                    continue
                name, by = first.setdefault((what, named.slug), (named.name, content))
                if name == named.name:
                    continue
                findings.append(
                    Finding(
                        NAME_SPELT_OTHERWISE.name,
                        f"{field.capitalize()}: {named.name!r} and {name!r} (in "
                        f"{by.relative_source_path}) are one {what} (one page, "
                        f"{named.slug!r}); spell it one way",
                        content.source_path,
                        field_line(content.source_path, field, attribute),
                    )
                )
    return findings


def one_spelling_per_page(contents: Iterable[Any]) -> None:
    """Each post's tags, category and authors named as the oldest post that
    names each spells it (``names_spelt_otherwise`` warns of the others).

    Pelican names a tag's, category's or author's page as the first post it
    happens to list spells it, and each post shows its own spelling: a
    category spelt two ways was one page under the newer spelling and two
    search filters. Called before Pelican sorts posts into its pages
    (``article_generator_pretaxonomy``), so every page, feed and filter
    shows the one name the warning keeps. The metadata keeps the names as
    the post spells them, which the warning names."""
    first: dict[tuple[str, str], URLWrapper] = {}

    def kept(what: str, named: Any) -> Any:
        if not isinstance(named, URLWrapper) or not named.slug:
            return named
        return first.setdefault((what, named.slug), named)

    for content in sorted(contents, key=_age):
        for what, _field, attribute in NAMED_PAGES:
            # From the names as spelt, never as a cached post was given them
            # in an earlier build (Pelican's generator cache keeps them).
            value = _as_spelt(content, attribute)
            if isinstance(value, list):
                setattr(content, attribute, [kept(what, named) for named in value])
            elif isinstance(value, URLWrapper):
                setattr(content, attribute, kept(what, value))
        authors = getattr(content, "authors", None)
        if authors and isinstance(getattr(content, "author", None), URLWrapper):
            content.author = authors[0]


def _as_spelt(content: Any, attribute: str) -> Any:
    """A post's tags, category or authors as its file spells them (its
    metadata, as read), whatever ``one_spelling_per_page`` made of them."""
    metadata = getattr(content, "metadata", None) or {}
    if attribute == "authors" and "authors" not in metadata and "author" in metadata:
        return [metadata["author"]]
    return metadata.get(attribute, getattr(content, attribute, None))


def _page(field: str) -> str:
    return {"tags": "tag", "authors": "author"}.get(field, field)


def _age(content: Any) -> tuple[bool, float, str]:
    """Oldest first, a draft after every published post: ``make publish``
    leaves drafts out, so a draft's spelling never names a page a published
    post names, and the preview names it as the published site will."""
    date = getattr(content, "date", None)
    return (
        getattr(content, "status", None) == "draft",
        date.timestamp() if date else float("inf"),
        str(content.source_path),
    )
