"""Pelican's Writer, with feed entries that readers and validators accept.

Differences from stock Pelican: RSS guids are the permalink (stock uses a
``tag:`` URI, which the W3C validator rejects as a permalink), content is
always full and its links absolute, and each entry lists its lessons and
tags as categories.
"""

from __future__ import annotations

from feedgenerator import Rss201rev2Feed
from pelican.writers import Writer

from .entries import EntryBuilder


class FeedWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.entries = EntryBuilder(self.settings)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        # RSS <language> and Atom xml:lang: the validator asks for them.
        feed.feed["language"] = context.get("DEFAULT_LANG")
        return feed

    def _add_item_to_the_feed(self, feed, item) -> None:
        entry = self.entries.entry(item, self.site_url)
        rss = isinstance(feed, Rss201rev2Feed)
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=entry.content_html if rss else entry.summary_html,
            content=None if rss else entry.content_html,
            unique_id=entry.rss_guid if rss else entry.atom_id,
            unique_id_is_permalink=True if rss else None,
            categories=entry.categories or None,
            author_name=entry.author,
            pubdate=entry.published,
            updateddate=entry.updated,
        )
