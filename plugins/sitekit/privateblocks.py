"""Private text in Markdown, hidden on the structure Python-Markdown builds.

A Python-Markdown extension used by every reader of Markdown a person
writes (posts, pages, comments). Whether text is private is decided on the
same structure that decides what is published, never on line patterns:

* **fields**: right after the meta extension has parsed the metadata, each
  field goes through the site's field rules (``sitekit.withheld``); one
  that holds a private marker on any of its lines, or that is local-only in
  this build, is dropped before Pelican formats it;
* **blocks**: once the block parser has built the document's tree (before
  inline Markdown, code highlighting or the table of contents run), every
  element whose own text holds a marker is removed with its *private unit*:
  inside a quote, the innermost quote that holds it, with everything
  Markdown made part of that quote (lines after a line of Unicode spaces,
  lazy continuation lines, quoted paragraphs after a blank line);
  elsewhere the paragraph, list item, heading, code block or table row
  that holds it (a term with its definitions). Raw HTML blocks count by
  their text, and each block is read as the page will show it too
  (``as_read``: entities decoded, inline tags and emphasis marks off). A
  footnote only hidden text refers to goes with it, and so does one only
  text another extension withheld refers to (``withhold_text``); a
  footnote whose every block was hidden goes with the references to it;
* **a last look**: the finished HTML is searched once more (fenced code
  left out when fences are literal). A marker still there was in something
  no rule above could hide (an abbreviation's definition, say): the whole
  document becomes empty and ``state.unhidden`` says where it was, so the
  reader can stop the build with the file and line.

Fenced code is literal text in posts and pages, so a fenced example of the
syntax still shows; comments are pasted from elsewhere and pass
``literal_fences=False``. The extension keeps what it found in ``state``,
per document; it knows no file and no domain.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from markdown import Extension, Markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX

from .drawn import as_read
from .markers import FoundMarker, found_markers, has_private_marker
from .sourcelines import metadata_lines
from .withheld import (
    FieldRule,
    Withholding,
    private_field,
    withhold_raw,
    withholding,
)

_STASHED = re.compile(STX + r"wzxhzdk:(\d+)\x03")
#: A footnote reference as written (``[^label]``), before inline Markdown.
_REFERENCE = re.compile(r"\[\^([^\]\n]*)\]")
#: A line the meta extension reads as a field or more of one (its own
#: patterns): the metadata stopped after it, not at a blank line.
_FIELD_OR_MORE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:|^[ ]{4,}")
#: A line a person reads as a field: a short name, then a colon (fullwidth
#: or lookalike ones too).
_FIELD_AS_WRITTEN = re.compile(
    r"^\s*(?P<key>[^:：﹕∶꞉\n]{1,60}?)\s*[:：﹕∶꞉](?P<value>.*)$"
)
#: Elements a marker inside takes with it when no quote holds it.
_BLOCKS = frozenset(
    {
        *("p", "li", "dt", "dd", "pre", "tr", "caption", "figure", "details"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "aside", "div", "table", "hr"),
    }
)


@dataclass
class PrivateState:
    """What the extension found in one conversion."""

    # Fields dropped, by (lower-case) name, and the line of each field.
    withheld: dict[str, Withholding] = field(default_factory=dict)
    field_lines: dict[str, list[int]] = field(default_factory=dict)
    # Blocks removed for holding a marker.
    hidden_blocks: int = 0
    # Markers left in the finished HTML, which nothing could hide; the
    # document was emptied.
    unhidden: list[FoundMarker] = field(default_factory=list)
    converted: bool = False
    source_lines: list[str] = field(default_factory=list)
    # Text another extension took out before the tree was built (a callout
    # of a kind the build withholds, ``withhold_text``).
    withheld_text: list[str] = field(default_factory=list)


def holds_private_marker(text: str) -> bool:
    """Whether ``text`` (a line or a block of Markdown) holds a private
    marker as these blocks read one: as written, or as the page draws it
    (``as_read``: ``[!priv&#97;te]`` draws ``[!private]``). Another
    extension that takes text out of the tree's reach (a callout's title,
    its ``Lessons:`` line) asks this, so that what is private there is what
    would be private here."""
    return has_private_marker(text) or has_private_marker(
        " ".join(as_read(text).split("\n"))
    )


class _FieldLines(Preprocessor):
    """Before the meta extension: where each field is, for messages."""

    def __init__(self, md: Markdown, extension: PrivateBlocksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        state = self.extension.state
        state.converted = True
        state.source_lines = list(lines)  # the meta extension pops from `lines`
        state.field_lines = metadata_lines("\n".join(lines[:200]))
        return lines


class _WithheldFields(Preprocessor):
    """After the meta extension: drop every field a rule withholds."""

    def __init__(self, md: Markdown, extension: PrivateBlocksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        meta = getattr(self.md, "Meta", None)
        if meta:
            state = self.extension.state
            for found in withhold_raw(meta, self.extension.field_rules):
                state.withheld[found.field] = found
            read = len(state.source_lines) - len(lines)
            if read > 0 and _FIELD_OR_MORE.match(state.source_lines[read - 1]):
                self._hide_header_left_over(lines)
        return lines

    def _hide_header_left_over(self, lines: list[str]) -> None:
        """The meta extension stopped at a line it does not read as a field
        (`Follow up:`, `Fоllow-up:` with a Cyrillic `о`, `Who (roughly):`),
        so that line and the ones after it, up to the first blank line, are
        the body's first paragraph, though the writer wrote them as fields.
        A line there that the field rules withhold (a local-only field,
        however its name is spelt, or a private marker) hides the whole
        paragraph: privacy fails closed, as it does for a paragraph."""
        end = next(
            (i for i, line in enumerate(lines) if not line.strip(" \t")), len(lines)
        )
        for line in lines[:end]:
            field = _FIELD_AS_WRITTEN.match(line)
            if field is None:
                continue
            found = withholding(
                field.group("key"), field.group("value"), self.extension.field_rules
            )
            if found is not None:
                self.extension.state.withheld[found.field] = found
                lines[:end] = [""] * end  # the lines stay counted
                return


class _FencesSeen(Preprocessor):
    """Between fenced code and raw HTML: count the fenced blocks stashed."""

    def __init__(self, md: Markdown, extension: PrivateBlocksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        # Everything stashed so far is fenced code (fenced_code runs at 25,
        # raw HTML blocks at 20): literal text, if fences are literal.
        self.extension.fenced = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _PrivateBlocks(Treeprocessor):
    def __init__(self, md: Markdown, extension: PrivateBlocksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        units: list[tuple[etree.Element, etree.Element]] = []
        self._visit(root, None, [], units)
        removed: set[int] = set()
        hidden_text: list[str] = []
        for parent, unit in units:
            if id(unit) in removed:
                continue
            removed.add(id(unit))
            hidden_text.append(self._all_text(unit))
            if unit is root:
                root.clear()
            elif unit in list(parent):
                siblings = list(parent)
                parent.remove(unit)
                if unit.tag == "dt":  # a term's definitions go with it
                    for sibling in siblings[siblings.index(unit) + 1 :]:
                        if sibling.tag != "dd":
                            break
                        hidden_text.append(self._all_text(sibling))
                        parent.remove(sibling)
        if removed:
            self._drop_emptied_footnotes(root)
        hidden_text += self.extension.state.withheld_text
        if hidden_text:
            self._hide_their_footnotes(root, "\n".join(hidden_text))
        self.extension.state.hidden_blocks += len(removed)

    def _all_text(self, element: etree.Element) -> str:
        return "\n".join(self._own_text(e) for e in element.iter())

    def _hide_their_footnotes(self, root: etree.Element, hidden: str) -> None:
        """A footnote referred to only from hidden text is hidden too: it is
        part of the private note, though Markdown keeps it apart. Each text
        is read once and references are counted, so a post with many hidden
        footnotes costs what its size does, not its size times their number."""
        footnotes = self._footnotes()
        if footnotes is None or not footnotes.footnotes or "[^" not in hidden:
            return
        items = {
            item.get("id"): (ol, item)
            for div in root.iter("div")
            if div.get("class") == "footnote"
            for ol in div.iter("ol")
            for item in ol
        }
        in_hidden = set(_REFERENCE.findall(hidden))
        # References the text left in the page makes (footnotes' own too).
        public = Counter(_references_in(self._all_text(root)))
        for label in list(footnotes.footnotes):
            if label not in in_hidden or public[label]:
                continue  # public text refers to it as well
            del footnotes.footnotes[label]  # numbered as if never written
            found = items.get(footnotes.makeFootnoteId(label))
            if found is not None:
                public.subtract(_references_in(self._all_text(found[1])))
                found[0].remove(found[1])
        _tidy_footnotes(root, footnotes)

    def _footnotes(self) -> FootnoteExtension | None:
        return next(
            (
                extension
                for extension in self.md.registeredExtensions
                if isinstance(extension, FootnoteExtension)
            ),
            None,
        )

    def _drop_emptied_footnotes(self, root: etree.Element) -> None:
        """A footnote whose every block was hidden goes whole, with the
        references to it: an empty footnote, numbered and linked from the
        text, would tell a reader that something was hidden there. The
        references are still text as written (``[^label]``: inline
        Markdown has not run), so they are taken out of the text, outside
        code, and the footnotes left are numbered as if it was never
        written."""
        footnotes = self._footnotes()
        if footnotes is None or not footnotes.footnotes:
            return
        labels = {
            footnotes.makeFootnoteId(label): label for label in footnotes.footnotes
        }
        emptied: list[str] = []
        for div in root.iter("div"):
            if div.get("class") != "footnote":
                continue
            for ol in div.iter("ol"):
                for item in list(ol):
                    label = labels.get(item.get("id"))
                    if label is not None and _shows_nothing(item):
                        ol.remove(item)
                        emptied.append(label)
        if not emptied:
            return
        for label in emptied:
            del footnotes.footnotes[label]
        # A code span (kept as it is), or a reference to take out.
        references = re.compile(
            r"(?P<code>(`+).+?(?<!`)\2(?!`))|"
            + "|".join(re.escape(f"[^{label}]") for label in emptied),
            re.DOTALL,
        )
        for element in root.iter():
            parts = ("tail",) if element.tag in ("pre", "code") else ("text", "tail")
            for part in parts:
                text = getattr(element, part)
                if text and "[^" in text:
                    kept = references.sub(lambda found: found["code"] or "", text)
                    if kept != text:
                        setattr(element, part, kept)
        _tidy_footnotes(root, footnotes)

    def _visit(
        self,
        element: etree.Element,
        parent: etree.Element | None,
        ancestors: list[tuple[etree.Element, etree.Element | None]],
        units: list[tuple[etree.Element, etree.Element]],
    ) -> None:
        here = [*ancestors, (element, parent)]
        if has_private_marker(self._own_text(element)):
            units.append(self._unit(here))
            return  # all of it goes
        for child in element:
            self._visit(child, element, here, units)

    def _own_text(self, element: etree.Element) -> str:
        text = "".join([element.text or "", *(child.tail or "" for child in element)])
        if STX in text:
            stash = self.md.htmlStash.rawHtmlBlocks
            literal = self.extension.fenced if self.extension.literal_fences else 0
            for match in _STASHED.finditer(text):
                number = int(match.group(1))
                if literal <= number < len(stash):
                    text += "\n" + str(stash[number])
        if any(sign in text for sign in "&<*_~\n"):
            # A block's lines are drawn as one line, a line break as a space.
            text += "\n" + " ".join(as_read(text).split("\n"))
        return text

    @staticmethod
    def _unit(
        path: list[tuple[etree.Element, etree.Element | None]],
    ) -> tuple[etree.Element, etree.Element]:
        """(parent, element) to remove for a marker in the last of ``path``."""
        for element, parent in reversed(path):
            if element.tag == "blockquote":
                return parent, element
        for element, parent in reversed(path):
            if element.tag in _BLOCKS and parent is not None:
                return parent, element
        root = path[0][0]
        return root, root


class _LastLook(Postprocessor):
    """The finished HTML holds no marker outside literal code."""

    def __init__(self, md: Markdown, extension: PrivateBlocksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        checked = text
        if self.extension.literal_fences:
            stash = self.md.htmlStash.rawHtmlBlocks
            for block in stash[: self.extension.fenced]:
                checked = checked.replace(str(block), "")
        # Both views keep lines, so a marker both show is one marker.
        found = list(
            dict.fromkeys(
                marker
                for view in (checked, as_read(checked))
                if has_private_marker(view)
                for marker in found_markers(view)
            )
        )
        if not found:
            return text
        # Where each was written: the first line of the source with it.
        state = self.extension.state
        written = "\n".join(state.source_lines)
        source = [*found_markers(as_read(written)), *found_markers(written)]
        lines = {marker.spelling: marker.line for marker in reversed(source)}
        state.unhidden.extend(
            replace(marker, line=lines.get(marker.spelling)) for marker in found
        )
        return ""


class PrivateBlocksExtension(Extension):
    """Hide private fields and blocks; ``document_state()`` says what went.

    ``field_rules`` are the site's (``sitekit.withheld.field_rules``).
    Pelican converts a post's ``Summary`` with the same Markdown after the
    body, so, as for the callouts, what the first conversion since
    ``start_document`` found is kept apart.
    """

    def __init__(
        self,
        field_rules: Sequence[FieldRule] = (private_field,),
        literal_fences: bool = True,
        **kwargs,
    ):
        self.field_rules = tuple(field_rules)
        self.literal_fences = literal_fences
        self.fenced = 0
        self.state = PrivateState()
        self._finished: list[PrivateState] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_FieldLines(md, self), "private-field-lines", 27.5)
        md.preprocessors.register(_WithheldFields(md, self), "withheld-fields", 26)
        md.preprocessors.register(_FencesSeen(md, self), "private-fences", 22)
        # After footnotes join the tree (50), before code is highlighted (30)
        # and inline Markdown runs (20).
        md.treeprocessors.register(_PrivateBlocks(md, self), "private-blocks", 40)
        md.postprocessors.register(_LastLook(md, self), "private-last-look", -100)

    def reset(self) -> None:
        if self.state.converted:
            self._finished.append(self.state)
        self.state = PrivateState()
        self.fenced = 0

    def withhold_text(self, text: str) -> None:
        """Say that ``text`` was taken out of this document before its tree
        was built (a story, when the build withholds stories). A footnote
        only it refers to is part of it, though Markdown keeps it apart: it
        is hidden as a private note's is."""
        self.state.withheld_text.append(text)

    def start_document(self) -> None:
        """Forget earlier documents: the next conversion is a new file's."""
        self._finished = []
        self.state = PrivateState()
        self.fenced = 0

    def document_state(self) -> PrivateState:
        """What the first conversion since ``start_document`` found."""
        return self._finished[0] if self._finished else self.state


def _tidy_footnotes(root: etree.Element, footnotes: FootnoteExtension) -> None:
    """After footnotes were hidden: no footnote block left empty, and each
    back link's title numbered without the hidden ones, so that it tells
    no one how many there were."""
    parents = {child: parent for parent in root.iter() for child in parent}
    title = footnotes.getConfig("BACKLINK_TITLE")
    for div in list(root.iter("div")):
        if div.get("class") != "footnote":
            continue
        if not any(div.iter("li")):
            parents[div].remove(div)  # no footnote left to show
            continue
        items = [item for ol in div.findall("ol") for item in ol]
        for number, item in enumerate(items, start=1):
            for backlink in item.iter("a"):
                if backlink.get("class") == "footnote-backref":
                    backlink.set("title", title.format(number))


def _references_in(text: str) -> Iterator[str]:
    return (found.group(1) for found in _REFERENCE.finditer(text))


#: Elements that show only what they hold: a footnote of nothing else,
#: emptied, shows nothing (a quote or a list whose text was hidden).
_HOLDERS = frozenset({"blockquote", "ul", "ol", "li", "p", "div", "span"})


def _shows_nothing(item: etree.Element) -> bool:
    """Whether a footnote's ``item`` shows no text and nothing else (no
    image...) besides the link back to the text, which Markdown has added
    already where the footnote's last block is no paragraph."""
    backrefs = {
        id(element)
        for link in item.iter("a")
        if link.get("class") == "footnote-backref"
        for element in link.iter()
    }
    for element in item.iter():
        if id(element) in backrefs:
            continue
        if element is not item and element.tag not in _HOLDERS:
            return False
        if (element.text or "").strip():
            return False
        if element is not item and (element.tail or "").strip():
            return False
    return True
