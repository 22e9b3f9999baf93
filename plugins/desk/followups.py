"""Follow-ups: what a conversation left the writer to do, and by when.

A post carries any number of ``Follow-up:`` lines (a local-only field):
the due date, then what to do, with ``[x]`` in front once it is done::

    Follow-up: 2026-12-10 Send the S&OP article we talked about
    Follow-up: 2026-12-11 10:00 Call Ayesha about the role
    Follow-up: [x] 2026-09-15 Thank-you note

A time of day after the date (``10:00``, ``9:30``, ``2:30pm``, ``10am``, or
``2026-12-11T10:00``) is when, in the site's TIMEZONE, not the first of the
words: the desk shows it and the calendar file makes the event start then.

The agenda sorts the open ones into overdue, due within the window (14 days
by default) and later, each with the post, the person and the line to edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import available_timezones

from sitekit.localonly import LocalField
from sitekit.rules import Finding
from sitekit.text import shows_nothing

from .datechecks import before_conversation
from .dates import horizon, parse_date, relative_label
from .model import PostFacts
from .people import person_name
from .rules import BAD_FOLLOW_UP

FIELD = "Follow-up"
#: ``[x]`` in front marks a follow-up done: typed twice, or with spaces
#: inside (``[ x ]``), it is the same mark, not a date that cannot be read.
#: A box, ticked or not, may have any spaces inside (a no-break space too)
#: and square brackets or their fullwidth forms, as an East Asian keyboard
#: types them (``［ｘ］``).
_TICKS = "xX✓✔ｘＸ"
_BOX = rf"[\[［]\s*[{_TICKS}]?\s*[\]］]"
_TICKED_BOX = rf"[\[［]\s*[{_TICKS}]\s*[\]］]"
_FOLLOW_UP = re.compile(
    rf"^(?P<marks>(?:{_BOX}\s*)*)(?P<date>\d{{4}}-\d{{2}}-\d{{2}}(?=[Tt\s]|$)|\S+)"
    rf"(?:[Tt]|\s+(?:at\s+)?)?(?P<time>{{time}})?(?:\s+(?P<text>.*))?$".replace(
        "{time}",
        # 10:00, 9:30, 2:30pm, 2:30 p.m., 10am, 10 PM: a time of day. A bare
        # number (``2 slides to send``) is words.
        # (``10.50 to refund`` is words; ``3.30pm`` a time).
        r"\d{1,2}(?::\d{2}(?:\s*[ap]\.?m\.?)?|(?:\.\d{2})?\s*[ap]\.?m\.?)(?![\w:])",
    ),
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?:(?P<half>[ap])\.?m\.?)?",
    re.IGNORECASE,
)
_DONE = re.compile(rf"[{_TICKS}]")
#: A done mark typed after the date, where it marks nothing: right after
#: it, or at the end of the words. One among them ("Check [x] boxes on
#: the form") is the follow-up's own words.
_MARK_IN_TEXT = re.compile(rf"^\s*{_TICKED_BOX}|{_TICKED_BOX}\s*$")


@dataclass(frozen=True)
class FollowUp:
    post: PostFacts
    due: date
    text: str
    done: bool = False
    line: int | None = None
    at: time | None = None  # the time of day, in the site's TIMEZONE

    @property
    def due_label(self) -> str:
        """``2026-12-10``, or ``2026-12-10 10:00`` with its time."""
        when = self.due.isoformat()
        return f"{when} {self.at:%H:%M}" if self.at else when

    @property
    def person(self) -> str | None:
        return person_name(self.post.who)

    @property
    def place(self) -> str:
        return self.post.at_line(self.line)


@dataclass(frozen=True)
class Agenda:
    """Open follow-ups by when they are due, each list soonest first."""

    today: date
    days: int  # the window
    overdue: tuple[FollowUp, ...]
    upcoming: tuple[FollowUp, ...]  # due today or within the window
    later: tuple[FollowUp, ...]
    # Kept whole, not counted: which of a post's like-worded follow-ups one
    # is (its calendar UID) counts the done ones too, or marking the first
    # done would give the second its identity.
    marked_done: tuple[FollowUp, ...] = ()

    @property
    def done(self) -> int:
        """How many are marked done."""
        return len(self.marked_done)

    @property
    def shown(self) -> tuple[FollowUp, ...]:
        return self.overdue + self.upcoming

    def when(self, follow_up: FollowUp) -> str:
        return relative_label(follow_up.due, self.today)


def read_follow_up(value: LocalField, post: PostFacts) -> FollowUp | Finding:
    """One ``Follow-up:`` value, or the finding that says what is wrong."""
    match = _FOLLOW_UP.match(value.value)
    due = parse_date(match.group("date")) if match else None
    text = " ".join((match.group("text") or "").split()) if match else ""
    at = parse_time(match.group("time")) if match and match.group("time") else None
    if due is not None and match.group("time") and at is None:
        return Finding(
            BAD_FOLLOW_UP,
            f"Follow-up: {value.value!r} has a time of day that is none "
            f"({match.group('time')!r}); write it as `10:00`, `9:30` or `2:30pm`, "
            "or leave it out; it is left off the desk",
            post.key,
            value.line,
        )
    zone = _zone_after_time(text) if at is not None else None
    if zone:
        return Finding(
            BAD_FOLLOW_UP,
            f"Follow-up: {value.value!r} names a time zone after its time "
            f"({zone!r}), which the desk does not read: a follow-up's time is "
            "in the site's TIMEZONE; write the time there, without the zone; "
            "it is left off the desk",
            post.key,
            value.line,
        )
    if due is None or shows_nothing(text):
        wrong = "no date it can read" if due is None else "nothing to do after the date"
        return Finding(
            BAD_FOLLOW_UP,
            f"Follow-up: {value.value!r} has {wrong}; write the due date, then "
            "what to do, as in `Follow-up: 2026-12-10 Send the article`; it is "
            "left off the desk",
            post.key,
            value.line,
        )
    done = bool(_DONE.search(match.group("marks")))
    return FollowUp(post, due, text, done, value.line, at)


#: A time zone written after a time: an offset (``+01:00``, ``UTC+1``), an
#: IANA name (``Europe/Berlin``) or a common abbreviation (``CET``, ``UTC``).
_ZONE = re.compile(
    r"^(?P<zone>(?:UTC|GMT|Z)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
    r"|[A-Za-z]+(?:/[A-Za-z_+-]+)+"
    r"|(?:CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT"
    r"|AKST|AKDT|HST|AEST|AEDT|ACST|AWST|NZST|NZDT|JST|KST|HKT|SGT|MSK))(?![\w/])"
)


def _zone_after_time(text: str) -> str | None:
    """The time zone the words after a follow-up's time start with, if
    any: read as words, ``10:00 CET`` would be 10:00 in the site's zone."""
    found = _ZONE.match(text)
    if found is None:
        return None
    zone = found.group("zone")
    if "/" in zone and zone not in available_timezones():
        return None  # words with a slash (``and/or``)
    return zone


