"""Dates every machine-readable format can write.

Before a place kept standard time its zone's offset was its local mean
time, to the second: Chicago ran 5:50:36 behind Greenwich until 1883,
Amsterdam 0:19:32 ahead until 1937. RFC 3339 (Atom, JSON Feed, the
sitemap), RFC 2822 (RSS) and HTML's ``datetime`` write an offset in hours
and minutes only, so a post dated then got dates no reader accepts
(``-05:50:36``, RSS's ``-055036``, the sitemap's ``-0550:36``). As each
post or page is made, such a date is given the nearest whole-minute offset:
the time as written is kept (and with it the address, made of the date),
the moment moves by under half a minute.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any


def whole_minute_offset(date: Any) -> Any:
    """``date`` with its offset rounded to the minute, if it had seconds."""
    if not isinstance(date, datetime) or date.tzinfo is None:
        return date
    offset = date.utcoffset()
    if offset is None or offset % timedelta(minutes=1) == timedelta(0):
        return date
    minutes = round(offset / timedelta(minutes=1))
    return date.replace(tzinfo=timezone(timedelta(minutes=minutes)))


def whole_minute_dates(content: Any) -> None:
    """A ``content_object_init`` handler: the post's or page's ``date`` and
    ``modified`` with whole-minute offsets."""
    for name in ("date", "modified"):
        value = getattr(content, name, None)
        rounded = whole_minute_offset(value)
        if rounded is not value:
            setattr(content, name, rounded)
