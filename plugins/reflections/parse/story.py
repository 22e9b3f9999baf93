"""A story callout's body, split into its four labelled parts.

Interview coaches ask for stories told as situation, task, action and
result. In a ``> [!story]`` callout each part starts with its label at the
start of a line (``Situation:``, or ``**Situation:**`` in bold, in any
case) and runs to the next label, across paragraphs; one in code (fenced,
or indented four columns) is code, not a label. A label given twice
goes on with its part; text before the first label is the story's lead,
which the callout shows but which belongs to no part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import STORY_PARTS
from .fences import literal_lines

_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<name>"
    + "|".join(STORY_PARTS)
    + r")(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?P<rest>.*)$",
    re.IGNORECASE,
)


@dataclass
class ToldStory:
    """The Markdown of each part present, and of the lead."""

    parts: dict[str, str] = field(default_factory=dict)  # "Situation" -> Markdown
    lead: str = ""
    lead_line: int | None = None  # the lead's first line with text


def split_story(body: list[tuple[int, str]]) -> ToldStory:
    """``body`` is the callout's lines, unquoted, with their numbers."""
    told = ToldStory()
    lines: dict[str | None, list[str]] = {None: []}
    current: str | None = None
    literal = literal_lines([text for _, text in body])
    for position, (number, text) in enumerate(body):
        match = None if position in literal else _LABEL.match(text)
        if match:
            current = match["name"].capitalize()
            if current in lines:
                lines[current].append("")  # a label given again: a new paragraph
            lines.setdefault(current, []).append(match["rest"])
            continue
        if current is None and text.strip() and told.lead_line is None:
            told.lead_line = number
        lines[current].append(text)
    told.lead = "\n".join(lines.pop(None)).strip("\n")
    told.parts = {
        name: "\n".join(part).strip("\n")
        for name, part in lines.items()
        if "\n".join(part).strip()
    }
    return told
