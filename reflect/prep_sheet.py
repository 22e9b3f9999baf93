"""A ``Preparation`` as one page of Markdown, to print or to keep.

Plain Markdown that reads as well in a terminal as rendered: a heading, one
line saying what it was made for, then a section per question the sheet
answers, each saying so when it has nothing to show. Long answers and story
parts are cut at a word, so the sheet stays one page; the conversation each
comes from is named, to read in full.
"""

from __future__ import annotations

from pathlib import Path

from reflections.model import STORY_PARTS
from sitekit.text import as_text

from .file_replacing import make_folder_for, replace_file
from .prep import Preparation

#: The longest an answer or a story part is shown, in characters.
SHOWN_TEXT = 220
# What an empty section says on a site that has none at all (an imported
# blog, say): how to start.
NO_QUESTIONS = (
    "No question is recorded yet: after a conversation, write each question "
    "you asked as a `> [!asked] question` callout, with the answer as its note."
)
NO_STORIES = (
    "No story is written yet: tell one as a `> [!story] Title` callout in four "
    "parts (Situation, Task, Action, Result)."
)
NO_LESSONS = (
    "No lesson is named yet: add a `Lessons:` line to each post "
    "(`reflect suggest` proposes some)."
)


HEADING = "# Preparing for the next conversation"


def is_a_sheet(start: bytes) -> bool:
    """Does a file beginning with ``start`` hold a sheet ``prep`` wrote?"""
    return start.startswith(HEADING.encode("utf-8") + b"\n")


def as_markdown(prep: Preparation) -> str:
    lines = [HEADING, "", _for_what(prep), ""]
    for note in prep.notes:
        lines += [f"> {note}", ""]
    lines += _questions(prep) + _stories(prep) + _lessons(prep) + _past(prep)
    return "\n".join(lines).rstrip("\n") + "\n"


def _for_what(prep: Preparation) -> str:
    request = prep.request
    parts = []
    if request.kind:
        parts.append(f"Kind of conversation: {prep.kind or request.kind}")
    if request.person:
        parts.append(f"With: {prep.person or request.person}")
    if request.lessons:
        parts.append("Lessons: " + "; ".join(lesson.title for lesson in prep.involved))
    return " · ".join(parts) + "."


def _questions(prep: Preparation) -> list[str]:
    lines = ["## Questions that worked", ""]
    if not prep.questions:
        if prep.any_questions:
            return [*lines, "None with an answer noted yet.", ""]
        return [*lines, NO_QUESTIONS, ""]
    for question in prep.questions:
        latest = next(use for use in question.asks if use.question.answer_text)
        lines.append(
            f"- **{as_text(question.text)}** ({question.times_label}): "
            f"{_short(latest.question.answer_text)} ({_where(latest.post)})"
        )
    return [*lines, ""]


def _stories(prep: Preparation) -> list[str]:
    lines = ["## Stories to have ready", ""]
    if not prep.stories:
        if prep.any_stories:
            return [*lines, "No story shows these lessons yet.", ""]
        return [*lines, NO_STORIES, ""]
    for use in prep.stories:
        lessons = "; ".join(lesson.title for lesson in use.story.lessons)
        told = f"Shows: {lessons}. From my conversation with {_where(use.post)}."
        lines += [f"### {as_text(use.story.title)}", "", told, ""]
        for name in STORY_PARTS:
            part = use.story.part(name)
            if part is not None:
                lines.append(f"- **{name}:** {_short(part.text)}")
        lines.append("")
    return lines


def _lessons(prep: Preparation) -> list[str]:
    lines = ["## Lessons learned once, to test", ""]
    if not prep.to_test:
        if prep.any_lessons:
            return [*lines, "None: every lesson of these themes has come back.", ""]
        return [*lines, NO_LESSONS, ""]
    for item in prep.to_test:
        theme = f" ({item.lesson.theme})" if item.lesson.theme else ""
        lines.append(f"- {item.lesson.title}{theme}: learned from {_where(item.post)}.")
    return [*lines, ""]


def _past(prep: Preparation) -> list[str]:
    if not prep.request.person:
        return []
    name = prep.person or prep.request.person
    lines = [f"## Past conversations with {name}", ""]
    if not prep.past:
        return [*lines, "None yet: this is the first.", ""]
    for post in prep.past:
        lessons = "; ".join(lesson.title for lesson in post.lessons) or "no lessons"
        lines.append(
            f"- {post.short_date}: {post.title} ({post.category}). Lessons: {lessons}."
        )
    return [*lines, ""]


def _where(post) -> str:
    who = post.person.name if post.person else post.title
    return f"{who}, {post.short_date}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SHOWN_TEXT:
        return text
    return text[: SHOWN_TEXT - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def write_sheet(path: Path, sheet: str) -> None:
    """Write the sheet to ``path`` in one step (a file there is replaced,
    keeping its permissions; a new one gets the usual ones, its folder made
    as ``reflect due --ics`` makes a calendar's). ``FileNotReplaced`` when
    it cannot be written: an empty sheet was made first, and left behind
    when the sheet then could not be written, and a read-only sheet or a
    full disk stopped the command with a traceback."""
    make_folder_for(path)
    replace_file(path, sheet)
