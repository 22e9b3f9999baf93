"""Which feeds the site has, for the feeds page and autodiscovery links.

Everything is read from the same settings Pelican writes feeds from, so a
link can only point at a feed that exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from jinja2.utils import missing

from .plan import feed_paths

MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
LABELS = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str  # absolute when FEED_DOMAIN is set
    kind: str  # atom, rss or json

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class FeedSubject:
    """The feeds (Atom, RSS, JSON) that follow one thing: a tag, a lesson..."""

    name: str
    feeds: tuple[FeedLink, ...]


@dataclass(frozen=True)
class FeedSection:
    """A heading of the feeds page: lessons, kinds of conversation, tags."""

    name: str
    subjects: tuple[FeedSubject, ...]


def _link(settings: Mapping[str, Any], setting: str, kind: str, title: str, **fields):
    paths = feed_paths(settings, setting, **fields)
    if paths is None:
        return None
    domain = settings.get("FEED_DOMAIN") or ""
    return FeedLink(title, f"{domain}/{paths[1]}", kind)


def _links(settings, prefix: str, title: str, **fields) -> tuple[FeedLink, ...]:
    """The Atom, RSS and JSON feeds of one subject, those that exist."""
    found = [
        _link(settings, f"{prefix}_{kind.upper()}", kind, title, **fields)
        for kind in ("atom", "rss", "json")
    ]
    return tuple(link for link in found if link is not None)


def site_feeds(settings: Mapping[str, Any]) -> tuple[FeedLink, ...]:
    return _links(settings, "FEED_ALL", settings.get("SITENAME", ""))


def language_feeds(settings, lang: str) -> tuple[FeedLink, ...]:
    return _links(settings, "TRANSLATION_FEED", f"In {lang}", lang=lang)


def category_feeds(settings, category) -> tuple[FeedLink, ...]:
    return _links(settings, "CATEGORY_FEED", f"{category}", slug=category.slug)


def tag_feeds(settings, tag) -> tuple[FeedLink, ...]:
    return _links(settings, "TAG_FEED", f"#{tag}", slug=tag.slug)


def lesson_feeds(settings, lesson) -> tuple[FeedLink, ...]:
    return _links(settings, "LESSON_FEED", lesson.title, slug=lesson.slug)


def comment_feeds(settings, article=None) -> tuple[FeedLink, ...]:
    """The site's comment feed, or a post's: the comments plugin writes a
    published post's once it has any entry (a comment, a reply or a
    Webmention, a like included: ``every_entry``), and the site's once a
    published post has one (``FeedIndex.commented``). Each is named
    exactly when it is written."""
    if article is None:
        return _links(settings, "COMMENTS_FEED", "Comments")
    if not has_comment_feed(article):
        return ()
    title = f"Comments on {article.title}"
    return _links(settings, "COMMENT_FEED", title, slug=article.slug)


def has_comment_feed(article) -> bool:
    thread = getattr(article, "comment_thread", None)
    return thread is not None and bool(thread.every_entry)


@dataclass(frozen=True)
class FeedIndex:
    """Every page's feed links, worked out once per build.

    Templates ask for them on every page; looking them up here is cheaper
    than formatting settings again for each of thousands of pages.
    """

    site: tuple[FeedLink, ...]
    categories: dict[str, tuple[FeedLink, ...]]
    tags: dict[str, tuple[FeedLink, ...]]
    lessons: dict[str, tuple[FeedLink, ...]]
    comments: tuple[FeedLink, ...]  # the site's comment feed, once written
    # Each language other than the site's that a published post is in.
    languages: dict[str, tuple[FeedLink, ...]]
    # The posts whose comment feed is written: the published ones with an
    # entry (a hidden or draft post's comments get no feed).
    commented: frozenset[str]
    settings: Mapping[str, Any]

    @classmethod
    def build(cls, settings, categories, tags, lessons, articles) -> FeedIndex:
        commented = frozenset(
            article.source_path for article in articles if has_comment_feed(article)
        )
        default_lang = settings.get("DEFAULT_LANG")
        langs = sorted(
            {
                version.lang
                for article in articles
                for version in (article, *getattr(article, "translations", ()))
                if getattr(version, "status", "published") == "published"
                and getattr(version, "lang", None)
                and version.lang != default_lang
            }
        )
        return cls(
            site=site_feeds(settings),
            categories={c.slug: category_feeds(settings, c) for c in categories},
            tags={t.slug: tag_feeds(settings, t) for t in tags},
            lessons={lesson.slug: lesson_feeds(settings, lesson) for lesson in lessons},
            comments=comment_feeds(settings) if commented else (),
            languages={lang: language_feeds(settings, lang) for lang in langs},
            commented=commented,
            settings=settings,
        )

    def sections(self, categories, tags, lessons) -> tuple[FeedSection, ...]:
        """Every feed of the site, in sections for the feeds page."""
        sections = [
            (
                "Everything",
                [
                    FeedSubject("Every reflection", self.site),
                    FeedSubject("Every comment", self.comments),
                ],
            ),
            ("Lessons", [FeedSubject(x.title, self.lessons[x.slug]) for x in lessons]),
            (
                "Kinds of conversation",
                [FeedSubject(str(x), self.categories[x.slug]) for x in categories],
            ),
            ("Tags", [FeedSubject(f"#{x}", self.tags[x.slug]) for x in tags]),
            (
                "Languages",
                [
                    FeedSubject(f"Reflections in {lang}", links)
                    for lang, links in self.languages.items()
                ],
            ),
        ]
        found = []
        for name, subjects in sections:
            subjects = tuple(subject for subject in subjects if subject.feeds)
            if subjects:
                found.append(FeedSection(name, subjects))
        return tuple(found)

    def for_page(self, article=None, lesson=None, tag=None, category=None):
        """The site's feeds, plus those of what the page is about."""
        if article is not None:
            own = self.site + self.languages.get(getattr(article, "lang", None), ())
            if article.source_path not in self.commented:
                return own
            return own + comment_feeds(self.settings, article)
        if lesson is not None:
            return self.site + self.lessons.get(lesson.slug, ())
        if tag is not None:
            return self.site + self.tags.get(tag.slug, ())
        if category is not None:
            return self.site + self.categories.get(category.slug, ())
        return self.site


def _value(context, name: str):
    """A template variable, or None; without the KeyError Context.get raises."""
    value = context.resolve_or_missing(name)
    return None if value is missing else value


@pass_context
def feed_links(context) -> tuple[FeedLink, ...]:
    """The feeds to advertise in a page's head (a Jinja global)."""
    index = _value(context, "feed_index")
    if index is None:
        return ()
    return index.for_page(
        article=_value(context, "article"),
        lesson=_value(context, "lesson"),
        tag=_value(context, "tag"),
        category=_value(context, "category"),
    )
