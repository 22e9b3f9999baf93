"""Pelican's Writer, with feed entries that readers and validators accept.

Differences from stock Pelican: RSS guids are the permalink (stock uses a
``tag:`` URI, which the W3C validator rejects as a permalink), content is
always full and its links absolute, each entry lists its lessons and tags
as categories, feeds declare their language, and each entry's XML is
written once per build however many feeds carry it.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from io import StringIO
from typing import Any
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from pelican.writers import Writer

from .entries import EntryBuilder, FeedEntry


class FragmentCache:
    """Each entry's finished XML, by (feed format, post, site URL).

    Most of an entry is the post's content, escaped, and a post's RSS item
    and Atom entry carry the same text: it is kept once, for both, so an
    entry is kept as pieces around it. The cache holds at most ``limit``
    characters, the posts written longest ago going first: a site's feeds
    mostly carry its newest posts, and on a large site keeping every entry
    would cost more memory than it saves time.
    """

    #: Characters kept, about 4 MB: a thousand-post site's feeds fit.
    limit = 4_000_000

    def __init__(self) -> None:
        self.size = 0
        self._posts: OrderedDict[tuple[int, str], _KeptPost] = OrderedDict()

    def key(self, element: str, item, site_url: str) -> tuple[str, int, str]:
        return (element, id(item), site_url)

    def get(self, key) -> tuple[str, ...] | None:
        element, post, site_url = key
        kept = self._posts.get((post, site_url))
        if kept is None:
            return None
        self._posts.move_to_end((post, site_url))
        return kept.fragments.get(element)

    def dates(self, item, site_url: str):
        kept = self._posts.get((id(item), site_url))
        return None if kept is None else kept.dates

    def remember(self, item, site_url: str, published, updated) -> None:
        if (id(item), site_url) not in self._posts:
            # The post is held, so that its id cannot be reused meanwhile.
            self._posts[(id(item), site_url)] = _KeptPost(item, (published, updated))

    def keep(self, key, fragment: str, content: str) -> tuple[str, ...]:
        """Keep an entry's XML, in which ``content`` is the escaped post;
        the pieces it is kept as, which make up ``fragment`` again."""
        element, post, site_url = key
        kept = self._posts.get((post, site_url))
        if kept is None:
            return (fragment,)
        if kept.content is None:
            kept.content = content
            kept.size += len(content)
            self.size += len(content)
        # An empty post (a body of nothing) has nothing to share.
        before, found, after = (
            fragment.partition(kept.content) if kept.content else (fragment, "", "")
        )
        pieces = (before, kept.content, after) if found else (fragment,)
        kept.fragments[element] = pieces
        added = len(fragment) - (len(kept.content) if found else 0)
        kept.size += added
        self.size += added
        self._posts.move_to_end((post, site_url))
        while self.size > self.limit and len(self._posts) > 1:
            _, gone = self._posts.popitem(last=False)
            self.size -= gone.size
        return pieces


@dataclass(slots=True)
class _KeptPost:
    """A post's entries in the cache, and the characters they take."""

    item: Any
    dates: tuple
    content: str | None = None
    fragments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    size: int = 0


class _ReusedEntries:
    """Feed classes that copy an entry's XML when another feed wrote it already.

    A post is in its site feed, its category's, its tags' and its lessons'
    feeds; its entry is the same XML in all of them.
    """

    fragments: FragmentCache
    entry_element: str

    def write_items(self, handler) -> None:
        for item in self.items:
            key = item.get("entry_key")
            pieces = item.get("entry_pieces")
            if pieces is None:
                buffer = StringIO()
                writer = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
                writer.startElement(self.entry_element, self.item_attributes(item))
                self.add_item_elements(writer, item)
                writer.endElement(self.entry_element)
                pieces = (buffer.getvalue(),)
                if key is not None:
                    # The post as the writer escaped it: Atom's content, or
                    # RSS's description.
                    content = escape(item["content"] or item["description"] or "")
                    pieces = self.fragments.keep(key, pieces[0], content)
            for piece in pieces:
                handler.ignorableWhitespace(piece)  # written as it is


class ReusedRss(_ReusedEntries, Rss201rev2Feed):
    entry_element = "item"


class ReusedAtom(_ReusedEntries, Atom1Feed):
    entry_element = "entry"


class FeedWriter(Writer):
    """The site's writer (Pelican takes one): feed entries as described above,
    and article pages rendered in workers (see reflections.parallel)."""

    #: Write each entry's XML once per build; tests turn this off to show
    #: that the feeds come out the same.
    reuse_entries = True

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.entries = EntryBuilder(self.settings)
        self.fragments = FragmentCache()
        # The entries of the feed being written and of the one before it:
        # Pelican writes a feed's Atom and RSS versions one after the other.
        # Each entry is kept with its item, so that the item's id is not
        # reused while the entry is.
        self._recent_entries: dict[tuple[int, str], tuple[Any, FeedEntry]] = {}
        self._entries_before: dict[tuple[int, str], tuple[Any, FeedEntry]] = {}

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        # RSS <language> and Atom xml:lang: the validator asks for them.
        feed.feed["language"] = context.get("DEFAULT_LANG")
        self._entries_before, self._recent_entries = self._recent_entries, {}
        if self.reuse_entries:
            # Same feed, same state; only how entries are written differs.
            feed.__class__ = (
                ReusedRss if isinstance(feed, Rss201rev2Feed) else ReusedAtom
            )
            feed.fragments = self.fragments
        return feed

    def _add_item_to_the_feed(self, feed, item) -> None:
        rss = isinstance(feed, Rss201rev2Feed)
        if self.reuse_entries:
            key = self.fragments.key("item" if rss else "entry", item, self.site_url)
            dates = self.fragments.dates(item, self.site_url)
            pieces = self.fragments.get(key) if dates is not None else None
            if pieces is not None:
                # Written before: the feed only needs the dates (for its own
                # "updated") and the entry's XML, taken now in case the cache
                # lets it go before the feed is written.
                feed.add_item(
                    "",
                    "",
                    None,
                    pubdate=dates[0],
                    updateddate=dates[1],
                    entry_key=key,
                    entry_pieces=pieces,
                )
                return
        else:
            key = None
        entry = self._entry(item)
        # Pelican's setting: an RSS description is the summary, or the post.
        summary_only = rss and self.settings.get("RSS_FEED_SUMMARY_ONLY")
        description = entry.summary_html or entry.content_html
        if self.reuse_entries:
            self.fragments.remember(item, self.site_url, entry.published, entry.updated)
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=(description if summary_only else entry.content_html)
            if rss
            else entry.summary_html,
            content=None if rss else entry.content_html,
            unique_id=entry.rss_guid if rss else entry.atom_id,
            unique_id_is_permalink=True if rss else None,
            categories=entry.categories or None,
            author_name=entry.author,
            pubdate=entry.published,
            updateddate=entry.updated,
            entry_key=key,
        )

    def _entry(self, item) -> FeedEntry:
        """The item's entry, made once for the Atom and RSS versions of a feed.

        Ids stand for items only while the fragment cache keeps the items
        alive, as it does when entries are reused.
        """
        if not self.reuse_entries:
            return self.entries.entry(item, self.site_url)
        key = (id(item), self.site_url)
        found = self._recent_entries.get(key) or self._entries_before.get(key)
        entry = found[1] if found is not None else None
        if entry is None:
            entry = self.entries.entry(item, self.site_url)
        self._recent_entries[key] = (item, entry)
        return entry
