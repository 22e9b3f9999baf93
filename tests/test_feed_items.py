"""A post carried by many feeds is written as XML once per format and copied
into each: the feeds come out exactly as feedgenerator writes them."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from sitekit.feedfiles import ItemCache, new_feed

SETTINGS = {"SITESUBTITLE": "Notes", "DEFAULT_LANG": "en", "WEBSUB_HUB": None}


def post(number: int) -> dict:
    return {
        "title": f"Post {number} <with> “markup”",
        "link": f"https://example.org/2026/post-{number}/",
        "description": f"<p>Summary {number} &amp; more</p>",
        "content": f"<p>Body {number}</p>" * 50,
        "unique_id": f"tag:example.org,2026-01-0{1 + number % 9}:/2026/post-{number}/",
        "categories": ["Mentoring", f"topic-{number % 4}"],
        "author_name": "Priya",
        "pubdate": datetime(2026, 1, 1 + number % 28, 9, 30, tzinfo=UTC),
        "updateddate": None,
    }


def written(feed) -> str:
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.parametrize("limit", [16_000_000, 3_000])
def test_feeds_sharing_items_are_what_feedgenerator_writes(kind, limit):
    cache = ItemCache(limit=limit)  # 3,000 characters: items are dropped and made again
    for subject in range(6):
        numbers = [n for n in range(20) if n % (subject + 1) == 0]
        fields = {
            "title": f"Subject {subject}",
            "link": f"https://example.org/s{subject}/",
            "feed_url": f"https://example.org/feeds/s{subject}.xml",
            "settings": SETTINGS,
        }
        shared, plain = new_feed(kind, **fields), new_feed(kind, **fields)
        for number in numbers:
            cache.add(shared, number, **post(number))
            plain.add_item(**post(number))
        assert written(shared) == written(plain)


def test_at_most_the_limit_of_xml_is_kept():
    cache = ItemCache(limit=5_000)
    feed = new_feed("atom", title="t", link="l", feed_url="f", settings=SETTINGS)
    for number in range(30):
        cache.add(feed, number, **post(number))
    kept = sum(len(item["xml"]) for item in cache._items.values())
    assert kept <= 5_000
    assert 1 < len(cache._items) < 30
