"""A Webmention's text with the curly quotes and dashes of comments.

A comment file is Markdown, and the renderer's smarty extension gives its
text the posts' curly quotes, apostrophes, dashes and ellipses. A
Webmention arrives as HTML from another site, which no Markdown reads, so
it kept straight quotes beside comments that have curly ones: in its
thread, in its excerpt on the reflection index, in the comment feeds and in
reflections.json. Its text goes through the same extension: smarty's own
inline processor (Python-Markdown's), one text node at a time, as smarty
treats a Markdown document's text once its inline markup is read. Code and
preformatted text stay as they are, as they do in Markdown.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from functools import cache

from markdown import Markdown

#: Elements whose text smarty leaves alone, as in a Markdown document.
LITERAL = {"code", "pre", "kbd", "samp"}
#: What smarty changes something in: quotes, double hyphens, three dots.
_MARKS = ("'", '"', "--", "...")


class Typesetter:
    """Smarty's substitutions, with a comment's configuration (the
    extension's defaults, written out as characters)."""

    def __init__(self) -> None:
        self._markdown = Markdown(extensions=["smarty"], output_format="html5")
        self._smarty = self._markdown.treeprocessors["smarty"]

    def text(self, text: str) -> str:
        """Plain text in, plain text out, with smarty's substitutions."""
        if not any(mark in text for mark in _MARKS):
            return text
        markdown = self._markdown
        markdown.reset()
        holder = etree.Element("div")
        etree.SubElement(holder, "p").text = text
        self._smarty.run(holder)
        # Smarty's substitutions wait in Markdown's stash, as placeholders,
        # until its postprocessors put them in the HTML.
        typeset = html.escape(holder[0].text or "", quote=False)
        for postprocessor in markdown.postprocessors:
            typeset = postprocessor.run(typeset)
        return html.unescape(typeset)

    def fragment(self, fragment: str) -> str:
        """Sanitised HTML with every text node outside code typeset."""
        if not any(mark in fragment for mark in _MARKS):
            return fragment
        import lxml.html  # as in sanitize: only mentions need it here

        container = lxml.html.fragment_fromstring(fragment, create_parent="div")
        self._typeset(container, literal=False)
        inner = html.escape(container.text or "", quote=False)
        return inner + "".join(
            lxml.html.tostring(child, encoding="unicode") for child in container
        )

    def _typeset(self, element, literal: bool) -> None:
        literal = literal or element.tag in LITERAL
        if element.text and not literal:
            element.text = self.text(element.text)
        for child in element:
            if isinstance(child.tag, str):  # not a comment
                self._typeset(child, literal)
            if child.tail and not literal:
                child.tail = self.text(child.tail)


@cache
def typesetter() -> Typesetter:
    """One for the build: a Markdown instance is not cheap to make."""
    return Typesetter()
