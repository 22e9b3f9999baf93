"""Writes every feed of the site's posts, the JSON Feed and the feeds page.

One generator for every kind of post feed (the site's, each category's,
tag's, author's and lesson's), each in Atom and RSS as the settings ask,
made from one ``FeedEntry`` per post so every format agrees. Lessons come
from ``article.lessons`` (each with ``slug``, ``title`` and ``url``) and the
``reflection_index``, which the reflections plugin (listed before this one
in PLUGINS, see ``PLUGIN``) attaches; no other plugin's code is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from sitekit.datafiles import write_json
from sitekit.feedfiles import ItemCache, new_feed, write_feed_file
from sitekit.selectedpages import is_selected
from sitekit.templates import theme_or_plugin_template
from sitekit.text import as_text
from sitekit.uris import as_uri

from .catalog import FeedIndex
from .entries import EntryBuilder, FeedEntry
from .jsonfeed import json_feed
from .plan import feed_paths

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class FeedSubject:
    """What one pair of feeds follows: its setting prefix, title and posts."""

    prefix: str  # "FEED_ALL", "CATEGORY_FEED", ...
    title: str | None  # None for the site's own feeds
    page_url: str  # the page the feed follows, relative to the site
    articles: Sequence[Any]
    slug: str | None = None
    lang: str | None = None  # a language's feed: its posts, in it

    @property
    def fields(self) -> dict[str, str]:
        """What the feed's setting is formatted with."""
        if self.lang:
            return {"lang": self.lang}
        return {"slug": self.slug} if self.slug else {}


