"""The kinds of callout a post can hold, each in one place.

A callout is ``> [!kind] title`` and the quoted lines after it. What is the
same for every kind (finding it at the top level of a post, outside fenced
code and private notes; its anchor; the ``<aside>`` with its label and
title; recording its HTML once rendered) is done by the extension in
``callouts``. What differs is here, one class per kind:

* ``lesson``: the title is the lesson's statement, the body its note;
* ``story``: a story told in four labelled parts (``story``);
* ``asked``: a question the writer asked, the body the answer they got.

To add a kind, write a ``CalloutKind`` and add it to ``KINDS``: the
extension finds, renders and records it, and the reader puts what it
records in the ``ParsedPost`` field the kind names (``collection``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown.util import AtomicString

from sitekit.privateblocks import holds_private_marker
from sitekit.rules import Finding
from sitekit.sitewords import mark
from sitekit.text import as_text

from ..model import (
    STORY_PARTS,
    AskedCallout,
    LessonCallout,
    LessonMention,
    StoryCallout,
    StoryPart,
)
from .fences import literal_lines
from .lessons_field import parse_lessons_field
from .story import split_story

#: A ``Lessons:`` line inside a callout (``**Lessons:**`` too): the lessons
#: a story or an asked question shows, when not the post's.
LESSONS_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?lessons(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
#: How long an anchor made from a title may be, before its number.
_ANCHOR_LENGTH = 60

Finished = dict[str, tuple[str, str]]  # section -> (HTML, plain text)


@dataclass
class Pending:
    """One callout between the preprocessor and the tree processor."""

    kind: CalloutKind
    title: str
    anchor: str
    line: int
    # The body, unquoted, one (line number, text) per line.
    body: list[tuple[int, str]]
    lessons: tuple[LessonMention, ...] = ()
    # Markdown to render, by section ("note"; "situation", "task"...).
    sections: dict[str, str] = field(default_factory=dict)
    elements: dict[str, etree.Element] = field(default_factory=dict)
    # The callout's lines as written, for a raw HTML block that swallows it.
    source: str = ""
    rendered: bool = False  # whether Markdown's block parser reached it
    # The elements whose text is the title (the label's tail) and the
    # ``Lessons:`` line, and the title as the page shows it (its text, with
    # the post's smarty quotes and dashes), once rendered.
    title_node: etree.Element | None = None
    lessons_node: etree.Element | None = None
    shown_title: str = ""


class CalloutKind:
    name = ""  # the word in the marker: `> [!name]`
    label = ""  # the aside's label
    title_class = "title"  # the title paragraph's class: `<name>-callout__<it>`
    collection = ""  # the CalloutState and ParsedPost field it is recorded in
    title_word = "title"  # what the text after the marker is called
    example = ""  # a marker line, for messages
    takes_lessons = False  # whether a `Lessons:` line in the body is read
    anchored_by_lesson = False  # anchored by the vocabulary's slug for its title

    def anchor_base(self, title: str, slug: str) -> str:
        """The anchor before it is made unique; ``slug`` is the title's (the
        known lesson's, for a kind ``anchored_by_lesson``)."""
        return f"{self.name}-{_shortened(slug)}"

    def prepare(self, pending: Pending) -> list[Finding]:
        """Split the body into the sections to render; report what is wrong."""
        pending.sections["note"] = _markdown(pending.body)
        return []

    def render_body(self, parser: Any, aside: etree.Element, pending: Pending) -> None:
        note = etree.SubElement(aside, "div", {"class": f"{self.name}-callout__note"})
        if pending.sections["note"].strip():
            parser.parseChunk(note, pending.sections["note"])
        pending.elements["note"] = note

    def record(self, pending: Pending, finished: Finished) -> Any:
        raise NotImplementedError


class LessonKind(CalloutKind):
    name = "lesson"
    label = "Lesson"
    title_class = "statement"
    collection = "callouts"
    title_word = "statement"
    example = "`> [!lesson] Aim two levels up`"
    anchored_by_lesson = True

    def anchor_base(self, title: str, slug: str) -> str:
        return f"lesson-{slug}"  # the lesson's, known or its own: never cut

    def record(self, pending: Pending, finished: Finished) -> LessonCallout:
        html, text = finished.get("note", ("", ""))
        return LessonCallout(pending.title, pending.anchor, html, text, pending.line)


