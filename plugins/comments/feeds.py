"""Comments as feed entries: ids fixed before anyone subscribes.

A comment's entry id is a ``tag:`` URI (RFC 4151) made of the site's host,
the day the comment was written, the post's path and the comment's anchor:

    tag:reflections.example.org,2025-09-15:/2025/two-levels-up/#comment-2025-09-15-tom

Every part is fixed when the comment is written (its file name is its id),
so the id never changes between builds. It changes only if the post's URL
or the comment's file name does, and then readers should see it as new.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sitekit.text import as_text

from .model import Comment


def comment_entry_id(post_link: str, comment: Comment) -> str:
    parts = urlsplit(post_link)
    return (
        # isoformat, not %Y: RFC 4151's year has four digits, and strftime
        # wrote year 205 as "205".
        f"tag:{parts.hostname or 'localhost'},{comment.date.date().isoformat()}:"
        f"{parts.path or '/'}#{comment.anchor}"
    )


@dataclass(frozen=True)
class CommentEntry:
    """One comment as an Atom entry."""

    title: str
    link: str
    id: str
    author: str
    content_html: str
    published: datetime

    @classmethod
    def of(cls, comment: Comment, post_title: str, post_link: str) -> CommentEntry:
        return cls(
            # An entry's title is text (Atom's default type): the author's
            # name is text already, the post's title becomes its text.
            title=f"{comment.author} {comment.verb} “{as_text(post_title)}”",
            link=f"{post_link}#{comment.anchor}",
            id=comment_entry_id(post_link, comment),
            author=comment.author,
            content_html=comment.html or _what_happened(comment, post_title),
            published=comment.date,
        )


def _what_happened(comment: Comment, post_title: str) -> str:
    """The entry's text for a like, repost or mention that has none."""
    where = html.escape(comment.via_host or "another site")
    link = html.escape(comment.via or "", quote=True)
    return (
        f"<p>{html.escape(comment.author)} {comment.verb} "
        f"“{html.escape(as_text(post_title))}” "
        f'on <a href="{link}">{where}</a>.</p>'
    )
