"""sitemap.xml and robots.txt: what crawlers read, honestly dated.

A page without a date of its own takes the newest date among the posts it
lists; nothing takes the time of the build, so two builds of unchanged
content write the same sitemap. A local build (relative SITEURL) writes
none, since a sitemap's addresses must be absolute.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from samples import sample_posts
from sitebuild import build_site, copy_content, read

from crawlers.robots import robots_rules, url_folder
from crawlers.sitemap import address_in

BASE = "https://example.org/blog/"


def lastmods(site) -> dict[str, datetime]:
    entries = re.findall(
        r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", read(site / "sitemap.xml")
    )
    return {loc: datetime.fromisoformat(date) for loc, date in entries}


def post_url(post) -> str:
    return f"{BASE}{post.year}/{post.slug}/"


def test_a_listing_is_dated_by_the_newest_post_it_lists(published_site):
    dates = lastmods(published_site)
    posts = sample_posts()
    every_post = [dates[post_url(post)] for post in posts]
    assert dates[BASE] == max(every_post)
    assert dates[f"{BASE}archives/"] == max(every_post)
    for year in {post.year for post in posts}:
        listed = [dates[post_url(p)] for p in posts if p.year == year]
        assert dates[f"{BASE}{year}/"] == max(listed), year
    tagged = [dates[post_url(p)] for p in posts if "mentoring" in p.fields["tags"]]
    assert dates[f"{BASE}tag/mentoring/"] == max(tagged)


def test_a_lesson_page_is_dated_by_its_newest_source(published_site):
    dates = lastmods(published_site)
    index = json.loads(read(published_site / "reflections.json"))
    for lesson in index["lessons"]:
        sources = [dates[post["url"]] for post in lesson["posts"]]
        assert dates[lesson["url"]] == max(sources), lesson["slug"]


def test_a_modified_post_is_dated_when_it_was_modified(published_site):
    assert lastmods(published_site)[f"{BASE}2025/two-levels-up/"] == (
        datetime.fromisoformat("2025-09-21T18:00:00-05:00")
    )


def test_no_page_is_dated_by_the_build(published_site):
    post_dates = {lastmods(published_site)[post_url(p)] for p in sample_posts()}
    assert set(lastmods(published_site).values()) <= post_dates


def test_two_builds_of_the_same_content_write_the_same_sitemap(
    published_site, tmp_path
):
    again = build_site(
        tmp_path / "output", conf="publishconf.py", SITEURL=BASE.rstrip("/")
    )
    assert (again / "sitemap.xml").read_bytes() == (
        published_site / "sitemap.xml"
    ).read_bytes()


def test_a_local_build_writes_no_sitemap_and_robots_txt_names_none(site):
    assert not (site / "sitemap.xml").exists()
    robots = read(site / "robots.txt")
    assert "Sitemap" not in robots
    assert "Disallow: /drafts/\n" in robots


def test_a_local_build_with_an_absolute_siteurl_writes_absolute_addresses(tmp_path):
    built = build_site(tmp_path / "output", SITEURL="http://localhost:8000")
    locations = re.findall(r"<loc>([^<]*)</loc>", read(built / "sitemap.xml"))
    assert locations and all(
        url.startswith("http://localhost:8000/") for url in locations
    )
    assert "drafts" not in " ".join(locations)


def test_robots_txt_under_a_subpath_disallows_the_subpath_s_drafts(tmp_path):
    built = build_site(tmp_path / "output", SITEURL="https://example.org/blog")
    assert read(built / "robots.txt") == (
        "User-agent: *\nDisallow: /blog/drafts/\n\n"
        "Sitemap: https://example.org/blog/sitemap.xml\n"
    )


@pytest.mark.parametrize(
    ("site_url", "draft_lang_url", "written", "robots"),
    [
        # robots.txt named the folders of DRAFT_URL and DRAFT_PAGE_URL only:
        # a draft's French translation at DRAFT_LANG_URL was open to crawlers.
        (
            "https://example.org",
            "brouillons/{slug}-{lang}/",
            "brouillons/un-brouillon-fr/index.html",
            "User-agent: *\nDisallow: /brouillons/\nDisallow: /drafts/\n",
        ),
        # A folder after a placeholder: robots.txt took the fixed text before
        # the first placeholder, found none, and let crawlers into every
        # language's drafts.
        (
            "https://example.org/blog",
            "{lang}/drafts/{slug}/",
            "fr/drafts/un-brouillon/index.html",
            "User-agent: *\nDisallow: /blog/*/drafts/\nDisallow: /blog/drafts/\n",
        ),
    ],
)
def test_a_draft_translation_in_a_folder_of_its_own_is_kept_from_crawlers(
    tmp_path, site_url, draft_lang_url, written, robots
):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-02-brouillon.md").write_text(
        "Title: Un brouillon\nDate: 2026-11-02\nStatus: draft\nLang: fr\n"
        "Slug: un-brouillon\n\nPas encore.\n",
        encoding="utf-8",
    )
    built = build_site(
        tmp_path / "output",
        content=content,
        SITEURL=site_url,
        DRAFT_LANG_URL=draft_lang_url,
        DRAFT_LANG_SAVE_AS=f"{draft_lang_url}index.html",
    )
    assert (built / written).exists()
    assert read(built / "robots.txt").startswith(robots)


def test_the_published_robots_txt_has_no_drafts_to_hide(published_site):
    assert read(published_site / "robots.txt") == (
        "User-agent: *\nDisallow:\n\nSitemap: https://example.org/blog/sitemap.xml\n"
    )


def test_robots_rules_follow_the_draft_url_settings():
    settings = {
        "SITEURL": "https://example.org/notes",
        "DRAFT_URL": "drafts/{slug}/",
        "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
        "DRAFT_PAGE_URL": "drafts/pages/{slug}.html",
        "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",
    }
    rules = robots_rules(settings, has_sitemap=True)
    assert rules.disallow == ("/notes/drafts/",)
    assert rules.sitemap == "https://example.org/notes/sitemap.xml"
    assert url_folder("{slug}-draft.html") is None
    assert url_folder("preview/{date:%Y}/{slug}/") == "preview/"
    assert robots_rules({"SITEURL": ""}, has_sitemap=False).disallow == ()


def test_the_crawlers_plugin_uses_only_pelican_sitemaps_public_face():
    """No private state of pelican-sitemap's generator: its queue, its main
    run, its build-time ``now``, or any underscore name."""
    import ast
    from pathlib import Path

    import crawlers

    for source in Path(crawlers.__file__).parent.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        names = {
            node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
        } | {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        private = {
            name
            for name in names
            if name in {"page_queue", "now", "_main_pelican", "_write_out"}
            or (name.startswith("_") and name != "_" and not name.startswith("__"))
        }
        assert private == set(), source.name


def test_a_listing_s_address_is_its_place_in_the_output_folder(tmp_path):
    """Through a linked output folder too; a file outside it is an error,
    not an address that climbs out."""
    (tmp_path / "www" / "tags").mkdir(parents=True)
    (tmp_path / "output").symlink_to(tmp_path / "www")
    for output in (tmp_path / "output", tmp_path / "www"):
        assert address_in(tmp_path / "output/tags/x.html", output) == "tags/x.html"
        assert address_in(str(tmp_path / "www/tags/x.html"), output) == "tags/x.html"
    with pytest.raises(ValueError):
        address_in(tmp_path / "www-old" / "x.html", tmp_path / "www")
