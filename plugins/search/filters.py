"""What a post can be filtered by on the search page.

Pagefind reads filters from the page (``data-pagefind-filter``); the values
are worked out here so the template only prints them. They come from what
other plugins publish on a post: ``article.lessons`` (title and theme of
each) and Pelican's category, never from another plugin's internals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SearchFilter:
    name: str  # "lesson", "theme" or "category"
    value: str


def post_filters(article: Any) -> tuple[SearchFilter, ...]:
    """Each lesson, each theme once, and the kind of conversation."""
    lessons = tuple(getattr(article, "lessons", ()) or ())
    filters = [SearchFilter("lesson", lesson.title) for lesson in lessons]
    filters += [SearchFilter("theme", theme) for theme in _themes(lessons)]
    category = getattr(article, "category", None)
    if category:
        filters.append(SearchFilter("category", str(category)))
    return tuple(filters)


def _themes(lessons: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(lesson.theme for lesson in lessons if lesson.theme))
