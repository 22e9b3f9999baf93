"""Chart geometry for the reflection index, computed at build time.

Templates draw the SVG from these numbers and do no arithmetic. Coordinates
are in viewBox units; the SVG scales to its container. Each chart carries a
one-sentence text alternative; the index's tables hold the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import LessonRecord, PostRecord

WIDTH = 400


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: float
    bar_y: float
    bar_width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    """Lessons by number of conversations, one horizontal bar each."""

    width: int
    height: float
    bar_height: float
    bars: tuple[Bar, ...]
    summary: str


@dataclass(frozen=True)
class Column:
    label: str  # month initial, or "" when months are too many to label
    year_label: str  # the year, under January and under the first month
    value: int
    title: str  # "March 2026: 2 reflections"
    x: float
    y: float
    width: float
    height: float
    centre: float

    @property
    def value_y(self) -> float:
        return round(self.y - 3, 1)


@dataclass(frozen=True)
class ColumnChart:
    """Reflections per month, one column per calendar month."""

    width: int
    height: float
    baseline: float
    label_y: float
    year_y: float
    value_labels: bool
    columns: tuple[Column, ...]
    summary: str


@dataclass(frozen=True)
class IndexCharts:
    lessons: BarChart
    months: ColumnChart


def index_charts(lessons: tuple[LessonRecord, ...], posts: tuple[PostRecord, ...]):
    return IndexCharts(lesson_bars(lessons), month_columns(posts))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def lesson_bars(lessons: tuple[LessonRecord, ...], row: float = 34) -> BarChart:
    if not lessons:
        return BarChart(WIDTH, 0, 0, (), "No lessons yet.")
    most = max(record.count for record in lessons)
    track = WIDTH - 36
    bars = tuple(
        Bar(
            label=record.title,
            value=record.count,
            label_y=position * row + 13,
            bar_y=position * row + 18,
            bar_width=round(max(record.count / most * track, 2)),
            value_x=round(max(record.count / most * track, 2)) + 5,
            value_y=position * row + 28,
        )
        for position, record in enumerate(lessons)
    )
    leaders = ", ".join(f"{record.title} ({record.count})" for record in lessons[:3])
    summary = (
        f"Bar chart of {plural(len(lessons), 'lesson')} by the number of "
        f"conversations that taught them. Most often: {leaders}."
    )
    return BarChart(WIDTH, round(len(lessons) * row), 11, bars, summary)


def month_columns(posts: tuple[PostRecord, ...]) -> ColumnChart:
    """Every month from the first reflection's to the last's, empty ones too."""
    if not posts:
        return ColumnChart(WIDTH, 0, 0, 0, 0, False, (), "No reflections yet.")
    counts: dict[tuple[int, int], int] = {}
    for post in posts:
        key = (post.date.year, post.date.month)
        counts[key] = counts.get(key, 0) + 1
    months = _months_between(min(counts), max(counts))
    most = max(counts.values())
    top, baseline = 14.0, 100.0
    slot = WIDTH / len(months)
    labelled = len(months) <= 24
    columns = []
    for position, (year, month) in enumerate(months):
        value = counts.get((year, month), 0)
        height = round(value / most * (baseline - top), 1)
        named = date(year, month, 1)
        columns.append(
            Column(
                label=named.strftime("%b")[0] if labelled else "",
                year_label=str(year) if month == 1 or position == 0 else "",
                value=value,
                title=f"{named:%B %Y}: {plural(value, 'reflection')}",
                x=round(position * slot + slot * 0.15, 2),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 2),
                height=height,
                centre=round(position * slot + slot / 2, 2),
            )
        )
    first, last = date(*months[0], 1), date(*months[-1], 1)
    summary = (
        f"Column chart of reflections per month, {first:%B %Y} to {last:%B %Y}: "
        f"{plural(len(posts), 'reflection')} in {plural(len(months), 'month')}, "
        f"at most {most} in one month."
    )
    return ColumnChart(
        WIDTH, 132, baseline, 114, 128, len(months) <= 36, tuple(columns), summary
    )


def _months_between(
    first: tuple[int, int], last: tuple[int, int]
) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
