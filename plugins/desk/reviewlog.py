"""content/reviews.yml: when the writer last went back over each lesson.

The writer's file (``reflect review done`` adds to it, keeping comments and
layout): each lesson's slug, then the days it was reviewed::

    # Lessons I went back over.
    lead-with-the-result:
      - 2026-01-10
      - 2026-02-12

It is local-only like the fields: only a local build's desk and ``reflect``
read it, no build publishes it, and what cannot be read in it is a warning
(``bad-reviews-file``) that leaves the entry out.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor

from sitekit.personyaml import PersonYamlError, load_person_yaml
from sitekit.rules import Finding

from .dates import parse_date
from .model import ReviewLog
from .rules import BAD_REVIEWS_FILE

#: The largest review log read. A day reviewed is a line of some 15 bytes:
#: a mebibyte holds some 70,000 of them, a lifetime of reviews. The
#: round-trip YAML reader takes about 10 s a mebibyte and 100 times the
#: file's size in memory (a 9 MB log took 94 s and 1 GB), so a larger file,
#: which no one writes by hand, is one line, not a wait.
MAX_REVIEW_LOG_BYTES = 1 << 20
#: What YAML reads as a day: four digits, a dash, one or two, a dash...
_LOOKS_LIKE_A_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def too_large(path: Path) -> str | None:
    """Why ``path`` is too large to read, or None."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= MAX_REVIEW_LOG_BYTES:
        return None
    return (
        f"the file is {size:,} bytes, over the {MAX_REVIEW_LOG_BYTES >> 20} MiB "
        "a review log may hold"
    )


class _DaysAsText(RoundTripConstructor):
    """Dates left as the writer typed them, so that one that is no day
    (2026-02-30) is a finding on its line, not a file that cannot load."""


_DaysAsText.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


def load_days_as_text(text: str) -> Any:
    """The log's YAML with every day as the text the writer typed
    (PersonYamlError if it cannot be read): what it says of a fault quotes
    the file, and a day that is none is found on its line."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _DaysAsText
    return load_person_yaml(yaml, text)


def day_that_is_none(data: Any) -> tuple[str, int] | None:
    """The first day of ``data`` (as ``load_days_as_text`` reads it) that is
    written as one but names none (``2026-02-30``), and its line: a value,
    an item of a list, or a key, at any depth (a log edited by hand may
    hold one anywhere, and YAML reads each as a date)."""
    waiting: list[Any] = [data]  # a stack, not recursion: any depth is read
    while waiting:
        node = waiting.pop()
        if isinstance(node, CommentedMap):
            places = [
                place
                for key, value in node.items()
                for place in (
                    (key, node.lc.key(key)[0]),
                    (value, node.lc.value(key)[0]),
                )
            ]
        elif isinstance(node, CommentedSeq):
            places = [(item, node.lc.item(i)[0]) for i, item in enumerate(node)]
        else:
            continue
        for item, line in places:
            if isinstance(item, CommentedMap | CommentedSeq):
                continue
            looks_like_a_day = isinstance(item, str) and _LOOKS_LIKE_A_DAY.match(item)
            if looks_like_a_day and parse_date(item) is None:
                return item, line + 1
        waiting += [
            item
            for item, _ in reversed(places)
            if isinstance(item, CommentedMap | CommentedSeq)
        ]
    return None


def read_review_log(
    path: Path, known_slugs: Collection[str], today: date | None = None
) -> tuple[ReviewLog, list[Finding]]:
    """The review dates of every known lesson in ``path``, and what is wrong
    with the file. No file is an empty log. A day after ``today`` (the
    real day where the site is) is no
    review yet, but a year typed wrong (2062 for 2026): counted, it put
    the lesson's next review decades on, off the desk without a word, so
    it is left out with a warning."""
    larger = too_large(path)
    if larger:
        return ReviewLog(), [_finding(f"{larger}; it is not used", path)]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ReviewLog(), []
    except (OSError, UnicodeDecodeError) as error:
        # An OSError's own text repeats the path, absolute: "[Errno 21] Is
        # a directory: '/home/…/content/reviews.yml'" after the path.
        why = getattr(error, "strerror", None) or error
        return ReviewLog(), [
            _finding(f"the file cannot be read ({why}); it is not used", path)
        ]
    try:
        data = load_days_as_text(text)
    except PersonYamlError as error:
        return ReviewLog(), [
            _finding(
                f"not valid YAML ({error.problem}); the file is not used",
                path,
                error.line,
            )
        ]
    if data is None:
        return ReviewLog(), []
    if not isinstance(data, CommentedMap):
        return ReviewLog(), [
            _finding(
                "the file should map each lesson's slug to the days it was "
                "reviewed; it is not used",
                path,
                1,
            )
        ]
    reviews: dict[str, tuple[date, ...]] = {}
    findings: list[Finding] = []
    for slug, value in data.items():
        line = data.lc.key(slug)[0] + 1
        if str(slug) not in known_slugs:
            findings.append(
                _finding(
                    f"{_as_typed(slug)} names no lesson a published post teaches; its "
                    "reviews are ignored (`reflect lessons` lists the slugs)",
                    path,
                    line,
                )
            )
            continue
        # `slug:` alone (or `~`) is an entry with no day yet, as `reflect
        # review done` reads it; a day left empty in a list is told.
        if value is None:
            items = []
        else:
            items = value if isinstance(value, CommentedSeq) else [value]
        days = []
        for position, item in enumerate(items):
            day = _day(item)
            where = (
                value.lc.item(position)[0] + 1
                if isinstance(value, CommentedSeq)
                else line
            )
            if day is not None and today is not None and day > today:
                findings.append(
                    _finding(
                        f"{slug}: {item!r} is after today ({today.isoformat()}), "
                        "so no review yet: a year typed wrong? It is ignored",
                        path,
                        where,
                    )
                )
            elif day is None:
                findings.append(
                    _finding(
                        f"{slug}: {_as_typed(item)} is not a date (YYYY-MM-DD); "
                        "it is ignored",
                        path,
                        where,
                    )
                )
            else:
                days.append(day)
        reviews[str(slug)] = tuple(sorted(set(days)))
    return ReviewLog(reviews), findings


def _as_typed(value: object) -> str:
    """A key or a day as the file has it, not in Python's words: an empty
    one (``-``, ``~``, ``null``) said "None", ``true`` "True"."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return repr(str(value).lower())
    return repr(value)


def _day(item: object) -> date | None:
    if isinstance(item, datetime):
        return item.date()
    if isinstance(item, date):
        return item
    return parse_date(item) if isinstance(item, str) else None


def _finding(message: str, path: Path, line: int | None = None) -> Finding:
    return Finding(BAD_REVIEWS_FILE, message, str(path), line)
