"""Whether Markdown makes a callout's marker line more of the block above.

A callout counts where Markdown starts a quote of its own at the top level
of the post. A quote line with no blank line before it does not always
start one: after a quoted line or a list item, Markdown carries the quote
or the item on over it (a plain quote inside the item), after a table row
it is another row, after a definition more of the definition; after a
paragraph or a heading it starts its own quote. Rather than copy each of
Python-Markdown's block rules (and those of the site's extensions), the
callout preprocessor asks Python-Markdown: the lines of the block above,
then a stand-in quote line, through the block parser of a Markdown made
with the site's own Markdown settings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import markdown

_STAND_IN = "\x02reflections-quote-probe\x03"
#: The start of a line that starts a list's item, up to its words.
_ITEM_MARKER = re.compile(r"^[ ]*(?:\d+\.|[*+-])[ ]+")
#: Without the site's settings (a test's converter): Pelican's default.
_DEFAULT_SETTINGS: Mapping[str, Any] = {"extensions": ["markdown.extensions.extra"]}


class BlockProbe:
    """Python-Markdown's block parser, with the site's extensions, for a few
    lines at a time. Made when first asked: most posts never ask."""

    def __init__(self, markdown_settings: Mapping[str, Any] | None = None):
        self._settings = markdown_settings or _DEFAULT_SETTINGS
        self._markdown: markdown.Markdown | None = None

    def carries_on(self, before: Sequence[str]) -> bool:
        """Whether a quote line right after the lines ``before`` (a block,
        with no blank line in it) is, to Markdown, more of that block
        rather than a quote of its own at the top level."""
        if not before:
            return False
        md = self._parser()
        md.reset()
        root = md.parser.parseDocument([*before, "> " + _STAND_IN]).getroot()
        return not any(
            child.tag == "blockquote"
            and (child.findtext("p") or "").startswith(_STAND_IN)
            for child in root
        )

    def starts_item(self, stretch: Sequence[str]) -> bool:
        """Whether Markdown starts an item of a list at the last line of
        ``stretch`` (lines with no blank one between), rather than making
        it more of a quote (a lazy line) or of anything else: its words,
        swapped for a stand-in, land in an item and in no quote."""
        last = stretch[-1]
        marker = _ITEM_MARKER.match(last)
        if marker is None:
            return False
        md = self._parser()
        md.reset()
        root = md.parser.parseDocument(
            [*stretch[:-1], marker.group(0) + _STAND_IN]
        ).getroot()
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            if _STAND_IN in (element.text or ""):
                kinds = []
                while element is not None:
                    kinds.append(element.tag)
                    element = parents.get(element)
                return "li" in kinds and "blockquote" not in kinds
        return False

    def in_code(self, lines: Sequence[str], indexes: Sequence[int]) -> set[int]:
        """Which of the lines at ``indexes`` (indented four spaces or more)
        Markdown reads as indented code rather than more of a list item, a
        raw HTML block or another block: each is swapped for a numbered
        stand-in and the document goes once through Markdown's
        preprocessors (fenced code and raw HTML set apart) and block
        parser, whatever the number of lines asked."""
        if not indexes:
            return set()
        # Letters only: Markdown's preprocessors drop the control characters
        # the other probes' stand-in holds.
        stand_ins = {
            index: f"zqcodeprobe{number}qz" for number, index in enumerate(indexes)
        }
        document = [
            line[: len(line) - len(line.lstrip())] + stand_ins[index]
            if index in stand_ins
            else line
            for index, line in enumerate(lines)
        ]
        md = self._parser()
        md.reset()
        for preprocessor in md.preprocessors:
            document = preprocessor.run(document)
        root = md.parser.parseDocument(document).getroot()
        code = "\n".join(element.text for element in root.iter("code") if element.text)
        return {
            index
            for index, stand_in in stand_ins.items()
            if re.search(rf"\b{stand_in}\b", code)
        }

    def _parser(self) -> markdown.Markdown:
        if self._markdown is None:
            configs = dict(self._settings.get("extension_configs", {}))
            # Named extensions only: an extension object belongs to the
            # Markdown that uses it.
            names = [
                name
                for name in [*self._settings.get("extensions", []), *configs]
                if isinstance(name, str)
            ]
            self._markdown = markdown.Markdown(
                extensions=list(dict.fromkeys(names)),
                extension_configs={
                    name: config for name, config in configs.items() if name in names
                },
            )
        return self._markdown
