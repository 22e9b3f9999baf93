"""Comments, replies and the closing question, seen from the built site."""

from __future__ import annotations

import json
from urllib.parse import unquote

import feedparser
import lxml.html
import pytest
from feedcheck import atom_problems
from sitebuild import build_site, copy_content, read
from test_html_valid import validate

from comments.parse import CommentError

FOUNDING = "2025/two-levels-up/index.html"
TITLE = "The conversation that started this blog: asking two levels up"


def document(site, path: str):
    return lxml.html.fromstring(read(site / path))


def write_comment(content, post: str, name: str, text: str) -> None:
    folder = content / "comments" / post
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def test_a_post_shows_its_thread_under_a_wordpress_style_heading(site):
    tree = document(site, FOUNDING)
    assert tree.get_element_by_id("comments-heading").text_content() == (
        f"5 thoughts on “{TITLE}”"  # four comment files and a Webmention reply
    )
    assert len(tree.cssselect("article.comment")) == 5
    reply = tree.get_element_by_id("comment-2025-09-16-priya")
    parent = reply.getparent().getparent().getparent()  # li > ol > li
    assert parent.cssselect("article")[0].get("id") == "comment-2025-09-16-anika"
    times = [t.get("datetime") for t in tree.cssselect("article.comment time")]
    assert times[0] < times[1]


def test_one_comment_gets_a_singular_heading_and_none_a_friendly_line(site):
    one = document(site, "2025/how-resumes-get-read/index.html")
    assert (
        one.get_element_by_id("comments-heading")
        .text_content()
        .startswith("One thought on “")
    )
    none = document(site, "2026/second-mock-interview/index.html")
    assert (
        none.get_element_by_id("comments-heading")
        .text_content()
        .startswith("No thoughts yet on “")
    )
    assert "Yours could be the first reply" in none.text_content()


def test_each_comment_has_a_permalink_and_its_author_links_to_their_website(site):
    tree = document(site, FOUNDING)
    for comment in tree.cssselect("article.comment"):
        permalink = comment.cssselect(".comment__meta a[href^='#']")[0]
        assert permalink.get("href") == f"#{comment.get('id')}"
    linked = tree.cssselect(".comment__author a")
    assert linked
    for link in linked:
        assert link.get("href").startswith("https://")
        assert link.get("rel") == "nofollow ugc noopener"


def test_readers_reply_by_email_by_default(site):
    link = document(site, FOUNDING).cssselect("#reply a[href^='mailto:']")[0]
    address, _, query = link.get("href").partition("?")
    assert address == "mailto:priya.reflections@example.org"
    assert unquote(query) == f"subject=Re: {TITLE}"
    assert not document(site, FOUNDING).cssselect("form")


def test_a_form_replaces_the_email_link_when_a_receiver_is_set(tmp_path):
    site = build_site(
        tmp_path / "output", COMMENTS_FORM_ACTION="https://comments.example.org/new"
    )
    tree = document(site, FOUNDING)
    form = tree.cssselect("form.comment-form")[0]
    assert form.get("method") == "post"
    assert form.get("action") == "https://comments.example.org/new"
    names = {field.get("name") for field in form.cssselect("input, textarea, select")}
    assert names == {"post", "name", "email", "website", "comment", "reply_to"}
    for field in form.cssselect("input:not([type=hidden]), textarea, select"):
        assert tree.cssselect(f"label[for={field.get('id')}]")
    assert not tree.cssselect("#reply a[href^='mailto:']")
    assert not tree.cssselect("script:not([type='application/ld+json'])")
    assert validate([site / FOUNDING]) == []


def test_listings_show_how_many_comments_each_post_has(site):
    homes = [document(site, "index.html")]
    homes += [
        document(site, page.relative_to(site))
        for page in site.glob("page/*/index.html")
    ]
    counts = [
        a.text_content()
        for home in homes
        for a in home.cssselect(".post-card .meta a[href$='#comments']")
    ]
    assert sorted(counts) == ["1 comment", "5 comments", "5 comments"]
    archives = read(site / "archives" / "index.html")
    assert "(5 comments)" in archives and "(1 comment)" in archives


def test_the_index_gathers_every_question_and_quotes_the_newest_answers(site):
    tree = document(site, "reflections/index.html")
    questions = tree.cssselect(".question")
    assert len(questions) == 3  # the answered ones; the rest wait in <details>
    founding = next(q for q in questions if "two levels above you" in q.text_content())
    assert "5 answers" in founding.text_content()
    quotes = founding.cssselect("blockquote")
    assert [q.cssselect("a")[0].text_content() for q in quotes] == [
        "Dana Whitfield",  # a reply sent as a Webmention
        "Grace Okafor",
    ]
    assert [q.cssselect(".count")[0].text_content() for q in questions] == [
        "5 answers",
        "5 answers",
        "1 answer",
    ]
    waiting = tree.cssselect("#answers details li")
    assert len(waiting) == 8


