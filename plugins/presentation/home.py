"""The home page's introduction: the site's subtitle, a short about text and
the lessons that recur most, worked out once per build.

The lessons come from the reflection index the reflections plugin puts in
the context (``reflection_index``, whose lessons have a title, a URL and a
count); the about text from the settings or the About page. Nothing here
imports another plugin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sitekit.rules import Finding, Rule, declare_rules
from sitekit.settingsource import setting_source

from .head import plain

(MISSING_ABOUT_PAGE,) = declare_rules(
    Rule(
        "missing-about-page",
        "a `HOME_ABOUT_PAGE` naming no published page, when the home page's "
        "introduction takes its text from it (it has no about text and no link)",
        "warning",
        "warning",
    ),
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class RecurringLesson:
    title: str
    url: str
    count: int

    @property
    def label(self) -> str:
        return f"{self.count} conversation{'' if self.count == 1 else 's'}"


@dataclass(frozen=True)
class HomeIntro:
    subtitle: str
    about: str  # plain text
    about_url: str | None  # the About page, for "more about this blog"
    lessons: tuple[RecurringLesson, ...]


def most_recurring(lessons: Iterable[Any], limit: int) -> tuple[RecurringLesson, ...]:
    """The lessons learned in the most conversations; ties by title."""
    ranked = sorted(
        lessons, key=lambda lesson: (-lesson.count, lesson.title.casefold())
    )
    return tuple(
        RecurringLesson(lesson.title, lesson.url, lesson.count)
        for lesson in ranked[:limit]
    )


def opening_sentences(html: str, limit: int) -> str:
    """Whole sentences from the start of the first paragraph, up to ``limit``
    characters; at least the first sentence, cut at a word if it is longer."""
    first = re.search(r"<p>(.*?)</p>", html or "", re.S)
    text = plain(first.group(1) if first else html, 10_000)
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if kept and len(candidate) > limit:
            break
        kept = candidate
    return kept if len(kept) <= limit else plain(kept, limit)


def home_intro(settings: Mapping[str, Any], context: Mapping[str, Any]) -> HomeIntro:
    page = next(
        (
            page
            for page in context.get("pages", ())
            if page.slug == settings["HOME_ABOUT_PAGE"]
        ),
        None,
    )
    about = settings["HOME_ABOUT"]
    if about is None:
        about = opening_sentences(page.content, 240) if page is not None else ""
    lessons = context["reflection_index"].lessons
    return HomeIntro(
        subtitle=settings.get("SITESUBTITLE") or "",
        about=about,
        about_url=page.url if page is not None else None,
        lessons=most_recurring(lessons, settings["HOME_RECURRING_LESSONS"]),
    )


def missing_about_page(
    settings: Mapping[str, Any], context: Mapping[str, Any]
) -> Finding | None:
    """A warning when the introduction takes its text from the About page
    and ``HOME_ABOUT_PAGE`` names no published page: with a slip
    (``"abuot"``), or the page a draft, the home page lost its about text and
    its "More about this blog" link without a word."""
    slug = settings["HOME_ABOUT_PAGE"]
    if not slug or settings["HOME_ABOUT"] is not None:
        return None
    pages = sorted(str(page.slug) for page in context.get("pages", ()))
    if slug in pages:
        return None
    path, line = setting_source("HOME_ABOUT_PAGE", slug)
    known = ", ".join(repr(name) for name in pages) or "none"
    return Finding(
        MISSING_ABOUT_PAGE.name,
        f"HOME_ABOUT_PAGE {slug!r} is the slug of no published page (the pages: "
        f"{known}), so the home page's introduction has no about text and no "
        "link to the page; name one of them, set HOME_ABOUT, or set "
        "HOME_ABOUT_PAGE = None",
        path,
        line,
    )


def about_page_stage(context: Mapping[str, Any]) -> list[Finding]:
    """The plugin's content stage (the context holds the settings): what
    ``reflect lint`` says of ``HOME_ABOUT_PAGE``, as the build says it."""
    missing = missing_about_page(context, context)
    return [missing] if missing else []
