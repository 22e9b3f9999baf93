"""The post author's own replies stand out in the thread: marked by the
names in COMMENTS_AUTHOR_NAMES, which default to the post's author."""

from __future__ import annotations

import lxml.html
from sitebuild import build_site, read

FOUNDING = "2025/two-levels-up/index.html"


def marked_authors(site) -> list[str]:
    tree = lxml.html.fromstring(read(site / FOUNDING))
    return [
        comment.cssselect(".comment__author")[0].text_content()
        for comment in tree.cssselect(".comment--by-author")
        if comment.cssselect(".comment__badge")[0].text_content() == "Author"
    ]


def test_replies_by_the_posts_author_are_marked_by_default(site):
    assert marked_authors(site) == ["Priya"]


def test_the_author_names_setting_says_who_counts_as_the_author(tmp_path):
    site = build_site(tmp_path / "output", COMMENTS_AUTHOR_NAMES=["Tom Becker"])
    assert marked_authors(site) == ["Tom Becker"]
