"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the site.

No maintained Python library writes JSON Feed (feedgenerator, which writes
Pelican's Atom and RSS, does not), and the format is a small JSON object, so
it is built here from the same FeedEntry data as the Atom and RSS feeds.

An item whose post tells stories or records questions the writer asked
carries them as data in ``_reflections`` (JSON Feed's way to extend an item:
a key that starts with an underscore, which readers that do not know it
ignore). Atom and RSS have no such place that readers use, and their
content already holds the same stories and questions as asides.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .entries import FeedEntry

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(
    entries: Iterable[FeedEntry],
    *,
    title: str,
    home_page_url: str,
    feed_url: str,
    description: str | None = None,
    language: str | None = None,
    author: str | None = None,
    hub: str | None = None,
) -> dict[str, Any]:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": title,
        "home_page_url": home_page_url,
        "feed_url": feed_url,
    }
    if description:
        feed["description"] = description
    if language:
        feed["language"] = language
    if author:
        feed["authors"] = [{"name": author}]
    if hub:
        feed["hubs"] = [{"type": "WebSub", "url": hub}]
    feed["items"] = [_item(entry, language) for entry in entries]
    return feed


def _item(entry: FeedEntry, feed_language: str | None) -> dict[str, Any]:
    """A post as a JSON Feed item; one in another language than the feed's
    (``Lang: ar``) says so, as JSON Feed 1.1 lets an item."""
    item: dict[str, Any] = {
        "id": entry.link,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),
    }
    if entry.summary_text:
        item["summary"] = entry.summary_text
    if entry.updated:
        item["date_modified"] = entry.updated.isoformat()
    if entry.author:
        item["authors"] = [{"name": entry.author}]
    if entry.categories:
        item["tags"] = list(entry.categories)
    if entry.reflections:
        item["_reflections"] = entry.reflections
    if entry.language and entry.language != feed_language:
        item["language"] = entry.language
    return item
