"""Feeds of the published site, as RSS readers and the W3C validator see them."""

from __future__ import annotations

import calendar
import json
import re
from datetime import datetime

import feedparser
import pytest
from feedcheck import atom_problems, relative_urls, rss_problems
from sitebuild import build_site, copy_content, files_written_at, read

SITE = "https://example.org/blog"


def feed_files(site):
    return sorted(path for path in (site / "feeds").rglob("*.xml"))


def served_at(site, path) -> str:
    return f"{SITE}/{path.relative_to(site).as_posix()}"


def index_data(site) -> dict:
    return json.loads(read(site / "reflections.json"))


def test_the_published_site_has_atom_and_rss_for_every_subject(published_site):
    data = index_data(published_site)
    feeds = published_site / "feeds"
    for kind in ("atom", "rss"):
        assert (feeds / f"all.{kind}.xml").exists()
        for lesson in data["lessons"]:
            assert (feeds / "lessons" / f"{lesson['slug']}.{kind}.xml").exists()
        assert (feeds / "tag" / f"networking.{kind}.xml").exists()
        assert (feeds / "category" / f"mentoring.{kind}.xml").exists()
    assert (feeds / "all.json").exists()


def test_every_feed_parses_cleanly_and_its_self_link_is_where_it_is_served(
    published_site,
):
    paths = feed_files(published_site)
    assert len(paths) > 40
    for path in paths:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        selves = [link.href for link in feed.feed.links if link.rel == "self"]
        assert selves == [served_at(published_site, path)], path


def test_every_feed_follows_the_w3c_validators_rules(published_site):
    for path in feed_files(published_site):
        check = rss_problems if path.name.endswith(".rss.xml") else atom_problems
        assert check(path.read_bytes(), served_at(published_site, path)) == [], path


def test_the_site_feeds_carry_every_post_in_full_with_lessons_and_tags(
    published_site,
):
    posts = {post["url"]: post for post in index_data(published_site)["posts"]}
    titles = {
        lesson["slug"]: lesson["title"]
        for lesson in index_data(published_site)["lessons"]
    }
    for kind in ("atom", "rss"):
        feed = feedparser.parse(read(published_site / "feeds" / f"all.{kind}.xml"))
        assert len(feed.entries) == len(posts)
        for entry in feed.entries:
            post = posts[entry.link]
            assert entry.title == post["title"]
            expected = datetime.fromisoformat(post["date"])
            assert calendar.timegm(entry.published_parsed) == expected.timestamp()
            terms = {tag.term for tag in entry.tags}
            assert {titles[slug] for slug in post["lessons"]} <= terms
            assert entry.author == "Priya"
            html = entry.content[0].value if kind == "atom" else entry.description
            assert 'class="lesson-callout"' in html
            assert "Over to you" in html


def test_rss_guids_are_permalinks_and_atom_ids_are_tag_uris(published_site):
    rss = read(published_site / "feeds" / "all.rss.xml")
    guids = re.findall(r'<guid isPermaLink="true">([^<]+)</guid>', rss)
    links = re.findall(r"<item><title>.*?</title><link>([^<]+)</link>", rss)
    assert guids == links and len(guids) > 1
    atom = feedparser.parse(read(published_site / "feeds" / "all.atom.xml"))
    assert all(entry.id.startswith("tag:example.org,") for entry in atom.entries)


def test_a_modified_date_becomes_the_entrys_update_time(published_site):
    atom = feedparser.parse(read(published_site / "feeds" / "all.atom.xml"))
    entry = next(e for e in atom.entries if e.link.endswith("/2025/two-levels-up/"))
    assert entry.updated.startswith("2025-09-21T18:00")
    assert entry.published.startswith("2025-09-14T09:30")


def test_a_lesson_feed_lists_the_posts_that_taught_it(published_site):
    for lesson in index_data(published_site)["lessons"]:
        path = published_site / "feeds" / "lessons" / f"{lesson['slug']}.rss.xml"
        feed = feedparser.parse(read(path))
        assert [entry.link for entry in feed.entries] == [
            use["url"] for use in lesson["posts"]
        ]
        assert lesson["title"] in feed.feed.title


def test_entry_ids_stay_the_same_across_rebuilds(published_site, tmp_path):
    again = build_site(tmp_path / "output", conf="publishconf.py", SITEURL=SITE)
    for path in feed_files(published_site):
        first = feedparser.parse(path.read_bytes())
        second = feedparser.parse(
            (again / path.relative_to(published_site)).read_bytes()
        )
        assert [e.id for e in first.entries] == [e.id for e in second.entries], path


