"""Hunting defects in the desk's dates, calendar and review queue with input
a writer plausibly types: a site name with a comma, the same follow-up
twice in a post, one of them done, and so on.

Each test here failed before the fix it came with.
"""

from __future__ import annotations

import re

from icalendar import Calendar
from test_reflect_desk import GRAHAM, blog, calendar_events, run  # noqa: F401

# --- the calendar file (RFC 5545) -------------------------------------------------

#: A TEXT value's escapes (RFC 5545, 3.3.11): nothing else may follow a
#: backslash, and a comma or semicolon that is text must be escaped.
_TEXT_ESCAPE = re.compile(r"\\(.)|([,;])", re.DOTALL)
_UNESCAPED = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}


def text_values(raw: bytes, name: str) -> list[str]:
    """Every value of the property ``name`` in ``raw``, unfolded and read as
    RFC 5545 TEXT, strictly: a stray escape or an unescaped ``,`` or ``;``
    is an error, not text."""
    unfolded = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    values = []
    for line in unfolded.split("\r\n"):
        prop, _, value = line.partition(":")
        if prop.split(";")[0].upper() != name.upper():
            continue

        def unescape(match: re.Match, line: str = line) -> str:
            if match.group(2):
                raise AssertionError(f"unescaped {match.group(2)!r} in {line!r}")
            if match.group(1) not in _UNESCAPED:
                raise AssertionError(f"no such escape \\{match.group(1)} in {line!r}")
            return _UNESCAPED[match.group(1)]

        values.append(_TEXT_ESCAPE.sub(unescape, value))
    return values


def test_the_calendars_name_is_text_escaped_as_rfc_5545_says(blog, capsys):  # noqa: F811
    """X-WR-CALNAME holds TEXT (RFC 5545 3.8.8.2: a non-standard property's
    default type): a site name with a comma, a semicolon or a backslash was
    written as it is, which a calendar app reads as another name, or not
    at all (``\\ `` is no escape)."""
    name = r"Priya, in conversation; notes\drafts"
    with (blog / "pelicanconf.py").open("a") as settings:
        settings.write(f"SITENAME = {name!r}\n")

    run(capsys, "due", "--ics", "due.ics")

    raw = (blog / "due.ics").read_bytes()
    assert text_values(raw, "X-WR-CALNAME") == [f"Follow-ups: {name}"]
    for prop in ("SUMMARY", "DESCRIPTION"):
        assert text_values(raw, prop)  # each read strictly as TEXT
    Calendar.from_ical(raw)