class FeedsGenerator(Generator):
    def _template(self, name: str):
        return theme_or_plugin_template(self, name, TEMPLATES)

    def generate_context(self) -> None:
        """List the site's feeds, for the feeds page and every template."""
        lessons = self.context["reflection_index"].lessons
        categories = [category for category, _ in self.context.get("categories", ())]
        tags = sorted(tag for tag, _ in self.context.get("tags", ()))
        articles = self.context.get("articles", ())
        index = FeedIndex.build(self.settings, categories, tags, lessons, articles)
        self.context["feed_index"] = index
        catalog = index.sections(categories, tags, lessons)
        self.context["feed_catalog"] = catalog
        # The feeds page's address, where one is written: with
        # FEEDS_PAGE_SAVE_AS empty every page's footer linked a /feeds/ that
        # no build wrote.
        written = catalog and self.settings["FEEDS_PAGE_SAVE_AS"]
        self.context["feeds_page_url"] = (
            self.settings["FEEDS_PAGE_URL"] if written else None
        )

    def generate_output(self, writer) -> None:
        settings = self.settings
        self._entries: dict[int, FeedEntry] = {}
        self._items = ItemCache()
        self._builder = EntryBuilder(settings)
        self._written: set[str] = set()
        for subject in self._subjects():
            for kind in ("atom", "rss"):
                paths = feed_paths(
                    settings, f"{subject.prefix}_{kind.upper()}", **subject.fields
                )
                if paths:
                    self._write_feed(kind, subject, *paths)
        if settings["FEED_ALL_JSON"] and is_selected(
            settings, settings["FEED_ALL_JSON"]
        ):
            self._write_json_feed()
        groups = self.context["feed_catalog"]
        if groups and settings["FEEDS_PAGE_SAVE_AS"]:
            writer.write_file(
                settings["FEEDS_PAGE_SAVE_AS"],
                self._template("feeds"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings["FEEDS_PAGE_URL"],
                feed_catalog=groups,
                template_name="feeds",
            )

    def _subjects(self) -> Iterable[FeedSubject]:
        articles = self.context.get("articles", [])
        yield FeedSubject("FEED", None, "", articles)
        yield FeedSubject("FEED_ALL", None, "", articles)
        for prefix, group in (
            ("CATEGORY_FEED", "categories"),
            ("TAG_FEED", "tags"),
            ("AUTHOR_FEED", "authors"),
        ):
            for term, posts in self.context.get(group, ()):
                yield FeedSubject(prefix, term.name, term.url, posts, term.slug)
        for lesson, posts in _by_lesson(articles):
            yield FeedSubject(
                "LESSON_FEED", lesson.title, lesson.url, posts, lesson.slug
            )
        default_lang = self.settings.get("DEFAULT_LANG")
        for lang, posts in posts_by_language(articles, default_lang).items():
            yield FeedSubject("TRANSLATION_FEED", lang, "", posts, lang=lang)

    def _write_feed(self, kind: str, subject: FeedSubject, path: str, url: str):
        settings = self.settings
        if not is_selected(settings, path):
            return  # make serve's first pass: not a page open in a browser
        site_url = settings.get("SITEURL") or ""
        domain = settings.get("FEED_DOMAIN") or site_url
        sitename = settings["SITENAME"]
        feed = new_feed(
            kind,
            title=f"{sitename} - {subject.title}" if subject.title else sitename,
            link=f"{site_url}/{subject.page_url}",
            feed_url=f"{domain}/{url}",
            settings=settings,
            language=subject.lang,
        )
        summary_only = kind == "rss" and settings.get("RSS_FEED_SUMMARY_ONLY")
        for article in subject.articles[: settings.get("FEED_MAX_ITEMS")]:
            entry = self._entry(article, site_url)
            if kind == "rss":
                description = (
                    entry.summary_html or entry.content_html
                    if summary_only
                    else entry.content_html
                )
            else:
                description = entry.summary_html
            self._items.add(
                feed,
                id(article),
                title=entry.title,
                link=entry.link,
                description=description,
                content=None if kind == "rss" else entry.content_html,
                unique_id=entry.rss_guid if kind == "rss" else entry.atom_id,
                unique_id_is_permalink=True if kind == "rss" else None,
                categories=entry.categories or None,
                author_name=entry.author,
                pubdate=entry.published,
                updateddate=entry.updated,
                language=entry.language,
            )
        write_feed_file(self.output_path, path, feed, self.context, self._written)

    def _entry(self, article: Any, site_url: str) -> FeedEntry:
        """A post's entry, made once however many feeds carry it."""
        entry = self._entries.get(id(article))
        if entry is None:
            entry = self._entries[id(article)] = self._builder.entry(article, site_url)
        return entry

    def _write_json_feed(self) -> None:
        settings = self.settings
        site_url = settings.get("SITEURL") or ""
        domain = settings.get("FEED_DOMAIN") or site_url
        articles = self.context.get("articles", [])[: settings.get("FEED_MAX_ITEMS")]
        feed = json_feed(
            (self._entry(article, site_url) for article in articles),
            title=as_text(settings["SITENAME"]),
            home_page_url=as_uri(f"{site_url}/"),
            feed_url=as_uri(f"{domain}/{settings['FEED_ALL_JSON']}"),
            description=as_text(settings.get("SITESUBTITLE")) or None,
            language=settings.get("DEFAULT_LANG"),
            author=as_text(settings.get("AUTHOR")) or None,
            hub=settings.get("WEBSUB_HUB") or None,
        )
        write_json(
            self.output_path,
            settings["FEED_ALL_JSON"],
            feed,
            {**self.context, "output_file": settings["FEED_ALL_JSON"]},
        )


def posts_by_language(
    articles: Sequence[Any], default_lang: str | None
) -> dict[str, list[Any]]:
    """Each language other than the site's, with every published post in
    it, newest first: a post written in it, and a translation into it (the
    site's own feeds carry the originals only, so a reader of them never
    gets one post twice)."""
    found: dict[str, list[Any]] = {}
    for article in articles:
        versions = [article, *getattr(article, "translations", ())]
        for version in versions:
            lang = getattr(version, "lang", None)
            published = getattr(version, "status", "published") == "published"
            if lang and lang != default_lang and published:
                found.setdefault(lang, []).append(version)
    return {
        lang: sorted(posts, key=lambda post: post.date, reverse=True)
        for lang, posts in sorted(found.items())
    }


def _by_lesson(articles: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """Each lesson the posts teach, with its posts in the site's order."""
    lessons: dict[str, tuple[Any, list[Any]]] = {}
    for article in articles:
        for lesson in article.lessons:
            lessons.setdefault(lesson.slug, (lesson, []))[1].append(article)
    return list(lessons.values())
