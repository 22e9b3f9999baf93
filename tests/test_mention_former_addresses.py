"""A site that changes ARTICLE_URL keeps the Webmentions sent before: a
mention names the post's address of then, and WEBMENTION_FORMER_ARTICLE_URLS
says which addresses the site's posts had. Without it such a mention is
told about, with the setting to use, and left out (a published build
stops), as a mention of another post is."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitebuild import build_site, copy_content, read

from comments.attach import former_addresses
from comments.parse import CommentError
from comments.settings import SETTINGS
from reflect.mentions_import import import_mentions
from sitekit import settings as declared
from sitekit.diagnostics import SettingsError

apply_defaults = partial(declared.apply_defaults, SETTINGS)

#: The sample site's mentions name `https://reflections.example.org/2025/<slug>/`.
MOVED = {"ARTICLE_URL": "posts/{slug}/", "ARTICLE_SAVE_AS": "posts/{slug}/index.html"}
MENTIONED_BY = "notes.example.net"


def build_moved(tmp_path: Path, **settings) -> Path:
    return build_site(
        tmp_path / "output",
        conf="publishconf.py",
        content=copy_content(tmp_path / "content"),
        SITEURL="https://reflections.example.org",
        **MOVED,
        **settings,
    )


def test_a_mention_of_a_posts_former_address_is_shown_under_it(tmp_path):
    site = build_moved(tmp_path, WEBMENTION_FORMER_ARTICLE_URLS=["{date:%Y}/{slug}/"])

    page = read(site / "posts/two-levels-up/index.html")
    assert "Dana Whitfield" in page  # mention-30411's author


def test_without_the_setting_the_published_build_says_which_to_use(tmp_path, caplog):
    with pytest.raises(CommentError):
        build_moved(tmp_path)

    assert "is not this post (posts/two-levels-up/" in caplog.text
    assert "name the former pattern in WEBMENTION_FORMER_ARTICLE_URLS" in caplog.text


def test_a_former_address_is_made_as_pelican_makes_a_posts_url():
    made = {"slug": "two-levels-up", "date": date(2025, 9, 14)}
    post = SimpleNamespace(url_format=made)
    patterns = ("{date:%Y}/{slug}/", "{category}/{slug}/", "archive/{slug}.html")

    # A pattern naming a field the post has no value for gives no address.
    assert former_addresses(post, patterns) == [
        "2025/two-levels-up/",
        "archive/two-levels-up.html",
    ]


def test_a_mention_of_another_post_under_a_former_pattern_is_still_left_out(
    tmp_path, caplog
):
    content = copy_content(tmp_path / "content")
    moved = content / "comments/how-resumes-get-read/mention-30411.json"
    (content / "comments/two-levels-up/mention-30411.json").rename(moved)

    site = build_site(
        tmp_path / "output",
        content=content,
        WEBMENTION_FORMER_ARTICLE_URLS=["{date:%Y}/{slug}/"],
        **MOVED,
    )

    assert "Dana Whitfield" not in read(site / "posts/how-resumes-get-read/index.html")
    assert "mention-30411.json" in caplog.text and "is not this post" in caplog.text


def test_the_import_files_a_mention_of_a_former_address_under_its_post(tmp_path):
    export = tmp_path / "export.json"
    entry = {
        "type": "entry",
        "wm-id": 77,
        "wm-property": "like-of",
        "wm-source": f"https://{MENTIONED_BY}/likes/77",
        "wm-target": "https://reflections.example.org/2025/two-levels-up/",
        "wm-received": "2026-01-02T03:04:05Z",
        "author": {"type": "card", "name": "Ravi"},
    }
    export.write_text(json.dumps({"type": "feed", "children": [entry]}))
    settings = {
        "SITEURL": "https://reflections.example.org",
        "TIMEZONE": "UTC",
        "ARTICLE_URL": "posts/{slug}/",
    }

    refused = import_mentions(export, tmp_path / "comments", settings)
    assert refused.written == []
    assert "WEBMENTION_FORMER_ARTICLE_URLS" in refused.skipped[0].reason

    settings["WEBMENTION_FORMER_ARTICLE_URLS"] = ["{date:%Y}/{slug}/"]
    report = import_mentions(export, tmp_path / "comments", settings)
    assert report.written == [tmp_path / "comments/two-levels-up/mention-77.json"]


@pytest.mark.parametrize(
    "value",
    [
        ["https://old.example/{slug}/"],
        ["/{slug}/"],
        ["{date:%Y/{slug}/"],
        [3],
        ["{date:%Y}/"],
    ],
    ids=["an address", "absolute path", "unbalanced brace", "not text", "no slug"],
)
def test_a_former_pattern_must_be_an_article_url_pattern(value):
    with pytest.raises(SettingsError, match="a list of ARTICLE_URL patterns"):
        apply_defaults({"WEBMENTION_FORMER_ARTICLE_URLS": value})


@pytest.mark.parametrize(
    "target",
    [
        "https://reflections.example.org/tag/two-levels-up/",
        "https://reflections.example.org/elsewhere/2025/two-levels-up/",
    ],
    ids=["a tag page ending so", "another path ending so"],
)
def test_a_former_address_is_that_path_exactly(tmp_path, caplog, target):
    """``{slug}/`` ends ``tag/{slug}/`` too: only the former address itself
    (at the site's root or SITEURL's path) is the post's."""
    content = copy_content(tmp_path / "content")
    mention = content / "comments/two-levels-up/mention-30411.json"
    data = json.loads(mention.read_text())
    mention.write_text(json.dumps({**data, "wm-target": target}))

    with pytest.raises(CommentError):
        build_site(
            tmp_path / "output",
            conf="publishconf.py",
            content=content,
            SITEURL="https://reflections.example.org",
            WEBMENTION_FORMER_ARTICLE_URLS=["{slug}/", "{date:%Y}/{slug}/"],
            **MOVED,
        )

    assert "mention-30411.json" in caplog.text and "is not this post" in caplog.text
