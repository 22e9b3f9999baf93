"""Posts' dates written the usual way read without dateutil's parser.

Pelican 4.12 reads every ``Date:`` and ``Modified:`` with dateutil's
general parser (``pelican.utils.get_date``, through the ``date`` and
``modified`` entries of ``pelican.readers.METADATA_PROCESSORS``), which
tries every form a date could take: 0.3 ms for each, 2% of a profiled
build, for dates that are almost always written ``YYYY-MM-DD`` or
``YYYY-MM-DD HH:MM``.

No public API serves: the processors call the ``get_date`` that Pelican's
readers module imported. While a build with fastbuild runs, that name is
this module's ``get_date``: a date in exactly one of those forms (or with
seconds, or a ``T``) becomes the ``SafeDatetime`` dateutil would have made
from it (no time: midnight; no seconds: zero; no time zone), and anything
else, an impossible date included, goes to Pelican's own ``get_date``, with
its own result or message.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pelican.readers
from pelican.utils import SafeDatetime

#: Pelican 4.12's pelican.utils.get_date, as the readers module imported it.
_pelicans = pelican.readers.get_date

# ASCII digits only: Python's \d also takes other scripts' digits, which
# dateutil does not read as a date.
_USUAL = re.compile(
    r"([1-9]\d{3})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?", re.ASCII
)


def start(pelican_instance) -> None:
    """Read dates this way for this build (``initialized``)."""
    if pelican_instance.settings.get("FASTBUILD_USUAL_DATES", True):
        pelican.readers.get_date = get_date
    else:
        pelican.readers.get_date = _pelicans


def stop(*_: Any) -> None:
    """Pelican's own again when it ends (``finalized``)."""
    pelican.readers.get_date = _pelicans


def get_date(string: str) -> datetime.datetime:
    """What ``pelican.utils.get_date`` gives ``string``, sooner."""
    match = _USUAL.fullmatch(string)
    if match is not None:
        try:
            return SafeDatetime(*[int(part) for part in match.groups() if part])
        except ValueError:  # not a day of the calendar: Pelican says so
            pass
    return _pelicans(string)
