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
* a private marker spelt other than ``[!private]`` (in a field or the
  body, outside fenced code) is reported with its line and spelling.

Private fields and blocks themselves are hidden on the structure Markdown
builds, by ``sitekit.privateblocks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from sitekit.hygiene import misspelt_private_markers, remove_control_characters
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
        state.source_lines = tuple(lines)
        clean = remove_control_characters(lines)
        state.findings.extend(clean.findings)
        lines = clean.lines
        text = "\n".join(lines)
        state.findings.extend(indented_fields(text))
        state.findings.extend(
            misspelt_private_markers(lines, skip=fenced_code_lines(text))
        )
        return lines
