"""The journey chart's geometry: every lesson, conversation by conversation.

The chart is drawn twice, and the page shows the drawing that fits its box
(theme/static/css/index.css, whose widths are repeated below):

- **wide**, where the box is its full 832 px (52rem): lesson names in a
  column on the left, the time axis across the rest, at natural size
  (1 unit = 1 CSS pixel);
- **narrow**, below that, down to the 272 px of a 320 px screen: each
  lesson's name on a line of its own with its marks on the line under it,
  the columns placed in percent of the box, so the drawing fills any width
  without scaling its text.

Each drawing takes the finest time axis that fits its width
(``timeaxis.py``), so no column is ever cut off or scrolled out of sight,
and each row shows every mark of its lesson. Text is never drawn under
12 px. Conversations that name no lesson yet (a fresh WordPress import, say)
get no column: a column with no mark in it would say nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from sitekit.text import as_text

from ..model import LessonRecord, LessonUse, PostRecord, ReflectionIndex
from .charts import plural
from .timeaxis import Axis, time_axis

WIDE_WIDTH = 832  # .journey is min(100vw - 3rem, 52rem) wide...
NARROW_MIN_WIDTH = 272  # ...so 272 px on a 320 px screen; wide from 55rem
LABEL_FONT = 13  # lesson names; tick labels are 12
CHAR_WIDTH = 7.2  # a generous average for LABEL_FONT in a system sans-serif
LABEL_MAX = 34  # characters; longer lesson names are shortened with "…"
COLUMN = 44  # the wide drawing's columns are at least this wide
HEADER = 44  # two lines of tick labels
HEADING_ROW = 30
ROW = 26  # a wide row; marks 26 px apart keep WCAG 2.2's 24 px target spacing
NARROW_ROW = 44  # a narrow row: the lesson's name, then its marks
NARROW_MARKS = 30  # from a narrow row's top to its marks
GRID_REACH = 8  # a narrow row's grid ticks reach this far above and below


@dataclass(frozen=True, slots=True)
class JourneyConversation:
    """One conversation in the table under the chart."""

    post: PostRecord
    learned: tuple[LessonUse, ...]  # lessons first learned here
    reinforced: tuple[LessonUse, ...]  # lessons learned before and taught again


@dataclass(frozen=True, slots=True)
class JourneyColumn:
    """A column's tick: a conversation, or a period holding several."""

    x: float
    label: str  # "14 Sep", "Q3", "2025"
    year_label: str  # "2025" on the first column and where the year changes
    title: str  # the tooltip: the post's title and date, or the period's
    url: str  # the conversation; "" for a period of several


@dataclass(frozen=True, slots=True)
class JourneyBreak:
    """Where half a year or more passed between two neighbouring columns."""

    x: float
    title: str  # "No conversation from May 2019 to September 2025"


@dataclass(frozen=True, slots=True)
class JourneyMark:
    x: float
    y: float
    first: bool  # holds the lesson's first conversation (a disc), else a ring
    url: str  # the column's first use, at the lesson's callout when it has one
    title: str  # every use of the lesson the column holds

    @property
    def radius(self) -> int:
        return 6 if self.first else 5


@dataclass(frozen=True, slots=True)
class JourneyRow:
    lesson: LessonRecord
    label: str
    label_y: float
    centre: float
    marks: tuple[JourneyMark, ...]

    @property
    def spans(self) -> bool:
        """Whether the lesson came back in a later column."""
        return len(self.marks) > 1

    @property
    def span_from(self) -> float:
        return self.marks[0].x

    @property
    def span_to(self) -> float:
        return self.marks[-1].x


@dataclass(frozen=True, slots=True)
class JourneyHeading:
    theme: str
    text_y: float


