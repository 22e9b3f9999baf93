"""Comments as plain data: one file, one comment; threads as trees.

Threads are made anew in every build and use slots, to be small; a
``Comment`` does not, because the comment cache keeps it and a cache
written before would load wrongly into slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from pelican.utils import strftime

from .hostnames import shown_host

VERBS = {"like": "liked", "repost": "reposted", "mention": "mentioned"}


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
    # A Webmention (see mentions.py): its kind ("reply", "like", "repost" or
    # "mention"), the address of the post that mentions this one, and the
    # site and path its wm-target names (MentionTarget.address). A comment
    # file's kind is "comment".
    kind: str = "comment"
    via: str | None = None
    target: str | None = None
    # A Webmention's wm-source: a receiver keeps one mention per source and
    # post (repeats.py).
    source: str | None = None
    # How its post shows a date (DATE_FORMATS for the post's language, else
    # DEFAULT_DATE_FORMAT, as Pelican gives each post): set when the comment
    # is aimed at its post, so a comment's date reads as the post's does.
    date_format: str = "%B %-d, %Y"

    @property
    def anchor(self) -> str:
        return f"comment-{self.id}"

    @property
    def is_reply(self) -> bool:
        """Threaded with the comments (a comment file, or a reply sent as a
        Webmention); likes, reposts and mentions are shown beside them."""
        return self.kind in ("comment", "reply")

    @property
    def via_host(self) -> str | None:
        """The site a Webmention came from, for "via example.net", named
        as a browser would name it (hostnames.py)."""
        host = urlsplit(self.via).hostname if self.via else None
        return shown_host(host) if host else None

    @property
    def verb(self) -> str:
        """How a feed entry's title says what the person did."""
        return VERBS.get(self.kind, "on")

    @property
    def date_label(self) -> str:
        """The date as its post shows its own (Pelican's ``strftime``, which
        reads ``%-d`` on every system)."""
        return strftime(self.date, self.date_format)


@dataclass(slots=True)
class CommentNode:
    comment: Comment
    depth: int  # 1 for a top-level comment
    replies: list[CommentNode] = field(default_factory=list)
    by_post_author: bool = False  # written by the post's author, marked as such


@dataclass(frozen=True, slots=True)
class MentionGroup:
    """Likes, reposts or mentions of a post, oldest first, with a label such
    as "3 likes"."""

    kind: str
    mentions: tuple[Comment, ...]

    @property
    def label(self) -> str:
        count = len(self.mentions)
        noun = {"like": "like", "repost": "repost", "mention": "mention"}[self.kind]
        return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class CommentThread:
    """Every comment on one post, nested as it is displayed; Webmentions that
    are not replies grouped beside them."""

    title: str
    roots: tuple[CommentNode, ...]
    count: int
    newest: tuple[Comment, ...]  # newest first
    mention_groups: tuple[MentionGroup, ...] = ()

    @property
    def every_entry(self) -> tuple[Comment, ...]:
        """Comments, replies and mentions, newest first: the comment feeds'."""
        others = [m for group in self.mention_groups for m in group.mentions]
        return tuple(
            sorted(
                [*self.newest, *others],
                key=lambda comment: (comment.date, comment.id),
                reverse=True,
            )
        )

    @property
    def heading(self) -> str:
        """The WordPress-style heading: "3 thoughts on “Title”"."""
        before, after = self.heading_around
        return f"{before}{self.title}{after}"

    @property
    def heading_around(self) -> tuple[str, str]:
        """The heading's own words before and after the title, which the
        theme writes in the site's language around the title in the
        post's ("No thoughts yet on “", "”")."""
        if self.count == 0:
            return "No thoughts yet on “", "”"
        if self.count == 1:
            return "One thought on “", "”"
        return f"{self.count} thoughts on “", "”"

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
