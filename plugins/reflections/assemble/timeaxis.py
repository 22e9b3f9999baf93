"""The journey chart's time axis: which conversations share a column.

A column per conversation reads best, but years of posts hold more
conversations than a screen has room for. ``time_axis`` takes the finest
scale whose columns fit the width it is given: a column per conversation,
else per month, per quarter, per year, then per 2, 5, 10, 20... years, so
any number of conversations over any span fits. Only periods that hold a
conversation get a column, so a quiet stretch of years costs no room; where
half a year or more passes between two columns the axis has a break, so
equal spacing never passes for equal time.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import count

from ..model import PostRecord

# Tick text is 12 px. Widths per character in DejaVu Sans, the widest of the
# theme's fonts, rounded up from Chromium's (its "14 Sep" is 41.7 px wide).
CHAR_WIDTHS = {" ": 3.9, "–": 6.1, **dict.fromkeys("MWmw", 12.0)}
DIGIT_WIDTH, LOWER_WIDTH, OTHER_WIDTH = 7.7, 7.5, 9.5
TICK_GAP = 4  # between neighbouring tick labels
# Marks in neighbouring columns stay 26 px apart, so WCAG 2.2's 24 px target
# spacing holds without enlarging them.
MIN_PITCH = 26
BREAK_DAYS = 180  # an empty stretch this long or longer is shown as a break


@dataclass(frozen=True, slots=True)
class Period:
    """One column: the conversations it holds and how its tick is labelled."""

    posts: tuple[PostRecord, ...]  # oldest first
    first_day: date
    last_day: date
    label: str  # "14 Sep", "Sep", "Q3", "2025", "2020–24"
    name: str  # the period in full: "September 2025", "Q3 2025", "2020–24"
    year_label: str = ""  # the year under the label where it changes

    @property
    def title(self) -> str:
        """The column's tooltip: the conversation, or how many it holds."""
        if len(self.posts) == 1:
            post = self.posts[0]
            return f"{post.title} ({post.short_date})"
        return f"{self.name}: {len(self.posts)} conversations"


@dataclass(frozen=True, slots=True)
class Axis:
    scale: str  # "conversation", "month", "quarter", "year", "5 years"...
    periods: tuple[Period, ...]
    breaks: tuple[int, ...]  # a break before each of these periods
    pitch: float  # the narrowest column its tick labels allow

    def fits(self, width: float) -> bool:
        return len(self.periods) * self.pitch <= width

    def break_title(self, position: int) -> str:
        before, after = self.periods[position - 1], self.periods[position]
        return (
            f"No conversation from {before.last_day:%B %Y} to {after.first_day:%B %Y}"
        )


# A scale names a period for a post: (sort key, first day, last day, label, name).
Bucket = tuple[tuple, date, date, str, str]
Scale = Callable[[PostRecord], Bucket]


def tick_width(text: str) -> float:
    """How wide ``text`` is drawn as a tick label, at most."""
    return round(sum(_char_width(char) for char in text), 1)


def _char_width(char: str) -> float:
    if char in CHAR_WIDTHS:
        return CHAR_WIDTHS[char]
    if char.isdigit():
        return DIGIT_WIDTH
    return LOWER_WIDTH if char.islower() else OTHER_WIDTH


def time_axis(posts: Sequence[PostRecord], width: float) -> Axis:
    """The finest axis over ``posts`` (oldest first) that fits ``width`` px."""
    axis = None
    for name, scale, dated in _scales():
        axis = _axis(posts, name, scale, dated)
        if axis.fits(width) or len(axis.periods) <= 1:
            return axis
    raise AssertionError("unreachable: one period always fits")  # pragma: no cover


def _scales() -> Iterator[tuple[str, Scale, bool]]:
    yield "conversation", _by_conversation, True
    yield "month", _by_month, True
    yield "quarter", _by_quarter, True
    for magnitude in count():
        for step in (1, 2, 5):
            years = step * 10**magnitude
            name = "year" if years == 1 else f"{years} years"
            yield name, _by_years(years), False


def _by_conversation(post: PostRecord) -> Bucket:
    day = post.date.date()
    label = f"{day.day} {calendar.month_abbr[day.month]}"
    return (post.date, post.key), day, day, label, post.short_date


def _by_month(post: PostRecord) -> Bucket:
    year, month = post.date.year, post.date.month
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = date(year, month, 1), date(year, month, last)
    return (
        (year, month),
        first_day,
        last_day,
        calendar.month_abbr[month],
        (f"{first_day:%B %Y}"),
    )


def _by_quarter(post: PostRecord) -> Bucket:
    year, quarter = post.date.year, (post.date.month - 1) // 3 + 1
    first_day = date(year, quarter * 3 - 2, 1)
    last_day = date(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])
    return (year, quarter), first_day, last_day, f"Q{quarter}", f"Q{quarter} {year}"


def _by_years(years: int) -> Scale:
    def bucket(post: PostRecord) -> Bucket:
        first = post.date.year // years * years
        last = min(first + years - 1, date.max.year)
        if years == 1:
            label = str(first)
        elif first // 100 == last // 100:
            label = f"{first}–{last % 100:02d}"
        else:
            label = f"{first}–{last}"
        first_day = date(max(first, date.min.year), 1, 1)
        return (first,), first_day, date(last, 12, 31), label, label

    return bucket


def _axis(posts: Sequence[PostRecord], name: str, scale: Scale, dated: bool) -> Axis:
    groups: dict[tuple, tuple[Bucket, list[PostRecord]]] = {}
    for post in posts:
        bucket = scale(post)
        groups.setdefault(bucket[0], (bucket, []))[1].append(post)
    periods = []
    for (_, first_day, last_day, label, full), members in groups.values():
        new_year = not periods or periods[-1].first_day.year != first_day.year
        year_label = str(first_day.year) if dated and new_year else ""
        periods.append(
            Period(tuple(members), first_day, last_day, label, full, year_label)
        )
    breaks = tuple(
        position
        for position in range(1, len(periods))
        if (periods[position].first_day - periods[position - 1].last_day).days
        >= BREAK_DAYS
    )
    widest = max(
        (
            tick_width(text)
            for period in periods
            for text in (period.label, period.year_label)
        ),
        default=0,
    )
    pitch = max(MIN_PITCH, widest + TICK_GAP)
    return Axis(name, tuple(periods), breaks, pitch)
