"""Comments go into feeds in the shape Pelican's feed writer expects."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import feedparser
import pytest
from pelican.settings import DEFAULT_CONFIG

from comments.generator import CommentFeedItem
from comments.model import Comment
from feeds.entries import EntryBuilder
from feeds.writer import FeedWriter

SITE = "https://example.org/blog"
POST_TITLE = "Two levels up"
POST_URL = "posts/two-levels-up/"
WHEN = datetime(2025, 9, 14, 10, 30, tzinfo=timezone(timedelta(hours=-5)))


def comment(id: str = "2025-09-14-maria", author: str = "Maria", **changes) -> Comment:
    fields = {
        "post_slug": "two-levels-up",
        "date": WHEN,
        "html": '<p>Ask <a href="https://team.example">the team</a>.</p>',
        "text": "Ask the team.",
        **changes,
    }
    return Comment(id=id, author=author, **fields)


def item(**changes) -> CommentFeedItem:
    return CommentFeedItem(comment(**changes), POST_TITLE, POST_URL)


def entry(feed_item: CommentFeedItem, site_url: str = SITE):
    return EntryBuilder({"TIMEZONE": "America/Chicago"}).entry(feed_item, site_url)


def test_a_comments_feed_title_names_its_author_and_post():
    assert item().title == "Maria on “Two levels up”"


def test_a_comments_feed_url_is_the_post_url_at_the_comment():
    assert item().url == "posts/two-levels-up/#comment-2025-09-14-maria"


def test_a_comments_feed_date_and_author_are_the_comments():
    feed_item = item(author="Anh Tran", date=WHEN + timedelta(days=2))

    assert (feed_item.date, feed_item.author) == (WHEN + timedelta(days=2), "Anh Tran")


@pytest.mark.parametrize("site_url", ["", SITE])
def test_a_comments_feed_content_is_its_sanitised_html(site_url):
    assert item().get_content(site_url) == (
        '<p>Ask <a href="https://team.example">the team</a>.</p>'
    )


def test_a_comment_has_no_summary_apart_from_its_content():
    assert item().summary is None


def test_a_feed_entry_for_a_comment_links_absolutely_to_the_comment():
    built = entry(item())

    assert built.link == f"{SITE}/posts/two-levels-up/#comment-2025-09-14-maria"


def test_a_feed_entry_for_a_comment_carries_its_title_author_date_and_html():
    built = entry(item())

    assert (built.title, built.author) == ("Maria on “Two levels up”", "Maria")
    assert built.published == WHEN
    assert built.content_html == (
        '<p>Ask <a href="https://team.example">the team</a>.</p>'
    )
    assert (built.summary_html, built.categories) == (None, ())


def test_relative_links_in_a_comment_become_absolute_in_its_feed_entry():
    built = entry(item(html='<p>See <a href="../other-post/">this</a>.</p>'))

    assert built.content_html == (
        f'<p>See <a href="{SITE}/posts/other-post/">this</a>.</p>'
    )


def test_two_comments_on_one_post_have_different_feed_ids():
    builder = EntryBuilder({})

    first = builder.entry(item(id="a"), SITE)
    second = builder.entry(item(id="b"), SITE)

    assert first.atom_id != second.atom_id


def test_the_atom_feed_writer_accepts_comment_items(tmp_path):
    writer = FeedWriter(str(tmp_path), settings=copy.deepcopy(DEFAULT_CONFIG))
    context = {"SITEURL": SITE, "SITENAME": "Reflections", "FEED_DOMAIN": SITE}
    items = [item(id="b", author="Anh"), item(id="a")]

    feed = writer.write_feed(items, context, url="feeds/two-levels-up.comments.xml")

    parsed = feedparser.parse(feed.writeString("utf-8"))
    assert not parsed.bozo
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("Anh on “Two levels up”", f"{SITE}/posts/two-levels-up/#comment-b"),
        ("Maria on “Two levels up”", f"{SITE}/posts/two-levels-up/#comment-a"),
    ]


def test_an_authors_angle_brackets_survive_into_the_feed_title():
    built = entry(item(author="Sam <the intern> Lee"))

    assert built.title == "Sam <the intern> Lee on “Two levels up”"
