"""A comment dated before what it answers.

A comment file's ``Date:`` is typed by hand (copied from an e-mail, say):
a year typed wrong put a comment before its post, or a reply before the
comment it answers, and the thread and the comment feed showed it there
without a word. It is shown as written, and said at its ``Date:`` line.
A Webmention's date is the other site's, not the writer's: not judged.
"""

from __future__ import annotations

from datetime import datetime

from sitekit.rules import Finding
from sitekit.sourcelines import field_line

from .model import Comment
from .rules import COMMENT_BEFORE_POST


def before(comment: Comment, earliest: datetime, what: str) -> list[Finding]:
    """A finding when ``comment``, a comment file, is dated before
    ``earliest``, the date of ``what`` it answers ("the post", "the comment
    it answers")."""
    if comment.kind != "comment" or not _comparable(comment.date, earliest):
        return []
    if comment.date >= earliest:
        return []
    line = field_line(comment.path, "date") if comment.path else None
    return [
        Finding(
            COMMENT_BEFORE_POST,
            f"Date: {_shown(comment.date)} is before {what} "
            f"({_shown(earliest)}); is the year right? It is shown as written",
            comment.path,
            line,
        )
    ]


def _comparable(one: datetime, other: datetime) -> bool:
    """Both with a zone or both without: Python compares no other pair."""
    return isinstance(other, datetime) and (one.tzinfo is None) == (
        other.tzinfo is None
    )


def _shown(moment: datetime) -> str:
    # isoformat, not %Y, which writes year 205 as "205".
    return f"{moment.date().isoformat()} {moment:%H:%M}"
