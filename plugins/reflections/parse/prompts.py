"""Prompts left over from `reflect new`: a post that still has one was not
finished.

The reader finds them as it reads a post (``placeholder_lines``), so the
content cache keeps them and no build reads the file again for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitekit.sourcelines import metadata_block

#: The prompts of the `reflect new` template. A post that still has one of
#: them as a metadata value or as a line of its body was not finished.
NEW_POST_PROMPTS: tuple[str, ...] = (
    "One or two sentences: who you talked to and what you took away.",
    "Their first name, and what they do",
    "Their role and level",
    "How you connected (a cold message, an introduction, an event)",
    "How long, and how (a video call, a coffee, a mock panel)",
    "What would you ask your readers about this?",
    "Who are they, and why did you want to talk to them? How did you reach them?",
    "What did you read about them first? Which questions did you bring?",
    "What did they tell you about how they got where they are?",
    "What did you not expect to hear?",
    'Write the lesson as a short statement, like "Aim two levels up"',
    "What happened in this conversation that taught it.",
    "Who will you follow up with, and by when? Who should you talk to next?",
)
_PROMPTS = {" ".join(prompt.split()) for prompt in NEW_POST_PROMPTS}
_LINE_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:\[!lesson\]\s*)?")
_PRIVATE_START = re.compile(r"^\s*(?:>\s*)+\[!private\]", re.I)


def is_prompt(text: str) -> bool:
    """Whether ``text`` is one of the `reflect new` prompts, as written there."""
    return " ".join(text.split()) in _PROMPTS


def placeholder_lines(lines: Iterable[str]) -> tuple[tuple[int, str], ...]:
    """(line number, text) of each line that is still a `reflect new` prompt.

    Metadata values are read as Markdown reads them (``sitekit.sourcelines``);
    private callouts never reach the site, so prompts inside them are fine.
    """
    lines = list(lines)
    block = metadata_block("\n".join(lines))
    found = [
        (line.number, line.value.strip())
        for line in block
        if " ".join(line.value.split()) in _PROMPTS
    ]
    in_private = False
    body_start = block[-1].number if block else 0
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if _PRIVATE_START.match(line):
            in_private = True
        elif not line.strip():
            in_private = False
        if in_private:
            continue
        text = _LINE_PREFIX.sub("", line)
        if " ".join(text.split()) in _PROMPTS:
            found.append((number, text.strip()))
    return tuple(found)
