"""`reflect due`: the follow-ups that are overdue or due soon.

Open follow-ups from every post (drafts included), each with its due day,
the person, the post and the line to edit; as text, as JSON, and with
``--ics`` as a calendar file (``due_calendar``). The exit status tells a
script what it found (``exit_status``).
"""

from __future__ import annotations

import json
from typing import Any

from desk.followups import Agenda, FollowUp
from sitekit.diagnostics import display_path

#: Exit statuses: nothing due; something overdue; something due within the
#: window and nothing overdue. (2 is the command's: it could not run.)
NOTHING_DUE, OVERDUE, DUE_SOON = 0, 1, 3


def exit_status(agenda: Agenda) -> int:
    if agenda.overdue:
        return OVERDUE
    return DUE_SOON if agenda.upcoming else NOTHING_DUE


def place(follow_up: FollowUp) -> str:
    """``content/posts/x.md:14``, from the folder the command runs in."""
    path = display_path(follow_up.post.key)
    return f"{path}:{follow_up.line}" if follow_up.line else path


def sections(
    agenda: Agenda, every: bool
) -> list[tuple[str, str, tuple[FollowUp, ...]]]:
    """(status, heading, follow-ups) for each part shown."""
    parts = [
        ("overdue", "Overdue", agenda.overdue),
        ("upcoming", f"Due in the next {agenda.days} days", agenda.upcoming),
    ]
    if every:
        parts.append(("later", "Later", agenda.later))
    return [part for part in parts if part[2]]


def as_text(agenda: Agenda, every: bool = False) -> str:
    lines: list[str] = []
    shown = sections(agenda, every)
    # A follow-up with a time of day shows it beside its date, in a column
    # of its own, never as the first of its words.
    width = max(
        (len(f.due_label) for _, _, follow_ups in shown for f in follow_ups),
        default=10,
    )
    for _, heading, follow_ups in shown:
        lines.append(heading)
        for follow_up in follow_ups:
            lines.append(
                f"  {follow_up.due_label:<{width}}  {agenda.when(follow_up):<12}  "
                f"{follow_up.text}"
            )
            about = [f"with {follow_up.person}"] if follow_up.person else []
            draft = " (draft)" if follow_up.post.is_draft else ""
            about += [f"{follow_up.post.title}{draft}", place(follow_up)]
            lines.append("      " + " · ".join(about))
    lines.append(summary(agenda, every))
    return "\n".join(lines)


def summary(agenda: Agenda, every: bool) -> str:
    parts = [
        f"{len(agenda.overdue)} overdue",
        f"{len(agenda.upcoming)} due in the next {agenda.days} days",
    ]
    if agenda.later:
        later = f"{len(agenda.later)} later"
        parts.append(later if every else f"{later} (--all shows them)")
    parts.append(f"{agenda.done} done")
    return ", ".join(parts) + "."


def as_json(agenda: Agenda, every: bool = False) -> str:
    items: list[dict[str, Any]] = []
    for status, _, follow_ups in sections(agenda, every):
        items += [item(follow_up, status, agenda) for follow_up in follow_ups]
    return json.dumps(
        {
            "today": agenda.today.isoformat(),
            "days": agenda.days,
            "overdue": len(agenda.overdue),
            "upcoming": len(agenda.upcoming),
            "later": len(agenda.later),
            "done": agenda.done,
            "follow_ups": items,
        },
        indent=2,
        ensure_ascii=False,
    )


def item(follow_up: FollowUp, status: str, agenda: Agenda) -> dict[str, Any]:
    post = follow_up.post
    return {
        "due": follow_up.due.isoformat(),
        "time": f"{follow_up.at:%H:%M}" if follow_up.at else None,
        "days": (follow_up.due - agenda.today).days,
        "status": status,
        "text": follow_up.text,
        "person": follow_up.person,
        "post": {"title": post.title, "url": post.url, "status": post.status},
        "file": display_path(post.key),
        "line": follow_up.line,
    }
