"""A date the writer types for after a conversation, checked against it.

A follow-up or the next contact comes after the conversation that set it;
one dated before it is most likely a year typed wrong (``2024-10-01`` in a
post of September 2025): on the desk it would only ever show as overdue,
or as a reconnection long missed. It is kept as written, and said.
"""

from __future__ import annotations

from datetime import date

from sitekit.rules import Finding

from .model import PostFacts
from .rules import DATE_BEFORE_CONVERSATION


def before_conversation(
    field: str, value: str, day: date, post: PostFacts, line: int | None
) -> list[Finding]:
    """A finding when ``day``, what ``field`` dates after a conversation,
    falls before the conversation itself: most likely a year typed wrong."""
    if post.date is None or day >= post.date:
        return []
    return [
        Finding(
            DATE_BEFORE_CONVERSATION,
            f"{field}: {value!r} is dated before the conversation it comes from "
            f"({post.date.isoformat()}); is the year right? It is kept as written",
            post.key,
            line,
        )
    ]
