"""Dates a person or a receiver wrote, read as Pelican reads them
(``pelican.utils.get_date``, dateutil underneath), but never with a time
zone quietly dropped.

dateutil reads ``2025-09-14 10:00 PST`` as 10:00 with no zone and says so
only through Python's ``warnings``: the post was dated in the site's
``TIMEZONE`` instead, hours off, and the build printed two lines of
dateutil's source, naming no file. A zone's name stands for different
offsets in different places (``CST`` is Chicago's and China's), so it is
refused; an offset (``-08:00``), ``Z`` or ``UTC`` is read as before.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.parser import UnknownTimezoneWarning

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


def site_today(settings: dict[str, Any]) -> date:
    """Today where the site is (its ``TIMEZONE``), not where the machine's
    clock is set: a post started in the evening in Chicago on a machine
    that keeps UTC is dated the day it was written, not the next."""
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
