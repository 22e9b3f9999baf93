"""Comments as plain data: one file, one comment; threads as trees.

Threads are made anew in every build and use slots, to be small; a
``Comment`` does not, because the comment cache keeps it and a cache
written before would load wrongly into slots.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Comment:
    """A reader's comment, read from ``comments/<post-slug>/<id>.md``.

    ``author`` and ``text`` are plain text (escape them when printing);
    ``html`` is sanitised markup, safe to print as it is.
    """

    id: str
    post_slug: str
    author: str
    date: datetime
    html: str
    text: str
    website: str | None = None
    reply_to: str | None = None
    path: str | None = None

    @property
    def anchor(self) -> str:
        return f"comment-{self.id}"

    @property
    def date_label(self) -> str:
        # calendar, not strftime: Pelican's dates format slowly through its own.
        return (
            f"{calendar.month_name[self.date.month]} {self.date.day}, {self.date.year}"
        )


@dataclass(slots=True)
class CommentNode:
    comment: Comment
    depth: int  # 1 for a top-level comment
    replies: list[CommentNode] = field(default_factory=list)
    by_post_author: bool = False  # written by the post's author, marked as such


@dataclass(frozen=True, slots=True)
class CommentThread:
    """Every comment on one post, nested as it is displayed."""

    title: str
    roots: tuple[CommentNode, ...]
    count: int
    newest: tuple[Comment, ...]  # newest first

    @property
    def heading(self) -> str:
        """The WordPress-style heading: "3 thoughts on “Title”"."""
        if self.count == 0:
            return f"No thoughts yet on “{self.title}”"
        if self.count == 1:
            return f"One thought on “{self.title}”"
        return f"{self.count} thoughts on “{self.title}”"

    @property
    def count_label(self) -> str:
        """For listings: "3 comments"."""
        return f"{self.count} comment{'' if self.count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Answer:
    """A comment as an answer to the post's closing question: what other
    plugins (the reflection index) may read from ``article.answers``."""

    author: str
    date: datetime
    url: str
    text: str

    @property
    def excerpt(self) -> str:
        """The start of the answer, cut at a word, for quoting on the index."""
        if len(self.text) <= 120:
            return self.text
        return self.text[:119].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
