"""The reflection index as JSON-ready data (reflections.json, version 1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sitekit.text import as_text

from ..assemble.questions import question_bank
from ..model import STORY_PARTS, LessonRecord, PostRecord, ReflectionIndex

VERSION = 1


def index_as_data(
    index: ReflectionIndex,
    absolute: Callable[[str], str],
    descriptions: dict[str, str],
) -> dict[str, Any]:
    """Plain dicts and lists; dates in ISO 8601, URLs through ``absolute``.

    ``descriptions`` maps a slug to its description as written in
    lessons.yml (Markdown), which loses nothing for other tools. Fields may
    be added to version 1, never renamed or removed. Stories and questions
    are plain text, and each names the conversation it comes from: a title
    or a question as the pages show it (its text, with the body's curly
    quotes and dashes), like the parts and answers beside it.
    """
    return {
        "version": VERSION,
        "lessons": [
            _lesson_as_data(record, absolute, descriptions) for record in index.lessons
        ],
        "posts": [_post_as_data(post, absolute) for post in index.posts],
        "series": _series_as_data(index.posts, absolute),
        "stories": [
            {
                "title": as_text(story.title),
                "url": absolute(f"{post.url}#{story.anchor}"),
                "anchor": story.anchor,
                "post": _conversation(post, absolute),
                "lessons": [lesson.slug for lesson in story.lessons],
                **{
                    name.lower(): part.text if (part := story.part(name)) else None
                    for name in STORY_PARTS
                },
            }
            for post in index.posts
            for story in post.stories
        ],
        "questions": [
            {
                "question": as_text(question.text),
                "times_asked": question.times_asked,
                "asked": [
                    {
                        "url": absolute(use.url),
                        "anchor": use.question.anchor,
                        "post": _conversation(use.post, absolute),
                        "lessons": [lesson.slug for lesson in use.question.lessons],
                        "answer": use.question.answer_text,
                    }
                    for use in question.asks
                ],
            }
            for question in question_bank(index).questions
        ],
    }


def _conversation(post: PostRecord, absolute: Callable[[str], str]) -> dict[str, Any]:
    return {
        "title": post.title,
        "url": absolute(post.url),
        "date": post.date.isoformat(),
        "category": post.category,
    }


def _lesson_as_data(
    record: LessonRecord,
    absolute: Callable[[str], str],
    descriptions: dict[str, str],
) -> dict[str, Any]:
    return {
        "slug": record.slug,
        "title": record.title,
        "theme": record.theme,
        "description": descriptions.get(record.slug, ""),
        "url": absolute(record.url),
        "count": record.count,
        "first_learned": record.first_learned.isoformat(),
        "last_reinforced": record.last_reinforced.isoformat(),
        "posts": [
            {
                "title": use.post.title,
                "url": absolute(use.post.url),
                "date": use.post.date.isoformat(),
                "anchor": use.lesson.anchor,
                "note": use.lesson.note_text,
            }
            for use in record.uses
        ],
    }


def _post_as_data(post: PostRecord, absolute: Callable[[str], str]) -> dict[str, Any]:
    return {
        "title": post.title,
        "url": absolute(post.url),
        "date": post.date.isoformat(),
        "lessons": [lesson.slug for lesson in post.lessons],
        "question": post.question,
        "comment_count": post.answer_count,
        "newest_comments": [
            {
                "author": answer.author,
                "date": answer.date.isoformat(),
                "url": absolute(answer.url),
                "text": answer.text,
            }
            for answer in post.answers
        ],
        "series": post.series
        and {
            "name": post.series.name,
            "url": _url(post.series.url, absolute),
            "index": post.series.index,
            "count": post.series.count,
        },
    }


def _series_as_data(
    posts: Sequence[PostRecord], absolute: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Every series, by name, with its posts' URLs in the series' order."""
    parts: dict[str, list[PostRecord]] = {}
    for post in posts:
        if post.series:
            parts.setdefault(post.series.name, []).append(post)
    return [
        {
            "name": name,
            "url": _url(parts[name][0].series.url, absolute),
            "posts": [
                absolute(post.url)
                for post in sorted(parts[name], key=lambda post: post.series.index)
            ],
        }
        for name in sorted(parts, key=str.casefold)
    ]


def _url(url: str, absolute: Callable[[str], str]) -> str | None:
    """A page's address, or None for a page the site does not write."""
    return absolute(url) if url else None
