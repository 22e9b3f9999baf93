"""The last postprocessor a post meets: character references made readable.

Markdown passes a reference such as ``&#7;`` or ``&#xFFFE;`` through as it
was written; ``sitekit.charrefs`` turns each into one a browser reads
without an error, removing those that stand for no character. Each removal
is reported at the first line of the file that holds the reference as it
was written (the HTML has no line numbers); a reference repeated in a
quoted callout is reported once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.postprocessors import Postprocessor

from sitekit.charrefs import removed_references_message, repair_references
from sitekit.hygiene import CONTROL_CHARACTER
from sitekit.rules import Finding

if TYPE_CHECKING:
    from .callouts import CalloutExtension

#: A numeric reference as written in the file (``sitekit.charrefs`` removes
#: only numeric ones).
_WRITTEN_REFERENCE = re.compile(r"&#(?:[xX][0-9a-fA-F]+|[0-9]+);")


class ReferencesPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        repaired = repair_references(text)
        if repaired.removed:
            state = self.extension.state
            for line, removed in _by_line(repaired.removed, state.source_lines):
                finding = Finding(
                    CONTROL_CHARACTER.name,
                    removed_references_message(removed),
                    None,
                    line,
                )
                if finding not in state.findings:
                    state.findings.append(finding)
        return repaired.html


def _by_line(
    removed: tuple[str, ...], lines: tuple[str, ...]
) -> list[tuple[int | None, tuple[str, ...]]]:
    """The removed references grouped by the first line holding each, the
    file read once (a post of many references costs no more than its size)."""
    wanted = set(removed)
    first_line: dict[str, int] = {}
    for number, text in enumerate(lines, 1):
        if "&" in text:
            for found in _WRITTEN_REFERENCE.findall(text):
                if found in wanted:
                    first_line.setdefault(found, number)
    grouped: dict[int | None, list[str]] = {}
    for reference in removed:
        grouped.setdefault(first_line.get(reference), []).append(reference)
    return [(line, tuple(found)) for line, found in grouped.items()]
