"""`reflect due --ics FILE`: every open follow-up as a calendar event.

Written with the icalendar library. Each follow-up is an all-day event on
its due day, shown as free time; one with a time of day (``Follow-up:
2026-12-10 10:00 Call them``) is a half-hour event at that time in the
site's TIMEZONE. Its UID is made from the post's slug and
what the follow-up says (and, for the same words twice in one post, which
of them it is, done ones counted), never from its date: change the date, or
mark the first of two like ones done, and import the file again, and a
calendar app moves the event instead of adding a second one.
A follow-up marked ``[x]`` is no longer in the file; an app keeps what it
imported before, so delete the event there. The file is the same, byte for
byte, for the same follow-ups on the same day (DTSTAMP is the start of the
day the desk counts from, in the writer's TIMEZONE, written in UTC).
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from desk.followups import Agenda, FollowUp

from .due import place
from .file_replacing import make_folder_for, replace_file

PRODID = "-//Conversations reflections//reflect due//EN"
#: The namespace of follow-up UIDs (a UUID5 of this project's name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "reflect-due:follow-up")
#: How long the event of a follow-up with a time of day lasts.
TIMED_LENGTH = timedelta(minutes=30)


def follow_up_uid(follow_up: FollowUp, occurrence: int = 1) -> str:
    """The same for a follow-up whatever its date: the post's slug and the
    words, case and spacing aside."""
    words = " ".join(follow_up.text.split()).casefold()
    name = f"{follow_up.post.slug}\n{words}\n{occurrence}"
    return f"{uuid.uuid5(NAMESPACE, name)}@reflect-due"


def calendar(agenda: Agenda, site_name: str, zone: str | None = None) -> Calendar:
    """The agenda's open follow-ups as events; ``zone`` is the writer's
    (TIMEZONE), where the desk's day began."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # TEXT, escaped as SUMMARY is: icalendar writes a property it does not
    # know (an X- one) as given, so a site name's comma or backslash would
    # be read as something else by a calendar app.
    name = f"Follow-ups: {site_name}" if site_name else "Follow-ups"
    cal.add("x-wr-calname", vText(name))
    # The moment the writer's day began, in UTC: never later than the file
    # was made, and the same all that day.
    began = datetime.combine(agenda.today, time(0, 0), tzinfo=ZoneInfo(zone or "UTC"))
    stamp = began.astimezone(UTC)
    for follow_up, uid in with_uids(agenda):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        if follow_up.at is not None:
            # At its time of day in the writer's zone, written in UTC (no
            # VTIMEZONE needed), for half an hour.
            event.add("dtstart", starts_at(follow_up, zone))
            event.add("duration", TIMED_LENGTH)
        else:
            event.add("dtstart", follow_up.due)
            # A day's event; the calendar's last day has no next day to end on.
            if follow_up.due < date.max:
                event.add("dtend", follow_up.due + timedelta(days=1))
            else:
                event.add("duration", timedelta(days=1))
        event.add("summary", follow_up.text)
        person = f"With {follow_up.person}, from" if follow_up.person else "From"
        event.add(
            "description",
            f"{person} “{follow_up.post.title}”.\n"
            f"Edit {place(follow_up)}, and mark it [x] when it is done.",
        )
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Follow-up"])
        cal.add_component(event)
    return cal


def starts_at(follow_up: FollowUp, zone: str | None) -> datetime:
    """When a follow-up with a time of day starts, in UTC: the wall-clock
    time in the writer's zone (a time a clock change skips or repeats as
    ``zoneinfo`` reads it, the first)."""
    local = datetime.combine(follow_up.due, follow_up.at, ZoneInfo(zone or "UTC"))
    try:
        return local.astimezone(UTC)
    except OverflowError:  # the calendar's first or last day
        return local.replace(tzinfo=UTC)


def open_follow_ups(agenda: Agenda) -> int:
    """How many events the calendar would hold: every open follow-up."""
    return len(agenda.overdue) + len(agenda.upcoming) + len(agenda.later)


def with_uids(agenda: Agenda) -> list[tuple[FollowUp, str]]:
    """Each open follow-up with its UID, soonest first. Which of its post's
    like-worded follow-ups one is counts the done ones too: a follow-up
    keeps its UID when one above it is marked done."""
    every = (*agenda.overdue, *agenda.upcoming, *agenda.later, *agenda.marked_done)
    seen: Counter[tuple[str, str]] = Counter()
    found = []
    for follow_up in sorted(every, key=lambda f: (f.post.key, f.line or 0)):
        key = (follow_up.post.slug, " ".join(follow_up.text.split()).casefold())
        seen[key] += 1
        if not follow_up.done:
            found.append((follow_up, follow_up_uid(follow_up, seen[key])))
    return sorted(found, key=lambda pair: (pair[0].due, pair[1]))


def is_a_calendar(start: bytes) -> bool:
    """Does a file beginning with ``start`` hold an iCalendar calendar?"""
    return start.lstrip(b"\xef\xbb\xbf").startswith(b"BEGIN:VCALENDAR")


def write_calendar(path: Path, cal: Calendar) -> int:
    """Write ``cal`` over ``path`` in one step; return how many events."""
    make_folder_for(path)
    # A new calendar is the writer's alone (0600, as it always was): it
    # holds follow-ups, which never leave their machine.
    replace_file(path, cal.to_ical(), new_mode=0o600)
    return len(cal.walk("VEVENT"))
