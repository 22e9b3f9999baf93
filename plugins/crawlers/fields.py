"""A post's or page's own sitemap fields: ``Priority:`` and ``Changefreq:``.

pelican-sitemap reads them from each page it lists, over SITEMAP's
``priorities`` and ``changefreqs``, and checks them only as it writes the
sitemap, at the end of a publish build: ``Priority: high`` logged a
traceback (and stopped the build, naming no file), ``Priority: 7`` or
``nan`` went into the sitemap as they were (the protocol allows 0.0 to
1.0), and ``Changefreq: sometimes`` logged an error naming no file. They
are checked here once every file is read, in the build and by ``reflect
lint``, each at its file and line (the ``sitemap-field`` rule); a value
that cannot work is left out of the sitemap (``without_bad_fields``), so
SITEMAP's value for the kind of page stands.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pelican.plugins.sitemap.sitemap import CHANGEFREQ_VALUES

from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sourcelines import metadata_lines

(SITEMAP_FIELD,) = declare_rules(
    Rule(
        "sitemap-field",
        "a post's or page's `Priority:` that is no number from 0.0 to 1.0, or "
        "`Changefreq:` the sitemap protocol does not name (left out of the "
        "sitemap; SITEMAP's value stands)",
        "warning",
        "warning",
    ),
)
RULES = (SITEMAP_FIELD,)

FIELDS = ("priority", "changefreq")


def field_problem(field: str, value: Any) -> str | None:
    """What ``value`` of ``field`` must be, when it is not that; else None."""
    if field == "priority":
        try:
            number = float(str(value).strip())
        except ValueError:
            number = math.nan
        if math.isfinite(number) and 0 <= number <= 1:
            return None
        return "a number from 0.0 to 1.0"
    if str(value).strip() in CHANGEFREQ_VALUES:
        return None
    return "one of " + ", ".join(sorted(CHANGEFREQ_VALUES))


def listed(context: dict[str, Any]) -> Iterator[Any]:
    """Every post and page the sitemap lists: the published ones and their
    published translations."""
    for name in ("articles", "pages"):
        for content in context.get(name, ()):
            yield content
            for translation in getattr(content, "translations", ()):
                if getattr(translation, "status", "published") == "published":
                    yield translation


def sitemap_field_findings(context: dict[str, Any]) -> list[Finding]:
    """A finding for each sitemap field of a listed post or page that
    cannot work, at its line."""
    return [finding for content in listed(context) for finding in findings_of(content)]


def findings_of(content: Any) -> Iterable[Finding]:
    metadata = getattr(content, "metadata", {}) or {}
    lines: dict[str, list[int]] | None = None
    for field in FIELDS:
        if field not in metadata:
            continue
        wanted = field_problem(field, metadata[field])
        if wanted is None:
            continue
        if lines is None:
            lines = field_lines(content.source_path)
        yield Finding(
            SITEMAP_FIELD.name,
            f"{field.capitalize()}: {metadata[field]!r} is not {wanted}; the "
            "sitemap leaves it out and gives the page SITEMAP's value",
            content.source_path,
            (lines.get(field) or [None])[0],
        )


def field_lines(path: str) -> dict[str, list[int]]:
    try:
        return metadata_lines(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return {}


def without_bad_fields(shown: Any) -> Any:
    """``shown`` as the sitemap lists it: a copy without a sitemap field
    that cannot work (pelican-sitemap reads it as an attribute), so
    SITEMAP's value for its kind stands; itself when it has none."""
    bad = [
        field
        for field in FIELDS
        if field in vars(shown)
        and field_problem(field, getattr(shown, field)) is not None
    ]
    if not bad:
        return shown
    shown = copy.copy(shown)
    for field in bad:
        delattr(shown, field)
    return shown
