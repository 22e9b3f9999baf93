"""Callouts, as a Python-Markdown extension.

A post marks what a conversation taught, the stories it gave and the
questions asked in it with GitHub/Obsidian-style callouts::

    > [!lesson] Reframe setbacks as opportunities
    > His department was halved; he used the gap to learn two other functions.

and keeps notes to itself with ``> [!private]`` (hidden by
``sitekit.privateblocks`` on the structure Markdown builds, note paragraphs
included). What each kind of callout means is in ``kinds`` (one class per
kind); this module does what is the same for all of them, in three
processors:

* a preprocessor, which runs before the meta extension so that it sees the
  file's real line numbers, removes the callouts of kinds the build
  withholds (``withheld``), and replaces each callout with a placeholder
  line. A callout starts its own quote at the top level: a marker line
  that Markdown makes more of the block above it (an earlier quote, a list
  item, a table row, a definition: ``carried`` asks Markdown) is not one,
  and a callout whose marker line holds a private marker is left a quote,
  for the private blocks to hide whole;
* a block processor, which turns a placeholder into an ``<aside>`` with a
  stable ``id``, its label and title, and the body its kind renders;
* a tree processor, which records each callout's finished HTML, so that the
  pages that quote it need not convert the post a second time.

The extension knows nothing about files; the reader adds the path to what
it finds.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, AtomicString

from sitekit.markers import fold
from sitekit.privateblocks import PrivateBlocksExtension, holds_private_marker
from sitekit.rules import Finding
from sitekit.sitewords import mark, take_marks_off
from sitekit.sourcelines import metadata_block, metadata_lines
from sitekit.text import as_text, shows_nothing

from ..model import AskedCallout, LessonCallout, StoryCallout
from .carried import BlockProbe
from .cleanup import CleanupPreprocessor
from .fences import fenced_code_lines
from .kinds import (
    KINDS,
    LESSONS_LINE,
    CalloutKind,
    Pending,
    lessons_line_html,
    take_lessons_lines,
)
from .names import OPENING, CalloutMarker, callout_marker
from .onevalue import settle_one_value_fields
from .ownblocks import starts_own_block
from .quoted import as_quoted
from .references import ReferencesPostprocessor
from .tocmarker import PRIORITY as TOC_CHECK
from .tocmarker import unfilled_tables_of_contents
from .withheld import has_withheld_marker, withheld_lines

_LIST_ITEM = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
_QUOTE_PREFIX = re.compile(rf"^[ \t]*(?:{_LIST_ITEM})*((?:>[ \t]?)+)")
#: An item of a list as Python-Markdown starts one (``1.``, not ``1)``).
_LIST_LINE = re.compile(r"^[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
_PLACEHOLDER = "\x02reflections-callout:{}\x03"
_PLACEHOLDER_RE = re.compile(r"^\x02reflections-callout:(\d+)\x03$")


def quote_depth(line: str) -> int:
    """How many ``>`` open the line (0 for a line outside any quote)."""
    match = _QUOTE_PREFIX.match(line)
    return match.group(1).count(">") if match else 0


@dataclass
class CalloutState:
    """What the extension found in one conversion."""

    pending: list[Pending] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # What each kind records (its ``collection``), in the order written.
    callouts: list[LessonCallout] = field(default_factory=list)
    stories: list[StoryCallout] = field(default_factory=list)
    asked: list[AskedCallout] = field(default_factory=list)
    # Where each metadata field is, for messages about the document.
    metadata_lines: dict[str, list[int]] = field(default_factory=dict)
    # Those of them that continue the field above (indented): one value.
    continuation_lines: frozenset[int] = frozenset()
    # Lines still holding a `reflect new` prompt: (line number, text).
    prompts: tuple[tuple[int, str], ...] = ()
    # Lessons this build leaves out with the callout naming them, for a
    # post that is then left with none: (line number, why), ``ParsedPost``.
    withheld_lessons: list[tuple[int, str]] = field(default_factory=list)
    # The file's lines as written, for where a reference was (references).
    source_lines: tuple[str, ...] = ()
    converted: bool = False


class CalloutPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        state = self.extension.state
        state.converted = True
        state.metadata_lines = metadata_lines(text)
        state.continuation_lines = frozenset(
            line.number for line in metadata_block(text) if line.continues
        )
        withheld = self.extension.withheld
        # Callout names are read folded, as a private marker is (``names``).
        folded = fold(text)
        if not OPENING.search(folded) and not has_withheld_marker(text, withheld):
            return lines  # most documents, and every Summary, have no callouts
        code = fenced_code_lines(text)
        metadata = {n - 1 for found in state.metadata_lines.values() for n in found}
        hidden: set[int] = set()  # the lines of withheld callouts
        breaks: frozenset[int] = frozenset()
        if has_withheld_marker(text, withheld):
            hidden = withheld_lines(
                lines,
                withheld,
                skip=code | metadata,
                starts_item=self.extension.block_probe.starts_item,
            )
            self._withhold_their_footnotes([lines[i] for i in sorted(hidden)])
            breaks = paragraph_breaks(lines, hidden)
            state.withheld_lessons.extend(
                (index + 1, "a local-only story's `Lessons:` line, withheld here")
                for index in sorted(hidden)
                if LESSONS_LINE.match(unquoted(lines[index]))
            )
        used_anchors: set[str] = set()
        output: list[str] = []
        resume = 0  # first line not yet copied to the output
        markers = [i for i in _lines_matching(folded, OPENING) if i not in code]
        code = code | self._indented_code(lines, markers, hidden)
        for index in markers:
            if index in code or index in hidden:
                continue
            match = callout_marker(lines[index])
            kind = KINDS.get(match.kind) if match else None
            if kind is None:
                continue
            if holds_private_marker(lines[index]):
                # A private quote: hidden whole, title and all.
                if kind.collection == "callouts" or any(
                    LESSONS_LINE.match(unquoted(line))
                    for line in _quoted_after(lines, index)
                ):
                    state.withheld_lessons.append(
                        (index + 1, f"a {kind.name} callout holding a private marker")
                    )
                continue
            if index < resume:  # in the note of the callout before
                self._nested(kind, index + 1)
                continue
            if not self._at_top_level(match, kind, index + 1):
                continue
            if self._carried_on(lines, index, code | metadata, hidden):
                self._nested(kind, index + 1)
                continue
            title = " ".join(match.title.split())
            if shows_nothing(title):
                state.findings.append(
                    Finding(
                        "callout-without-statement",
                        f"{kind.name} callout without a {kind.title_word}: write it "
                        f"after the marker, as in {kind.example}; it is shown as a "
                        "plain quote",
                        line=index + 1,
                    )
                )
                continue
            output.extend(_visible(lines, hidden, resume, index, breaks))
            pending, resume = self._read_callout(
                lines, hidden, code, index, kind, title, used_anchors
            )
            pending.source = "\n".join(_visible(lines, hidden, index, resume, breaks))
            state.pending.append(pending)
            output.extend(["", _PLACEHOLDER.format(len(state.pending) - 1), ""])
        output.extend(_visible(lines, hidden, resume, len(lines), breaks))
        return output

    def _withhold_their_footnotes(self, withheld: list[str]) -> None:
        """A footnote only withheld callouts refer to goes with them: the
        private blocks hide it, as they hide a private note's."""
        for extension in self.md.registeredExtensions:
            if withheld and isinstance(extension, PrivateBlocksExtension):
                extension.withhold_text("\n".join(withheld))

    def _carried_on(
        self, lines: list[str], index: int, stops: set[int], skip: set[int]
    ) -> bool:
        """Whether Markdown makes ``lines[index]`` more of the block above
        it, which runs back to a line Markdown takes as blank, to one in
        ``stops`` (fenced code, which Markdown sets apart as a block of its
        own, and the metadata), or to one that starts a block of its own
        (``ownblocks``: a raw HTML tag's line, the opening tag of a
        ``markdown="1"`` block among them, a heading, a rule). A quote in it
        carries the line on (Markdown's quote takes the rest of its block);
        otherwise Markdown is asked (``carried``). Lines in ``skip``
        (withheld ones) are not there for Markdown."""
        above: list[str] = []
        for earlier in range(index - 1, -1, -1):
            if earlier in skip:
                continue
            line = lines[earlier]
            if (
                earlier in stops
                or _blank(line)
                or starts_own_block(line, self.md.block_level_elements)
            ):
                break
            if quote_depth(line):
                return True  # found at once after a quote: no square time
            above.append(line)
        return self.extension.block_probe.carries_on(above[::-1])

    def _indented_code(
        self, lines: list[str], markers: list[int], hidden: set[int]
    ) -> set[int]:
        """The marker lines Markdown shows as indented code (a post that
        shows how a callout is written): code, like fenced code, and no
        finding. Only lines indented four columns or more can be; Markdown
        is asked about them (an indented line after a list item is more
        of the item), once for the document."""
        indented = [
            index
            for index in markers
            if index not in hidden
            and len(lines[index].expandtabs(4))
            - len(lines[index].expandtabs(4).lstrip())
            >= 4
        ]
        return self.extension.block_probe.in_code(lines, indented)

    def _at_top_level(self, match: CalloutMarker, kind: CalloutKind, line: int) -> bool:
        indent = len(match.indent.expandtabs(4))
        if indent < 4 and not match.list and match.quotes.count(">") == 1:
            return True
        self._nested(kind, line)
        return False

    def _nested(self, kind: CalloutKind, line: int) -> None:
        self.extension.state.findings.append(
            Finding(
                "nested-callout",
                f"{kind.name} callouts count only at the top level of a post, not "
                "inside a list, a table, a definition or another quote, nor right "
                "after one (leave a blank line before the callout); this one is "
                "shown as Markdown reads it there, a plain quote or text",
                line=line,
            )
        )

    def _read_callout(
        self,
        lines: list[str],
        hidden: set[int],
        ends: set[int],
        index: int,
        kind: CalloutKind,
        title: str,
        used_anchors: set[str],
    ) -> tuple[Pending, int]:
        """The callout whose marker is ``lines[index]``, and the number of
        the first line after it. The quote runs as Markdown's does: to a line
        Markdown takes as blank (a line of other Unicode spaces is not), over
        lines without ``>`` (lazy lines, which carry its paragraph on), up
        to a line that starts a block of its own (``ownblocks``).
        ``ends`` holds lines that end it too (fenced code)."""
        body: list[tuple[int, str]] = []
        end = len(lines)
        for following in range(index + 1, len(lines)):
            if following in hidden:
                continue
            line = lines[following]
            if following in ends or _blank(line):
                end = following
                break
            if not quote_depth(line):
                if starts_own_block(line, self.md.block_level_elements):
                    end = following
                    break
                body.append((following + 1, line))  # lazy: as written
                continue
            body.append((following + 1, _unquote(line)))
        slug = (
            self.extension.anchor_slug(title)
            if kind.anchored_by_lesson
            else self.extension.title_slug(title)
        )
        anchor = unique_anchor(kind.anchor_base(title, slug), used_anchors)
        pending = Pending(kind, title, anchor, index + 1, body)
        state = self.extension.state
        if kind.takes_lessons:
            pending.lessons, found = take_lessons_lines(pending)
            state.findings.extend(found)
        state.findings.extend(kind.prepare(pending))
        return pending, end


