"""Python-Markdown's smarty, trying its patterns only on text they can match.

``smarty`` runs a second inline pass over the whole document: every piece
of text (each paragraph's, each list item's, each bit between two links or
emphases) is tried against each of its eighteen patterns in turn, and
Python-Markdown's machinery around each try costs far more than the
regular expression. Yet every one of those patterns needs a quote, ``--``,
``...`` (or ``<<``/``>>`` with angled quotes) to match, and most pieces of
text hold none: about 1.8 ms of a post's 4 ms of Markdown went on finding
nothing.

This is Python-Markdown's own extension with its pass wrapped: text that
holds none of those characters is marked as Python-Markdown's own
``AtomicString`` ("leave this text alone", which the pass honours) for the
pass, and given back as the plain text it was right after, before any
other processor runs. Text the pass could change goes through it as
before, so the output is the same byte for byte.

Use it in ``MARKDOWN["extension_configs"]`` as ``"sitekit.smarty"``, with
the options of ``markdown.extensions.smarty``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import smarty
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: Where Python-Markdown 3 registers smarty's pass (its documented priority).
PASS_PRIORITY = 6


class OnlyWhereItCanMatch(Treeprocessor):
    """Smarty's pass, over the text that holds one of ``marks``."""

    def __init__(
        self, md: Markdown, smarty_pass: Treeprocessor, marks: tuple[str, ...]
    ):
        super().__init__(md)
        self.smarty_pass = smarty_pass
        self.marks = marks
        # One search for any of the marks: a tenth of a generator's cost
        # over the marks, for the hundred pieces of text of a post.
        self._marks_found = (
            re.compile("|".join(re.escape(mark) for mark in marks)).search
            if marks
            else _never
        )

    def run(self, root: etree.Element) -> None:
        left_alone: list[tuple[etree.Element, str]] = []
        to_try = False  # whether any text is left for the pass
        for element in root.iter():
            for part in ("text", "tail"):
                text = getattr(element, part)
                if not text or isinstance(text, AtomicString):
                    continue
                if self._can_match(text):
                    to_try = True
                else:
                    setattr(element, part, AtomicString(text))
                    left_alone.append((element, part))
        # With every text left alone the pass would walk the whole tree
        # and change nothing: a post without a quote, a dash or an
        # ellipsis skips it.
        if to_try:
            self.smarty_pass.run(root)
        for element, part in left_alone:
            text = getattr(element, part)
            if isinstance(text, AtomicString):
                setattr(element, part, str(text))

    def _can_match(self, text: str) -> bool:
        return self._marks_found(text) is not None


def _never(text: str) -> None:
    return None


class SmartyExtension(smarty.SmartyExtension):
    def extendMarkdown(self, md: Markdown) -> None:  # the name Markdown calls
        super().extendMarkdown(md)
        configs = self.getConfigs()
        marks = [
            *(("'", '"') if configs["smart_quotes"] else ()),
            *(("--",) if configs["smart_dashes"] else ()),
            *(("...",) if configs["smart_ellipses"] else ()),
            *(("<<", ">>") if configs["smart_angled_quotes"] else ()),
        ]
        smarty_pass = md.treeprocessors["smarty"]
        md.treeprocessors.register(
            OnlyWhereItCanMatch(md, smarty_pass, tuple(marks)), "smarty", PASS_PRIORITY
        )


def makeExtension(**kwargs) -> SmartyExtension:  # the name Markdown looks for
    return SmartyExtension(**kwargs)
