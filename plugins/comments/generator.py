"""Writes the comment feeds: one per post with comments, one for the site."""

from __future__ import annotations

from collections.abc import Sequence

from pelican.generators import Generator

from sitekit.feedfiles import new_feed, write_feed_file
from sitekit.selectedpages import writes_only_selected

from .feeds import CommentEntry


class CommentsGenerator(Generator):
    def generate_output(self, writer) -> None:
        per_post = self.settings.get("COMMENT_FEED_ATOM")
        site_wide = self.settings.get("COMMENTS_FEED_ATOM")
        # A pass writing only selected pages (make serve's first) writes no
        # feed: none is a page open in a browser.
        if not (per_post or site_wide) or writes_only_selected(self.settings):
            return
        site_url = self.settings.get("SITEURL") or ""
        written: set[str] = set()
        every: list[CommentEntry] = []
        for article in self.context.get("articles", []):
            thread = article.comment_thread
            if thread is None or not thread.every_entry:
                continue
            post_link = f"{site_url}/{article.url}"
            entries = [
                CommentEntry.of(comment, article.title, post_link)
                for comment in thread.every_entry
            ]
            every += entries
            if per_post:
                url = self.settings.get("COMMENT_FEED_ATOM_URL") or per_post
                self._write(
                    f"Comments on {article.title}",
                    post_link,
                    per_post.format(slug=article.slug),
                    url.format(slug=article.slug),
                    entries,
                    written,
                )
        if site_wide and every:
            every.sort(key=lambda entry: entry.published, reverse=True)
            self._write(
                "Comments",
                f"{site_url}/",
                site_wide,
                self.settings.get("COMMENTS_FEED_ATOM_URL") or site_wide,
                every,
                written,
            )

    def _write(
        self,
        title: str,
        link: str,
        path: str,
        url: str,
        entries: Sequence[CommentEntry],
        written: set[str],
    ) -> None:
        settings = self.settings
        domain = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
        feed = new_feed(
            "atom",
            title=f"{settings['SITENAME']} - {title}",
            link=link,
            feed_url=f"{domain}/{url}",
            settings=settings,
        )
        for entry in entries[: settings.get("FEED_MAX_ITEMS")]:
            feed.add_item(
                title=entry.title,
                link=entry.link,
                description=None,
                content=entry.content_html,
                unique_id=entry.id,
                author_name=entry.author,
                pubdate=entry.published,
            )
        write_feed_file(self.output_path, path, feed, self.context, written)
