"""Hostile and unlucky input: what a careful review tried, kept as tests."""

from __future__ import annotations

import feedparser
import lxml.html
import pytest
from sitebuild import build_site, copy_content, read

from reflect.cli import main

WXR_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [<!ENTITY co "Acme Corp">]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>Working at &co; today</title>
<content:encoded><![CDATA[I joined.]]></content:encoded>
<wp:post_date>2019-01-01 10:00:00</wp:post_date><wp:post_name>work</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
"""
WXR_COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author>Eve</wp:comment_author>
<wp:comment_date>2019-01-02 10:00:00</wp:comment_date>
<wp:comment_content>Hello.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
</wp:comment>"""


@pytest.fixture
def blog(tmp_path, monkeypatch):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'TIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_imported_comment_ids_cannot_escape_the_folder_or_the_markup(blog):
    hostile = [
        "8/../../../../escaped",
        '7" tabindex="1" autofocus onfocus="alert(1)',
    ]
    comments = "".join(WXR_COMMENT.format(id=value) for value in hostile)
    export = blog / "export.xml"
    export.write_text(WXR_HEAD + comments + "</item></channel></rss>")
    assert main(["import-wordpress", str(export)]) == 0
    written = sorted(path.name for path in (blog / "content").rglob("*.md"))
    assert not list(blog.glob("escaped*")) and not list(blog.parent.glob("escaped*"))
    assert all('"' not in name and "/" not in name for name in written)
    site = build_site(blog / "output", content=blog / "content")
    tree = lxml.html.fromstring(read(site / "2019" / "work" / "index.html"))
    assert not tree.xpath("//*[@onfocus or @autofocus or @tabindex]")
    assert len(tree.cssselect("article.comment")) == 2


def test_an_exports_own_entities_are_expanded_not_dropped(blog):
    export = blog / "export.xml"
    export.write_text(WXR_HEAD + "</item></channel></rss>")
    main(["import-wordpress", str(export)])
    post = read(blog / "content" / "posts" / "2019-01-01-work.md")
    assert "Title: Working at Acme Corp today" in post


def test_lesson_titles_print_as_they_are_written(blog, capsys):
    posts = blog / "content" / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(
        "Title: A\nDate: 2026-01-01\n"
        "Lessons: Ask [why] twice; Use [bold]x[/bold]\n\nB\n"
    )
    assert main(["lessons"]) == 0
    out = capsys.readouterr().out
    assert "Ask [why] twice" in out and "[bold]x[/bold]" in out


def write_post(content, name: str, text, encoding="utf-8") -> None:
    (content / "posts" / name).write_bytes(text.encode(encoding))


def test_a_draft_with_a_posts_slug_does_not_take_its_comments(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    write_post(
        content,
        "2026-11-01-draft.md",
        "Title: Draft\nSlug: two-levels-up\nDate: 2026-11-01\nStatus: draft\n\nD.\n",
    )
    site = build_site(tmp_path / "output", content=content)
    assert "5 thoughts on" in read(site / "2025" / "two-levels-up" / "index.html")
    assert "two posts have the slug 'two-levels-up'" in caplog.text


def test_a_comment_file_that_is_not_utf8_is_left_out_with_a_warning(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    folder = content / "comments" / "two-levels-up"
    (folder / "2026-01-01-rene.md").write_bytes(
        "Author: René\nDate: 2026-01-01\n\nSalut.\n".encode("latin-1")
    )
    site = build_site(tmp_path / "output", content=content)
    assert "2026-01-01-rene.md: cannot read the file as UTF-8 text" in caplog.text
    assert "5 thoughts on" in read(site / "2025" / "two-levels-up" / "index.html")


def test_comment_links_must_name_their_scheme(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "comments" / "two-levels-up" / "2026-01-01-link.md").write_text(
        "Author: L\nDate: 2026-01-01\n\n[away](//evil.example/x) [in](/about/) [ok](https://ok.example/)\n"
    )
    site = build_site(tmp_path / "output", content=content)
    tree = lxml.html.fromstring(read(site / "2025" / "two-levels-up" / "index.html"))
    comment = tree.get_element_by_id("comment-2026-01-01-link")
    assert [a.get("href") for a in comment.cssselect(".comment__body a")] == [
        "https://ok.example/"
    ]
    assert "away" in comment.text_content() and "in" in comment.text_content()


def test_summaries_follow_the_sites_markdown_extensions(tmp_path):
    settings = {"extensions": ["markdown.extensions.smarty"], "output_format": "html5"}
    site = build_site(tmp_path / "output", MARKDOWN=settings)
    tree = lxml.html.fromstring(read(site / "index.html"))
    summaries = " ".join(
        p.text_content() for p in tree.cssselect(".post-card__summary")
    )
    assert "’" in summaries and "'" not in summaries  # smarty's quotes, as text


def test_rss_summaries_only_when_pelican_is_asked_for_them(tmp_path):
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        SITEURL="https://example.org/blog",
        RSS_FEED_SUMMARY_ONLY=True,
    )
    feed = feedparser.parse(read(site / "feeds" / "all.rss.xml"))
    assert all("lesson-callout" not in entry.description for entry in feed.entries)