class CalloutBlockProcessor(BlockProcessor):
    def __init__(self, parser, extension: CalloutExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return _PLACEHOLDER_RE.match(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        number = int(_PLACEHOLDER_RE.match(blocks.pop(0)).group(1))
        pending = self.extension.state.pending[number]
        pending.rendered = True
        kind = pending.kind
        aside = etree.SubElement(
            parent, "aside", {"class": f"{kind.name}-callout", "id": pending.anchor}
        )
        heading = etree.SubElement(
            aside, "p", {"class": f"{kind.name}-callout__{kind.title_class}"}
        )
        label = mark(
            etree.SubElement(heading, "span", {"class": f"{kind.name}-callout__label"})
        )
        label.text = AtomicString(kind.label)
        # The title's text, as every page shows it (sitekit.text): atomic, so
        # that no Markdown in it is read; the typography tree processor lets
        # the post's smarty curl it, as it curls the body.
        label.tail = AtomicString(" " + as_text(pending.title))
        pending.title_node = label
        lessons_line_html(aside, pending, self.parser)
        kind.render_body(self.parser, aside, pending)


class OneValueFieldsTreeprocessor(Treeprocessor):
    """Settle the fields read as one value on the document's ``Meta``
    (``onevalue``), with the lines this extension found for them."""

    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        meta = getattr(self.md, "Meta", None)
        if not meta:  # no fields, or a formatted field's own conversion
            return
        state = self.extension.state
        state.findings.extend(
            settle_one_value_fields(
                meta,
                state.metadata_lines,
                state.continuation_lines,
                self.extension.formatted_fields,
            )
        )


class UnreadCalloutTreeprocessor(Treeprocessor):
    """Give back, as written, a callout that Markdown's block parser never
    reached because a raw HTML block (``<div>`` without ``markdown="1"``)
    took its lines: Markdown shows such text as it is, so the callout
    teaches nothing and is reported, rather than leaving its placeholder in
    the page. Runs before the private blocks look into raw HTML."""

    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        stash = self.md.htmlStash.rawHtmlBlocks
        for number, pending in enumerate(state.pending):
            if pending.rendered:
                continue
            placeholder = _PLACEHOLDER.format(number)
            for index, block in enumerate(stash):
                text = str(block)
                if placeholder in text:
                    text = text.replace(
                        f"\n\n{placeholder}\n\n", f"\n{pending.source}\n"
                    )
                    stash[index] = text.replace(placeholder, pending.source)
            state.findings.append(
                Finding(
                    "callout-in-raw-html",
                    f"{pending.kind.name} callout inside a raw HTML block, which "
                    "Markdown does not read: it is shown as written and counts "
                    'for nothing; move it out of the block or write markdown="1" '
                    "on the block's tag",
                    line=pending.line,
                )
            )


class CalloutTypographyTreeprocessor(Treeprocessor):
    """Give a callout's title and ``Lessons:`` line to the post's smarty.

    They are atomic text (their Markdown is not read: a title shows its
    text), so Markdown's inline processor leaves them alone; this runs after
    it and before smarty's own inline processor (priority 6), and makes them
    ordinary text, which smarty then curls with the post's configuration,
    exactly as it curls the body (no smarty, no change)."""

    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for pending in self.extension.state.pending:
            if pending.title_node is not None:
                pending.title_node.tail = str(pending.title_node.tail)
            if pending.lessons_node is not None:
                pending.lessons_node.text = str(pending.lessons_node.text)


class UnfilledTocTreeprocessor(Treeprocessor):
    """A ``[TOC]`` with no heading to list shows nothing, and is told
    (``tocmarker``)."""

    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        state.findings.extend(
            unfilled_tables_of_contents(root, self.md, state.source_lines)
        )


class CalloutTreeprocessor(Treeprocessor):
    """Record each callout with its finished HTML, after inline processing
    and unescaping."""

    def __init__(self, md: Markdown, extension: CalloutExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        for pending in state.pending:
            if not pending.rendered:
                continue  # inside raw HTML: shown as written, and reported
            pending.shown_title = self._finished_text(pending.title_node.tail)
            finished = {
                name: self._finished(element)
                for name, element in pending.elements.items()
            }
            record = pending.kind.record(pending, finished)
            getattr(state, pending.kind.collection).append(record)

    def _finished_text(self, text: str) -> str:
        """Atomic text as it is shown, as HTML: escaped, with smarty's
        substitutions (kept in Markdown's stash until the postprocessors
        run) put in. HTML, like a post's title, so that the pages that show
        it make it text once (sitekit.text)."""
        html = escape(" ".join(text.split()), quote=False)
        if STX in html:
            for postprocessor in self.md.postprocessors:
                html = postprocessor.run(html)
        return html

    def _finished(self, element: etree.Element) -> tuple[str, str]:
        """An element's children as HTML, and its text, as quoted away from
        the post (the banks, lesson pages, the data)."""
        element = as_quoted(element)
        text = " ".join("".join(element.itertext()).split())
        html = "".join(self.md.serializer(child) for child in element)
        if STX in html:  # only stashed raw HTML needs the postprocessors
            for postprocessor in self.md.postprocessors:
                html = postprocessor.run(html)
            text = as_text(html)
        return html.strip(), text


class CalloutExtension(Extension):
    """Register the callout processors; ``state`` holds the last document's.

    A lesson callout's anchor is ``lesson-`` and the slug of its lesson: the
    known lesson's, when ``known_slug`` finds the statement in the
    vocabulary, and the statement's own otherwise, as the resolve stage will
    have it. The content cache is keyed on the vocabulary, so a cached
    post's anchors are always the ones the resolve stage gives. Other kinds
    are anchored by their title's slug (``story-...``, ``asked-...``).

    ``withheld`` names kinds this build leaves out altogether, as it leaves
    out private notes (stories, when they are local-only: ``withheld``).
    ``markdown_settings`` are the site's (``MARKDOWN``), with which Markdown
    is asked whether a marker line is more of the block above (``carried``).
    """

    def __init__(
        self,
        slugify: Callable[[str], str],
        known_slug: Callable[[str], str | None] = lambda statement: None,
        withheld: frozenset[str] = frozenset(),
        formatted_fields: frozenset[str] = frozenset(),
        markdown_settings: Mapping[str, Any] | None = None,
        **kwargs,
    ):
        # Statements repeat across posts, and slugify is not cheap.
        self.anchor_slug = functools.lru_cache(maxsize=4096)(
            lambda statement: known_slug(statement) or slugify(statement)
        )
        self.title_slug = functools.lru_cache(maxsize=4096)(slugify)
        self.withheld = frozenset(withheld)
        self.formatted_fields = frozenset(formatted_fields)
        self.block_probe = BlockProbe(markdown_settings)
        self.state = CalloutState()
        self._finished: list[CalloutState] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        take_marks_off(md)  # the labels it marks as the site's words
        # Before normalize_whitespace (30), which would drop some control
        # characters without a word, and before the meta extension (27).
        md.preprocessors.register(
            CleanupPreprocessor(md, self), "reflections-cleanup", 35
        )
        md.preprocessors.register(CalloutPreprocessor(md, self), "reflections", 28)
        md.parser.blockprocessors.register(
            CalloutBlockProcessor(md.parser, self), "reflections", 85
        )
        # Before the private blocks (40), which look into raw HTML too.
        md.treeprocessors.register(
            UnreadCalloutTreeprocessor(md, self), "reflections-unread", 45
        )
        # After Markdown's inline processor (20), before smarty's (6).
        md.treeprocessors.register(
            CalloutTypographyTreeprocessor(md, self), "reflections-typography", 7
        )
        md.treeprocessors.register(
            UnfilledTocTreeprocessor(md, self), "reflections-toc", TOC_CHECK
        )
        md.treeprocessors.register(CalloutTreeprocessor(md, self), "reflections", -10)
        # Last of the postprocessors: raw HTML and entities are back in place.
        md.postprocessors.register(
            ReferencesPostprocessor(md, self), "reflections-references", 0
        )
        # First of the tree processors: every preprocessor (the meta
        # extension's) has read the fields; Pelican reads them after.
        md.treeprocessors.register(
            OneValueFieldsTreeprocessor(md, self), "reflections-one-value", 100
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


def unquoted(line: str) -> str:
    """A quoted line without its quote markers (``> > text`` is ``text``)."""
    return re.sub(r"^(?:[ \t]*>)+", "", line)


def _quoted_after(lines: list[str], index: int) -> list[str]:
    """The quote's lines after its marker line at ``index``."""
    quoted = []
    for line in lines[index + 1 :]:
        if not line.lstrip().startswith(">"):
            break
        quoted.append(line)
    return quoted


def _lines_matching(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Numbers of the lines of ``text`` where ``pattern`` matches, in order."""
    numbers: list[int] = []
    counted, line = 0, 0
    for found in pattern.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _visible(
    lines: list[str],
    hidden: set[int],
    start: int,
    end: int,
    breaks: frozenset[int] = frozenset(),
) -> list[str]:
    """``lines[start:end]`` without the lines of withheld callouts, a blank
    line in place of those that start at a line in ``breaks``."""
    if not hidden:
        return lines[start:end]
    return [
        "" if number in breaks else lines[number]
        for number in range(start, end)
        if number not in hidden or number in breaks
    ]


def paragraph_breaks(lines: list[str], hidden: set[int]) -> frozenset[int]:
    """The first lines of withheld quotes that start a quote of their own
    (``>`` after at most three spaces): the quote ended the block above it,
    and without a blank line in its place a ``---`` after it would make a
    paragraph, or a list's last item, a heading. In a list whose next item
    follows the quote, no blank line: it would make the list loose (each
    item a paragraph)."""
    breaks = set()
    in_list, block_starts = False, True
    for number, line in enumerate(lines):
        if _blank(line):
            block_starts = True
            continue
        if block_starts:
            in_list = _LIST_LINE.match(line) is not None
        block_starts = starts_own_block(line)
        if (
            number in hidden
            and number - 1 not in hidden
            and _indent(line) <= 3
            and line.lstrip(" ").startswith(">")
            and not (in_list and _item_after(lines, hidden, number))
        ):
            breaks.add(number)
    return frozenset(breaks)


def _item_after(lines: list[str], hidden: set[int], number: int) -> bool:
    """Whether the first line shown after the hidden lines from ``number``
    is an item of a list."""
    for later in range(number, len(lines)):
        if later not in hidden:
            return _LIST_LINE.match(lines[later]) is not None
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    """A blank line as Markdown's block parser has it: spaces and tabs only."""
    return not line.strip(" \t")


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
    anchor = anchor.rstrip("-")  # "lesson-" for a title that slugifies to nothing
    candidate, number = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{number}"
        number += 1
    used.add(candidate)
    return candidate