def test_reflections_json_counts_comments_and_keeps_the_newest(site):
    posts = json.loads(read(site / "reflections.json"))["posts"]
    founding = next(post for post in posts if post["url"] == "/2025/two-levels-up/")
    assert founding["comment_count"] == 5
    assert founding["question"].startswith("Who is two levels above you")
    newest = founding["newest_comments"]
    assert [c["author"] for c in newest] == ["Dana Whitfield", "Grace Okafor"]
    assert newest[1]["url"] == "/2025/two-levels-up/#comment-2025-09-18-grace"
    assert set(newest[0]) == {"author", "date", "url", "text"}


def test_comment_feeds_exist_for_each_post_with_comments_and_the_site(published_site):
    site_url = "https://example.org/blog"
    path = published_site / "feeds" / "comments" / "two-levels-up.atom.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 7  # four comments, a reply, a like, a repost
    assert (
        feed.entries[1].link
        == f"{site_url}/2025/two-levels-up/#comment-2025-09-18-grace"
    )
    assert feed.entries[1].title.startswith("Grace Okafor on “")
    assert (
        atom_problems(
            path.read_bytes(), f"{site_url}/feeds/comments/two-levels-up.atom.xml"
        )
        == []
    )
    every = feedparser.parse(read(published_site / "feeds" / "comments.atom.xml"))
    assert len(every.entries) == 15  # 10 comments, 5 Webmentions
    assert not (
        published_site / "feeds" / "comments" / "second-mock-interview.atom.xml"
    ).exists()
    alternates = document(published_site, FOUNDING).xpath(
        "//link[@rel='alternate']/@href"
    )
    assert f"{site_url}/feeds/comments/two-levels-up.atom.xml" in alternates


HOSTILE = """Author: <img src=x onerror=alert(1)>Mallory <script>alert(2)</script>
Date: 2026-01-01 10:00
Website: javascript:alert(3)

Harmless opening words. <script>alert(4)</script>
<a href="javascript:alert(5)" onclick="alert(6)">click me</a>
[also click](javascript:alert(7)) and <svg onload=alert(8)><circle/></svg>
<p style="color:red">styled words</p> <iframe src="https://evil.example"></iframe>
Closing words with a <b>half-open tag

<math><mtext><table><mglyph><style><img src=x onerror=alert(9)>
"""


def test_hostile_comments_cannot_run_load_or_style_anything(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    write_comment(content, "two-levels-up", "2026-01-01-mallory", HOSTILE)
    site = build_site(tmp_path / "output", content=content)
    page = read(site / FOUNDING)
    comment = document(site, FOUNDING).get_element_by_id("comment-2026-01-01-mallory")
    markup = lxml.html.tostring(comment, encoding="unicode")
    for bad in (
        "alert",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "<svg",
        "<math",
        "<iframe",
        "<img",
        "style=",
        "<script",
    ):
        assert bad not in markup, bad
    text = comment.text_content()
    for harmless in (
        "Mallory",
        "Harmless opening words.",
        "click me",
        "also click",
        "styled words",
        "Closing words",
    ):
        assert harmless in text, harmless
    assert "6 thoughts on" in page
    assert "is not an http(s) address" in caplog.text
    assert validate([site / FOUNDING]) == []


BAD_COMMENTS = {
    "no-such-post": ("Author: A\nDate: 2026-01-01\n\nHi.\n", "no post has the slug"),
    "two-levels-up/2026-01-02-orphan": (
        "Author: B\nDate: 2026-01-02\nReply-To: nobody\n\nHi.\n",
        "names no comment",
    ),
    "two-levels-up/2026-01-03-anonymous": (
        "Date: 2026-01-03\n\nHi.\n",
        "without an Author",
    ),
    "two-levels-up/2026-01-04-undated": ("Author: D\n\nHi.\n", "without a Date"),
    "two-levels-up/2026-01-05-baddate": (
        "Author: E\nDate: the fifth of never\n\nHi.\n",
        "is not a date",
    ),
}


@pytest.mark.parametrize("name", BAD_COMMENTS)
def test_bad_comment_files_warn_in_local_builds_and_fail_published_ones(
    tmp_path, caplog, name
):
    text, message = BAD_COMMENTS[name]
    post, _, comment = name.rpartition("/")
    content = copy_content(tmp_path / "content")
    write_comment(content, post or name, comment or "2026-01-01-someone", text)
    build_site(tmp_path / "local", content=content)
    assert message in caplog.text
    assert f"comments/{post or name}/" in caplog.text
    with pytest.raises(CommentError):
        build_site(
            tmp_path / "published",
            conf="publishconf.py",
            content=content,
            SITEURL="https://example.org/blog",
        )
