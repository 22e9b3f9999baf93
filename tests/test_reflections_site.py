"""The reflections plugin, seen from the built site."""

from __future__ import annotations

import json
import re
from datetime import datetime

import feedparser
import lxml.html
from samples import sample_posts
from sitebuild import CONTENT, output_files, read

CALLOUT = re.compile(r'<aside class="lesson-callout" id="(lesson-[^"]+)">')


def index_data(site) -> dict:
    return json.loads(read(site / "reflections.json"))


def test_every_sample_post_shows_its_lesson_callouts_with_stable_anchors(site):
    for post in sample_posts():
        source = read(post.path)
        page = read(site / post.output)
        expected = len(re.findall(r"^> \[!lesson\]", source, flags=re.MULTILINE))
        anchors = CALLOUT.findall(page)
        assert len(anchors) == expected >= 1, post.title
        assert len(set(anchors)) == len(anchors)


def test_every_sample_post_links_to_the_pages_of_all_its_lessons(site):
    posts = {entry["url"]: entry for entry in index_data(site)["posts"]}
    for post in sample_posts():
        lessons = posts[f"/{post.year}/{post.slug}/"]["lessons"]
        assert 2 <= len(lessons) <= 4, post.title
        page = read(site / post.output)
        for slug in lessons:
            assert f'href="/lessons/{slug}/"' in page, (post.title, slug)


def test_the_reflection_index_lists_every_lesson_by_theme(site):
    data = index_data(site)
    page = read(site / "reflections" / "index.html")
    for lesson in data["lessons"]:
        assert f'href="/lessons/{lesson["slug"]}/"' in page
    for theme in {lesson["theme"] for lesson in data["lessons"]}:
        assert f"<strong>{theme}</strong>" in page


def test_each_lesson_page_quotes_its_notes_and_links_back_to_the_paragraph(site):
    data = index_data(site)
    for lesson in data["lessons"]:
        page = read(site / "lessons" / lesson["slug"] / "index.html")
        shown = " ".join(lxml.html.fromstring(page).text_content().split())
        assert lesson["title"] in shown
        for use in lesson["posts"]:
            assert use["title"] in shown
            if use["anchor"]:
                assert f'href="{use["url"]}#{use["anchor"]}"' in page
                post_page = read(site / use["url"].strip("/") / "index.html")
                assert f'id="{use["anchor"]}"' in post_page


def test_an_alias_is_counted_as_the_known_lesson_it_names(site):
    data = index_data(site)
    slugs = {lesson["slug"] for lesson in data["lessons"]}
    assert "practice-answers-out-loud" in slugs
    assert "rehearse-out-loud" not in slugs
    page = read(site / "2026" / "second-mock-interview" / "index.html")
    assert 'id="lesson-practice-answers-out-loud"' in page


def test_reflections_json_has_the_documented_shape(site):
    data = index_data(site)
    assert data["version"] == 1
    assert set(data) == {
        "version",
        "lessons",
        "posts",
        "stories",
        "questions",
        "series",
    }
    lesson_keys = {
        "slug",
        "title",
        "theme",
        "description",
        "url",
        "count",
        "first_learned",
        "last_reinforced",
        "posts",
    }
    for lesson in data["lessons"]:
        assert set(lesson) == lesson_keys
        assert lesson["count"] == len(lesson["posts"])
        for use in lesson["posts"]:
            assert set(use) == {"title", "url", "date", "anchor", "note"}
            assert "<" not in use["note"]
    assert len(data["posts"]) == len(sample_posts())
    for post in data["posts"]:
        assert set(post) == {
            *("title", "url", "date", "lessons"),
            *("question", "comment_count", "newest_comments", "series"),
        }


def test_published_reflections_json_has_absolute_urls(published_site):
    data = index_data(published_site)
    for lesson in data["lessons"]:
        assert lesson["url"].startswith("https://example.org/blog/lessons/")
        for use in lesson["posts"]:
            assert use["url"].startswith("https://example.org/blog/")


def test_each_lesson_has_a_feed_on_the_published_site(published_site):
    data = index_data(published_site)
    for lesson in data["lessons"]:
        path = published_site / "feeds" / "lessons" / f"{lesson['slug']}.atom.xml"
        feed = feedparser.parse(read(path))
        assert not feed.bozo, feed.bozo_exception
        assert lesson["title"] in feed.feed.title
        assert [entry.link for entry in feed.entries] == [
            use["url"] for use in lesson["posts"]
        ]


def private_sentences() -> list[str]:
    sentences = []
    for post in sample_posts():
        lines = read(post.path).split("\n")
        for number, line in enumerate(lines):
            if line.startswith("> [!private]"):
                for following in lines[number + 1 :]:
                    if not following.startswith(">"):
                        break
                    sentences.append(following.lstrip("> ").strip())
    return [sentence for sentence in sentences if sentence]


def test_private_notes_reach_no_output_file(site, published_site):
    secrets = private_sentences()
    assert secrets, "the sample content should keep at least one private note"
    fragments = [secret[:40] for secret in secrets]
    for output in (site, published_site):
        # Every file, the search index's compressed ones decompressed.
        for path, data in output_files(output):
            for fragment in fragments:
                assert fragment.encode() not in data, path


def test_related_reflections_are_ranked_by_shared_lessons_then_recency(site):
    posts = index_data(site)["posts"]
    own = set(next(p for p in posts if p["url"] == "/2025/two-levels-up/")["lessons"])
    others = [p for p in posts if p["url"] != "/2025/two-levels-up/"]
    sharing = [p for p in others if own & set(p["lessons"])]
    newest_first = sorted(
        sharing, key=lambda p: datetime.fromisoformat(p["date"]), reverse=True
    )
    ranked = sorted(newest_first, key=lambda p: -len(own & set(p["lessons"])))
    page = read(site / "2025" / "two-levels-up" / "index.html")
    related = re.search(r'<section class="related".*?</section>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', related) == [p["url"] for p in ranked[:3]]


def test_every_sample_lesson_is_in_the_vocabulary(site):
    known = set(re.findall(r"^([a-z0-9-]+):$", read(CONTENT / "lessons.yml"), re.M))
    assert {lesson["slug"] for lesson in index_data(site)["lessons"]} <= known
