"""Posts grouped into series and put in order, with what was wrong.

Posts with a ``Series_index`` come first, by that number, then the rest by
date (pelican-series' order); parts of one date go by their file's path, so
the order never rests on the order the files were read in (Pelican walks
the content folder in the file system's order, which differs between
machines). A ``Series_index`` that is not a whole number
of 1 or more, or that two posts of one series share, is reported with the
file and line; the post keeps its place by date.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitekit.fallbackslugs import (
    INVISIBLE_NAME,
    UNSLUGGABLE_NAME,
    fallback_slug,
    invisible_name_message,
)
from sitekit.outputpaths import overlong_path
from sitekit.rules import Finding
from sitekit.sourcelines import metadata_lines
from sitekit.text import shows_nothing

from .model import Series
from .rules import SERIES_CLASH, SERIES_INDEX, SERIES_TOO_LONG


def _one_name(one: str, other: str) -> bool:
    """Whether two series names are one name cased or composed otherwise
    (``Check-ins with Ruth``, ``check-ins with ruth``)."""
    return (
        unicodedata.normalize("NFKC", one).casefold()
        == unicodedata.normalize("NFKC", other).casefold()
    )


def series_index(post: Any) -> tuple[int | None, Finding | None]:
    raw = post.metadata.get("series_index")
    if raw is None:
        return None, None
    text = str(raw).strip()
    if text.isdigit() and int(text) >= 1:
        return int(text), None
    return None, _problem(
        post,
        SERIES_INDEX,
        f"Series_index: {text!r} is not a whole number of 1 or more; the post "
        "takes its place in the series by date",
    )


def assemble_series(
    posts: Iterable[Any],
    slugify: Callable[[str], str],
    url_pattern: str,
    save_as_pattern: str,
) -> tuple[list[Series], list[Finding]]:
    """Every series the posts name, ordered by name."""
    members: dict[str, list[Any]] = defaultdict(list)
    findings: list[Finding] = []
    for post in posts:
        name = " ".join(str(post.metadata.get("series") or "").split())
        if name and shows_nothing(name):
            # As a tag's: no series page named after code points no one sees.
            message = invisible_name_message("Series", name)
            findings.append(
                _problem(post, INVISIBLE_NAME.name, message, field="series")
            )
        elif name:
            members[name].append(post)
    found: list[Series] = []
    slugs: dict[str, str] = {}
    for name in sorted(members, key=str.casefold):
        indexed: dict[int, Any] = {}
        dated: list[Any] = []
        for post in sorted(members[name], key=_by_date):
            index, problem = series_index(post)
            if problem:
                findings.append(problem)
            if index is not None and index in indexed:
                findings.append(
                    _problem(
                        post,
                        SERIES_INDEX,
                        f"Series_index: {index} is already taken in “{name}” "
                        f"by {indexed[index].source_path}; the post takes its "
                        "place by date",
                    )
                )
                index = None
            if index is None:
                dated.append(post)
            else:
                indexed[index] = post
        ordered = [indexed[i] for i in sorted(indexed)] + dated
        slug = slugify(name)
        if not slug:
            # As a tag's: an emoji's series page was `series//`, written as
            # the series folder's own index, with no word said.
            slug = fallback_slug(name)
            findings.append(
                _problem(
                    ordered[0],
                    UNSLUGGABLE_NAME.name,
                    f"Series: {name!r} has no letters or digits for its URL, so "
                    f"its page uses {slug!r}; add a word to the name to choose "
                    "a better one",
                    field="series",
                )
            )
        if slug in slugs:
            findings.append(
                _problem(
                    ordered[0],
                    SERIES_CLASH,
                    f"the series “{name}” and “{slugs[slug]}” would share the "
                    f"page series/{slug}/; "
                    + (
                        f"they are one name spelt two ways: spell it "
                        f"“{slugs[slug]}” in every part"
                        if _one_name(name, slugs[slug])
                        else "name one of them differently"
                    ),
                )
            )
            continue
        slugs[slug] = name
        series = Series(
            name=name,
            slug=slug,
            # No page, no address: nothing may link a page never written.
            url=url_pattern.format(slug=slug) if save_as_pattern else "",
            save_as=save_as_pattern.format(slug=slug),
            posts=tuple(ordered),
        )
        overlong = overlong_path(
            [("SERIES_URL", series.url), ("SERIES_SAVE_AS", series.save_as)]
        )
        if overlong is not None:
            shown = name if len(name) <= 60 else name[:60] + "…"
            findings.append(
                _problem(
                    ordered[0],
                    SERIES_TOO_LONG,
                    f"the series “{shown}” is too long for a file name: "
                    f"{overlong.describe()}; give it a shorter name",
                )
            )
            continue
        found.append(series)
    return found, findings


def _by_date(post: Any) -> tuple[Any, str]:
    """A part's place by date; of two parts of one date, the one whose file
    path sorts first comes first (``ruth-1.md`` before ``ruth-2.md``)."""
    return post.date, str(post.source_path)


def _problem(post: Any, rule: str, message: str, field: str = "") -> Finding:
    """A finding at the line of ``field``, else of ``Series_index`` or
    ``Series``."""
    path = post.source_path
    line = None
    try:
        with Path(path).open(encoding="utf-8-sig") as source:
            lines = metadata_lines(source.read(20_000))
        line = (
            lines.get(field)
            or lines.get("series_index")
            or lines.get("series")
            or [None]
        )[0]
    except (OSError, UnicodeDecodeError):
        pass
    return Finding(rule, message, path, line)
