"""Chart geometry for the reflection index, computed at build time.

Templates draw the SVG from these numbers and do no arithmetic. Two rules
keep the charts readable on a phone: text is never drawn under 12 CSS
pixels (the journey chart is drawn at its natural size and scrolls inside
its own box; the bar chart's viewBox is narrow enough that its text stays
above 12 px on a 320 px screen), and a chart whose values are all equal is
replaced by a sentence, since a row of identical bars says nothing a
sentence cannot.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import LessonRecord, LessonUse, PostRecord, ReflectionIndex


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 lesson", "3 lessons"; ``words`` when the plural is not word + s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


# Bar charts: drawn into a 320-unit viewBox that the page scales to fit.
BAR_WIDTH = 320
BAR_ROW = 36
BAR_TRACK = BAR_WIDTH - 40  # room for the value after the longest bar


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    label_y: float
    bar_y: float
    bar_width: float
    value_x: float
    value_y: float


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, or only ``sentence`` when the bars would say nothing."""

    title: str
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    summary: str  # the chart's description, for its <desc>
    sentence: str = ""  # shown instead of the chart when set


def bar_chart(
    title: str,
    items: Sequence[tuple[str, int]],
    *,
    unit: str,
    equal: str,
) -> BarChart:
    """Bars for ``items`` (label, value), in the order given.

    ``equal`` is the sentence used when every value is the same, with
    ``{value}`` standing for it ("Every theme came up in 4 conversations.").
    """
    values = {value for _, value in items}
    if len(values) <= 1:
        sentence = equal.format(value=plural(values.pop(), unit)) if values else ""
        return BarChart(title, BAR_WIDTH, 0, 0, (), sentence, sentence or "None yet.")
    most = max(values)
    bars = []
    for position, (label, value) in enumerate(items):
        top = position * BAR_ROW
        width = round(max(value / most * BAR_TRACK, 2), 1)
        bars.append(
            Bar(label, value, top + 14, top + 19, width, round(width + 6, 1), top + 30)
        )
    ranked = sorted(items, key=lambda item: -item[1])
    summary = f"{title}: " + ", ".join(
        f"{label} {plural(value, unit)}" for label, value in ranked
    )
    return BarChart(
        title, BAR_WIDTH, len(items) * BAR_ROW, 12, tuple(bars), summary + "."
    )


# The journey chart: drawn at its natural size (1 unit = 1 CSS pixel).
LABEL_FONT = 13  # lesson names; tick labels are 12
CHAR_WIDTH = 7.2  # a generous average for LABEL_FONT in a system sans-serif
LABEL_MAX = 34  # characters; longer lesson names are shortened with "…"
COLUMN = 44
HEADER = 44
HEADING_ROW = 30
ROW = 26


@dataclass(frozen=True, slots=True)
class JourneyColumn:
    """One conversation: a column headed by its date, linked to the post."""

    post: PostRecord
    centre: float
    day_label: str  # "14 Sep"
    year_label: str  # "2025" on the first column and where the year changes
    title: str  # the post's title and date, for the column's tooltip
    learned: tuple[LessonUse, ...]  # lessons first learned here
    reinforced: tuple[LessonUse, ...]  # lessons learned before and taught again


@dataclass(frozen=True, slots=True)
class JourneyMark:
    x: float
    y: float
    first: bool  # first learned (a disc) or reinforced (a ring)
    # Marks are at least 26 px apart, so WCAG 2.2's 24 px target spacing holds
    # without enlarging them.
    url: str  # the post, at the lesson's callout when it has one
    title: str

    @property
    def radius(self) -> int:
        return 6 if self.first else 5


@dataclass(frozen=True, slots=True)
class JourneyRow:
    lesson: LessonRecord
    label: str
    text_y: float
    centre: float
    span_from: float  # the line from the first mark to the latest
    span_to: float
    marks: tuple[JourneyMark, ...]

    @property
    def spans(self) -> bool:
        """Whether the lesson came back in a later conversation."""
        return self.span_to > self.span_from


