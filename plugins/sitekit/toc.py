"""Python-Markdown's table of contents, listed only where a post asks.

The ``toc`` extension does two jobs on every document: it gives each
heading its id (the anchors people link to and share), and it makes the
table of contents: a list of every heading, serialised and put through
every postprocessor, and a walk of the whole tree looking for the
``[TOC]`` marker to put it in place of. Most posts have no marker, and for
them the second job is half of the extension's cost, spent on a list
no page shows.

This is Python-Markdown's own extension with one change: the list is made
only when the parsed document holds the marker, as the text of an element
of its own (upstream replaces nothing else). The ids are made by
upstream's code in either case, so every heading keeps the id it had;
where no marker appears, ``Markdown.toc`` is empty (nothing in this site
reads it; ``toc_tokens`` is kept).

Use it in ``MARKDOWN["extension_configs"]`` as ``"sitekit.toc"``, with
the options of ``markdown.extensions.toc``.

One default differs: a heading's id. Upstream's ``slugify`` keeps ASCII
only, so a heading in Japanese, Russian or Greek gets an empty slug and
then the id ``_1``, the next one ``_2``: anchors that say nothing and
change when a heading is added above. ``heading_slug`` keeps upstream's
ASCII id wherever it has one (so ``Café`` keeps the ``cafe`` every shared
link uses) and falls back to upstream's ``slugify_unicode`` only where
ASCII leaves nothing. A ``slugify`` option given in the settings wins.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import toc


def holds_marker(root: etree.Element, marker: str) -> bool:
    """Whether any element's whole text is ``marker``: every element
    upstream would replace with the list, and perhaps a few more (in code
    or a heading), for which upstream then runs as it always does."""
    return any(
        element.text is not None
        and element.text.strip() == marker
        and len(element) == 0
        for element in root.iter()
    )


class OnDemandTocTreeprocessor(toc.TocTreeprocessor):
    """Upstream's tree processor; the list only for a document with the
    marker."""

    _listed = True

    def run(self, doc: etree.Element) -> None:
        self._listed = bool(self.marker) and holds_marker(doc, self.marker)
        super().run(doc)
        if not self._listed:
            self.md.toc = ""

    def build_toc_div(self, toc_list: list) -> etree.Element:
        if self._listed:
            return super().build_toc_div(toc_list)
        return etree.Element("div")  # nothing to list: nothing shows it

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self._listed:
            super().replace_marker(root, elem)


def heading_slug(value: str, separator: str) -> str:
    """Upstream's ASCII slug, or its Unicode slug where ASCII leaves
    nothing (a heading in a script without Latin letters)."""
    return toc.slugify(value, separator) or toc.slugify_unicode(value, separator)


class TocExtension(toc.TocExtension):
    TreeProcessorClass = OnDemandTocTreeprocessor

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("slugify", heading_slug)
        super().__init__(**kwargs)


def makeExtension(**kwargs) -> TocExtension:  # the name Markdown looks for
    return TocExtension(**kwargs)
