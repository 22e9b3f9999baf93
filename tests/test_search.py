"""Search: the /search/ page and the Pagefind index built with the site."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import lxml.html
from outputs import differences
from sitebuild import ROOT, build_site, copy_content, read, run_pelican
from test_build_command import build, finished

from search import pagefind
from search.pagefind import StreamingIndex

PRIVATE_SENTINEL = "zanzibar-private-sentinel-5521"
PUBLIC_SENTINEL = "quokka-public-sentinel-7730"
DRAFT_SENTINEL = "wombat-draft-sentinel-9104"
DRAFT_POST = f"""Title: Not ready yet
Date: 2026-11-21 10:00
Status: draft

Half a thought about {DRAFT_SENTINEL}.
"""
SENTINEL_POST = f"""Title: A conversation with a secret in it
Date: 2026-11-20 10:00
Category: Mentoring
Lessons: Follow up within a day

I wrote the thank-you note the same evening, with {PUBLIC_SENTINEL} in it.

> [!private]
> Only for me: {PRIVATE_SENTINEL} must never be searchable.

> [!lesson] Follow up within a day
> She answered the next morning.
"""


def fragments(site: Path) -> list[dict]:
    """Every page Pagefind indexed, as it stores it (gzip, then a signature)."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in sorted((site / "pagefind" / "fragment").iterdir())
    ]


def every_index_file(site: Path) -> dict[Path, bytes]:
    """Every file of Pagefind's index, decompressed: fragments, word index,
    filters and metadata."""
    return {
        path: gzip.decompress(path.read_bytes())
        for path in (site / "pagefind").rglob("*.pf_*")
    }


def test_pagefind_indexes_every_post_body_and_nothing_else(site):
    posts = json.loads(read(site / "reflections.json"))["posts"]
    indexed = fragments(site)
    assert sorted(page["url"] for page in indexed) == sorted(p["url"] for p in posts)
    titles = {post["url"]: post["title"] for post in posts}
    for page in indexed:
        assert page["meta"]["title"] == titles[page["url"]]
        for chrome in ("Skip to content", "About this conversation", "Over to you"):
            assert chrome not in page["content"], (page["url"], chrome)


def test_lessons_themes_and_kinds_of_conversation_are_filters(site):
    data = json.loads(read(site / "reflections.json"))
    lessons = {lesson["slug"]: lesson for lesson in data["lessons"]}
    by_url = {page["url"]: page["filters"] for page in fragments(site)}
    for post in data["posts"]:
        filters = by_url[post["url"]]
        titles = [lessons[slug]["title"] for slug in post["lessons"]]
        themes = {lessons[slug]["theme"] for slug in post["lessons"]}
        assert filters["lesson"] == titles
        assert set(filters["theme"]) == themes
        assert len(filters["category"]) == 1


