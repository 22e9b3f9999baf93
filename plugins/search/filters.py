"""What a post can be filtered by on the search page.

Pagefind reads filters from the page (``data-pagefind-filter``); the values
are worked out here so the template only prints them. They come from what
other plugins publish on a post: ``article.lessons`` (title and theme of
each), ``article.stories`` and ``article.asked_questions``, and Pelican's
category, never from another plugin's internals. The search page lists
every value with its count, so its menus are complete before any script
runs and Pagefind loads only when a search does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SearchFilter:
    name: str  # "lesson", "theme", "category", "stories" or "questions"
    value: str


#: The value of a yes-or-no filter (a post with stories has stories=yes).
YES = "yes"


@dataclass(frozen=True, slots=True)
class FilterOption:
    value: str
    count: int  # posts with this value

    @property
    def label(self) -> str:
        return f"{self.value} ({self.count})"


@dataclass(frozen=True, slots=True)
class FilterChoice:
    """One menu of the search page."""

    name: str
    label: str
    any_label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True, slots=True)
class FilterCheck:
    """A yes-or-no filter of the search page: a box to tick."""

    name: str
    label: str
    count: int  # posts it keeps

    @property
    def count_label(self) -> str:
        return f"({self.count})"


# (name, menu label, the "no filter" option), in the page's order.
MENUS = (
    ("lesson", "Lesson", "Any lesson"),
    ("theme", "Theme", "Any theme"),
    ("category", "Kind of conversation", "Any kind"),
)
# (name, label) of the boxes, in the page's order.
CHECKS = (
    ("stories", "tell stories"),
    ("questions", "record questions I asked"),
)


def post_filters(article: Any) -> tuple[SearchFilter, ...]:
    """Each lesson, each theme once, the kind of conversation, and whether
    the post tells stories or records questions the writer asked."""
    lessons = tuple(article.lessons)
    filters = [SearchFilter("lesson", lesson.title) for lesson in lessons]
    filters += [SearchFilter("theme", theme) for theme in _themes(lessons)]
    category = getattr(article, "category", None)
    if category:
        filters.append(SearchFilter("category", str(category)))
    if article.stories:
        filters.append(SearchFilter("stories", YES))
    if article.asked_questions:
        filters.append(SearchFilter("questions", YES))
    return tuple(filters)


def filter_checks(
    filters_per_post: Iterable[tuple[SearchFilter, ...]],
) -> tuple[FilterCheck, ...]:
    """The boxes that keep any post, with how many each keeps."""
    counts = Counter(f.name for filters in filters_per_post for f in set(filters))
    return tuple(
        FilterCheck(name, label, counts[name]) for name, label in CHECKS if counts[name]
    )


def filter_choices(
    filters_per_post: Iterable[tuple[SearchFilter, ...]],
) -> tuple[FilterChoice, ...]:
    """Every value of every filter, alphabetically, with its count of posts."""
    counts = Counter(f for filters in filters_per_post for f in set(filters))
    return tuple(
        FilterChoice(
            name,
            label,
            any_label,
            tuple(
                FilterOption(f.value, counts[f])
                for f in sorted(counts, key=lambda f: f.value.casefold())
                if f.name == name
            ),
        )
        for name, label, any_label in MENUS
    )


def _themes(lessons: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(lesson.theme for lesson in lessons if lesson.theme))