def test_the_json_feed_has_every_required_field(published_site):
    feed = json.loads(read(published_site / "feeds" / "all.json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert feed["feed_url"] == f"{SITE}/feeds/all.json"
    assert feed["home_page_url"] == f"{SITE}/"
    assert len(feed["items"]) == len(index_data(published_site)["posts"])
    for item in feed["items"]:
        assert item["id"] == item["url"]
        assert item["url"].startswith(f"{SITE}/")
        assert item["content_html"]
        datetime.fromisoformat(item["date_published"])
        assert relative_urls(item["content_html"]) == []


RELATIVE_LINKS_POST = """Title: Links of every kind
Date: 2026-11-05
Lessons: Follow up within a day

See [the previous post](../../2025/two-levels-up/), [a section](#notes),
[the about page](/blog/about/) and ![a chart](chart.png).

<a href="notes.html">raw link</a> and <img src="../images/x.png" alt="x">
"""


def test_relative_links_in_content_become_absolute_against_the_entry(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-05-links.md").write_text(RELATIVE_LINKS_POST)
    beside = files_written_at(
        content,
        {
            "2026/links-of-every-kind/chart.png": None,
            "2026/links-of-every-kind/notes.html": b"<p>Notes</p>",
            "2026/images/x.png": None,
        },
    )
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        content=content,
        SITEURL=SITE,
        **beside,
    )
    for name in ("all.atom.xml", "all.rss.xml", "all.json"):
        text = read(site / "feeds" / name)
        entry = f"{SITE}/2026/links-of-every-kind/"
        for expected in (
            f"{SITE}/2025/two-levels-up/",
            f"{entry}#notes",
            "https://example.org/blog/about/",
            f"{entry}chart.png",
            f"{entry}notes.html",
            f"{SITE}/2026/images/x.png",
        ):
            assert expected in text, (name, expected)
    for path in feed_files(site):
        check = rss_problems if path.name.endswith(".rss.xml") else atom_problems
        assert check(path.read_bytes(), served_at(site, path)) == [], path


def test_pages_advertise_the_feeds_that_exist_for_them(published_site):
    def alternates(page: str) -> list[str]:
        html = read(published_site / page)
        return re.findall(r'<link rel="alternate" type="[^"]+" href="([^"]+)"', html)

    home = alternates("index.html")
    assert f"{SITE}/feeds/all.atom.xml" in home
    assert f"{SITE}/feeds/all.json" in home
    assert f"{SITE}/feeds/tag/networking.rss.xml" in alternates(
        "tag/networking/index.html"
    )
    lesson = alternates("lessons/interview-two-levels-up/index.html")
    assert f"{SITE}/feeds/lessons/interview-two-levels-up.atom.xml" in lesson
    for page in (
        "index.html",
        "tag/networking/index.html",
        "category/mentoring/index.html",
    ):
        for url in alternates(page):
            assert (published_site / url.removeprefix(f"{SITE}/")).exists(), url


def test_the_feeds_page_lists_a_feed_for_every_lesson(published_site):
    page = read(published_site / "feeds" / "index.html")
    for lesson in index_data(published_site)["lessons"]:
        assert f"{SITE}/feeds/lessons/{lesson['slug']}.atom.xml" in page
        assert f"{SITE}/feeds/lessons/{lesson['slug']}.rss.xml" in page
    assert f"{SITE}/feeds/all.json" in page


@pytest.mark.parametrize("page", ["index.html", "reflections/index.html"])
def test_local_builds_make_the_feeds_too_so_they_can_be_previewed(site, page):
    assert 'rel="alternate"' in read(site / page)
    for feed in ("all.atom.xml", "all.rss.xml", "all.json", "index.html"):
        assert (site / "feeds" / feed).is_file()


def test_every_feed_has_its_own_atom_id_its_own_url(published_site):
    ids = {}
    for path in (published_site / "feeds").rglob("*.atom.xml"):
        feed = feedparser.parse(read(path))
        relative = path.relative_to(published_site).as_posix()
        assert feed.feed.id == f"https://example.org/blog/{relative}"
        ids[feed.feed.id] = path
    assert len(ids) > 40


def test_subject_feeds_link_to_their_subjects_page(published_site):
    feed = feedparser.parse(
        read(published_site / "feeds" / "lessons" / "interview-two-levels-up.atom.xml")
    )
    assert feed.feed.link == "https://example.org/blog/lessons/interview-two-levels-up/"


def test_json_feed_summaries_are_plain_text(published_site):
    data = json.loads(read(published_site / "feeds" / "all.json"))
    summaries = [item["summary"] for item in data["items"] if "summary" in item]
    assert summaries
    assert not any("<" in summary for summary in summaries)


def test_a_websub_hub_is_advertised_in_atom_rss_and_json_feed(tmp_path):
    hub = "https://hub.example.org/"
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        SITEURL="https://example.org/blog",
        WEBSUB_HUB=hub,
    )
    atom = feedparser.parse(read(site / "feeds" / "all.atom.xml"))
    rss = feedparser.parse(read(site / "feeds" / "all.rss.xml"))
    for feed in (atom, rss):
        assert {"rel": "hub", "href": hub} in [
            {"rel": link.rel, "href": link.href} for link in feed.feed.links
        ]
    comments = read(site / "feeds" / "comments.atom.xml")
    assert f'<link href="{hub}" rel="hub"' in comments
    data = json.loads(read(site / "feeds" / "all.json"))
    assert data["hubs"] == [{"type": "WebSub", "url": hub}]