def test_private_text_and_drafts_never_reach_the_search_index(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-20-secret.md").write_text(SENTINEL_POST)
    (content / "posts" / "2026-11-21-draft.md").write_text(DRAFT_POST)
    site = build_site(tmp_path / "output", content=content)
    files = every_index_file(site)
    assert len(files) > 10
    assert any(PUBLIC_SENTINEL.encode() in data for data in files.values())
    assert (site / "drafts" / "not-ready-yet" / "index.html").exists()
    for secret in (PRIVATE_SENTINEL, DRAFT_SENTINEL):
        leaks = [path for path, data in files.items() if secret.encode() in data]
        assert leaks == [], secret


def test_only_the_search_page_loads_javascript(site):
    with_scripts = []
    for page in site.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        if tree.xpath("//script[not(@type='application/ld+json')]"):
            with_scripts.append(page.relative_to(site).as_posix())
    # and, in a local build only, the feeds page completes its addresses
    assert sorted(with_scripts) == ["feeds/index.html", "search/index.html"]


def test_every_page_links_to_the_search_page(site):
    for page in site.rglob("*.html"):
        if page.parent.name != "pagefind":
            assert '<a href="/search/">Search</a>' in read(page), page


def test_the_search_menus_list_every_filter_value_with_its_count(site):
    data = json.loads(read(site / "reflections.json"))
    tree = lxml.html.fromstring(read(site / "search" / "index.html"))
    lessons = {
        option.get("value"): option.text_content()
        for option in tree.cssselect("select[name=lesson] option")
        if option.get("value")
    }
    assert lessons == {
        lesson["title"]: f"{lesson['title']} ({lesson['count']})"
        for lesson in data["lessons"]
    }
    categories = tree.cssselect("select[name=category] option[value]")
    assert len(categories) == 1 + len({p.name for p in site.glob("category/*/")})


def test_the_search_page_links_to_the_index_and_the_tags_without_javascript(site):
    tree = lxml.html.fromstring(read(site / "search" / "index.html"))
    browse = [a.get("href") for a in tree.cssselect(".search-browse a")]
    assert {"/reflections/", "/tags/"} <= set(browse)
    assert tree.cssselect("form#search-form")[0].get("hidden") is not None
    assert tree.cssselect("noscript")


def test_the_published_site_is_indexed_and_its_search_page_knows_the_subpath(
    published_site,
):
    assert (published_site / "pagefind" / "pagefind.js").exists()
    tree = lxml.html.fromstring(read(published_site / "search" / "index.html"))
    form = tree.cssselect("form#search-form")[0]
    assert form.get("data-base") == "https://example.org/blog/"
    script = tree.cssselect("script[type=module]")[0]
    assert script.get("src") == "https://example.org/blog/theme/js/search.js"


def test_a_pagefind_failure_stops_the_build_with_one_clear_line(tmp_path):
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    broken.chmod(0o755)
    result = run_pelican(
        ROOT / "content",
        tmp_path / "output",
        env={"PAGEFIND_BINARY_PATH": str(broken)},
    )
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said
    errors = [line for line in said.splitlines() if "Pagefind" in line]
    assert len(errors) == 1, said
    assert "could not index" in errors[0] and "the disk is full" in errors[0]


def test_make_html_indexes_any_content_folder(tmp_path):
    """`make html INPUTDIR=… OUTPUTDIR=…` builds and indexes another site."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "2026-01-05-first.md").write_text(
        "Title: First\nDate: 2026-01-05\n\nA walk with a retired "
        "harbour pilot.\n\n> [!lesson] Ask about the hard days\n> He had many.\n"
    )
    output = tmp_path / "site"
    result = subprocess.run(
        ["make", "html", f"INPUTDIR={content}", f"OUTPUTDIR={output}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (page,) = fragments(output)
    assert "harbour pilot" in page["content"]
    assert page["filters"]["lesson"] == ["Ask about the hard days"]
    assert not Path(f"{output}.partial").exists()


def test_a_theme_without_a_search_page_gets_the_plugins_own(tmp_path):
    site = build_site(
        tmp_path / "output",
        THEME="notmyidea",
        DIRECT_TEMPLATES=["index", "tags", "categories", "authors", "archives"],
    )
    page = read(site / "search" / "index.html")
    assert "PagefindUI" in page and 'href="/tags/"' in page
    assert (site / "pagefind" / "pagefind-ui.js").exists()


OFFICE_HOURS = """{% extends "base.html" %}
{% block content %}<main id="content"><div data-pagefind-body>
<h1>Office hours</h1><p>Bring a question about a career change on Thursdays.</p>
</div></main>{% endblock %}
"""
BROKEN_PAGE = """{% extends "base.html" %}
{% block content %}{{ nothing.at.all }}{% endblock %}
"""


def build_indexed(monkeypatch, output: Path, early: bool, **settings) -> StreamingIndex:
    """Build the site with the bundle written early or only at the end;
    the index that wrote it."""
    monkeypatch.setattr(pagefind, "WRITE_EARLY", early)
    indexes = []
    finish = StreamingIndex.finish

    def finishing(index: StreamingIndex) -> list[Path]:
        indexes.append(index)
        return finish(index)

    monkeypatch.setattr(StreamingIndex, "finish", finishing)
    build_site(output, **settings)
    (index,) = indexes
    return index


def test_the_sample_sites_bundle_written_early_is_the_one_written_at_the_end(
    tmp_path, monkeypatch
):
    early = build_indexed(monkeypatch, tmp_path / "early", early=True)
    assert early.write_queued and not early.sent_since_write
    late = build_indexed(monkeypatch, tmp_path / "late", early=False)
    assert not late.write_queued
    assert differences(tmp_path / "early", tmp_path / "late") == []


def test_a_marked_static_page_is_indexed_as_it_was_without_the_early_write(
    tmp_path, monkeypatch
):
    """A template page with a data-pagefind-body element is written after
    the posts: it goes into the index and the bundle is written again."""
    content = copy_content(tmp_path / "content")
    (content / "office-hours.html").write_text(OFFICE_HOURS, encoding="utf-8")
    settings = {
        "TEMPLATE_PAGES": {"office-hours.html": "office-hours/index.html"},
    }
    sites = {}
    for early in (True, False):
        sites[early] = tmp_path / f"early-{early}"
        index = build_indexed(
            monkeypatch, sites[early], early=early, content=content, **settings
        )
        assert index.sent_since_write is early
    assert differences(sites[True], sites[False]) == []
    urls = [page["url"] for page in fragments(sites[True])]
    assert "/office-hours/" in urls
    posts = json.loads(read(sites[True] / "reflections.json"))["posts"]
    assert sorted(urls) == sorted([*(post["url"] for post in posts), "/office-hours/"])


def test_a_build_that_fails_after_the_posts_leaves_the_last_good_site(tmp_path):
    """The guarded build (`make html`): a failure after the posts (a
    broken template page, written after them), when Pagefind has written
    or is writing its bundle early, shows nothing of that bundle; the last
    good site, its bundle included, stays as it was."""
    content = copy_content(tmp_path / "content")
    (content / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    output = tmp_path / "output"

    code, said = finished(build(content, output))
    assert code == 0, said
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert any(p.parent.name == "fragment" for p in before)
    broken = build(
        content, output, "-e", 'TEMPLATE_PAGES={"broken.html": "broken/index.html"}'
    )
    assert finished(broken)[0] != 0
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".output.build-*"))
