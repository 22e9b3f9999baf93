"""Comments as feed entries: titles, links and ids fixed before anyone subscribes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
from sitebuild import build_site, read

from comments.feeds import CommentEntry, comment_entry_id
from comments.model import Comment

SITE = "https://example.org/blog"
POST_TITLE = "Two levels up"
POST_LINK = f"{SITE}/2025/two-levels-up/"
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


def entry(**changes) -> CommentEntry:
    return CommentEntry.of(comment(**changes), POST_TITLE, POST_LINK)


def test_a_comments_entry_title_names_its_author_and_post():
    assert entry().title == "Maria on “Two levels up”"


def test_an_entry_title_is_text_a_feed_escapes_once():
    """Atom's titles are text: the name as it is, the post's title as its text."""
    title = CommentEntry.of(
        comment(author="Sam <the intern> Lee"), "Q&amp;A <em>day</em>", POST_LINK
    ).title
    assert title == "Sam <the intern> Lee on “Q&A day”"


def test_a_comments_entry_links_to_the_post_at_the_comment():
    assert entry().link == f"{POST_LINK}#comment-2025-09-14-maria"


def test_a_comments_entry_id_is_a_tag_uri_of_host_day_path_and_anchor():
    assert entry().id == (
        "tag:example.org,2025-09-14:/blog/2025/two-levels-up/#comment-2025-09-14-maria"
    )


def test_comment_ids_have_no_double_slash():
    assert "//" not in comment_entry_id(POST_LINK, comment()).removeprefix("tag:")


def test_two_comments_on_one_post_have_different_ids():
    assert entry(id="a").id != entry(id="b").id


def test_a_comment_id_does_not_change_when_its_text_or_author_does():
    assert entry().id == entry(html="<p>Edited.</p>", author="M. Rossi").id


def test_published_comment_feeds_link_to_their_post_and_keep_their_ids(
    published_site,
):
    feed = feedparser.parse(
        read(published_site / "feeds" / "comments" / "two-levels-up.atom.xml")
    )

    assert not feed.bozo
    assert feed.feed.link == "https://example.org/blog/2025/two-levels-up/"
    assert feed.feed.id == (
        "https://example.org/blog/feeds/comments/two-levels-up.atom.xml"
    )
    assert (
        "tag:example.org,2025-09-15:/blog/2025/two-levels-up/#comment-2025-09-15-tom"
        in [entry.id for entry in feed.entries]
    )


def test_comment_ids_are_the_same_in_every_build(tmp_path, published_site):
    again = build_site(
        tmp_path / "output", conf="publishconf.py", SITEURL="https://example.org/blog"
    )
    path = ("feeds", "comments.atom.xml")
    ids = [
        [e.id for e in feedparser.parse(read(site.joinpath(*path))).entries]
        for site in (published_site, again)
    ]
    assert ids[0] == ids[1] and len(ids[0]) == 15  # 10 comments, 5 Webmentions
