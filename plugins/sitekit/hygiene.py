"""Text hygiene shared by every reader of what an author writes.

Two jobs, both done at read time so that nothing downstream (pages, feeds,
JSON, a search index) has to remember them:

* control characters (NUL, backspace, vertical tab...) are removed with a
  warning naming file and line: XML cannot carry them, so a feed writer would
  stop the published build on one, and HTML should not carry them either;
* private markers are found however they are spelled. ``[!private]`` is the
  syntax; ``[! private]``, ``[ !private]``, ``[!PRIVATE]`` and the like are
  taken as private too (privacy fails closed) and earn a warning, so the
  author can fix the spelling.

Posts and comments both use these functions; neither reader imports the
other. What they find is a ``Finding`` of one of the two rules below; the
reader's plugin reports it at the level the rule table gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import Finding, Rule, declare_rules
from .sourcelines import metadata_lines

CONTROL_CHARACTER, MISSPELT_PRIVATE_MARKER = declare_rules(
    Rule(
        "control-character",
        "a control character in a post, page or comment (it is removed)",
        "warning",
        "warning",
    ),
    Rule(
        "misspelt-private-marker",
        "a private marker spelt other than `[!private]` (its text is hidden all "
        "the same)",
        "warning",
        "warning",
    ),
)

#: C0 controls but tab, newline and carriage return; DEL; C1 controls; and
#: the two non-characters XML refuses.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

#: The private marker, with any spacing and case.
PRIVATE_MARKER = re.compile(r"\[\s*!\s*private\s*\]", re.IGNORECASE)
CANONICAL_PRIVATE_MARKER = "[!private]"

_CONTINUATION = re.compile(r"^[ ]{4,}")


@dataclass(frozen=True)
class CleanLines:
    """Lines without control characters, and a finding per line that had any."""

    lines: list[str]
    findings: list[Finding]


def remove_control_characters(
    lines: list[str], path: str | None = None, first_line: int = 1
) -> CleanLines:
    """Remove control characters from each line, reporting its number."""
    cleaned: list[str] = []
    findings: list[Finding] = []
    for number, line in enumerate(lines, start=first_line):
        found = CONTROL_CHARACTERS.findall(line)
        if found:
            line = CONTROL_CHARACTERS.sub("", line)
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            findings.append(
                Finding(
                    CONTROL_CHARACTER.name,
                    f"removed {len(found)} control character(s) ({names}); "
                    "pages and feeds cannot carry them",
                    path,
                    number,
                )
            )
        cleaned.append(line)
    return CleanLines(cleaned, findings)


def has_private_marker(text: str) -> bool:
    """Whether ``text`` holds anything that looks like a private marker."""
    return "!" in text and PRIVATE_MARKER.search(text) is not None


def private_block_lines(
    lines: list[str], skip: set[int] | frozenset[int] = frozenset()
) -> set[int]:
    """Indexes (from 0) of the lines private markers hide.

    A line holding a marker anywhere (after quoting or list markers, or in
    the middle of a sentence) starts a hidden block that runs to the first
    blank line: the test errs towards hiding. ``skip`` holds lines that are
    literal text, such as fenced code, which neither start nor end a block.
    """
    hidden: set[int] = set()
    inside = False
    for index, line in enumerate(lines):
        if not (inside and line.strip()):
            inside = index not in skip and has_private_marker(line)
        if inside:
            hidden.add(index)
    return hidden


def misspelt_private_markers(
    lines: list[str],
    path: str | None = None,
    skip: set[int] | frozenset[int] = frozenset(),
    first_line: int = 1,
) -> list[Finding]:
    """A finding for each marker spelt other than ``[!private]``.

    ``skip`` holds line indexes (from 0) to leave alone, such as fenced code.
    The text is hidden all the same; the finding is so the author knows.
    """
    findings: list[Finding] = []
    for index, line in enumerate(lines):
        if index in skip or "!" not in line:
            continue
        for match in PRIVATE_MARKER.finditer(line):
            if match.group() != CANONICAL_PRIVATE_MARKER:
                findings.append(
                    Finding(
                        MISSPELT_PRIVATE_MARKER.name,
                        f"{match.group()!r} is taken as a private marker and its "
                        f"text is hidden; write it as {CANONICAL_PRIVATE_MARKER}",
                        path,
                        index + first_line,
                    )
                )
    return findings


def hide_private_fields(lines: list[str]) -> set[str]:
    """Blank out, in place, every metadata field with a private marker.

    Returns the (lower-case) names of the fields blanked, for the reader to
    drop. A field is hidden whole when any of its lines holds a marker. The
    lines stay where they were, so line numbers in later messages hold; a
    blanked continuation line keeps a placeholder, since a blank line would
    end the metadata block and turn the fields after it into body text.
    """
    text = "\n".join(lines)
    if not has_private_marker(text):
        return set()
    hidden: set[str] = set()
    for key, numbers in metadata_lines(text).items():
        if any(has_private_marker(lines[number - 1]) for number in numbers):
            hidden.add(key)
            for number in numbers:
                continuation = _CONTINUATION.match(lines[number - 1])
                lines[number - 1] = "    -" if continuation else f"{key}:"
    return hidden