def parse_time(text: str) -> time | None:
    """``10:00``, ``9:30``, ``2:30pm``, ``3.30pm``, ``10 am``: the time of day,
    or None for one there is not (``25:00``, ``13pm``, ``0am``)."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        return None
    hour, minute = int(found.group("hour")), int(found.group("minute") or 0)
    half = (found.group("half") or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def post_follow_ups(post: PostFacts) -> tuple[list[FollowUp], list[Finding]]:
    follow_ups: list[FollowUp] = []
    findings: list[Finding] = []
    for value in post.values(FIELD):
        read = read_follow_up(value, post)
        if isinstance(read, Finding):
            findings.append(read)
            continue
        follow_ups.append(read)
        findings += before_conversation(FIELD, value.value, read.due, post, value.line)
        if not read.done and _MARK_IN_TEXT.search(read.text):
            findings.append(
                Finding(
                    BAD_FOLLOW_UP,
                    f"Follow-up: {value.value!r} has a done mark after its date, "
                    "which marks nothing: it is still open; put `[x]` in front of "
                    "the date, as in `Follow-up: [x] 2026-12-10 Send the article`",
                    post.key,
                    value.line,
                )
            )
    return follow_ups, findings


def every_follow_up(
    posts: Iterable[PostFacts],
) -> tuple[list[FollowUp], list[Finding]]:
    follow_ups: list[FollowUp] = []
    findings: list[Finding] = []
    for post in posts:
        found, wrong = post_follow_ups(post)
        follow_ups += found
        findings += wrong
    return follow_ups, findings


def agenda(follow_ups: Iterable[FollowUp], today: date, days: int) -> Agenda:
    follow_ups = list(follow_ups)
    open_ones = sorted(
        (f for f in follow_ups if not f.done),
        key=lambda f: (
            f.due,
            f.at or time.min,
            f.post.date or date.min,
            f.post.key,
            f.line or 0,
        ),
    )
    end = horizon(today, days)
    return Agenda(
        today=today,
        days=days,
        overdue=tuple(f for f in open_ones if f.due < today),
        upcoming=tuple(f for f in open_ones if today <= f.due <= end),
        later=tuple(f for f in open_ones if f.due > end),
        marked_done=tuple(f for f in follow_ups if f.done),
    )
