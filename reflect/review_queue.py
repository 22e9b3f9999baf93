"""`reflect review`: the lessons due for a revisit, with what taught them.

The desk's review schedule (``desk.review``): learned-once lessons first,
each with its history (when it was learned, reinforced and reviewed), the
paragraph that first taught it and where, and the command that marks it
reviewed.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from datetime import date
from typing import Any

from desk.review import ReviewItem


def as_text(items: Iterable[ReviewItem], today: date, every: bool) -> str:
    items = list(items)
    lines: list[str] = []
    for item in items:
        state = "due" if item.due <= today else "next"
        lines.append(f"{item.lesson.title} ({item.lesson.slug})")
        lines.append(f"  {state} {item.due.isoformat()}: {item.history}")
        teaching = item.teaching
        if teaching is not None and teaching.text:
            lines += textwrap.wrap(
                teaching.text, width=78, initial_indent="  > ", subsequent_indent="  > "
            )
            how = "taught in" if teaching.from_callout else "named in the Lessons: of"
            lines.append(f"  {how} “{teaching.post_title}”, {teaching.location}")
        if item.due <= today:
            lines.append(
                f"  reviewed it? reflect review done {item.lesson.slug}  "
                f"(next in {item.after_review.label})"
            )
        lines.append("")
    due = sum(item.due <= today for item in items)
    if every:
        lines.append(f"{len(items)} lessons, {due} due for review.")
    else:
        lines.append(f"{due} lessons due for review (--all shows every lesson).")
    return "\n".join(lines)


def as_json(items: Iterable[ReviewItem], today: date) -> str:
    return json.dumps(
        {"today": today.isoformat(), "lessons": [item_data(i, today) for i in items]},
        indent=2,
        ensure_ascii=False,
    )


def item_data(item: ReviewItem, today: date) -> dict[str, Any]:
    teaching = item.teaching
    return {
        "slug": item.lesson.slug,
        "title": item.lesson.title,
        "url": item.lesson.url,
        "due": item.due.isoformat(),
        "is_due": item.due <= today,
        "learned_once": item.learned_once,
        "first_learned": item.first_learned.isoformat(),
        "last_reinforced": item.last_reinforced.isoformat(),
        "reviewed": [day.isoformat() for day in item.reviewed_on],
        "interval": item.interval.label,
        "after_review": item.after_review.label,
        "taught_by": None
        if teaching is None
        else {
            "post": teaching.post_title,
            "url": teaching.url,
            "text": teaching.text,
            "from_callout": teaching.from_callout,
            "file": teaching.location,
        },
    }