@dataclass(frozen=True, slots=True)
class JourneyDrawing:
    """One drawing of the chart; x is in ``unit`` ("" for px, "%")."""

    form: str  # "wide" or "narrow"
    scale: str  # what a column is: "conversation", "month", "quarter", "year"...
    width: str  # the <svg> width: "790" or "100%"
    height: float
    unit: str
    label_width: float  # the wide drawing's lesson names; 0 when narrow
    columns: tuple[JourneyColumn, ...]
    breaks: tuple[JourneyBreak, ...]
    headings: tuple[JourneyHeading, ...]
    rows: tuple[JourneyRow, ...]
    # The vertical strokes drawn at each column and break, from x = 0 and
    # placed by <use x="...">, so the narrow drawing's follow its columns in
    # percent: "M0 40V694", or a tick per row, "M0 92v16M0 136v16...".
    stroke: str
    summary: str  # the drawing's <desc>

    @property
    def caption(self) -> str:
        column = f"One column per {self.scale}."
        if self.form == "narrow":
            return f"{column} The table below links each conversation and lesson."
        if self.scale == "conversation":
            return (
                f"{column} Each mark links to the paragraph that taught the "
                "lesson; each date to its conversation."
            )
        return f"{column} Each mark links to the paragraph that taught the lesson."


@dataclass(frozen=True, slots=True)
class JourneyChart:
    """One row per lesson, grouped by theme, in two drawings."""

    wide: JourneyDrawing
    narrow: JourneyDrawing
    conversations: tuple[JourneyConversation, ...]  # oldest first
    summary: str  # shown instead of the chart when no lesson is taught yet

    @property
    def rows(self) -> tuple[JourneyRow, ...]:
        return self.wide.rows

    @property
    def drawings(self) -> tuple[JourneyDrawing, JourneyDrawing]:
        return self.wide, self.narrow


def journey_chart(index: ReflectionIndex) -> JourneyChart:
    every_post = sorted(index.posts, key=lambda post: (post.date, post.key))
    posts = [post for post in every_post if post.lessons]
    lessons = [
        lesson
        for theme in index.themes
        for lesson in sorted(theme.lessons, key=_first_learned)
    ]
    longest = max((len(as_text(lesson.title)) for lesson in lessons), default=0)
    label_width = round(min(longest, LABEL_MAX) * CHAR_WIDTH + 12)
    summary = _summary(lessons, posts, len(every_post) - len(posts))
    wide_axis = time_axis(posts, WIDE_WIDTH - label_width)
    return JourneyChart(
        _wide(index, wide_axis, label_width, summary),
        _narrow(index, time_axis(posts, NARROW_MIN_WIDTH), summary),
        tuple(_conversations(index, posts)),
        summary,
    )


def _wide(
    index: ReflectionIndex, axis: Axis, label_width: float, summary: str
) -> JourneyDrawing:
    count = len(axis.periods)
    pitch = min(max(axis.pitch, COLUMN), (WIDE_WIDTH - label_width) / max(count, 1))
    xs = [round(label_width + (number + 0.5) * pitch, 2) for number in range(count)]
    headings, rows = [], []
    y = HEADER
    for theme, lesson in _rows_by_theme(index):
        if theme is not None:
            headings.append(JourneyHeading(theme, y + 21))
            y += HEADING_ROW
        centre = y + ROW // 2
        rows.append(_row(lesson, axis, xs, centre, centre + 4.5))
        y += ROW
    breaks = tuple(
        JourneyBreak(
            round(label_width + position * pitch, 2), axis.break_title(position)
        )
        for position in axis.breaks
    )
    return JourneyDrawing(
        "wide",
        axis.scale,
        f"{round(label_width + count * pitch)}",
        y + 6,
        "",
        label_width,
        _columns(axis, xs),
        breaks,
        tuple(headings),
        tuple(rows),
        f"M0 {HEADER - 4}V{y}",
        _drawing_summary(summary, axis),
    )


def _narrow(index: ReflectionIndex, axis: Axis, summary: str) -> JourneyDrawing:
    count = len(axis.periods)
    xs = [round((number + 0.5) / count * 100, 3) for number in range(count)]
    headings, rows, ticks = [], [], []
    y = HEADER
    for theme, lesson in _rows_by_theme(index):
        if theme is not None:
            headings.append(JourneyHeading(theme, y + 21))
            y += HEADING_ROW
        centre = y + NARROW_MARKS
        rows.append(_row(lesson, axis, xs, centre, y + 14))
        ticks.append(f"M0 {centre - GRID_REACH}v{2 * GRID_REACH}")
        y += NARROW_ROW
    return JourneyDrawing(
        "narrow",
        axis.scale,
        "100%",
        y + 6,
        "%",
        0,
        _columns(axis, xs),
        tuple(
            JourneyBreak(round(position / count * 100, 3), axis.break_title(position))
            for position in axis.breaks
        ),
        tuple(headings),
        tuple(rows),
        "".join(ticks),
        _drawing_summary(summary, axis)
        + " The table below lists each conversation’s lessons.",
    )


