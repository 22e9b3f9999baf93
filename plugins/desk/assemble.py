"""The desk: everything waiting for the writer, in one plain object.

Made from plain data (``PostFacts``, the lessons' histories, reviews.yml,
the comment threads), with no Pelican imports: the build hands it to the
desk page's template, and ``reflect due``, ``people`` and ``review`` print
parts of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pelican.utils import strftime

from sitekit.rules import Finding
from sitekit.text import as_text

from .dates import Interval, relative_label
from .followups import Agenda, agenda, every_follow_up
from .model import LessonHistory, PostFacts, ReviewLog
from .people import People, Person, nobody_findings, people_directory
from .questions import WaitingQuestion
from .review import ReviewItem, due_for_review, review_schedule


@dataclass(frozen=True)
class Draft:
    """A post or page still being written."""

    title: str
    url: str | None  # its preview in a local build, if drafts are written
    location: str
    kind: str  # "post" or "page"
    day: date | None = None


@dataclass(frozen=True)
class Section:
    """A part of the desk page, for its "on this page" list."""

    id: str
    label: str
    count: int


@dataclass(frozen=True)
class DeskSettings:
    today: date
    follow_up_days: int
    reconnect_after: Interval
    review_intervals: tuple[Interval, ...]
    url: str | None  # the desk page's, if one is written
    reviews_location: str  # where reviews.yml is, for the page to say
    # How the page writes a day: as a post in the site's language writes
    # its date (stage.site_date_format).
    date_format: str = "%B %-d, %Y"


@dataclass(frozen=True)
class Desk:
    settings: DeskSettings
    posts: tuple[PostFacts, ...]
    agenda: Agenda
    people: People
    schedule: tuple[ReviewItem, ...]
    drafts: tuple[Draft, ...]
    questions: tuple[WaitingQuestion, ...]
    findings: tuple[Finding, ...] = ()
    # Each its original's conversation, left off the desk; read by
    # ``reflect people rename``, since a translation's Who: names the
    # person too.
    translations: tuple[PostFacts, ...] = ()

    @property
    def today(self) -> date:
        return self.settings.today

    def day(self, day: date | None) -> str:
        """``day`` as the site writes a date (Pelican's ``strftime``, which
        reads ``%-d`` on every system); "" for none."""
        return strftime(day, self.settings.date_format) if day else ""

    def history(self, item: ReviewItem) -> str:
        """A review item's history, its days written as the page's."""
        return item.history_in(self.day)

    @property
    def url(self) -> str | None:
        return self.settings.url

    @property
    def reconnect(self) -> tuple[Person, ...]:
        return self.people.reconnect(self.today)

    @property
    def reviews_due(self) -> tuple[ReviewItem, ...]:
        return due_for_review(self.schedule, self.today)

    @property
    def sections(self) -> tuple[Section, ...]:
        return (
            Section("follow-ups", "Follow-ups", len(self.agenda.shown)),
            Section("reconnect", "People", len(self.reconnect)),
            Section("review", "Reviews", len(self.reviews_due)),
            Section("drafts", "Drafts", len(self.drafts)),
            Section("questions", "Questions", len(self.questions)),
        )

    @property
    def follow_up_note(self) -> str:
        """What the follow-up list leaves out: "2 more are due later; 3 are done."."""
        later, done = len(self.agenda.later), self.agenda.done
        parts = []
        if later:
            parts.append(f"{later} more {'is' if later == 1 else 'are'} due later")
        if done:
            parts.append(f"{done} {'is' if done == 1 else 'are'} done")
        return ("; ".join(parts) + ".").capitalize() if parts else ""

    def when(self, day: date | None) -> str:
        """``3 days ago``, ``in 6 days``: a day relative to the desk's today."""
        return relative_label(day, self.today) if day else ""


def assemble_desk(
    settings: DeskSettings,
    posts: Sequence[PostFacts],
    lessons: Iterable[LessonHistory],
    log: ReviewLog,
    drafts: Iterable[Draft] = (),
    questions: Iterable[WaitingQuestion] = (),
    findings: Iterable[Finding] = (),
    pages: Sequence[PostFacts] = (),
    translations: Sequence[PostFacts] = (),
) -> Desk:
    """The desk of ``posts``, the conversations; ``pages`` and
    ``translations`` (each its original's conversation) are read only to
    say that the desk leaves their fields out."""
    follow_ups, found = every_follow_up(posts)
    people = people_directory(posts, settings.reconnect_after)
    found += [finding for page in pages for finding in nobody_findings(page, "page")]
    found += [
        finding
        for translation in translations
        for finding in nobody_findings(translation, "translation")
    ]
    return Desk(
        settings=settings,
        posts=tuple(posts),
        agenda=agenda(follow_ups, settings.today, settings.follow_up_days),
        people=people,
        schedule=review_schedule(lessons, log, settings.review_intervals),
        drafts=tuple(drafts),
        questions=tuple(questions),
        findings=(*found, *people.findings, *findings),
        translations=tuple(translations),
    )


def sorted_drafts(drafts: Iterable[Draft]) -> tuple[Draft, ...]:
    """Newest first; undated ones last, by title."""
    drafts = list(drafts)
    dated = sorted((d for d in drafts if d.day), key=lambda d: d.day, reverse=True)
    undated = sorted((d for d in drafts if not d.day), key=lambda d: d.title.casefold())
    return (*dated, *undated)


def plain_text(value: Any) -> str:
    """A title or summary (HTML from Markdown) as plain text: its text as
    every page shows a field's (``sitekit.text.as_text``), so a script's
    code is no text and two paragraphs' words stay apart."""
    return as_text(value)
