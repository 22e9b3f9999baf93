"""Domain objects shared by every stage of the pipeline.

Plain frozen dataclasses with no Pelican imports: they are stored on Pelican's
articles, so they must pickle for the content cache, and the assemble stage
and its tests use them without building a site.

Objects made anew in every build use slots: there are tens of thousands of
them on a large site, and slots make each one much smaller. Those the
content cache keeps (``ParsedPost`` and what it holds) do not, because a
cache written before would load wrongly into slots.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sitekit.rules import Finding


@dataclass(frozen=True)
class LessonMention:
    """A lesson named in a post's ``Lessons:`` metadata."""

    statement: str
    line: int | None = None


@dataclass(frozen=True)
class LessonCallout:
    """A ``> [!lesson]`` callout found in a post's body.

    ``anchor`` is the id the callout was rendered with; the resolve stage may
    report it if the statement resolves to another lesson's anchor.
    """

    statement: str
    anchor: str
    note_html: str
    note_text: str
    line: int


#: A story's four parts, in the order a story is told.
STORY_PARTS = ("Situation", "Task", "Action", "Result")


@dataclass(frozen=True)
class StoryPart:
    """One labelled part of a story (``Situation:``...), as finished HTML and
    as plain text."""

    name: str  # one of STORY_PARTS
    html: str
    text: str


class TellsStory:
    """A story's parts, asked about by name, at whichever stage holds it."""

    __slots__ = ()
    parts: tuple[StoryPart, ...]

    def part(self, name: str) -> StoryPart | None:
        return next((part for part in self.parts if part.name == name), None)

    @property
    def missing_parts(self) -> tuple[str, ...]:
        present = {part.name for part in self.parts}
        return tuple(name for name in STORY_PARTS if name not in present)


@dataclass(frozen=True)
class StoryCallout(TellsStory):
    """A ``> [!story] Title`` callout: a story in up to four labelled parts
    and the lessons it shows (its own ``Lessons:`` line, if it has one)."""

    title: str  # as every page shows it: its text, curled as the body is
    anchor: str
    parts: tuple[StoryPart, ...]  # those present, in the order written
    line: int
    lessons: tuple[LessonMention, ...] = ()


@dataclass(frozen=True)
class AskedCallout:
    """A ``> [!asked] question`` callout: a question the writer asked in the
    conversation, and the answer they got as its note."""

    question: str  # as every page shows it: its text, curled as the body is
    anchor: str
    answer_html: str
    answer_text: str
    line: int
    lessons: tuple[LessonMention, ...] = ()


@dataclass(frozen=True)
class ParsedPost:
    """What the parse stage found in one Markdown file, kept in the post's
    metadata (and so in Pelican's content cache) for the stages after it.

    ``left_out`` holds the findings that keep the file out of the site (no
    title, a date that cannot be read); ``findings`` holds every finding,
    those included.
    """

    path: str
    mentions: tuple[LessonMention, ...] = ()
    callouts: tuple[LessonCallout, ...] = ()
    stories: tuple[StoryCallout, ...] = ()
    asked: tuple[AskedCallout, ...] = ()
    prompts: tuple[tuple[int, str], ...] = ()  # `reflect new` prompts: (line, text)
    findings: tuple[Finding, ...] = ()
    left_out: tuple[Finding, ...] = ()
    # Where lessons were named in what this build withholds (a `Lessons:`
    # field with a private marker, a private lesson callout, a local-only
    # story): (line, why), so a post left with none says so, not "add one".
    withheld_lessons: tuple[tuple[int | None, str], ...] = ()


@dataclass(frozen=True, slots=True)
class KnownLesson:
    """An entry of lessons.yml."""

    slug: str
    title: str
    theme: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    line: int | None = None
    # Phrases that suggest the lesson without naming it, for `reflect
    # suggest` only: a post cannot name a lesson by a cue, and two lessons
    # may share one.
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PostLesson:
    """One lesson as one post teaches it: what ``article.lessons`` holds."""

    slug: str
    title: str
    theme: str | None
    url: str
    anchor: str | None
    note_html: str
    note_text: str
    known: bool

    def at_callout(self, anchor: str, callout: LessonCallout) -> PostLesson:
        """The lesson as a callout teaches it: at the callout, with its note.

        Built directly, not with ``dataclasses.replace``, which costs twice
        as much, on every callout of the site.
        """
        return PostLesson(
            self.slug,
            self.title,
            self.theme,
            self.url,
            anchor,
            callout.note_html,
            callout.note_text,
            self.known,
        )


@dataclass(frozen=True, slots=True)
class PostSeries:
    """A post's place in a series, as the postseries plugin gives it."""

    name: str
    url: str  # the series' page; "" when SERIES_SAVE_AS writes none
    index: int  # from 1
    count: int


@dataclass(frozen=True, slots=True)
class PostStory(TellsStory):
    """A story as a post tells it, its lessons resolved: what each entry of
    ``article.stories`` holds."""

    title: str
    anchor: str
    parts: tuple[StoryPart, ...]
    lessons: tuple[PostLesson, ...]  # its own Lessons: line's, else the post's


