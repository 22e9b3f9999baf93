"""Microformats2: posts, the home page, comments and the author's card, read
the way IndieWeb readers and Webmention senders read them, with mf2py."""

from __future__ import annotations

import mf2py
import pytest
from samples import sample_posts
from sitebuild import build_site, read

from presentation.microformats import profile_links_problem

LOCAL = "http://127.0.0.1:8000/"


def parsed(site, path: str, base: str = LOCAL) -> dict:
    url = base + path.removesuffix("index.html")
    return mf2py.parse(doc=read(site / path), url=url)


def items_of_type(document: dict, kind: str) -> list[dict]:
    return [item for item in document["items"] if kind in item["type"]]


def the_entry(site, path: str, base: str = LOCAL) -> dict:
    entries = items_of_type(parsed(site, path, base), "h-entry")
    assert len(entries) == 1, path
    return entries[0]["properties"]


def test_every_post_is_an_h_entry_with_each_property(site):
    for post in sample_posts():
        entry = the_entry(site, post.output)
        assert entry["name"][0].strip()
        assert entry["url"] == [f"{LOCAL}{post.year}/{post.slug}/"]
        assert entry["published"][0].startswith(post.fields["date"][:10])
        assert entry["updated"][0] >= entry["published"][0]
        assert entry["summary"][0].strip()
        assert entry["content"][0]["html"].strip()
        assert entry["content"][0]["value"].strip()
        (author,) = entry["author"]
        assert author["type"] == ["h-card"]
        assert author["properties"]["name"] == ["Priya"]
        assert author["properties"]["url"] == [f"{LOCAL}about/"]
        categories = set(entry["category"])
        assert post.fields["category"] in categories
        tags = {tag.strip() for tag in post.fields["tags"].split(",")}
        assert tags <= categories  # the tag's name, without its "#"


def test_a_post_s_lessons_are_among_its_categories(site):
    entry = the_entry(site, "2025/two-levels-up/index.html")
    assert entry["name"] == [
        "The conversation that started this blog: asking two levels up"
    ]
    assert {"Interview two levels up", "Prepare targeted questions"} <= set(
        entry["category"]
    )


def test_a_modified_post_says_when_it_was_updated(site):
    entry = the_entry(site, "2025/two-levels-up/index.html")
    assert entry["published"][0].startswith("2025-09-14")
    assert entry["updated"][0].startswith("2025-09-21")


def every_comment(properties: dict) -> list[dict]:
    """The h-cite comments of an entry or comment, and their replies, at any
    depth (a reply is the p-comment of the comment it answers)."""
    found = []
    for comment in properties.get("comment", ()):
        if "h-cite" in comment["type"]:
            found += [comment, *every_comment(comment["properties"])]
    return found


def test_comments_are_h_cite_p_comment_of_their_post(site):
    entry = the_entry(site, "2025/two-levels-up/index.html")
    comments = every_comment(entry)
    authors = {c["properties"]["author"][0]["properties"]["name"][0] for c in comments}
    assert {"Tom Becker", "Anika Shah", "Grace Okafor", "Priya"} <= authors
    tom = next(
        c
        for c in comments
        if c["properties"]["author"][0]["properties"]["name"] == ["Tom Becker"]
    )
    assert tom["properties"]["author"][0]["properties"]["url"] == [
        "https://example.com/tom-becker"
    ]
    assert tom["properties"]["published"][0].startswith("2025-09-15")
    assert tom["properties"]["url"][0].endswith("#comment-2025-09-15-tom")
    assert "climbed over the wall" in tom["properties"]["content"][0]["value"]


def test_the_home_page_is_an_h_feed_of_the_newest_posts(site):
    (feed,) = items_of_type(parsed(site, "index.html"), "h-feed")
    assert feed["properties"]["name"] == ["Conversations Worth Keeping"]
    assert feed["properties"]["url"] == [LOCAL]
    author = feed["properties"]["author"][0]
    assert author["properties"]["name"] == ["Priya"]
    newest = sorted(sample_posts(), key=lambda post: post.fields["date"])[::-1]
    children = feed["children"]
    assert [child["properties"]["url"][0] for child in children] == [
        f"{LOCAL}{post.year}/{post.slug}/" for post in newest[: len(children)]
    ]
    for child in children:
        assert child["type"] == ["h-entry"]
        for name in ("name", "url", "published", "summary", "category"):
            assert child["properties"][name], name


def test_the_about_page_is_the_author_s_h_card_with_rel_me_links(site):
    document = parsed(site, "about/index.html")
    (card,) = [
        item
        for item in items_of_type(document, "h-card")
        if item["properties"].get("note")
    ]
    assert card["properties"]["name"] == ["Priya"]
    profiles = [
        "https://social.example.net/@priya",
        "https://code.example.com/priya-reflects",
    ]
    assert card["properties"]["url"] == [f"{LOCAL}about/", *profiles]
    assert document["rels"]["me"] == profiles
    assert parsed(site, "index.html")["rels"]["me"] == profiles


def test_published_pages_carry_absolute_addresses(published_site):
    base = "https://example.org/blog/"
    entry = the_entry(published_site, "2025/two-levels-up/index.html", base)
    assert entry["url"] == [f"{base}2025/two-levels-up/"]
    assert entry["author"][0]["properties"]["url"] == [f"{base}about/"]


def test_the_webmention_endpoint_is_linked_only_when_set(site, tmp_path):
    assert "webmention" not in parsed(site, "index.html")["rels"]
    endpoint = "https://webmention.example.net/priya/webmention"
    built = build_site(tmp_path / "output", WEBMENTION_ENDPOINT=endpoint)
    for path in ("index.html", "2025/two-levels-up/index.html", "about/index.html"):
        assert parsed(built, path)["rels"]["webmention"] == [endpoint]


@pytest.mark.parametrize(
    "profiles",
    [
        [("Mastodon",)],
        [("Mastodon", "javascript:alert(1)")],
        [("", "https://social.example.net/@priya")],
        ["https://social.example.net/@priya"],
    ],
)
def test_author_profiles_must_be_labelled_web_addresses(profiles):
    assert profile_links_problem(profiles)


def test_author_profiles_accept_labelled_web_addresses():
    fine = [("Mastodon", "https://social.example.net/@p")]
    assert profile_links_problem(fine) is None
