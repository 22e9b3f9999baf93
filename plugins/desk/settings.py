"""Every setting of the desk plugin: its default, type and meaning.

The desk's fields are local-only by its declaration (``DESK_FIELDS``,
gathered into LOCAL_ONLY_FIELDS); WITHHOLD_LOCAL_ONLY is sitekit's
(``sitekit.withheld``), the one switch that decides whether a build has
them, and so a desk.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sitekit.settings import Setting, at_least, settings_checker

from .dates import parse_date, parse_interval
from .followups import FIELD as FOLLOW_UP
from .people import INTRODUCED, INTRODUCED_BY, NEXT_CONTACT

#: The local-only fields the desk reads.
DESK_FIELDS = (FOLLOW_UP, INTRODUCED_BY, INTRODUCED, NEXT_CONTACT)


def _interval(value: Any) -> str | None:
    return None if parse_interval(value) else "an interval such as '6 months'"


def _intervals(value: Any) -> str | None:
    if value and all(isinstance(v, str) and parse_interval(v) for v in value):
        return None
    return "a list of intervals such as '1 week', '1 month'"


def _day(value: Any) -> str | None:
    if isinstance(value, date) or parse_date(value):
        return None
    return "a date written YYYY-MM-DD"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DESK_URL",
        "desk/",
        (str,),
        "URL of the desk page (local builds only).",
    ),
    Setting(
        "DESK_SAVE_AS",
        "desk/index.html",
        (str,),
        "Where a local build writes the desk page; empty for none. A publish "
        "build writes none whatever it says.",
    ),
    Setting(
        "DESK_FOLLOW_UP_DAYS",
        14,
        (int,),
        "Follow-ups due within this many days are on the desk and in "
        "`reflect due`, with the overdue ones.",
        check=at_least(0),
    ),
    Setting(
        "DESK_RECONNECT_AFTER",
        "6 months",
        (str,),
        "How long after the last conversation to reconnect with someone whose "
        "latest post has no Next-contact: field.",
        check=_interval,
    ),
    Setting(
        "DESK_REVIEW_INTERVALS",
        ("1 week", "1 month", "3 months", "6 months", "12 months"),
        (list, tuple),
        "The waits between sights of a lesson (a conversation teaching it, or a "
        "review): the first after the first sight, and so on; the last repeats.",
        check=_intervals,
    ),
    Setting(
        "DESK_REVIEWS",
        "reviews.yml",
        (str, type(None)),
        "The review log, relative to PATH (`reflect review done` writes it); "
        "None for none.",
    ),
    Setting(
        "DESK_TODAY",
        None,
        (str, date, type(None)),
        "The day the desk counts from, YYYY-MM-DD; None is today in TIMEZONE. "
        "For tests and screenshots.",
        check=_day,
    ),
    Setting(
        "DESK_STRICT",
        False,
        (bool,),
        "The desk's rules at their publish level, for `reflect lint --strict` "
        "(publishconf.py sets it).",
    ),
)

check_settings = settings_checker(SETTINGS)
