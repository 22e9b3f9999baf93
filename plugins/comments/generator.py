"""Writes the comment feeds: one per post with comments, one for the site."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from pelican.generators import Generator

from .model import Comment


@dataclass(frozen=True)
class CommentFeedItem:
    """A comment in the shape Pelican's feed writer expects of an article."""

    comment: Comment
    post_title: str
    post_url: str
    summary: None = None

    @property
    def title(self) -> str:
        # Feed writers treat titles as HTML (post titles may hold markup),
        # while an author's name is plain text.
        return f"{html.escape(self.comment.author)} on “{self.post_title}”"

    @property
    def url(self) -> str:
        return f"{self.post_url}#{self.comment.anchor}"

    @property
    def date(self) -> datetime:
        return self.comment.date

    @property
    def author(self) -> str:
        return self.comment.author

    def get_content(self, site_url: str) -> str:
        return self.comment.html


class CommentsGenerator(Generator):
    def generate_output(self, writer) -> None:
        per_post = self.settings.get("COMMENT_FEED_ATOM")
        site_wide = self.settings.get("COMMENTS_FEED_ATOM")
        if not (per_post or site_wide):
            return
        every: list[CommentFeedItem] = []
        for article in self.context.get("articles", []):
            thread = getattr(article, "comment_thread", None)
            if thread is None or not thread.count:
                continue
            items = [
                CommentFeedItem(c, article.title, article.url) for c in thread.newest
            ]
            every += items
            if per_post:
                path = per_post.format(slug=article.slug)
                url = (self.settings.get("COMMENT_FEED_ATOM_URL") or per_post).format(
                    slug=article.slug
                )
                writer.write_feed(
                    items,
                    self.context,
                    path,
                    url,
                    feed_title=f"Comments on {article.title}",
                )
        if site_wide and every:
            every.sort(key=lambda item: item.date, reverse=True)
            writer.write_feed(
                every,
                self.context,
                site_wide,
                self.settings.get("COMMENTS_FEED_ATOM_URL") or site_wide,
                feed_title="Comments",
            )
