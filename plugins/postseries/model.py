"""Series of posts as plain data: no Pelican imports.

The field contract is pelican-series': ``Series:`` names the series a post
belongs to, ``Series_index:`` (optional) fixes its place. A post's
``series`` has the attributes that plugin's templates read (``name``,
``index``, ``all``, ``all_previous``, ``all_next``, ``previous``, ``next``),
so a theme written for it works here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Series:
    """One series: its name, its page and its posts in order."""

    name: str
    slug: str
    url: str
    save_as: str
    posts: tuple[Any, ...]

    @property
    def count(self) -> int:
        return len(self.posts)

    @property
    def first_post(self) -> Any:
        """The earliest post: the page shows its date as the post does
        (its ``locale_date``, in the site's date format)."""
        return min(self.posts, key=lambda post: post.date)

    @property
    def last_post(self) -> Any:
        return max(self.posts, key=lambda post: post.date)

    @property
    def first_date(self) -> Any:
        return self.first_post.date

    @property
    def last_date(self) -> Any:
        return self.last_post.date


@dataclass(frozen=True)
class SeriesPart:
    """A post's place in its series: "part 2 of 4"."""

    series: Series
    index: int  # from 1

    @property
    def name(self) -> str:
        return self.series.name

    @property
    def url(self) -> str:
        return self.series.url

    @property
    def count(self) -> int:
        return self.series.count

    @property
    def all(self) -> tuple[Any, ...]:
        return self.series.posts

    @property
    def all_previous(self) -> tuple[Any, ...]:
        return self.series.posts[: self.index - 1]

    @property
    def all_next(self) -> tuple[Any, ...]:
        return self.series.posts[self.index :]

    @property
    def previous(self) -> Any | None:
        return self.series.posts[self.index - 2] if self.index > 1 else None

    @property
    def next(self) -> Any | None:
        return self.series.posts[self.index] if self.index < self.count else None

    @property
    def label(self) -> str:
        return f"Part {self.index} of {self.count}"
