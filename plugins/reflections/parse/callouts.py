"""Lesson and private callouts, as a Python-Markdown extension.

A post marks what a conversation taught with GitHub/Obsidian-style callouts::

    > [!lesson] Reframe setbacks as opportunities
    > His department was halved; he used the gap to learn two other functions.

and keeps notes to itself with ``> [!private]`` (hidden by
``sitekit.privateblocks`` on the structure Markdown builds, note paragraphs
included). Three processors share the work:

* a preprocessor, which runs before the meta extension so that it sees the
  file's real line numbers, replaces each lesson callout with a placeholder
  line. A callout starts its own quote: a marker line that an earlier
  quote of the same block carries on is part of that quote, as Markdown
  reads it, and a callout whose marker line holds a private marker is left
  a quote, for the private blocks to hide whole;
* a block processor, which turns a placeholder into an ``<aside>`` with a
  stable ``id`` and parses the note as ordinary Markdown;
* a tree processor, which records each note as finished HTML, so that the
  lesson's page can quote it without converting the post a second time.

The extension knows nothing about files; the reader adds the path to what
it finds.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, AtomicString
from markupsafe import Markup

from sitekit.markers import has_private_marker
from sitekit.rules import Finding
from sitekit.sourcelines import metadata_lines
from sitekit.text import text_filter

from ..model import LessonCallout
from .cleanup import CleanupPreprocessor
from .fences import fenced_code_lines

# `> [!kind] title`, possibly inside other quotes or list indentation.
_LIST_ITEM = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
_MARKER = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<list>(?:{_LIST_ITEM})*)(?P<quotes>(?:>[ \t]?)+)"
    r"\[!(?P<kind>[A-Za-z]+)\][+-]?(?P<title>.*)$"
)
_QUOTE_PREFIX = re.compile(rf"^[ \t]*(?:{_LIST_ITEM})*((?:>[ \t]?)+)")
_PLACEHOLDER = "\x02reflections-callout:{}\x03"
_PLACEHOLDER_RE = re.compile(r"^\x02reflections-callout:(\d+)\x03$")


def quote_depth(line: str) -> int:
    """How many ``>`` open the line (0 for a line outside any quote)."""
    match = _QUOTE_PREFIX.match(line)
    return match.group(1).count(">") if match else 0


@dataclass
class _Pending:
    """A lesson callout between the preprocessor and the tree processor."""

    statement: str
    anchor: str
    note_markdown: str
    line: int
    note_element: etree.Element | None = None


@dataclass
class CalloutState:
    """What the extension found in one conversion."""

    pending: list[_Pending] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    callouts: list[LessonCallout] = field(default_factory=list)
    # Where each metadata field is, for messages about the document.
    metadata_lines: dict[str, list[int]] = field(default_factory=dict)
    # Lines still holding a `reflect new` prompt: (line number, text).
    prompts: tuple[tuple[int, str], ...] = ()
    converted: bool = False


class CalloutPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: LessonCalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        state = self.extension.state
        state.converted = True
        state.metadata_lines = metadata_lines(text)
        if "[!" not in text:
            return lines  # most documents, and every Summary, have no callouts
        marked = _lines_containing(text, "[!")
        code = fenced_code_lines(text)
        used_anchors: set[str] = set()
        output: list[str] = []
        resume = 0  # first line not yet copied to the output
        for index in marked:
            if index < resume or index in code:
                continue
            match = _MARKER.match(lines[index])
            if not match or match.group("kind").lower() != "lesson":
                continue
            if has_private_marker(lines[index]):
                continue  # a private quote: hidden whole, statement and all
            if not self._at_top_level(match, index + 1):
                continue
            if _inside_earlier_quote(lines, index):
                self._nested(index + 1)
                continue
            statement = " ".join(match.group("title").split())
            if not statement:
                state.findings.append(
                    Finding(
                        "callout-without-statement",
                        "lesson callout without a statement: write the lesson after "
                        "the marker, as in `> [!lesson] Aim two levels up`; it is "
                        "shown as a plain quote",
                        line=index + 1,
                    )
                )
                continue
            output.extend(lines[resume:index])
            pending, resume = self._read_callout(lines, index, statement, used_anchors)
            self.extension.state.pending.append(pending)
            number = len(self.extension.state.pending) - 1
            output.extend(["", _PLACEHOLDER.format(number), ""])
        output.extend(lines[resume:])
        return output

    def _at_top_level(self, match: re.Match, line_number: int) -> bool:
        indent = len(match.group("indent").expandtabs(4))
        if (
            indent < 4
            and not match.group("list")
            and match.group("quotes").count(">") == 1
        ):
            return True
        self._nested(line_number)
        return False

    def _nested(self, line_number: int) -> None:
        self.extension.state.findings.append(
            Finding(
                "nested-callout",
                "lesson callouts count only at the top level of a post, not inside "
                "a list or another quote (leave a blank line before one); this one "
                "is shown as a plain quote",
                line=line_number,
            )
        )

    def _read_callout(
        self,
        lines: list[str],
        index: int,
        statement: str,
        used_anchors: set[str],
    ) -> tuple[_Pending, int]:
        """The callout whose marker is ``lines[index]``, and the number of
        the first line after it: the quote runs to a line Markdown takes as
        blank (a line of other Unicode spaces is not) or not quoted."""
        note_lines: list[str] = []
        end = len(lines)
        for following in range(index + 1, len(lines)):
            line = lines[following]
            if _blank(line) or not quote_depth(line):
                end = following
                break
            note_lines.append(_unquote(line))
        anchor = unique_anchor(
            f"lesson-{self.extension.anchor_slug(statement)}", used_anchors
        )
        return _Pending(statement, anchor, "\n".join(note_lines), index + 1), end


class CalloutBlockProcessor(BlockProcessor):
    def __init__(self, parser, extension: LessonCalloutExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return _PLACEHOLDER_RE.match(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        number = int(_PLACEHOLDER_RE.match(blocks.pop(0)).group(1))
        pending = self.extension.state.pending[number]
        aside = etree.SubElement(
            parent, "aside", {"class": "lesson-callout", "id": pending.anchor}
        )
        heading = etree.SubElement(aside, "p", {"class": "lesson-callout__statement"})
        label = etree.SubElement(heading, "span", {"class": "lesson-callout__label"})
        label.text = AtomicString("Lesson")
        # The statement's text, as every page shows it (sitekit.text), kept
        # from the serializer, which would leave "&lt;" in it as an entity.
        statement = self.parser.md.htmlStash.store(str(text_filter(pending.statement)))
        label.tail = AtomicString(" " + statement)
        note = etree.SubElement(aside, "div", {"class": "lesson-callout__note"})
        if pending.note_markdown.strip():
            self.parser.parseChunk(note, pending.note_markdown)
        pending.note_element = note


class CalloutNoteTreeprocessor(Treeprocessor):
    """Record each note's finished HTML, after inline processing and unescaping."""

    def __init__(self, md: Markdown, extension: LessonCalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        for pending in state.pending:
            note_html = note_text = ""
            if pending.note_element is not None:
                note_text = " ".join("".join(pending.note_element.itertext()).split())
                note_html = "".join(
                    self.md.serializer(child) for child in pending.note_element
                )
                if STX in note_html:  # only stashed raw HTML needs the postprocessors
                    for postprocessor in self.md.postprocessors:
                        note_html = postprocessor.run(note_html)
                    note_text = Markup(note_html).striptags()
                note_html = note_html.strip()
            state.callouts.append(
                LessonCallout(
                    statement=pending.statement,
                    anchor=pending.anchor,
                    note_html=note_html,
                    note_text=note_text,
                    line=pending.line,
                )
            )


class LessonCalloutExtension(Extension):
    """Register the callout processors; ``state`` holds the last document's.

    A callout's anchor is ``lesson-`` and the slug of its lesson: the known
    lesson's, when ``known_slug`` finds the statement in the vocabulary, and
    the statement's own otherwise, as the resolve stage will have it. The
    content cache is keyed on the vocabulary, so a cached post's anchors
    are always the ones the resolve stage gives.
    """

    def __init__(
        self,
        slugify: Callable[[str], str],
        known_slug: Callable[[str], str | None] = lambda statement: None,
        **kwargs,
    ):
        # Statements repeat across posts, and slugify is not cheap.
        self.anchor_slug = functools.lru_cache(maxsize=4096)(
            lambda statement: known_slug(statement) or slugify(statement)
        )
        self.state = CalloutState()
        self._finished: list[CalloutState] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before normalize_whitespace (30), which would drop some control
        # characters without a word, and before the meta extension (27).
        md.preprocessors.register(
            CleanupPreprocessor(md, self), "reflections-cleanup", 35
        )
        md.preprocessors.register(CalloutPreprocessor(md, self), "reflections", 28)
        md.parser.blockprocessors.register(
            CalloutBlockProcessor(md.parser, self), "reflections", 85
        )
        md.treeprocessors.register(
            CalloutNoteTreeprocessor(md, self), "reflections", -10
        )

    def reset(self) -> None:
        # Pelican resets Markdown before rendering each formatted field
        # (Summary) with it: the document's findings are kept, not lost.
        if self.state.converted:
            self._finished.append(self.state)
        self.state = CalloutState()

    def start_document(self) -> None:
        """Forget earlier documents: the next conversion is a new file's."""
        self._finished = []
        self.state = CalloutState()

    def document_state(self) -> CalloutState:
        """What the first conversion since ``start_document`` found."""
        return self._finished[0] if self._finished else self.state


def _lines_containing(text: str, needle: str) -> list[int]:
    """Numbers of the lines of ``text`` that contain ``needle``, in order."""
    numbers: list[int] = []
    position = text.find(needle)
    while position != -1:
        number = text.count("\n", 0, position)
        if not numbers or numbers[-1] != number:
            numbers.append(number)
        position = text.find(needle, position + 1)
    return numbers


def _blank(line: str) -> bool:
    """A blank line as Markdown's block parser has it: spaces and tabs only."""
    return not line.strip(" \t")


def _inside_earlier_quote(lines: list[str], index: int) -> bool:
    """Whether a quote opened earlier in the same block (since the last
    blank line) carries on to ``lines[index]``: Markdown's quote takes every
    line after its first ``>`` line in a block, quoted or not."""
    for earlier in range(index - 1, -1, -1):
        line = lines[earlier]
        if _blank(line):
            return False
        if quote_depth(line):
            return True
    return False


def _unquote(line: str) -> str:
    """Remove one level of ``>`` quoting, as the blockquote processor does."""
    stripped = line.lstrip(" \t")
    if stripped.startswith(">"):
        stripped = stripped[1:]
        if stripped.startswith((" ", "\t")):
            stripped = stripped[1:]
    return stripped


def unique_anchor(anchor: str, used: set[str]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3``... if it is already in ``used``."""
    if anchor == "lesson-":
        anchor = "lesson"
    candidate, number = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{number}"
        number += 1
    used.add(candidate)
    return candidate
