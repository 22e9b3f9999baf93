"""fastbuild remembers each post's URL only while what it is made from
stays the same: a new slug, category, date, status or field is a new URL,
as Pelican would have worked it out."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

import pytest
from outputs import differences
from pelican import signals
from pelican.contents import Article, Content, Page, Static
from pelican.settings import read_settings
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime
from sitebuild import ROOT, build_site

from fastbuild import urlmemo

#: Each test reads its builds' log (conftest's every_message_logged).
pytestmark = pytest.mark.usefixtures("every_message_logged")


@pytest.fixture
def settings(tmp_path):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(tmp_path),
            "ARTICLE_URL": "{date:%Y}/{category}/{slug}/",
            "ARTICLE_SAVE_AS": "{date:%Y}/{category}/{slug}/index.html",
            "DRAFT_URL": "drafts/{slug}/",
            "ARTICLE_LANG_URL": "{lang}/{slug}/",
            "PAGE_URL": "{path}/{slug}/",
        },
    )
    urlmemo.start(SimpleNamespace(settings=settings))
    yield settings
    urlmemo.stop()


def article(settings, **metadata) -> Article:
    return Article(
        "<p>Text.</p>",
        {
            "title": "A reflection",
            "date": SafeDatetime(2026, 3, 4, 9, 30),
            "category": Category("Mentor chats", settings),
            **metadata,
        },
        settings=settings,
        source_path=str(settings["PATH"]) + "/posts/a.md",
    )


def remembered(content: Content) -> dict:
    return urlmemo._remembered.get(id(content), (None, {}))[1]


def pelicans(content: Content, key: str) -> str:
    return urlmemo._pelicans(content, key)


def test_a_url_is_remembered_while_nothing_it_is_made_from_changes(
    settings, monkeypatch
):
    post = article(settings)
    assert post.url == "2026/mentor-chats/a-reflection/"
    assert post.save_as == "2026/mentor-chats/a-reflection/index.html"
    monkeypatch.setattr(urlmemo, "_pelicans", lambda *_: pytest.fail("not kept"))
    assert post.url == "2026/mentor-chats/a-reflection/"
    assert post.save_as == "2026/mentor-chats/a-reflection/index.html"


@pytest.mark.parametrize(
    ("change", "url"),
    [
        (
            lambda post, s: setattr(post, "slug", "renamed"),
            "2026/mentor-chats/renamed/",
        ),
        (
            lambda post, s: setattr(post, "category", Category("Hiring", s)),
            "2026/hiring/a-reflection/",
        ),
        (
            lambda post, s: setattr(post.category, "slug", "chats"),
            "2026/chats/a-reflection/",
        ),
        (
            lambda post, s: setattr(post, "date", SafeDatetime(2027, 1, 1)),
            "2027/mentor-chats/a-reflection/",
        ),
        (lambda post, s: setattr(post, "status", "draft"), "drafts/a-reflection/"),
        (
            lambda post, s: setattr(post, "in_default_lang", False),
            "en/a-reflection/",
        ),
    ],
    ids=["slug", "category", "category-slug", "date", "draft", "language"],
)
def test_a_url_follows_every_change_to_what_it_is_made_from(settings, change, url):
    post = article(settings)
    assert post.url == "2026/mentor-chats/a-reflection/"
    assert post.save_as == "2026/mentor-chats/a-reflection/index.html"
    change(post, settings)
    assert post.url == url == pelicans(post, "url")
    assert post.save_as == pelicans(post, "save_as")


def test_a_metadata_field_named_by_the_setting_is_followed(settings):
    settings["ARTICLE_URL"] = "{series}/{slug}/"
    post = article(settings, series="first")
    assert post.url == "first/a-reflection/"
    post.metadata["series"] = "second"
    assert post.url == "second/a-reflection/" == pelicans(post, "url")


def test_a_changed_setting_is_followed(settings):
    post = article(settings)
    assert post.url == "2026/mentor-chats/a-reflection/"
    settings["ARTICLE_URL"] = "posts/{slug}.html"
    assert post.url == "posts/a-reflection.html"


def test_a_page_url_follows_its_path(settings):
    page = Page(
        "<p>About.</p>",
        {"title": "About"},
        settings=settings,
        source_path=str(settings["PATH"]) + "/pages/about.md",
    )
    assert page.url == "pages/about.md/about/" == pelicans(page, "url")
    page.source_path = str(settings["PATH"]) + "/pages/other.md"
    assert page.url == "pages/other.md/about/" == pelicans(page, "url")


def test_a_field_that_can_change_in_place_is_never_remembered(settings, monkeypatch):
    settings["ARTICLE_URL"] = "{parts}/{slug}/"
    post = article(settings, parts=["a", "b"])
    assert post.url == "['a', 'b']/a-reflection/"
    post.metadata["parts"].append("c")
    assert post.url == "['a', 'b', 'c']/a-reflection/"


def test_an_override_and_other_content_go_to_pelican(settings):
    post = article(settings, url="chosen/", save_as="chosen/index.html")
    assert post.url == "chosen/"
    assert post.save_as == "chosen/index.html"
    static = Static(
        "", {}, settings=settings, source_path=str(settings["PATH"]) + "/i.png"
    )
    assert static.url == pelicans(static, "url")
    assert remembered(post) == remembered(static) == {}


def test_a_build_without_fastbuild_gets_pelicans_own(settings, tmp_path):
    other = read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)}
    )
    post = article(other)
    assert post.url == pelicans(post, "url")
    assert remembered(post) == {}


def test_between_builds_pelicans_own_is_back(settings):
    urlmemo.stop()
    assert Content.get_url_setting is urlmemo._pelicans
    urlmemo.start(SimpleNamespace(settings=settings))
    assert Content.get_url_setting is urlmemo.get_url_setting


def test_no_date_is_never_remembered(settings):
    settings["PAGE_URL"] = "{date:%Y}/{slug}/"
    page = Page(
        "<p>About.</p>",
        {"title": "About"},
        settings=settings,
        source_path=str(settings["PATH"]) + "/pages/about.md",
    )
    assert page.url == f"{datetime.datetime.now():%Y}/about/"
    assert "url" not in remembered(page)


def rename_after_reading(generator) -> None:
    """A plugin that reads each post's URL, then changes what some are made
    from: the pages must be written where the new URL says."""
    commented = {path.name for path in (ROOT / "content" / "comments").iterdir()}
    for number, post in enumerate(generator.articles):
        assert post.url
        assert post.save_as
        if number % 3 == 0 and post.slug not in commented:
            post.slug = f"{post.slug}-renamed"
        elif number % 3 == 1:
            post.category = Category("Renamed later", generator.settings)


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_a_site_whose_urls_change_after_they_were_read_is_the_same(
    tmp_path, conf, caplog
):
    caplog.set_level(logging.INFO, logger="fastbuild")
    siteurl = {"SITEURL": "https://example.org"} if conf == "publishconf.py" else {}
    signals.article_generator_pretaxonomy.connect(rename_after_reading)
    try:
        fast = build_site(tmp_path / "fast", conf=conf, FASTBUILD_WORKERS=2, **siteurl)
        plain = build_site(
            tmp_path / "plain",
            conf=conf,
            FASTBUILD_WORKERS=1,
            FASTBUILD_REMEMBER_URLS=False,
            **siteurl,
        )
    finally:
        signals.article_generator_pretaxonomy.disconnect(rename_after_reading)
    assert list(fast.rglob("*-renamed/index.html"))
    assert (fast / "category" / "renamed-later").exists() or list(
        fast.rglob("renamed-later*")
    )
    assert differences(plain, fast) == []
