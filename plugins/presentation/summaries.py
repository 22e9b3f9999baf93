"""A summary made from a post's start reads as its prose.

A post without a ``Summary:`` gets Pelican's: the first
``SUMMARY_MAX_LENGTH`` words of its HTML. Every listing, feed and link
preview shows that summary as text, and the HTML holds more than the
writer's sentences: the number of a footnote reference ("titles1"), the
footnotes themselves with their "↩" links back, a table of contents ("Contents
What I asked"), a heading's permalink mark, a lesson callout's label
("Lesson Aim two levels up"). Pelican takes out reStructuredText's table of
contents only. So the summary is made here from the post's HTML without
those parts, with Pelican's own truncation and settings, once every
generator has its context (Pelican's moment for plugins that make summaries:
links between posts are resolved then). A post that holds none of them, or
one with its own ``Summary:``, keeps Pelican's summary as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import lxml.html
from pelican.utils import (
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)

#: Classes of what a page shows around the writer's words, never part of
#: them: Python-Markdown's footnotes and table of contents, docutils'
#: footnotes, citations and contents, heading permalinks, and the theme's
#: label of a lesson callout.
FURNITURE_CLASSES = frozenset(
    {
        *("footnote", "footnote-ref", "footnote-backref", "footnotes"),
        *("footnote-list", "footnote-reference", "citation", "citation-reference"),
        *("toc", "contents", "headerlink"),
        "lesson-callout__label",
    }
)

_MAYBE_FURNITURE = re.compile(
    r"""class\s*=\s*["']?[^"'>]*\b(?:"""
    + "|".join(sorted(map(re.escape, FURNITURE_CLASSES), key=len, reverse=True))
    + r""")\b"""
)
_FURNITURE = " or ".join(
    f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'
    for name in sorted(FURNITURE_CLASSES)
)


def summary_from_body(html: str, settings: Mapping[str, Any]) -> str | None:
    """The summary Pelican would make from ``html`` with its furniture
    taken out; None when ``html`` holds none (Pelican's own stands)."""
    if not html or not _MAYBE_FURNITURE.search(html):
        return None
    body = without_furniture(html)
    if body is None:
        return None
    max_paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    if max_paragraphs is not None:
        body = truncate_html_paragraphs(body, max_paragraphs)
    max_length = settings.get("SUMMARY_MAX_LENGTH")
    if max_length is not None:
        body = truncate_html_words(
            body, max_length, settings.get("SUMMARY_END_SUFFIX", "…")
        )
    return strip_toc_elements_from_html(body)


def without_furniture(html: str) -> str | None:
    """``html`` without the elements of ``FURNITURE_CLASSES`` (what follows
    each kept); None when it holds none after all."""
    holder = lxml.html.fragment_fromstring(html, create_parent="div")
    found = holder.xpath(f".//*[{_FURNITURE}]")
    if not found:
        return None
    for element in found:
        if element.getparent() is not None:
            element.drop_tree()
    kept = [holder.text or ""]
    kept.extend(lxml.html.tostring(child, encoding="unicode") for child in holder)
    return "".join(kept)
