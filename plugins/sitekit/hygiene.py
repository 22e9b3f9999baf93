"""Text hygiene shared by every reader of what an author writes.

Two jobs, both done at read time so that nothing downstream (pages, feeds,
JSON, a search index) has to remember them:

* control characters (NUL, backspace, vertical tab...) are removed with a
  warning naming file and line: XML cannot carry them, so a feed writer would
  stop the published build on one, and HTML should not carry them either;
* private markers spelt other than ``[!private]`` (``[! private]``, a
  Cyrillic letter, a zero-width space, ``[!privte]``: ``sitekit.markers``
  says which) are reported, so the author can see and fix the spelling.
  So is a marker only the page draws as one (``[!priv&#97;te]``,
  ``[!p**r**ivate]``: ``sitekit.drawnmarkers``), naming the markup.
  The text is hidden all the same (privacy fails closed):
  ``sitekit.privateblocks`` hides it in Markdown, and a reader that cannot
  hide it stops the build (``PRIVATE_MARKER_NOT_HIDDEN``).

Posts and comments both use these functions; neither reader imports the
other. What they find is a ``Finding`` of one of the rules below; the
reader's plugin reports it at the level the rule table gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from .drawnmarkers import DrawnMarker, drawn_only_markers
from .markers import CANONICAL, FoundMarker, found_markers, has_private_marker
from .rules import Finding, Rule, declare_rules
from .text import CONTROL_CHARACTERS

(
    CONTROL_CHARACTER,
    MISSPELT_PRIVATE_MARKER,
    PRIVATE_MARKER_NOT_HIDDEN,
    PRIVATE_MARKER_IN_STATIC_FILE,
    UNREADABLE_STATIC_IMAGE,
    UNREADABLE_STATIC_FILE,
) = declare_rules(
    Rule(
        "control-character",
        "a control character in a post, page or comment, or a character "
        "reference to one or to no character (it is removed)",
        "warning",
        "warning",
    ),
    Rule(
        "misspelt-private-marker",
        "a private marker spelt other than `[!private]`: other case or spacing, "
        "a lookalike or invisible character, a slip such as `[!privte]`, or "
        "markup the page draws as one, such as `[!priv&#97;te]` or "
        "`[!p**r**ivate]` (its text is hidden all the same)",
        "warning",
        "warning",
    ),
    Rule(
        "private-marker-not-hidden",
        "a private marker in Markdown that nothing hides, such as an "
        "abbreviation's definition (the file is left out); in the body of an "
        "`.html` or `.rst` file it stops the build whatever the level",
        "error",
        "error",
    ),
    Rule(
        "private-marker-in-static-file",
        "a private marker in a text file copied as it is (a `STATIC_PATHS` "
        "file or one a post links with `{static}`): a build cannot hide part "
        "of it, so a published build copies nothing and stops",
        "warning",
        "error",
    ),
    Rule(
        "unreadable-static-image",
        "an image copied as it is whose metadata cannot be read for a private "
        "marker (broken, or its metadata past the bytes read): nothing can say "
        "it holds none, so a published build copies nothing and stops",
        "warning",
        "error",
    ),
    Rule(
        "unreadable-static-file",
        "a packed file copied as it is (a gzip, bzip2, xz, zip, tar or PDF: an "
        ".svgz, a .docx, an .epub) that cannot be opened to read it for a "
        "private marker (damaged, encrypted, or more than is read of one "
        "file): nothing can say it holds none, so a published build copies "
        "nothing and stops",
        "warning",
        "error",
    ),
)

# CONTROL_CHARACTERS, what is removed from what an author writes, is
# sitekit.text's: a field's text drops the same characters.


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
    text = "\n".join("" if index in skip else line for index, line in enumerate(lines))
    findings = [
        misspelt_marker(found, path, first_line)
        for found in (found_markers(text) if has_private_marker(text) else ())
        if not found.canonical
    ]
    drawn = [
        drawn_marker(found, path, first_line) for found in drawn_only_markers(text)
    ]
    if not drawn:
        return findings
    return sorted([*findings, *drawn], key=lambda finding: finding.line or 0)


def misspelt_marker(
    found: FoundMarker, path: str | None = None, first_line: int = 1
) -> Finding:
    return Finding(
        MISSPELT_PRIVATE_MARKER.name,
        f"{found.described()} is taken as a private marker and its text is "
        f"hidden; write it as {CANONICAL}",
        path,
        found.line + first_line - 1 if found.line else None,
    )


def drawn_marker(
    found: DrawnMarker, path: str | None = None, first_line: int = 1
) -> Finding:
    """A marker only the page draws (``sitekit.drawnmarkers``): hidden as
    any is, told so the writer learns the note is private."""
    return Finding(
        MISSPELT_PRIVATE_MARKER.name,
        f"{found.written!r} is drawn by the page as {found.drawn!r} (through "
        f"{found.markup()}), so it is taken as a private marker and its text "
        f"is hidden; write it as {CANONICAL}",
        path,
        found.line + first_line - 1,
    )


def marker_not_hidden(
    found: FoundMarker | None, path: str | None, where: str, first_line: int = 1
) -> Finding:
    """A marker whose text no rule could hide: the file is left out and the
    build stops (an error at every level)."""
    return Finding(
        PRIVATE_MARKER_NOT_HIDDEN.name,
        f"a private marker ({found.described() if found else '[!private]'}) "
        f"{where}, where its text cannot be hidden; remove it, or move the "
        "private text into a `> [!private]` quote of a Markdown file",
        path,
        found.line + first_line - 1 if found and found.line else None,
    )
