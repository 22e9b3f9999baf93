"""Every rule a post is checked against, with its level in each kind of build.

The build (``make html``, ``make publish``) and ``reflect lint`` (without and
with ``--strict``) report through the same code, so a post that lint passes
is a post that builds, and a post that ``lint --strict`` passes is a post
``make publish`` accepts. README.md lists this table; a test keeps them equal.

The checks that belong to no other stage live here too: placeholders left
over from ``reflect new`` and posts that teach no lessons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitekit.diagnostics import Diagnostic

from .resolve.vocabulary import Vocabulary


@dataclass(frozen=True)
class Rule:
    name: str
    what: str
    local: str  # level in `make html`, `make serve` and `reflect lint`
    publish: str  # level in `make publish` and `reflect lint --strict`

    def level(self, strict: bool) -> str:
        return self.publish if strict else self.local


RULES: tuple[Rule, ...] = (
    Rule("no-title", "a post or page without a `Title`", "error", "error"),
    Rule(
        "bad-date",
        "a post without a `Date`, or a date that cannot be read",
        "error",
        "error",
    ),
    Rule(
        "callout-without-statement",
        "a `> [!lesson]` callout with no statement",
        "error",
        "error",
    ),
    Rule(
        "lesson-without-letters",
        "a lesson with no letters or digits for its URL",
        "error",
        "error",
    ),
    Rule(
        "malformed-vocabulary", "a `lessons.yml` that cannot be read", "error", "error"
    ),
    Rule(
        "near-miss",
        "a lesson close to, but not, one in `lessons.yml`",
        "warning",
        "error",
    ),
    Rule("ad-hoc-lesson", "a lesson that is not in `lessons.yml`", "warning", "error"),
    Rule("placeholder", "a prompt left over from `reflect new`", "warning", "error"),
    Rule(
        "bad-comment",
        "a comment file that is incomplete or points nowhere",
        "warning",
        "error",
    ),
    Rule(
        "nested-callout",
        "a lesson callout inside a list or another quote",
        "warning",
        "warning",
    ),
    Rule(
        "empty-lessons-item",
        "an empty item (a stray `;`) in `Lessons:`",
        "warning",
        "warning",
    ),
    Rule("no-lessons", "a post that teaches no lessons", "warning", "warning"),
    Rule(
        "near-duplicate-lessons",
        "two entries in `lessons.yml` that are nearly the same",
        "warning",
        "warning",
    ),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}

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
_METADATA_LINE = re.compile(r"^[A-Za-z][\w-]*:\s*(?P<value>.*)$")
_LINE_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:\[!lesson\]\s*)?")
_PRIVATE_START = re.compile(r"^\s*(?:>\s*)+\[!private\]", re.I)


def placeholder_lines(lines: Iterable[str]) -> tuple[tuple[int, str], ...]:
    """(line number, text) of each line that is still a `reflect new` prompt.

    Private callouts never reach the site, so prompts inside them are fine.
    The reader finds these as it reads a post, so the content cache keeps
    them and no build reads the file again for them.
    """
    found: list[tuple[int, str]] = []
    in_metadata, in_private = True, False
    for number, line in enumerate(lines, start=1):
        if in_metadata and not line.strip():
            in_metadata = False
            continue
        if in_metadata:
            match = _METADATA_LINE.match(line)
            text = match.group("value") if match else line
        else:
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


def placeholders(
    found: Iterable[tuple[int, str]], path: str | None, strict: bool
) -> list[Diagnostic]:
    """One diagnostic per prompt line ``placeholder_lines`` found."""
    level = RULES_BY_NAME["placeholder"].level(strict)
    return [
        Diagnostic(
            level,
            f"placeholder from `reflect new` left in: {text!r}; "
            "replace it with your own words or delete it",
            path,
            number,
        )
        for number, text in found
    ]


def no_lessons(path: str | None, strict: bool) -> Diagnostic:
    return Diagnostic(
        RULES_BY_NAME["no-lessons"].level(strict),
        "this post teaches no lessons: add a `Lessons:` line or a `> [!lesson]` "
        "callout (`reflect suggest` proposes some)",
        path,
    )


def post_diagnostics(
    prompts: Iterable[tuple[int, str]],
    path: str | None,
    lessons: Iterable,
    strict: bool,
) -> list[Diagnostic]:
    """The checks of this module for one post, as the build and lint run them;
    ``prompts`` is what ``placeholder_lines`` found in it."""
    found = placeholders(prompts, path, strict)
    if not tuple(lessons):
        found.append(no_lessons(path, strict))
    return found


def vocabulary_diagnostics(
    vocabulary: Vocabulary, ratio: float, strict: bool
) -> list[Diagnostic]:
    """Entries of lessons.yml so alike that they are probably one lesson."""
    level = RULES_BY_NAME["near-duplicate-lessons"].level(strict)
    return [
        Diagnostic(
            level,
            f"lessons {first.slug!r} and {second.slug!r} are nearly the same "
            f"({first.title!r}, {second.title!r}); merge them or make one an alias",
            vocabulary.path,
            second.line,
        )
        for first, second in vocabulary.near_duplicates(ratio)
    ]
