"""People: everyone the writer has talked to, from the posts' `Who:` fields.

A person is the part of ``Who:`` before its first comma (``Graham, a
director of supply chain planning`` is Graham; a fullwidth ``，`` is a
comma too), normalised: Unicode NFKC, spaces collapsed, and compared
without case, as the reflection index names them. Each person gets every
conversation with them, the last contact, who introduced them and whom
they introduced (``Introduced-by:`` and ``Introduced:`` on their posts,
both local-only, read both ways), and the day to reconnect: the
``Next-contact:`` of the latest conversation with them (a date, or an
interval after it such as ``3 months``), else the default interval.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sitekit.rules import Finding
from sitekit.text import as_compared, reads_as_list_mark, shows_nothing

from .datechecks import before_conversation
from .dates import Interval, parse_date, parse_interval
from .model import PostFacts
from .rules import BAD_NEXT_CONTACT, FIELD_OFF_THE_DESK, NEAR_MISS_PERSON

INTRODUCED_BY = "Introduced-by"
INTRODUCED = "Introduced"
NEXT_CONTACT = "Next-contact"


def person_name(text: str | None) -> str | None:
    """The person a ``Who:`` (or ``Introduced:``) value names, or None.

    Read as the reflection index reads ``Who:`` (``reflections.people``):
    Unicode-normalised, so a fullwidth comma ends the name as a comma does,
    and a name that shows nothing (invisible characters alone) is no one.
    """
    span = name_span(text or "")
    if span is None:
        return None
    name = " ".join(unicodedata.normalize("NFKC", text[span[0] : span[1]]).split())
    return None if shows_nothing(name) else name


@cache
def item_spans(text: str, mark: str) -> list[tuple[int, int]]:
    """Where each item of ``text`` is, between the characters that read as
    ``mark``; positions in ``text`` as typed, so an edit keeps the rest."""
    spans, start = [], 0
    for position, character in enumerate(text):
        if reads_as_list_mark(character, mark):
            spans.append((start, position))
            start = position + 1
    spans.append((start, len(text)))
    return spans


def name_span(text: str) -> tuple[int, int] | None:
    """Where the name is in ``text``: before the first comma (however it is
    typed, ``sitekit.text.reads_as_list_mark``), without the spaces around it."""
    end = item_spans(text, ",")[0][1]
    start = len(text[:end]) - len(text[:end].lstrip())
    stop = len(text[:end].rstrip())
    return (start, stop) if stop > start else None


#: A name as compared (one rule for the desk and the reflection index).
person_key = as_compared


def named_people(text: str) -> list[str]:
    """The people an ``Introduced:`` value names: items separated by
    semicolons, each a name and perhaps a comma and more about them."""
    items = (text[start:end] for start, end in item_spans(text, ";"))
    return [name for item in items if (name := person_name(item))]


@dataclass(frozen=True)
class Person:
    name: str
    key: str
    conversations: tuple[PostFacts, ...]  # newest first
    introduced_by: tuple[str, ...] = ()
    introduced: tuple[str, ...] = ()
    reconnect_on: date | None = None
    reconnect_because: str = ""  # "Next-contact: 3 months", "every 6 months"

    @property
    def last_contact(self) -> PostFacts | None:
        return next((post for post in self.conversations if post.date), None)

    @property
    def last_contact_day(self) -> date | None:
        last = self.last_contact
        return last.date if last else None

    @property
    def conversation_count(self) -> int:
        return len(self.conversations)

    def due(self, today: date) -> bool:
        return self.reconnect_on is not None and self.reconnect_on <= today


@dataclass(frozen=True)
class People:
    people: tuple[Person, ...]  # by name
    findings: tuple[Finding, ...] = ()

    def reconnect(self, today: date) -> tuple[Person, ...]:
        """People to get back in touch with: their day has come, longest
        waiting first."""
        due = [person for person in self.people if person.due(today)]
        return tuple(sorted(due, key=lambda p: (p.reconnect_on, p.key)))

    def find(self, name: str) -> Person | None:
        key = person_key(name)
        return next((p for p in self.people if p.key == key), None)


def people_directory(posts: Iterable[PostFacts], default: Interval) -> People:
    every_post = list(posts)
    findings: list[Finding] = []
    for post in every_post:
        findings += next_contact_findings(post, default) + nobody_findings(post)
    posts = sorted(
        (post for post in every_post if person_name(post.who)),
        key=lambda post: (post.date or date.min, post.key),
        reverse=True,
    )
    by_key: dict[str, list[PostFacts]] = {}
    for post in posts:
        by_key.setdefault(person_key(person_name(post.who)), []).append(post)
    names = {key: person_name(found[0].who) for key, found in by_key.items()}
    introduced_by: dict[str, list[str]] = {key: [] for key in by_key}
    introduced: dict[str, list[str]] = {key: [] for key in by_key}
    for post in posts:
        key = person_key(person_name(post.who))
        for field, mine, theirs in (
            (INTRODUCED_BY, introduced_by, introduced),
            (INTRODUCED, introduced, introduced_by),
        ):
            for value in post.values(field):
                for other in named_people(value.value):
                    other_key = person_key(other)
                    known = names.get(other_key)
                    _add(mine[key], known or other)
                    if known is not None:
                        _add(theirs[other_key], names[key])
                    else:
                        findings += _near_miss(other, field, names, post, value.line)
    people = []
    for key, conversations in by_key.items():
        reconnect_on, because = _reconnect(conversations, default)
        people.append(
            Person(
                names[key],
                key,
                tuple(conversations),
                tuple(introduced_by[key]),
                tuple(introduced[key]),
                reconnect_on,
                because,
            )
        )
    people.sort(key=lambda person: person.key)
    return People(tuple(people), tuple(findings))


def _add(names: list[str], name: str) -> None:
    if person_key(name) not in map(person_key, names):
        names.append(name)


def _reconnect(
    conversations: list[PostFacts], default: Interval
) -> tuple[date | None, str]:
    """When to reconnect: the last ``Next-contact:`` of the latest dated
    conversation that can be read, else the default after it."""
    latest = next((post for post in conversations if post.date), None)
    if latest is None:
        return None, ""
    for value in latest.values(NEXT_CONTACT)[-1:]:
        day = parse_date(value.value)
        if day is not None:
            return day, f"Next-contact: {value.value}"
        interval = parse_interval(value.value)
        if interval is not None:
            return interval.after(latest.date), f"Next-contact: {interval.label}"
    return default.after(latest.date), f"every {default.label}"


def next_contact_findings(post: PostFacts, default: Interval) -> list[Finding]:
    """What is wrong with each ``Next-contact:`` of ``post``: every one the
    writer typed is checked, though only the latest conversation's last
    one sets the day."""
    findings: list[Finding] = []
    for value in post.values(NEXT_CONTACT):
        day = parse_date(value.value)
        if day is not None:
            findings += before_conversation(
                NEXT_CONTACT, value.value, day, post, value.line
            )
        elif parse_interval(value.value) is None:
            findings.append(
                Finding(
                    BAD_NEXT_CONTACT,
                    f"Next-contact: {value.value!r} is neither a date (YYYY-MM-DD) "
                    "nor an interval such as `3 months`; it is ignored (without "
                    f"one, every {default.label} is used)",
                    post.key,
                    value.line,
                )
            )
    return findings


def nobody_findings(post: PostFacts, kind: str = "post") -> list[Finding]:
    """The fields that say something about the person in ``Who:``, on a post
    whose ``Who:`` names no one (none written, or one dropped for a private
    marker), and every desk field on a page (``kind``), which is no
    conversation, or a translation (``kind``), whose conversation is its
    original's: the desk leaves them out, and nothing else would say so."""
    if kind == "post" and person_name(post.who) is not None:
        return []
    where, fix = {
        "post": (
            "a post whose Who: names no one, so it is about no one",
            "name the person in Who:",
        ),
        "page": ("a page, which is no conversation with anyone", "move it to the post"),
        "translation": (
            "a translation, whose conversation is its original's",
            "move it to the original",
        ),
    }[kind]
    fields = (INTRODUCED_BY, INTRODUCED, NEXT_CONTACT)
    if kind != "post":
        fields = ("Follow-up", *fields)
    return [
        Finding(
            FIELD_OFF_THE_DESK,
            f"{field}: {value.value!r} is on {where}, and the desk leaves it out; "
            f"{fix}",
            post.key,
            value.line,
        )
        for field in fields
        for value in post.values(field)
    ]


def _near_miss(
    name: str, field: str, known: dict[str, str], post: PostFacts, line: int | None
) -> list[Finding]:
    close = [spelt for spelt in known.values() if near_miss(name, spelt)]
    if not close:
        return []
    return [
        Finding(
            NEAR_MISS_PERSON,
            f"{field}: {name!r} is no one named in Who:, but is spelt almost like "
            f"{close[0]!r}; if they are one person, spell it the same "
            f'(`reflect people rename "{name}" "{close[0]}"`)',
            post.key,
            line,
        )
    ]


def near_miss(one: str, other: str) -> bool:
    """Two spellings of one name, probably: one letter added, left out,
    changed, or two letters swapped (two such slips in names of eight
    letters or more); the same name in other case or spacing is no miss."""
    a, b = person_key(one), person_key(other)
    if a == b:
        return False
    allowed = 2 if min(len(a), len(b)) >= 8 else 1
    return edit_distance(a, b, allowed) <= allowed


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one
    edit), or ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
