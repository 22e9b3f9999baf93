"""The first preprocessor a post meets: the file's own lines, as written.

It runs before Python-Markdown normalises whitespace (which would drop some
control characters without a word) and before the meta extension reads the
metadata, so that:

* prompts left over from ``reflect new`` are found where the writer left
  them (``prompts``);
* control characters are removed, each line that had any reported with
  its number;
* a metadata line indented with a tab or spaces, which Markdown reads as
  more of the field above it, is reported with its number;
* a metadata field holding a private marker on any of its lines (``Who: >
  [!private] ...``, ``Question: [! private] ...``) is blanked out here and
  dropped by the reader, so its text reaches no page, feed or JSON;
* a private marker spelt other than ``[!private]`` is reported, outside
  fenced code. The body's private blocks are hidden by the callout
  preprocessor, which runs next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from sitekit.hygiene import (
    has_private_marker,
    hide_private_fields,
    misspelt_private_markers,
    remove_control_characters,
)
from sitekit.sourcelines import indented_fields

from .fences import fenced_code_lines
from .prompts import placeholder_lines

if TYPE_CHECKING:
    from .callouts import CalloutExtension


class CleanupPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        state = self.extension.state
        state.prompts = placeholder_lines(lines)  # the lines as written
        clean = remove_control_characters(lines)
        state.findings.extend(clean.findings)
        lines = clean.lines
        text = "\n".join(lines)
        state.findings.extend(indented_fields(text))
        if not has_private_marker(text):
            return lines
        state.findings.extend(
            misspelt_private_markers(lines, skip=fenced_code_lines(text))
        )
        state.hidden_fields |= hide_private_fields(lines)
        return lines
