"""What the desk knows about a post, as plain data.

The glue (``stage``) makes a ``PostFacts`` of each post Pelican read; every
other module of the desk works on these, with no Pelican imports, so the
follow-ups, the people and the review schedule are tested without building
a site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sitekit.localonly import LocalField, field_key


@dataclass(frozen=True)
class PostFacts:
    """One post (published, hidden or draft) as the desk reads it."""

    key: str  # the source file's path, as Pelican has it
    title: str
    slug: str
    url: str
    date: date | None
    status: str = "published"  # "published", "hidden" or "draft"
    who: str | None = None  # the `Who:` field, public
    fields: tuple[LocalField, ...] = ()  # its local-only fields
    summary: str = ""  # plain text
    location: str = ""  # the file as the writer finds it: content/posts/x.md

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def values(self, name: str) -> tuple[LocalField, ...]:
        """The post's values of the local-only field ``name``."""
        wanted = field_key(name)
        return tuple(f for f in self.fields if field_key(f.name) == wanted)

    def at_line(self, line: int | None) -> str:
        """``content/posts/x.md:12``: where to edit."""
        return f"{self.location}:{line}" if line else self.location


@dataclass(frozen=True)
class Place:
    """Where a finding of the desk points, in the rule table's terms."""

    path: str
    line: int | None = None


@dataclass(frozen=True)
class Teaching:
    """The paragraph that taught a lesson, and where it is."""

    post_title: str
    post_date: date
    url: str  # the post, at the callout when there is one
    text: str  # the callout's note, else the post's summary
    html: str = ""  # the note as the post renders it (sanitised Markdown)
    from_callout: bool = False
    location: str = ""


@dataclass(frozen=True)
class LessonHistory:
    """A lesson as the reflection index has it: when each post taught it."""

    slug: str
    title: str
    url: str
    taught_on: tuple[date, ...]  # oldest first, one per post
    teaching: Teaching | None = None  # the first paragraph that taught it


@dataclass(frozen=True)
class ReviewLog:
    """content/reviews.yml: each lesson's review dates, oldest first."""

    reviews: dict[str, tuple[date, ...]] = field(default_factory=dict)

    def of(self, slug: str) -> tuple[date, ...]:
        return self.reviews.get(slug, ())