@dataclass(frozen=True, slots=True)
class PostQuestion:
    """A question the writer asked, as a post records it: what each entry of
    ``article.asked_questions`` holds."""

    text: str
    key: str  # as questions are compared: normalised like lesson statements
    anchor: str
    answer_html: str
    answer_text: str
    lessons: tuple[PostLesson, ...]  # its own Lessons: line's, else the post's


@dataclass(frozen=True, slots=True)
class Person:
    """Whom a conversation was with: the part of ``Who:`` before its first
    comma (``reflections.people``)."""

    name: str  # as the writer spelt it, normalised
    key: str  # as compared: without case


@dataclass(frozen=True, slots=True)
class PostRecord:
    """What the index needs to know about one published post."""

    key: str
    title: str
    url: str
    date: datetime
    lessons: tuple[PostLesson, ...]
    date_label: str = ""  # the date as the site displays it
    question: str | None = None
    answers: tuple[Answer, ...] = ()  # the newest few, newest first
    answer_count: int = 0
    category: str | None = None  # the kind of conversation
    category_url: str = ""
    series: PostSeries | None = None
    stories: tuple[PostStory, ...] = ()
    questions: tuple[PostQuestion, ...] = ()  # the questions the writer asked
    person: Person | None = None
    lang: str | None = None  # its Lang:, where it has one

    @property
    def answers_label(self) -> str:
        if not self.answer_count:
            return "No answers yet"
        return f"{self.answer_count} answer{'' if self.answer_count == 1 else 's'}"

    @property
    def short_date(self) -> str:
        """ "Sep 14, 2025": compact enough for lists of dates on narrow screens."""
        month = calendar.month_abbr[self.date.month]  # not strftime: see Comment
        return f"{month} {self.date.day}, {self.date.year}"


def page_id(text: str) -> str:
    """``text`` as an HTML id: lower-case letters, digits and hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "item"


class Answer(Protocol):
    """A reader's answer to a post's closing question, as another plugin (the
    comments plugin) attaches it to the post as ``answers``."""

    author: str
    date: datetime
    url: str
    text: str

    @property
    def excerpt(self) -> str: ...


@dataclass(frozen=True, slots=True)
class LessonUse:
    """One post teaching one lesson, as listed on the lesson's page."""

    post: PostRecord
    lesson: PostLesson

    @property
    def url(self) -> str:
        """The post's URL, at the callout when there is one."""
        if self.lesson.anchor:
            return f"{self.post.url}#{self.lesson.anchor}"
        return self.post.url


@dataclass(frozen=True, slots=True)
class StoryUse:
    """One story, in the post that tells it."""

    post: PostRecord
    story: PostStory

    @property
    def url(self) -> str:
        return f"{self.post.url}#{self.story.anchor}"

    @property
    def bank_id(self) -> str:
        """The story's id on the stories page, from its post's address and
        its anchor: unique on the site, and as stable as both."""
        return page_id(f"{self.post.url}-{self.story.anchor}")


@dataclass(frozen=True, slots=True)
class QuestionUse:
    """One asking of a question, in the post that records it."""

    post: PostRecord
    question: PostQuestion

    @property
    def url(self) -> str:
        return f"{self.post.url}#{self.question.anchor}"


@dataclass(frozen=True, slots=True)
class CoOccurrence:
    """Another lesson that was learned in the same conversations."""

    slug: str
    title: str
    url: str
    count: int


@dataclass(frozen=True, slots=True)
class LessonRecord:
    """A lesson across every post: the reflection index's unit."""

    slug: str
    title: str
    theme: str | None
    description_html: str
    url: str
    known: bool
    uses: tuple[LessonUse, ...]  # newest first
    co_occurring: tuple[CoOccurrence, ...] = ()
    feed_url: str | None = None
    stories: tuple[StoryUse, ...] = ()  # newest first

    @property
    def count(self) -> int:
        return len(self.uses)

    @property
    def first_learned(self) -> datetime:
        return self.uses[-1].post.date

    @property
    def last_reinforced(self) -> datetime:
        return self.uses[0].post.date

    @property
    def uses_in_date_order(self) -> tuple[LessonUse, ...]:
        """Oldest first: a lesson's page tells how it was learned, in order."""
        return self.uses[::-1]

    @property
    def first_learned_month(self) -> str:
        return self.first_learned.strftime("%b %Y")

    @property
    def last_reinforced_month(self) -> str:
        return self.last_reinforced.strftime("%b %Y")

    @property
    def first_learned_label(self) -> str:
        return self.uses[-1].post.date_label

    @property
    def last_reinforced_label(self) -> str:
        return self.uses[0].post.date_label


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    name: str
    lessons: tuple[LessonRecord, ...]


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """Reflections of one calendar month, for the index's timeline."""

    year: int
    month: int
    posts: tuple[PostRecord, ...]

    @property
    def label(self) -> str:
        return datetime(self.year, self.month, 1).strftime("%B %Y")


@dataclass(frozen=True, slots=True)
class ReflectionIndex:
    lessons: tuple[LessonRecord, ...]  # most taught first
    themes: tuple[ThemeGroup, ...]
    timeline: tuple[MonthGroup, ...]  # newest month first
    posts: tuple[PostRecord, ...]  # newest first
    related: dict[str, tuple[PostRecord, ...]] = field(default_factory=dict)
