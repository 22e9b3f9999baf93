"""The desk's content stage: the Pelican side of reading the desk.

It turns what Pelican read (posts, drafts, pages, the reflection index,
comment threads) into the desk's plain data and assembles the desk, once
the reflections and comments plugins have done their part (the desk
declares it needs both). The build runs it in the desk generator; ``reflect``
runs it with every plugin's stage (``reflect.content``), so ``reflect due``
and the desk page cannot disagree.

Only a local build has a desk (``sitekit.localonly.is_local_build``): in any
other the fields it reads were never kept, and the context's ``desk`` is
None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitekit.datetext import site_today
from sitekit.diagnostics import display_path
from sitekit.localonly import LOCAL_ONLY, is_local_build
from sitekit.rules import Finding
from sitekit.sourcepaths import left_out_link

from .assemble import (
    Desk,
    DeskSettings,
    Draft,
    assemble_desk,
    plain_text,
    sorted_drafts,
)
from .dates import as_date, parse_date, parse_interval
from .model import LessonHistory, PostFacts, ReviewLog, Teaching
from .questions import waiting_questions
from .reviewlog import read_review_log

#: The context's name for the desk (None outside a local build).
DESK = "desk"


def desk_stage(context: dict[str, Any]) -> list[Finding]:
    """Assemble the desk into ``context["desk"]``; return what was found."""
    context[DESK] = None
    if not is_local_build(context):
        return []
    desk = read_desk(context)
    context[DESK] = desk
    return list(desk.findings)


def read_desk(context: dict[str, Any]) -> Desk:
    settings = context
    locate = locator(settings)
    posts = _facts(context, locate, "articles", "hidden_articles", "drafts")
    # Pages hold local-only fields too, but a page is no conversation: what
    # the desk would read there is said, not shown.
    pages = _facts(context, locate, "pages", "hidden_pages", "draft_pages")
    # A translation is its original's conversation, in another language:
    # the desk reads the original's fields, and says so of a translation's.
    translations = [
        post_facts(translation, status, locate)
        for status, name in zip(
            ("published", "hidden", "draft"),
            ("articles", "hidden_articles", "drafts"),
            strict=True,
        )
        for content in context.get(name, ())
        for translation in getattr(content, "translations", ())
    ]
    index = context.get("reflection_index")
    records = index.lessons if index is not None else ()
    summaries = {post.key: post.summary for post in posts}
    lessons = [lesson_history(record, summaries, locate) for record in records]
    log, findings = _review_log(settings, {lesson.slug for lesson in lessons})
    by_key = {post.key: post for post in posts}
    threads = [
        (by_key[article.source_path], article.comment_thread)
        for article in context.get("articles", ())
    ]
    return assemble_desk(
        desk_settings(settings),
        posts,
        lessons,
        log,
        drafts=sorted_drafts(_drafts(context, locate)),
        questions=waiting_questions(threads, locate),
        findings=findings,
        pages=pages,
        translations=translations,
    )


def _facts(
    context: dict[str, Any],
    locate: Callable[[str], str],
    published: str,
    hidden: str,
    draft: str,
) -> list[PostFacts]:
    """The facts of the posts (or pages) Pelican lists under these names."""
    return [
        post_facts(content, status, locate)
        for status, name in zip(
            ("published", "hidden", "draft"), (published, hidden, draft), strict=True
        )
        for content in context.get(name, ())
    ]


def desk_settings(settings: dict[str, Any]) -> DeskSettings:
    reviews = settings.get("DESK_REVIEWS")
    return DeskSettings(
        today=desk_today(settings),
        follow_up_days=settings["DESK_FOLLOW_UP_DAYS"],
        reconnect_after=parse_interval(settings["DESK_RECONNECT_AFTER"]),
        review_intervals=tuple(map(parse_interval, settings["DESK_REVIEW_INTERVALS"])),
        url=settings["DESK_URL"] if settings.get("DESK_SAVE_AS") else None,
        reviews_location=locator(settings)(str(Path(settings["PATH"]) / reviews))
        if reviews
        else "",
        date_format=site_date_format(settings),
    )


def site_date_format(settings: dict[str, Any]) -> str:
    """How the site's posts write a date, as Pelican picks it for a post in
    the site's language: ``DATE_FORMATS[DEFAULT_LANG]``, else
    ``DEFAULT_DATE_FORMAT`` (a ``(locale, format)`` pair's format: Pelican
    sets the locale as it reads the posts)."""
    formats = settings.get("DATE_FORMATS") or {}
    chosen = formats.get(settings.get("DEFAULT_LANG")) or settings.get(
        "DEFAULT_DATE_FORMAT"
    )
    if isinstance(chosen, tuple | list) and len(chosen) == 2:
        chosen = chosen[1]
    return chosen if isinstance(chosen, str) and chosen else "%B %-d, %Y"


def desk_today(settings: dict[str, Any]) -> date:
    """DESK_TODAY, or today where the site is (its TIMEZONE)."""
    fixed = settings.get("DESK_TODAY")
    if isinstance(fixed, datetime):
        return fixed.date()
    if isinstance(fixed, date):
        return fixed
    if isinstance(fixed, str):
        return parse_date(fixed)
    return site_today(settings)


def locator(settings: dict[str, Any]) -> Callable[[str], str]:
    """A file's path as the writer finds it: from the project folder (the
    one that holds the content folder), ``content/posts/x.md``."""
    project = Path(settings["PATH"]).absolute().parent

    def locate(path: str) -> str:
        absolute = Path(path).absolute()
        if absolute.is_relative_to(project):
            return absolute.relative_to(project).as_posix()
        return display_path(path)

    return locate


def post_facts(article: Any, status: str, locate: Callable[[str], str]) -> PostFacts:
    local = article.metadata.get(LOCAL_ONLY)
    return PostFacts(
        key=article.source_path,
        title=plain_text(article.title),
        slug=article.slug,
        url=article.url,
        date=as_date(getattr(article, "date", None)),
        status=status,
        who=article.metadata.get("who"),
        fields=local.fields if local is not None else (),
        # The Summary: field only: a summary made from the body would render
        # the post now, before the static files are known, and Pelican keeps
        # that rendering, with its {static} links unresolved.
        summary=plain_text(article.metadata.get("summary", "")),
        location=locate(article.source_path),
    )


def lesson_history(
    record: Any, summaries: dict[str, str], locate: Callable[[str], str]
) -> LessonHistory:
    """A lesson of the reflection index, as the review schedule needs it."""
    uses = record.uses_in_date_order
    first = next((use for use in uses if use.lesson.anchor), uses[0] if uses else None)
    teaching = None
    if first is not None:
        from_callout = bool(first.lesson.anchor)
        teaching = Teaching(
            post_title=plain_text(first.post.title),
            post_date=as_date(first.post.date),
            url=first.url,
            text=first.lesson.note_text
            if from_callout
            else summaries.get(first.post.key, ""),
            html=first.lesson.note_html if from_callout else "",
            from_callout=from_callout,
            location=locate(first.post.key),
        )
    return LessonHistory(
        slug=record.slug,
        title=record.title,
        url=record.url,
        taught_on=tuple(sorted({as_date(use.post.date) for use in uses})),
        teaching=teaching,
    )


def _review_log(settings: dict[str, Any], known: set[str]):
    name = settings.get("DESK_REVIEWS")
    path = Path(settings["PATH"]) / name if name else None
    if path is None or left_out_link(path, settings):
        return ReviewLog(), []
    # A day to come is one after the real day, not after DESK_TODAY or
    # `--today`: looking back from a day, the reviews since are no typos.
    return read_review_log(path, known, site_today(settings))


def _drafts(context: dict[str, Any], locate: Callable[[str], str]) -> Iterable[Draft]:
    for kind, name in (("post", "drafts"), ("page", "draft_pages")):
        for draft in context.get(name, ()):
            save_as = getattr(draft, "save_as", "")
            yield Draft(
                title=plain_text(draft.title),
                url=draft.url if save_as else None,
                location=locate(draft.source_path),
                kind=kind,
                day=as_date(
                    getattr(draft, "modified", None) or getattr(draft, "date", None)
                ),
            )
