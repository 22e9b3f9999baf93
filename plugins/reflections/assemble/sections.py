"""The reflection index page's sections, as plain data.

The index answers four questions at a glance: what the conversations have
taught, which lessons keep coming back (and over what span), which were
learned once and never revisited, and what each kind of conversation
teaches. Every count, order and label the page shows is worked out here, so
the template only presents it. No Pelican imports: built from the assembled
``ReflectionIndex`` alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from sitekit.text import as_text

from ..model import LessonRecord, PostRecord, ReflectionIndex
from .charts import BarChart, bar_chart, plural
from .index import OTHER_THEME
from .journey import JourneyChart, journey_chart


@dataclass(frozen=True, slots=True)
class ThemeSummary:
    """One theme: how many lessons, over how many conversations, and the latest."""

    name: str
    lesson_count: int
    conversation_count: int
    latest: PostRecord

    @property
    def lessons_label(self) -> str:
        return plural(self.lesson_count, "lesson")

    @property
    def conversations_label(self) -> str:
        return plural(self.conversation_count, "conversation")


@dataclass(frozen=True, slots=True)
class RecurringLesson:
    """A lesson that came back, with the span from its first to latest post."""

    lesson: LessonRecord
    first: PostRecord
    latest: PostRecord
    span_label: str  # "9 months", "3 weeks", "the same week"

    @property
    def first_month(self) -> str:
        return self.lesson.first_learned_month

    @property
    def latest_month(self) -> str:
        return self.lesson.last_reinforced_month


@dataclass(frozen=True, slots=True)
class OnceLesson:
    """A lesson learned in one conversation and never revisited."""

    lesson: LessonRecord
    post: PostRecord


@dataclass(frozen=True, slots=True)
class TypeCell:
    """Conversations of one kind that taught lessons of one theme."""

    theme: str
    count: int
    search_query: str  # the search page's filters for these posts; "" if none


@dataclass(frozen=True, slots=True)
class TypeRow:
    category: str
    category_url: str
    conversation_count: int
    cells: tuple[TypeCell, ...]


@dataclass(frozen=True, slots=True)
class TypeMatrix:
    """Kinds of conversation (rows) by themes (columns)."""

    themes: tuple[str, ...]
    rows: tuple[TypeRow, ...]


@dataclass(frozen=True, slots=True)
class Questions:
    answered: tuple[PostRecord, ...]  # most answers first, then newest
    unanswered: tuple[PostRecord, ...]  # newest first

    @property
    def unanswered_label(self) -> str:
        count = len(self.unanswered)
        return f"{plural(count, 'question')} still waiting for an answer"


@dataclass(frozen=True, slots=True)
class IndexPage:
    """Everything the reflection index shows, section by section."""

    summary: str
    journey: JourneyChart
    themes: tuple[ThemeSummary, ...]
    theme_chart: BarChart
    recurring: tuple[RecurringLesson, ...]
    learned_once: tuple[OnceLesson, ...]
    by_type: TypeMatrix
    questions: Questions


def index_page(index: ReflectionIndex) -> IndexPage:
    themes = theme_summaries(index)
    return IndexPage(
        summary=page_summary(index),
        journey=journey_chart(index),
        themes=themes,
        theme_chart=bar_chart(
            "Conversations per theme",
            [(theme.name, theme.conversation_count) for theme in themes],
            unit="conversation",
            equal="Every theme came up in {value}.",
        ),
        recurring=recurring_lessons(index.lessons),
        learned_once=learned_once(index.lessons),
        by_type=type_matrix(index),
        questions=questions(index.posts),
    )


def page_summary(index: ReflectionIndex) -> str:
    if not index.posts:
        return "No reflections yet."
    oldest, newest = index.posts[-1], index.posts[0]
    return (
        f"{plural(len(index.lessons), 'lesson')} from "
        f"{plural(len(index.posts), 'conversation')}, "
        f"{oldest.date:%B %Y} to {newest.date:%B %Y}."
    )


def theme_summaries(index: ReflectionIndex) -> tuple[ThemeSummary, ...]:
    summaries = []
    for theme in index.themes:
        posts = {
            use.post.key: use.post for lesson in theme.lessons for use in lesson.uses
        }
        latest = max(posts.values(), key=lambda post: (post.date, post.key))
        summaries.append(
            ThemeSummary(theme.name, len(theme.lessons), len(posts), latest)
        )
    return tuple(summaries)


def recurring_lessons(lessons: tuple[LessonRecord, ...]) -> tuple[RecurringLesson, ...]:
    """Most often reinforced first; a longer span first among equals."""
    recurring = [
        RecurringLesson(
            lesson,
            lesson.uses[-1].post,
            lesson.uses[0].post,
            span_label(lesson.first_learned, lesson.last_reinforced),
        )
        for lesson in lessons
        if lesson.count > 1
    ]
    recurring.sort(
        key=lambda item: (
            -item.lesson.count,
            item.first.date - item.latest.date,
            item.lesson.title.casefold(),
        )
    )
    return tuple(recurring)


def learned_once(lessons: tuple[LessonRecord, ...]) -> tuple[OnceLesson, ...]:
    """Oldest first: the top of the list is the lesson longest left alone."""
    once = [
        OnceLesson(lesson, lesson.uses[0].post)
        for lesson in lessons
        if lesson.count == 1
    ]
    once.sort(key=lambda item: (item.post.date, item.lesson.title.casefold()))
    return tuple(once)


def span_label(first: datetime, latest: datetime) -> str:
    days = (latest - first).days
    if days < 7:
        return "the same week"
    months = (latest.year - first.year) * 12 + latest.month - first.month
    if latest.day < first.day:
        months -= 1
    if months < 1:
        return plural(days // 7, "week")
    if months < 24:
        return plural(months, "month")
    return plural(months // 12, "year")


def type_matrix(index: ReflectionIndex) -> TypeMatrix:
    """Each cell counts the conversations of a kind that taught a theme's lessons."""
    themes = tuple(theme.name for theme in index.themes)
    theme_of = {
        lesson.slug: theme.name for theme in index.themes for lesson in theme.lessons
    }
    by_category: dict[str, list[PostRecord]] = defaultdict(list)
    for post in index.posts:
        if post.category:
            by_category[post.category].append(post)
    rows = []
    for category in sorted(by_category, key=str.casefold):
        posts = by_category[category]
        counts: dict[str, int] = defaultdict(int)
        for post in posts:
            for theme in {theme_of[lesson.slug] for lesson in post.lessons}:
                counts[theme] += 1
        cells = tuple(
            TypeCell(
                theme,
                counts[theme],
                ""
                if theme == OTHER_THEME  # no theme to filter on
                else search_query(category=category, theme=theme),
            )
            for theme in themes
        )
        rows.append(TypeRow(category, posts[0].category_url, len(posts), cells))
    return TypeMatrix(themes, tuple(rows))


def search_query(**filters: str) -> str:
    """The query of a link to the search page that applies ``filters``.

    Each value is its field's text (``as_text``): what the post's filter
    holds and the search menu offers. A value as typed (``Coffee  chats``,
    ``R&amp;D``) matches no option of the menu, which the page then drops,
    so the link would list every kind of conversation.
    """
    return urlencode({name: as_text(value) for name, value in filters.items()})


def questions(posts: tuple[PostRecord, ...]) -> Questions:
    asked = [post for post in posts if post.question]
    answered = sorted(
        (post for post in asked if post.answer_count),
        key=lambda post: (-post.answer_count, -post.date.timestamp()),
    )
    unanswered = tuple(post for post in asked if not post.answer_count)
    return Questions(tuple(answered), unanswered)