def _rows_by_theme(index: ReflectionIndex):
    """(theme, lesson) for every row; the theme only on a theme's first row."""
    for theme in index.themes:
        for number, lesson in enumerate(sorted(theme.lessons, key=_first_learned)):
            yield (theme.name if number == 0 else None), lesson


def _first_learned(lesson: LessonRecord):
    return (lesson.first_learned, lesson.title.casefold())


def _columns(axis: Axis, xs: Sequence[float]) -> tuple[JourneyColumn, ...]:
    return tuple(
        JourneyColumn(
            x,
            period.label,
            period.year_label,
            period.title,
            period.posts[0].url if len(period.posts) == 1 else "",
        )
        for period, x in zip(axis.periods, xs, strict=True)
    )


def _row(
    lesson: LessonRecord,
    axis: Axis,
    xs: Sequence[float],
    centre: float,
    label_y: float,
) -> JourneyRow:
    column_of = {
        post.key: number
        for number, period in enumerate(axis.periods)
        for post in period.posts
    }
    by_column: dict[int, list[LessonUse]] = {}
    for use in lesson.uses_in_date_order:
        by_column.setdefault(column_of[use.post.key], []).append(use)
    first = lesson.uses[-1]
    marks = tuple(
        JourneyMark(
            xs[number],
            centre,
            uses[0] is first,
            uses[0].url,
            f"{lesson.title}: "
            + "; ".join(
                f"{'first learned' if use is first else 'reinforced'} in "
                f"“{use.post.title}” ({use.post.short_date})"
                for use in uses
            ),
        )
        for number, uses in by_column.items()
    )
    return JourneyRow(lesson, _label(lesson.title), label_y, centre, marks)


def _label(title: str) -> str:
    """The lesson's name for its row, a field as its title is: the title,
    or the text it shows shortened with "…" and escaped again. Cut as
    written, "&eacute;" showed as "&eac…", and a cut inside a tag took the
    rest of the name with it, "…" and all."""
    shown = as_text(title)
    if len(shown) <= LABEL_MAX:
        return title
    return html.escape(shown[: LABEL_MAX - 1].rstrip() + "…", quote=False)


def _conversations(index: ReflectionIndex, posts: Sequence[PostRecord]):
    use_of = {
        (use.post.key, lesson.slug): use
        for lesson in index.lessons
        for use in lesson.uses
    }
    first_use = {lesson.slug: lesson.uses[-1] for lesson in index.lessons}
    for post in posts:
        uses = [use_of[post.key, lesson.slug] for lesson in post.lessons]
        yield JourneyConversation(
            post,
            tuple(use for use in uses if first_use[use.lesson.slug] is use),
            tuple(use for use in uses if first_use[use.lesson.slug] is not use),
        )


def _summary(
    lessons: Sequence[LessonRecord], posts: Sequence[PostRecord], left_out: int
) -> str:
    if not posts and not left_out:
        return "No reflections yet."
    if not posts:
        return f"No lesson is named in the {plural(left_out, 'conversation')} yet."
    summary = (
        f"{plural(len(lessons), 'lesson')} in rows grouped by theme, across "
        f"{plural(len(posts), 'conversation')} in date order from "
        f"{posts[0].date:%B %Y} to {posts[-1].date:%B %Y}. A filled circle marks "
        "where a lesson was first learned, a ring where it came back."
    )
    if left_out:
        summary += (
            f" {plural(left_out, 'conversation')} that name"
            f"{'s' if left_out == 1 else ''} no lesson yet "
            f"{'is' if left_out == 1 else 'are'} not shown."
        )
    return summary


def _drawing_summary(summary: str, axis: Axis) -> str:
    if axis.scale == "conversation":
        return summary
    period = axis.scale if axis.scale[0].isdigit() else f"a {axis.scale}"
    return f"{summary} Each column stands for {period}."
