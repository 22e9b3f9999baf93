"""One escaping rule: every field shows as text, the same on every page.

A site whose every field a writer or reader controls holds markup (see
hostile.py: metadata fields, lessons.yml fields, callout statements, a
comment's author and body; raw and entity-encoded) is built locally and for
publishing. No page, feed or data file may carry markup that runs, and each
field must read the same wherever it is shown: a post, a lesson page, the
reflection index, the home page and the lists, the feeds, JSON-LD.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest
from hostile import (
    CALLOUT_RAW,
    both_text,
    fields,
    hostile_content,
    live_in_feed,
    live_in_html,
    visible_text,
)
from sitebuild import build_site, read

POST = "2026/hostile-fields/index.html"
SHOWN = {field.name: field.text for field in fields()}
TITLE = SHOWN["Title"]
KNOWN_LESSON = both_text(40, "Known hostile lesson")
THEME = both_text(41, "Hostile theme")
ENCODED_LESSON = "<img src=x onerror=alert(21)>Encoded callout lesson"
READER = both_text(30, "Eve")


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    content = hostile_content(folder / "content")
    return {
        "local": build_site(folder / "local", content=content),
        # Ad-hoc lessons and the comment's javascript: website are errors in
        # a strict build; everything else is as published.
        "published": build_site(
            folder / "published",
            conf="publishconf.py",
            content=content,
            REFLECTIONS_STRICT=False,
            COMMENTS_STRICT=False,
        ),
    }


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(read(site / path))


def texts(site: Path, path: str, selector: str) -> list[str]:
    return [
        " ".join(element.text_content().split())
        for element in page(site, path).cssselect(selector)
    ]


@pytest.mark.parametrize("build", ["local", "published"])
def test_no_page_feed_or_data_file_carries_markup_that_runs(hostile_sites, build):
    site = hostile_sites[build]
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            live = live_in_html(read(path))
        elif name.startswith("feeds/") and path.suffix in (".xml", ".json"):
            live = live_in_feed(path.read_bytes())
        elif path.suffix == ".json":
            json.loads(read(path))  # data files parse: nothing broke out
            live = []
        else:
            continue
        if live:
            found[name] = sorted(set(live))
    assert found == {}
    assert (site / POST).exists() and (site / "feeds" / "all.atom.xml").exists()


@pytest.mark.parametrize("build", ["local", "published"])
def test_a_posts_fields_read_the_same_on_every_page_that_shows_them(
    hostile_sites, build
):
    site = hostile_sites[build]
    assert texts(site, POST, "h1") == [TITLE]
    assert TITLE in texts(site, "index.html", ".post-card__title")
    assert TITLE in texts(site, "archives/index.html", ".post-list a")
    assert TITLE in texts(site, "lessons/hostile-known-lesson/index.html", "h3")
    assert TITLE in texts(site, "reflections/index.html", ".question__post a")
    assert texts(site, POST, ".meta a[href*='/category/']") == [SHOWN["Category"]]
    assert SHOWN["Category"] in texts(site, "categories/index.html", ".term-list a")
    assert texts(site, POST, ".tags a") == ["#hostile tag", "#\"'>second tag"]
    assert "#hostile tag" in texts(site, "tags/index.html", ".term-list a")
    assert texts(site, "tag/alert3hostile-tag/index.html", "h1") == [
        "Reflections tagged #hostile tag"
    ]
    assert SHOWN["Author"] in texts(site, "authors/index.html", ".term-list a")
    assert texts(site, POST, ".conversation dd") == [
        SHOWN[name] for name in ("Who", "Role", "Met", "Format")
    ]
    assert texts(site, POST, ".over-to-you p") == [SHOWN["Question"]]
    assert SHOWN["Question"] in texts(
        site, "reflections/index.html", ".question__text a"
    )
    card = page(site, "index.html").xpath(
        "//article[.//a[contains(@href, 'hostile-fields')]]"
    )[0]
    assert card.cssselect(".post-card__summary")[0].text_content() == SHOWN["Summary"]


@pytest.mark.parametrize("build", ["local", "published"])
def test_a_callouts_statement_reads_the_same_in_its_post_and_on_its_lesson_page(
    hostile_sites, build
):
    site = hostile_sites[build]
    assert texts(site, POST, ".lesson-callout__statement") == [
        "Lesson Raw callout lesson",
        f"Lesson {ENCODED_LESSON}",
    ]
    lesson = "lessons/img-srcx-onerroralert21encoded-callout-lesson/index.html"
    assert texts(site, lesson, "h1") == [ENCODED_LESSON]
    assert texts(site, "lessons/alert20raw-callout-lesson/index.html", "h1") == [
        "Raw callout lesson"
    ]
    assert ENCODED_LESSON in texts(site, POST, ".post-lessons a")
    assert ENCODED_LESSON in texts(site, "reflections/index.html", ".journey-table a")
    assert CALLOUT_RAW not in read(site / POST)


@pytest.mark.parametrize("build", ["local", "published"])
def test_a_lessons_vocabulary_fields_read_the_same_everywhere(hostile_sites, build):
    site = hostile_sites[build]
    lesson = "lessons/hostile-known-lesson/index.html"
    assert texts(site, lesson, "h1") == [KNOWN_LESSON]
    assert texts(site, lesson, ".lesson-page .meta")[0].startswith(f"{THEME} ·")
    assert texts(site, lesson, ".lesson-page__description") == [
        "A hostile description."
    ]
    assert KNOWN_LESSON in texts(site, POST, ".post-lessons a")
    assert KNOWN_LESSON in texts(site, "reflections/index.html", ".lesson-list__title")
    assert THEME in texts(site, "reflections/index.html", ".theme-list strong")


@pytest.mark.parametrize("build", ["local", "published"])
def test_a_readers_name_reads_as_text_on_the_post_and_the_index(hostile_sites, build):
    """The name is written entity-encoded: it must never decode into a tag."""
    site = hostile_sites[build]
    assert texts(site, POST, ".comment__author") == [READER]
    answers = texts(site, "reflections/index.html", "#answers blockquote a")
    assert READER in answers
    assert texts(site, POST, ".comment__body p") == [
        "comment body",
        "<img src=x onerror=alert(32)>comment text",
    ]


def test_feeds_and_json_ld_show_each_field_as_its_text(hostile_sites):
    site = hostile_sites["published"]
    atom = feedparser.parse(read(site / "feeds" / "all.atom.xml"))
    entry = next(e for e in atom.entries if "hostile-fields" in e.link)
    assert entry.title == TITLE
    assert entry.author == SHOWN["Author"]
    assert visible_text(entry.summary) == SHOWN["Summary"]  # Atom's is HTML
    terms = [tag.term for tag in entry.tags]
    assert terms[:3] == [SHOWN["Category"], "hostile tag", "\"'>second tag"]
    assert KNOWN_LESSON in terms and ENCODED_LESSON in terms
    assert f"Over to you: {SHOWN['Question']}" in visible_text(entry.content[0].value)
    rss = feedparser.parse(read(site / "feeds" / "all.rss.xml"))
    assert any(e.title == TITLE for e in rss.entries)
    feed = json.loads(read(site / "feeds" / "all.json"))
    item = next(i for i in feed["items"] if "hostile-fields" in i["url"])
    assert (item["title"], item["summary"]) == (TITLE, SHOWN["Summary"])
    comments = feedparser.parse(read(site / "feeds" / "comments.atom.xml"))
    assert comments.entries[0].title == f"{READER} on “{TITLE}”"
    assert comments.entries[0].author == READER
    script = page(site, POST).xpath("//script[@type='application/ld+json']")[0]
    assert "<" not in script.text
    data = json.loads(script.text)
    assert (data["headline"], data["author"]["name"]) == (TITLE, SHOWN["Author"])
    assert KNOWN_LESSON in data["keywords"] and "hostile tag" in data["keywords"]
    head = page(site, POST)
    assert head.xpath("//title")[0].text.startswith(TITLE + " · ")
    assert head.xpath("//meta[@property='og:title']/@content") == [TITLE]
    assert head.xpath("//meta[@name='description']/@content") == [SHOWN["Summary"]]


def test_templates_put_values_only_in_double_quoted_attributes():
    """The ``text`` filter escapes ``"`` but leaves ``'`` (sitekit.text): an
    unquoted or single-quoted attribute would let a value out."""
    root = Path(__file__).resolve().parent.parent
    templates = [*root.glob("theme/templates/*.html")]
    templates += root.glob("plugins/*/templates/*.html")
    for template in templates:
        source = read(template)
        assert not re.search(r"=\s*'[^']*\{\{", source), template
        assert not re.search(r"=\s*\{\{", source), template
