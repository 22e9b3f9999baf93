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
#: footnotes, citations and contents, heading permalinks. The label of a
#: callout of any kind (``lesson-callout__label``, ``story-…``) is one too.
FURNITURE_CLASSES = frozenset(
    {
        *("footnote", "footnote-ref", "footnote-backref", "footnotes"),
        *("footnote-list", "footnote-reference", "citation", "citation-reference"),
        *("toc", "contents", "headerlink"),
    }
)
CALLOUT_LABEL = "-callout__label"

#: A quoted class attribute, as Markdown and docutils write them: bounded,
#: so a post full of ``class=`` in its prose is read in one pass.
_CLASS_ATTRIBUTE = re.compile(
    r"""\bclass\s*=\s*(?:"([^"<>]{0,500})"|'([^'<>]{0,500})')"""
)

#: What may follow a footnote's number with no space before it: a removed
#: number leaves "titles ." where the writer put a space before it.
_CLOSING_PUNCTUATION = ".,;:!?…)]}»”’"

#: Words a summary is first made from, beyond those it keeps: most posts'
#: furniture is a label or a footnote number or two.
_SPARE_WORDS = 50


def summary_from_body(html: str, settings: Mapping[str, Any]) -> str | None:
    """The summary Pelican would make from ``html`` with its furniture
    taken out; None when its summary would hold none (Pelican's stands).

    Made from the start of the body only (twice the words needed, more if
    the furniture took them): a post's whole body parsed again cost ten
    times Pelican's own summary."""
    if not html:
        return None
    max_length = settings.get("SUMMARY_MAX_LENGTH")
    max_paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    suffix = settings.get("SUMMARY_END_SUFFIX", "…")
    if max_length is not None and max_paragraphs is None:
        if not holds_furniture(truncate_html_words(html, max_length, suffix)):
            return None
        words = max_length + _SPARE_WORDS
        while True:
            start = truncate_html_words(html, words, "")
            cleaned = without_furniture(start)
            # Enough once the words left run past the summary's (it is
            # cut from them), or once the whole body was read.
            cut = truncate_html_words(cleaned, max_length, "") != cleaned
            if cut or start == html or words > len(html):
                break
            words *= 4
        summary = truncate_html_words(cleaned, max_length, suffix)
    else:
        if not holds_furniture(html):
            return None
        body = without_furniture(html)
        if max_paragraphs is not None:
            body = truncate_html_paragraphs(body, max_paragraphs)
        summary = body
        if max_length is not None:
            summary = truncate_html_words(body, max_length, suffix)
    return strip_toc_elements_from_html(summary)


def is_furniture(classes: str) -> bool:
    """Whether an element of class attribute ``classes`` is furniture."""
    return any(
        name in FURNITURE_CLASSES or name.endswith(CALLOUT_LABEL)
        for name in classes.split()
    )


def holds_furniture(html: str) -> bool:
    """Whether ``html`` may hold furniture: a class attribute naming it."""
    return any(
        is_furniture(found.group(1) or found.group(2) or "")
        for found in _CLASS_ATTRIBUTE.finditer(html)
    )


def without_furniture(html: str) -> str:
    """``html`` without its furniture elements (what follows each kept)."""
    holder = lxml.html.fragment_fromstring(html, create_parent="div")
    found = [
        element
        for element in holder.iter()
        if element is not holder and is_furniture(element.get("class") or "")
    ]
    for element in found:
        if element.getparent() is None:
            continue
        # A footnote's number is a link in a ``<sup>``: the ``<sup>`` goes
        # with it, and so what follows it is what follows the number.
        while _holds_only(element.getparent(), element):
            element = element.getparent()
        if (element.tail or "")[:1] in tuple(_CLOSING_PUNCTUATION):
            _trim_before(element)
        element.drop_tree()
    kept = [holder.text or ""]
    kept.extend(lxml.html.tostring(child, encoding="unicode") for child in holder)
    return "".join(kept)


def _holds_only(parent: Any, child: Any) -> bool:
    """Whether ``parent`` is a ``<sup>`` or ``<span>`` holding ``child``
    and nothing else that shows."""
    return (
        parent is not None
        and parent.tag in ("sup", "span")
        and parent.getparent() is not None
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (child.tail or "").strip()
    )


def _trim_before(element: Any) -> None:
    """Take the spaces off the text just before ``element``."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "").rstrip() or None
    else:
        parent = element.getparent()
        parent.text = (parent.text or "").rstrip() or None
