"""The sample site builds the way the documentation promises."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import lxml.html
from pelican.utils import slugify
from samples import sample_posts
from sitebuild import CONTENT, read

import pelicanconf as CONFIG
from presentation.typography import smart_text
from sitekit.text import as_text

SLUG_SUBS = [
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]


def shown(page: Path, selector: str) -> list[str]:
    """The text a reader sees in the elements ``selector`` finds."""
    tree = lxml.html.fromstring(read(page))
    return [" ".join(e.text_content().split()) for e in tree.cssselect(selector)]


def test_there_are_at_least_eight_sample_reflections():
    assert len(sample_posts()) >= 8


SMARTY = CONFIG.MARKDOWN["extension_configs"]["sitekit.smarty"]


def test_every_sample_reflection_gets_its_own_page(site):
    for post in sample_posts():
        page = site / post.output
        assert page.exists(), post.path.name
        # Titles get the same curly quotes as bodies; a reader sees its text.
        title = smart_text(html.escape(post.title, quote=False), SMARTY)
        assert shown(page, "h1") == [as_text(title)]


def test_the_home_pages_list_every_sample_reflection(site):
    home = read(site / "index.html")
    home += "".join(read(page) for page in site.glob("page/*/index.html"))
    for post in sample_posts():
        assert f'href="/{post.year}/{post.slug}/"' in home, post.title


def test_about_page_is_built(site):
    assert "<h1>About</h1>" in read(site / "about" / "index.html")


def test_every_category_and_tag_has_a_page(site):
    categories = {post.fields["category"] for post in sample_posts()}
    tags = {
        tag.strip() for post in sample_posts() for tag in post.fields["tags"].split(",")
    }
    for category in categories:
        page = site / "category" / slugify(category, SLUG_SUBS) / "index.html"
        assert shown(page, "h1") == [category]
    for tag in tags:
        assert (site / "tag" / slugify(tag, SLUG_SUBS) / "index.html").exists(), tag
    assert (site / "categories" / "index.html").exists()
    assert (site / "tags" / "index.html").exists()


def test_archives_by_year_and_a_404_page_are_built(site):
    years = {post.year for post in sample_posts()}
    for year in years:
        assert (site / year / "index.html").exists()
    assert "That page is not here" in read(site / "404.html")


def test_building_changes_no_source_file(tmp_path):
    from sitebuild import build_site

    before = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in CONTENT.rglob("*")
        if path.is_file()
    }
    build_site(tmp_path / "output")
    after = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in CONTENT.rglob("*")
        if path.is_file()
    }
    assert before == after
