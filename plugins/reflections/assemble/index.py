"""Assemble the reflection index from the posts' resolved lessons.

Plain data in, plain data out: no Pelican imports, so the index can be
built and tested without building a site. URLs and Markdown rendering come
in as functions from the write stage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from itertools import groupby

from ..model import (
    CoOccurrence,
    KnownLesson,
    LessonRecord,
    LessonUse,
    MonthGroup,
    PostLesson,
    PostRecord,
    ReflectionIndex,
    StoryUse,
    ThemeGroup,
)
from .related import related_posts

OTHER_THEME = "Other lessons"


def assemble_index(
    posts: Iterable[PostRecord],
    known: Mapping[str, KnownLesson],
    *,
    describe: Callable[[str], str] = lambda markdown: markdown,
    feed_url: Callable[[str], str | None] = lambda slug: None,
    related_max: int = 3,
    co_occurring_max: int = 5,
) -> ReflectionIndex:
    posts = sorted(posts, key=lambda post: (post.date, post.key), reverse=True)
    uses: dict[str, list[LessonUse]] = defaultdict(list)
    lesson_of: dict[str, PostLesson] = {}
    together: dict[str, Counter[str]] = defaultdict(Counter)
    stories: dict[str, list[StoryUse]] = defaultdict(list)
    for post in posts:
        slugs = [lesson.slug for lesson in post.lessons]
        for lesson in post.lessons:
            uses[lesson.slug].append(LessonUse(post, lesson))
            lesson_of.setdefault(lesson.slug, lesson)
            together[lesson.slug].update(slug for slug in slugs if slug != lesson.slug)
        for story in post.stories:
            for lesson in story.lessons:
                stories[lesson.slug].append(StoryUse(post, story))

    records = []
    for slug, lesson_uses in uses.items():
        lesson = lesson_of[slug]
        entry = known.get(slug)
        records.append(
            LessonRecord(
                slug=slug,
                title=lesson.title,
                theme=lesson.theme,
                description_html=describe(entry.description)
                if entry and entry.description
                else "",
                url=lesson.url,
                known=lesson.known,
                uses=tuple(lesson_uses),
                co_occurring=_co_occurring(together[slug], lesson_of, co_occurring_max),
                feed_url=feed_url(slug),
                stories=tuple(stories[slug]),
            )
        )
    records.sort(key=lambda record: (-record.count, record.title.casefold()))
    return ReflectionIndex(
        lessons=tuple(records),
        themes=_themes(records, known),
        timeline=_timeline(posts),
        posts=tuple(posts),
        related=related_posts(posts, related_max),
    )


def _co_occurring(
    counts: Counter[str], lesson_of: Mapping[str, PostLesson], limit: int
) -> tuple[CoOccurrence, ...]:
    ranked = sorted(
        counts.items(), key=lambda item: (-item[1], lesson_of[item[0]].title)
    )
    return tuple(
        CoOccurrence(slug, lesson_of[slug].title, lesson_of[slug].url, count)
        for slug, count in ranked[:limit]
    )


def _themes(
    records: list[LessonRecord], known: Mapping[str, KnownLesson]
) -> tuple[ThemeGroup, ...]:
    """Themes in the order lessons.yml introduces them; unthemed lessons last."""
    order = list(dict.fromkeys(entry.theme for entry in known.values() if entry.theme))
    grouped: dict[str, list[LessonRecord]] = defaultdict(list)
    for record in records:
        grouped[record.theme or OTHER_THEME].append(record)
    names = [name for name in order if name in grouped]
    names += sorted(
        name for name in grouped if name not in order and name != OTHER_THEME
    )
    if OTHER_THEME in grouped:
        names.append(OTHER_THEME)
    return tuple(ThemeGroup(name, tuple(grouped[name])) for name in names)


def _timeline(posts: list[PostRecord]) -> tuple[MonthGroup, ...]:
    return tuple(
        MonthGroup(year, month, tuple(group))
        for (year, month), group in groupby(
            posts, key=lambda post: (post.date.year, post.date.month)
        )
    )
