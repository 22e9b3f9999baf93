"""Dates a person or a receiver wrote, read as Pelican reads them
(``pelican.utils.get_date``, dateutil underneath), but never with a time
zone quietly dropped.

dateutil reads ``2025-09-14 10:00 PST`` as 10:00 with no zone and says so
only through Python's ``warnings``: the post was dated in the site's
``TIMEZONE`` instead, hours off, and the build printed two lines of
dateutil's source, naming no file. A zone's name stands for different
offsets in different places (``CST`` is Chicago's and China's), so it is
refused; an offset (``-08:00``), ``Z`` or ``UTC`` is read as before.

A date written the usual way (``YYYY-MM-DD``, with ``HH:MM``, seconds or a
``T``) is read without dateutil's general parser (``usual_date``), which
tries every form a date could take: 0.2 ms a date, for the forms almost
every post and comment uses. It gives the ``SafeDatetime`` dateutil would
have; anything else, an impossible date included, goes to dateutil.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from dateutil.parser import UnknownTimezoneWarning
from pelican.utils import SafeDatetime, get_date

# ASCII digits only: Python's \d also takes other scripts' digits, which
# dateutil does not read as a date.
_USUAL = re.compile(
    r"([1-9]\d{3})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?", re.ASCII
)

_ZONE_NAME = re.compile(r"tzname (\S+) identified")


class ZoneNameError(ValueError):
    """A date whose time zone is a name dateutil does not know."""

    def __init__(self, zone: str) -> None:
        self.zone = zone
        super().__init__(
            f"its time zone {zone!r} is a name, which stands for different "
            "offsets in different places; write the offset (like -08:00), "
            "or none for the site's TIMEZONE"
        )


@contextmanager
def zone_names_refused() -> Iterator[None]:
    """Within: a date whose zone dateutil would drop raises ZoneNameError
    (a ValueError, as any date that cannot be read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            yield
        except UnknownTimezoneWarning as warning:
            match = _ZONE_NAME.search(str(warning))
            raise ZoneNameError(match.group(1) if match else "?") from None


def usual_date(string: str) -> SafeDatetime | None:
    """The date ``pelican.utils.get_date`` reads in ``string`` if it is
    written the usual way and is a day of the calendar (no time: midnight;
    no seconds: zero; no time zone); None for any other string."""
    match = _USUAL.fullmatch(string)
    if match is None:
        return None
    try:
        return SafeDatetime(*[int(part) for part in match.groups() if part])
    except ValueError:  # not a day of the calendar: dateutil says so
        return None


def read_date(string: str) -> SafeDatetime:
    """``pelican.utils.get_date(string)``: the same date or the same error,
    sooner for a date written the usual way."""
    found = usual_date(string)
    return found if found is not None else get_date(string)
