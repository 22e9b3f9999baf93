"""Head metadata for every page: title, description, canonical URL, Open
Graph and Twitter cards, and JSON-LD ``BlogPosting`` for articles.

A Jinja global, ``page_meta()``, works out what the page is about from the
template context, so every template gets the same, correct tags without
repeating the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

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
    "feeds": ("Feeds", "Follow these reflections in a feed reader."),
    "404": ("Page not found", "That page is not here."),
}


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


def plain(html: str, limit: int) -> str:
    """Text of an HTML fragment, whitespace collapsed, cut at a word boundary."""
    text = " ".join(Markup(html or "").striptags().split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def canonical_url(context: Any) -> str | None:
    output = context.get("output_file") or ""
    if not output or output == "404.html":
        return None
    path = output[: -len("index.html")] if output.endswith("index.html") else output
    return f"{context.get('SITEURL', '')}/{path}"


@pass_context
def page_meta(context) -> PageMeta:
    site = context.get("SITENAME", "")
    limit = context.get("DESCRIPTION_MAX_LENGTH", 200)
    canonical = canonical_url(context)
    article = context.get("article")
    if article is not None:
        description = plain(getattr(article, "summary", ""), limit)
        return PageMeta(
            title=plain(article.title, 300),
            document_title=f"{plain(article.title, 300)} · {site}",
            description=description,
            canonical=canonical,
            og_type="article",
            published=article.date.isoformat(),
            modified=getattr(article, "modified", article.date).isoformat(),
            json_ld=blog_posting(article, description, canonical, context),
        )
    title, description = _subject(context, limit)
    document_title = f"{title} · {site}" if title != site else site
    return PageMeta(title, document_title, description, canonical, "website")


def _subject(context: Any, limit: int) -> tuple[str, str]:
    """(title, description) of a page that is not an article."""
    subtitle = context.get("SITESUBTITLE") or ""
    if context.get("page") is not None:
        page = context["page"]
        return plain(page.title, 300), plain(page.content, limit)
    if context.get("lesson") is not None:
        lesson = context["lesson"]
        about = plain(lesson.description_html, limit) or (
            f"{lesson.count} career conversations taught this lesson."
        )
        return lesson.title, about
    if context.get("tag") is not None:
        return f"#{context['tag']}", f"Reflections tagged #{context['tag']}."
    if context.get("category") is not None:
        return str(context["category"]), f"Reflections from {context['category']}."
    if context.get("author") is not None:
        return str(context["author"]), f"Reflections by {context['author']}."
    if context.get("period"):
        period = " ".join(str(part) for part in context["period"])
        return f"Reflections from {period}", f"Every reflection from {period}."
    # Jinja's context knows which template it renders: "archives.html"...
    name = (context.name or "").rsplit("/", 1)[-1].removesuffix(".html")
    if name in TEMPLATE_TITLES:
        return TEMPLATE_TITLES[name]
    return context.get("SITENAME", ""), subtitle


def blog_posting(
    article: Any, description: str, canonical: str | None, context
) -> Markup:
    """JSON-LD for an article, safe to place inside a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": plain(article.title, 300),
        "description": description,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "author": {"@type": "Person", "name": str(getattr(article, "author", ""))},
        "publisher": {"@type": "Organization", "name": context.get("SITENAME", "")},
        "inLanguage": getattr(article, "lang", context.get("DEFAULT_LANG", "en")),
        "keywords": [str(tag) for tag in getattr(article, "tags", ()) or ()]
        + [lesson.title for lesson in getattr(article, "lessons", ()) or ()],
    }
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    if getattr(article, "word_count", None):
        data["wordCount"] = article.word_count
    text = json.dumps(data, ensure_ascii=False)
    # "</" would end the script element early; "<\/" is the same JSON string.
    return Markup(text.replace("</", "<\\/"))
