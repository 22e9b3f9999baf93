"""Dates and intervals as the writer types them: ``2026-12-10``, ``3 months``.

Plain functions, no Pelican: the follow-ups, the people and the review
schedule all count in calendar days, weeks, months and years, and
``dateutil.relativedelta`` (a dependency of Pelican) does the calendar
arithmetic, so a month after January 31 is the last day of February.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

_INTERVAL = re.compile(
    r"^\s*(?P<count>\d{1,3}|an?|one)\s+(?P<unit>day|week|month|year)s?\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Interval:
    """A span of calendar time: ``3 months``, ``1 week``."""

    count: int
    unit: str  # "day", "week", "month" or "year"

    def after(self, start: date) -> date:
        """The day ``start`` plus this span; a span that runs past the last
        day Python's calendar holds (a post dated 9999-12-31 and its review
        a week on) ends on that day rather than failing the build."""
        try:
            return start + relativedelta(**{f"{self.unit}s": self.count})
        except (ValueError, OverflowError):
            return date.max

    @property
    def label(self) -> str:
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"


def parse_interval(text: str) -> Interval | None:
    """``3 months``, ``1 week``, ``a year``; None for anything else."""
    match = _INTERVAL.match(text or "")
    if match is None:
        return None
    count = match.group("count").lower()
    number = 1 if count in ("a", "an", "one") else int(count)
    if number < 1:
        return None
    return Interval(number, match.group("unit").lower())


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD``, a real day; None for anything else."""
    text = (text or "").strip()
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def as_date(value: Any) -> date | None:
    """A post's date (a datetime, with its zone) as the day it names."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def short_label(day: date) -> str:
    """``Dec 10, 2026``: compact, for ``reflect review``'s lines (the desk
    page writes days in the site's date format: ``Desk.day``)."""
    return f"{day:%b} {day.day}, {day.year}"


def relative_label(day: date, today: date) -> str:
    """``today``, ``tomorrow``, ``in 6 days``, ``yesterday``, ``14 days ago``."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def days_between(start: date, end: date) -> int:
    return (end - start).days


def horizon(today: date, days: int) -> date:
    """``days`` after ``today``, at most the calendar's last day."""
    try:
        return today + timedelta(days=days)
    except OverflowError:
        return date.max
