"""Head metadata for every page: title, description, canonical URL, Open
Graph and Twitter cards with their preview image, and JSON-LD
``BlogPosting`` for articles.

A Jinja global, ``page_meta()``, works out what the page is about from the
template context, so every template gets the same, correct tags without
repeating the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from jinja2.utils import missing
from markupsafe import Markup

from sitekit.text import as_text
from sitekit.uris import as_uri

# Pages written from a template without a subject, by template name.
TEMPLATE_TITLES = {
    "archives": ("Archives", "Every reflection, by year."),
    "tags": ("Tags", "Every topic these reflections touch."),
    "categories": ("Kinds of conversation", "Reflections by kind of conversation."),
    "authors": ("Authors", "Who writes these reflections."),
    "reflections": (
        "Lessons",
        "Every lesson from every career conversation: how often it came back, "
        "when it was first learned and when it was last reinforced.",
    ),
    "stories": (
        "Stories",
        "Every story from the conversations, in four parts (situation, task, "
        "action, result), by the lessons it shows.",
    ),
    "questions": (
        "Questions",
        "Every question asked in a career conversation, by kind of conversation "
        "and by lesson, with the answers.",
    ),
    "feeds": ("Feeds", "Follow these reflections in a feed reader."),
    "search": ("Search", "Search every reflection by words, lesson, theme or kind."),
    "404": ("Page not found", "That page is not here."),
    "desk": ("Desk", "Follow-ups, people and lessons to review: local builds only."),
}


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class PageMeta:
    title: str  # the page's own title (og:title)
    document_title: str  # the <title>: page title and site name
    description: str
    canonical: str | None
    og_type: str  # "article" or "website"
    published: str | None = None
    modified: str | None = None
    json_ld: Markup | None = None
    image: Any = None  # url, width, height and alt of the preview image


def plain(html: str, limit: int) -> str:
    """Text of an HTML fragment or a field (sitekit.text), cut at a word."""
    return cut(as_text(html), limit)


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word and ended with
    "…" when it is cut: every description is cut this one way."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _value(context, name: str):
    """A template variable, or None; without the KeyError Context.get raises."""
    value = context.resolve_or_missing(name)
    return None if value is missing else value


def absolute_site_url(context: Any) -> str | None:
    """SITEURL if it is absolute; a local build's relative one is not.

    A canonical link, ``og:url`` or ``og:image`` must be absolute: a relative
    one tells a search engine or a link preview nothing it can fetch (and
    Lighthouse marks a relative canonical link as an SEO fault). The
    settings' SITEURL (``site_root_url``), not the page's: with
    RELATIVE_URLS Pelican hands each page a relative one ("../.."), and a
    published page lost its canonical link, og:url and preview image.
    """
    site_url = _value(context, "site_root_url") or _value(context, "SITEURL") or ""
    return site_url if site_url.startswith(("https://", "http://")) else None


def canonical_url(context: Any) -> str | None:
    output = _value(context, "output_file") or ""
    site_url = absolute_site_url(context)
    if not output or output == "404.html" or site_url is None:
        return None
    path = output[: -len("index.html")] if output.endswith("index.html") else output
    # A URI, as the sitemap and the feeds give the page's address: a
    # search engine or a link preview compares them as strings.
    return as_uri(f"{site_url}/{path}")


def preview_image(context: Any, article: Any) -> Any:
    """The post's own preview image, else the site's; None on a local build.

    The images come from the social plugin, as ``article.social_image`` (a
    draft has none) and ``social_image_default``.
    """
    if absolute_site_url(context) is None:
        return None
    image = vars(article).get("social_image") if article is not None else None
    return image or _value(context, "social_image_default")


@pass_context
def page_meta(context) -> PageMeta:
    site = as_text(_value(context, "SITENAME"))
    limit = _value(context, "DESCRIPTION_MAX_LENGTH") or 200
    canonical = canonical_url(context)
    article = _value(context, "article")
    if article is not None:
        title = plain(article.title, 300)
        description = plain(getattr(article, "summary", ""), limit) or cut(
            _lessons_said(article) or title, limit
        )
        return PageMeta(
            title=title,
            document_title=f"{title} · {site}",
            description=description,
            canonical=canonical,
            og_type="article",
            published=article.date.isoformat(),
            modified=getattr(article, "modified", article.date).isoformat(),
            json_ld=blog_posting(article, title, description, canonical, context),
            image=preview_image(context, article),
        )
    title, description = _subject(context, limit)
    description = cut(description, limit)  # a long tag or author name too
    document_title = f"{title} · {site}" if title != site else site
    return PageMeta(
        title,
        document_title,
        description,
        canonical,
        "website",
        image=preview_image(context, None),
    )


def _lessons_said(article: Any) -> str:
    """A post's lessons as a sentence: what it is about when it has no words
    of its own (a photo, or a body all private), as its preview image says."""
    lessons = [as_text(lesson.title) for lesson in getattr(article, "lessons", ())]
    return f"Lessons: {'; '.join(lessons).rstrip('.')}." if lessons else ""


def _subject(context: Any, limit: int) -> tuple[str, str]:
    """(title, description) of a page that is not an article."""
    page, lesson = _value(context, "page"), _value(context, "lesson")
    if page is not None:
        # Pelican's summary, as a post's: the page's own Summary, else the
        # start of its text; its title when it has no words of its own.
        title = plain(page.title, 300)
        return title, plain(page.summary, limit) or title
    if lesson is not None:
        about = plain(lesson.description_html, limit) or (
            f"{lesson.count} career conversations taught this lesson."
        )
        return as_text(lesson.title), about
    series = _value(context, "series")
    if series is not None and hasattr(series, "posts"):
        return as_text(series.name), cut(
            f"A series of {series.count} reflections: "
            + "; ".join(plain(post.title, 120) for post in series.posts),
            limit,
        )
    tag, category = _value(context, "tag"), _value(context, "category")
    if tag is not None:
        return f"#{as_text(tag)}", f"Reflections tagged #{as_text(tag)}."
    if category is not None:
        return as_text(category), f"Reflections from {as_text(category)}."
    author, period = _value(context, "author"), _value(context, "period")
    if author is not None:
        return as_text(author), f"Reflections by {as_text(author)}."
    if period:
        period = " ".join(str(part) for part in period)
        return f"Reflections from {period}", f"Every reflection from {period}."
    # Jinja's context knows which template it renders: "archives.html"...
    name = (context.name or "").rsplit("/", 1)[-1].removesuffix(".html")
    if name in TEMPLATE_TITLES:
        return TEMPLATE_TITLES[name]
    return as_text(_value(context, "SITENAME")), as_text(
        _value(context, "SITESUBTITLE")
    )


def blog_posting(
    article: Any, headline: str, description: str, canonical: str | None, context
) -> Markup:
    """JSON-LD for an article, safe to place inside a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": headline,
        "description": description,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "author": _people(article),
        "publisher": {
            "@type": "Organization",
            "name": as_text(_value(context, "SITENAME")),
        },
        "inLanguage": getattr(article, "lang", _value(context, "DEFAULT_LANG") or "en"),
        "keywords": [as_text(tag) for tag in getattr(article, "tags", ()) or ()]
        + [as_text(lesson.title) for lesson in article.lessons],
    }
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    if article.word_count:
        data["wordCount"] = article.word_count
    image = preview_image(context, article)
    if image is not None:
        data["image"] = image.url
    text = json.dumps(data, ensure_ascii=False)
    # "</script" would end the element early, and "<!--<script" would keep
    # it from ending: "<", ">" and "&" as JSON escapes are the same strings
    # and none of that (as Django's json_script does).
    return Markup(text.translate(_SCRIPT_SAFE))


def _people(article: Any) -> dict[str, str] | list[dict[str, str]]:
    """The post's author as a schema.org ``Person``, or a list of one per
    author when ``Authors:`` names several: each of them wrote it."""
    names = [as_text(author) for author in getattr(article, "authors", None) or ()]
    if not names:
        names = [as_text(getattr(article, "author", ""))]
    people = [{"@type": "Person", "name": name} for name in names]
    return people[0] if len(people) == 1 else people