@dataclass(frozen=True, slots=True)
class JourneyHeading:
    theme: str
    text_y: float


@dataclass(frozen=True, slots=True)
class JourneyChart:
    """One row per lesson, grouped by theme; one column per conversation."""

    width: float
    height: float
    label_width: float
    columns: tuple[JourneyColumn, ...]
    headings: tuple[JourneyHeading, ...]
    rows: tuple[JourneyRow, ...]
    grid: str  # an SVG path: one faint vertical line per column
    summary: str


def journey_chart(index: ReflectionIndex) -> JourneyChart:
    posts = sorted(index.posts, key=lambda post: (post.date, post.key))
    longest = max((len(lesson.title) for lesson in index.lessons), default=0)
    label_width = round(min(longest, LABEL_MAX) * CHAR_WIDTH + 12)
    column_of = {post.key: position for position, post in enumerate(posts)}

    def centre_of(post: PostRecord) -> int:
        return label_width + column_of[post.key] * COLUMN + COLUMN // 2

    use_of = {
        (use.post.key, lesson.slug): use
        for lesson in index.lessons
        for use in lesson.uses
    }
    first_use = {lesson.slug: lesson.uses[-1] for lesson in index.lessons}
    columns = []
    for position, post in enumerate(posts):
        uses = [use_of[post.key, lesson.slug] for lesson in post.lessons]
        new_year = position == 0 or posts[position - 1].date.year != post.date.year
        columns.append(
            JourneyColumn(
                post,
                centre_of(post),
                f"{post.date.day} {calendar.month_abbr[post.date.month]}",
                str(post.date.year) if new_year else "",
                f"{post.title} ({post.short_date})",
                tuple(use for use in uses if first_use[use.lesson.slug] is use),
                tuple(use for use in uses if first_use[use.lesson.slug] is not use),
            )
        )

    headings, rows = [], []
    y = HEADER
    for theme in index.themes:
        headings.append(JourneyHeading(theme.name, y + 21))
        y += HEADING_ROW
        for lesson in sorted(theme.lessons, key=_first_learned):
            rows.append(_journey_row(lesson, y, centre_of))
            y += ROW
    width = label_width + len(posts) * COLUMN
    grid = "".join(f"M{column.centre} {HEADER - 4}V{y}" for column in columns)
    return JourneyChart(
        width,
        y + 6,
        label_width,
        tuple(columns),
        tuple(headings),
        tuple(rows),
        grid,
        _journey_summary(index, posts),
    )


def _first_learned(lesson: LessonRecord):
    return (lesson.first_learned, lesson.title.casefold())


def _journey_row(lesson: LessonRecord, top: float, centre_of) -> JourneyRow:
    centre = top + ROW // 2
    uses = lesson.uses[::-1]  # oldest first
    marks = tuple(
        JourneyMark(
            centre_of(use.post),
            centre,
            first,
            use.url,
            f"{lesson.title}: {'first learned' if first else 'reinforced'} in "
            f"“{use.post.title}” ({use.post.short_date})",
        )
        for first, use in ((number == 0, use) for number, use in enumerate(uses))
    )
    label = lesson.title
    if len(label) > LABEL_MAX:
        label = label[: LABEL_MAX - 1].rstrip() + "…"
    return JourneyRow(
        lesson, label, centre + 4.5, centre, marks[0].x, marks[-1].x, marks
    )


def _journey_summary(index: ReflectionIndex, posts: list[PostRecord]) -> str:
    if not posts:
        return "No reflections yet."
    return (
        f"{plural(len(index.lessons), 'lesson')} in rows grouped by theme, across "
        f"{plural(len(posts), 'conversation')} in date order from "
        f"{posts[0].date:%B %Y} to {posts[-1].date:%B %Y}. A filled circle marks "
        "the conversation where a lesson was first learned, a ring each "
        "conversation that reinforced it."
    )
