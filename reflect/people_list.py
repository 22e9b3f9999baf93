"""`reflect people`: everyone the writer has talked to, from `Who:`.

Who each person is, every conversation with them, the last contact, who
introduced them and whom they introduced, and when to reconnect; those
whose day has come first. The desk's own people directory
(``desk.people``), as the desk page has it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from desk.people import People, Person
from sitekit.diagnostics import display_path


def as_text(people: People, today: date) -> str:
    lines: list[str] = []
    reconnect = people.reconnect(today)
    if reconnect:
        lines.append("Reconnect with")
        for person in reconnect:
            lines.append(
                f"  {person.name}: since {person.reconnect_on.isoformat()} "
                f"({person.reconnect_because}); last talked "
                f"{person.last_contact.date.isoformat()}"
            )
        lines.append("")
    lines.append(f"Everyone ({len(people.people)} {_people(len(people.people))})")
    for person in people.people:
        lines += _person_lines(person)
    return "\n".join(lines)


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def _person_lines(person: Person) -> list[str]:
    lines = [f"  {person.name}"]
    if person.introduced_by:
        lines.append(f"    introduced by {', '.join(person.introduced_by)}")
    if person.introduced:
        lines.append(f"    introduced you to {', '.join(person.introduced)}")
    if person.reconnect_on:
        lines.append(
            f"    reconnect on {person.reconnect_on.isoformat()} "
            f"({person.reconnect_because})"
        )
    for post in person.conversations:
        day = post.date.isoformat() if post.date else "no date"
        draft = " (draft)" if post.is_draft else ""
        lines.append(f"    {day}  {post.title}{draft}  {display_path(post.key)}")
    return lines


def as_json(people: People, today: date) -> str:
    return json.dumps(
        {
            "today": today.isoformat(),
            "reconnect": [person.name for person in people.reconnect(today)],
            "people": [person_data(person, today) for person in people.people],
        },
        indent=2,
        ensure_ascii=False,
    )


def person_data(person: Person, today: date) -> dict[str, Any]:
    last, reconnect = person.last_contact, person.reconnect_on
    return {
        "name": person.name,
        "last_contact": last.date.isoformat() if last else None,
        "reconnect_on": reconnect.isoformat() if reconnect else None,
        "reconnect_because": person.reconnect_because,
        "due": person.due(today),
        "introduced_by": list(person.introduced_by),
        "introduced": list(person.introduced),
        "conversations": [
            {
                "title": post.title,
                "date": post.date.isoformat() if post.date else None,
                "url": post.url,
                "status": post.status,
                "file": display_path(post.key),
            }
            for post in person.conversations
        ],
    }
