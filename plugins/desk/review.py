"""The review schedule: which lessons to go back over, and when.

A lesson is seen again each time a conversation teaches it and each time
the writer reviews it (``reflect review done``, recorded in reviews.yml).
Spaced repetition: after the first sight it is due a week later, after the
second a month after that, then 3, 6 and 12 months (``DESK_REVIEW_INTERVALS``),
each counted from the latest sight. So a lesson learned once and never
reviewed is due a week after its conversation, and one that keeps coming
back in conversations needs no review until it stops.

Lessons learned once come first among those due: they are the ones a
writer forgets, the reflection index's "learned once" list to work
through. Then the rest, longest overdue first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .dates import Interval, short_label
from .model import LessonHistory, ReviewLog, Teaching


@dataclass(frozen=True)
class ReviewItem:
    lesson: LessonHistory
    reviewed_on: tuple[date, ...]  # oldest first
    interval: Interval  # the wait after the latest sight
    due: date
    after_review: Interval  # the wait after a review today

    @property
    def learned_once(self) -> bool:
        return len(self.lesson.taught_on) == 1

    @property
    def first_learned(self) -> date:
        return self.lesson.taught_on[0]

    @property
    def last_reinforced(self) -> date:
        return self.lesson.taught_on[-1]

    @property
    def last_reviewed(self) -> date | None:
        return self.reviewed_on[-1] if self.reviewed_on else None

    @property
    def teaching(self) -> Teaching | None:
        return self.lesson.teaching

    @property
    def history(self) -> str:
        """``learned once, on Sep 14, 2025; reviewed twice, last on Jan 3, 2026``."""
        return self.history_in(short_label)

    def history_in(self, day: Callable[[date], str]) -> str:
        """The history with each day written by ``day`` (the desk page's
        are the site's date format)."""
        taught = len(self.lesson.taught_on)
        if taught == 1:
            parts = [f"learned once, on {day(self.first_learned)}"]
        else:
            parts = [
                f"learned in {taught} conversations, first on "
                f"{day(self.first_learned)}, last on "
                f"{day(self.last_reinforced)}"
            ]
        reviews = len(self.reviewed_on)
        if reviews:
            times = {1: "once", 2: "twice"}.get(reviews, f"{reviews} times")
            parts.append(f"reviewed {times}, last on {day(self.last_reviewed)}")
        else:
            parts.append("never reviewed")
        return "; ".join(parts)


def review_item(
    lesson: LessonHistory, reviews: Sequence[date], intervals: Sequence[Interval]
) -> ReviewItem:
    sights = sorted({*lesson.taught_on, *reviews})
    step = min(len(sights), len(intervals)) - 1
    interval = intervals[max(step, 0)]
    after_review = intervals[min(len(sights), len(intervals) - 1)]
    return ReviewItem(
        lesson,
        tuple(sorted(reviews)),
        interval,
        interval.after(sights[-1]),
        after_review,
    )


def review_schedule(
    lessons: Iterable[LessonHistory],
    log: ReviewLog,
    intervals: Sequence[Interval],
) -> tuple[ReviewItem, ...]:
    """Every lesson's next review: learned-once lessons first, then the
    others; each group soonest due first."""
    items = [
        review_item(lesson, log.of(lesson.slug), intervals)
        for lesson in lessons
        if lesson.taught_on
    ]
    return tuple(
        sorted(
            items,
            key=lambda item: (
                not item.learned_once,
                item.due,
                item.lesson.title.casefold(),
            ),
        )
    )


def due_for_review(
    schedule: Iterable[ReviewItem], today: date
) -> tuple[ReviewItem, ...]:
    return tuple(item for item in schedule if item.due <= today)
