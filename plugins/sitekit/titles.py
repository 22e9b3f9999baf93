"""A post or page without a title a reader could see.

Pelican leaves out a post or page with no title; one whose title is empty
(a reST document without a top section) it keeps, with an empty slug: its
page went to ``2026//index.html``, told as a clash with the year's archive,
and an HTML post without ``<title>`` stopped the build with no line on
it. The site's Markdown reader tells it at the ``Title:`` line
(``reflections.parse.reader``); sourceguard's reader wrapper tells it for
every other reader, with this rule.
"""

from __future__ import annotations

from typing import Any

from .rules import Finding, Rule, declare_rules
from .text import shows_nothing

(NO_TITLE,) = declare_rules(
    Rule(
        "no-title",
        "a post or page without a `Title` (it is left out)",
        "error",
        "error",
    ),
)


def untitled(metadata: dict[str, Any], source_path: str) -> Finding | None:
    """A finding when a file another reader read has no title that shows."""
    if not shows_nothing(str(metadata.get("title") or "")):
        return None
    return Finding(
        NO_TITLE.name,
        "no title: give it one (a reStructuredText document's title, an HTML "
        "page's <title>); it is left out",
        source_path,
    )