class AskedKind(CalloutKind):
    name = "asked"
    label = "I asked"
    title_class = "question"
    collection = "asked"
    title_word = "question"
    example = "`> [!asked] What do you look for in a first draft?`"
    takes_lessons = True

    def render_body(self, parser: Any, aside: etree.Element, pending: Pending) -> None:
        answer = etree.SubElement(aside, "div", {"class": "asked-callout__answer"})
        if pending.sections["note"].strip():
            parser.parseChunk(answer, pending.sections["note"])
        pending.elements["note"] = answer

    def record(self, pending: Pending, finished: Finished) -> AskedCallout:
        html, text = finished.get("note", ("", ""))
        return AskedCallout(
            pending.shown_title,
            pending.anchor,
            html,
            text,
            pending.line,
            pending.lessons,
        )


class StoryKind(CalloutKind):
    name = "story"
    label = "Story"
    collection = "stories"
    example = "`> [!story] The week the forecast broke`"
    takes_lessons = True

    def prepare(self, pending: Pending) -> list[Finding]:
        told = split_story(pending.body)
        if told.lead.strip():
            pending.sections["lead"] = told.lead
        for name, markdown in told.parts.items():  # in the order written
            pending.sections[name.lower()] = markdown
        findings = []
        if told.lead.strip():
            findings.append(
                Finding(
                    "incomplete-story",
                    f"story {pending.title!r} has text before its first part; "
                    "start each part with its label (`Situation:`, `Task:`, "
                    "`Action:`, `Result:`): that text is shown in the post but "
                    "is in no part",
                    line=told.lead_line,
                )
            )
        missing = [name for name in STORY_PARTS if name not in told.parts]
        if missing:
            findings.append(
                Finding(
                    "incomplete-story",
                    f"story {pending.title!r} has no {_listed(missing)} part: a "
                    "story has four, each starting with its label "
                    "(`Situation:`, `Task:`, `Action:`, `Result:`)",
                    line=pending.line,
                )
            )
        return findings

    def render_body(self, parser: Any, aside: etree.Element, pending: Pending) -> None:
        if "lead" in pending.sections:
            lead = etree.SubElement(aside, "div", {"class": "story-callout__lead"})
            parser.parseChunk(lead, pending.sections["lead"])
        parts = [name for name in pending.sections if name != "lead"]
        if not parts:
            return
        listing = etree.SubElement(aside, "dl", {"class": "story-callout__parts"})
        for name in parts:
            mark(etree.SubElement(listing, "dt")).text = name.capitalize()
            told = etree.SubElement(listing, "dd")
            parser.parseChunk(told, pending.sections[name])
            pending.elements[name] = told

    def record(self, pending: Pending, finished: Finished) -> StoryCallout:
        parts = tuple(
            StoryPart(name.capitalize(), *finished[name])
            for name in pending.sections
            if name != "lead"
        )
        return StoryCallout(
            pending.shown_title, pending.anchor, parts, pending.line, pending.lessons
        )


KINDS: dict[str, CalloutKind] = {
    kind.name: kind for kind in (LessonKind(), StoryKind(), AskedKind())
}


def take_lessons_lines(
    pending: Pending, path: str | None = None
) -> tuple[tuple[LessonMention, ...], list[Finding]]:
    """The mentions of the body's ``Lessons:`` lines, each line left blank
    in the body (so the lines around it stay apart)."""
    mentions: list[LessonMention] = []
    findings: list[Finding] = []
    literal = literal_lines([text for _, text in pending.body])
    for position, (number, text) in enumerate(pending.body):
        if position in literal:
            continue  # an example of the syntax, shown as code
        match = LESSONS_LINE.match(text)
        if match and not holds_private_marker(text):  # a private one stays, hidden
            found, problems = parse_lessons_field(match["value"], [number], path)
            mentions += found
            findings += problems
            pending.body[position] = (number, "")
    return tuple(mentions), findings


def lessons_line_html(aside: etree.Element, pending: Pending, parser: Any) -> None:
    """The lessons a callout names itself, as one line under its title."""
    if not pending.lessons:
        return
    shown = mark(
        etree.SubElement(aside, "p", {"class": f"{pending.kind.name}-callout__lessons"})
    )
    statements = "; ".join(mention.statement for mention in pending.lessons)
    # As the title is: the text every page shows (sitekit.text), curled by
    # the post's smarty (callouts.CalloutTypographyTreeprocessor).
    shown.text = AtomicString("Lessons: " + as_text(statements))
    pending.lessons_node = shown


def _markdown(body: list[tuple[int, str]]) -> str:
    return "\n".join(text for _, text in body)


def _shortened(slug: str) -> str:
    """A slug cut at a hyphen to at most ``_ANCHOR_LENGTH`` characters."""
    if len(slug) <= _ANCHOR_LENGTH:
        return slug
    return slug[:_ANCHOR_LENGTH].rsplit("-", 1)[0] or slug[:_ANCHOR_LENGTH]


def _listed(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]
