"""Callouts a build leaves out altogether: stories, when they are local-only.

A writer may keep their stories for themselves (interview answers they
rehearse, with names and figures they would not publish):
``REFLECTIONS_STORIES_LOCAL_ONLY = True``. Then stories follow the rule of
every local-only thing: only a local build has them. Anywhere else they are
taken out as each file is read, before anything is rendered, as private
notes are, so no later stage (pages, feeds, JSON, the search index, preview
images) can carry them: a post's HTML has no story aside, and its record
no story.

Withholding fails closed. A withheld marker counts however it is spelt
(``[!Story]``, ``[! story ]``, and as ``sitekit.markers.fold`` folds it: a
Cyrillic ``о``, fullwidth brackets, a zero-width space) and wherever it is
(in a list, inside another quote, in the middle of a line), and hides its
line and the rest of its paragraph, as a private marker does; in a quote,
quoted paragraphs after blank lines too, since Markdown joins them into
the same quote. A heading, a rule or a raw HTML tag's line right after it
is a block of its own to Markdown, shown outside the callout, and stays.
Only fenced code (a literal example of the syntax) and the metadata block
are left alone.

A build withholds what is local-only when ``WITHHOLD_LOCAL_ONLY`` is on
(publishconf.py sets it; ``sitekit.withheld``, the switch every reader's
local-only fields follow) or when its ``SITEURL`` is an absolute address:
a build whose links point at a host is a published site, whatever else it
says, so a story never reaches one by a forgotten setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sitekit.markers import fold
from sitekit.withheld import withholds_local_only

from .names import name_pattern
from .ownblocks import RawBlocks, starts_own_block


def withheld_kinds(settings: Mapping[str, Any]) -> frozenset[str]:
    """The kinds of callout this build leaves out."""
    if settings.get("REFLECTIONS_STORIES_LOCAL_ONLY") and withholds_local_only(
        settings
    ):
        return frozenset({"story"})
    return frozenset()


@cache
def _marker(kinds: frozenset[str]) -> re.Pattern[str]:
    """A withheld marker in folded text (``sitekit.markers.fold``: other
    case, lookalike letters, fullwidth brackets, invisible characters)."""
    names = "|".join(sorted(map(re.escape, kinds)))
    return re.compile(name_pattern(names), re.IGNORECASE)


#: A line that starts an item of a list, as Python-Markdown's list reads
#: one in a block that is a list (its ``CHILD_RE``; tabs are spaces here).
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
#: An item at any depth (a nested list's item).
_ANY_ITEM = re.compile(r"^[ ]*(?:\d+\.|[*+-])[ ]+")
#: A line that starts inside a quote (in a list item, perhaps).
_QUOTED = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>")


def has_withheld_marker(text: str, kinds: frozenset[str]) -> bool:
    return bool(kinds) and _marker(kinds).search(fold(text)) is not None


#: The longest stretch (lines without a blank one) Markdown is asked about,
#: and the most questions a document may ask: past either, the line stays
#: hidden (fail closed) and the cost stays bounded.
MOST_LINES_ASKED = 400
MOST_QUESTIONS = 200


def withheld_lines(
    lines: list[str],
    kinds: frozenset[str],
    skip: set[int] = frozenset(),
    starts_item: Callable[[Sequence[str]], bool] | None = None,
) -> set[int]:
    """Indexes (from 0) of the lines a withheld callout covers: from a line
        holding its marker to the first blank line, or to a line Markdown reads
        as a block of its own (``ownblocks``: a heading, a rule, a raw HTML
        tag's line, which the page shows outside the callout), or, for a marker
    on an item of a list, to the list's next item. ``skip`` holds
        lines that neither start nor end a block (fenced code, the metadata).
    For a marker on a line within an item, a line that looks like the
    list's next item ends it only where Markdown says so (``starts_item``,
    asked with the stretch of lines up to it): after a heading or a rule the
    list has ended, and such a line is more of the quote."""
    marker = _marker(kinds)
    hidden: set[int] = set()
    inside = quoted = in_item = False
    raw = RawBlocks()
    item_indent = 0  # the marker's item's, for a list item's marker
    list_block = False  # whether the block so far is a list, to Markdown
    within_item = False  # the marker is on a line within an item, not on one
    after_blank = True
    stretch = 0  # the first line after the last blank one
    questions = [MOST_QUESTIONS]

    def markdown_starts_item(index: int) -> bool:
        if starts_item is None or index - stretch > MOST_LINES_ASKED:
            return False
        if questions[0] <= 0:
            return False
        questions[0] -= 1
        return starts_item(lines[stretch : index + 1])

    for index, line in enumerate(lines):
        blank = not line.strip(" \t")  # Markdown's blank: spaces, tabs
        if after_blank and not blank:
            list_block = _LIST_ITEM.match(line) is not None
            stretch = index
        # A block starts after a blank line, and after fenced code or a line
        # that is a block of its own (a heading, a rule, an HTML line): a
        # list above one has ended.
        after_blank = (
            blank or index in skip or starts_own_block(line, open_tags=raw.open_tags)
        )
        if inside and blank and quoted and _quote_follows(lines, index, skip):
            # Markdown joins two quotes with only blank lines between them:
            # the callout goes on in the next.
            hidden.add(index)
            continue
        ends = (
            inside
            and index not in skip
            and (
                starts_own_block(line, open_tags=raw.open_tags)
                or (
                    in_item
                    and _next_item(line, item_indent)
                    and (not within_item or markdown_starts_item(index))
                )
            )
        )
        if not inside or blank or ends:
            inside = index not in skip and marker.search(fold(line)) is not None
            quoted = inside and _QUOTED.match(line) is not None
            # In a list (on an item's line, or on a line of an item's): the
            # list's next item ends it, one no deeper than the marker's item
            # or, for a marker on a line within an item, less indented than
            # the marker (Markdown starts that item there, not more quote).
            in_item = inside and list_block
            within_item = _ANY_ITEM.match(line) is None
            item_indent = max(_indent(line) - 1, 0) if within_item else _indent(line)
        if inside:
            hidden.add(index)
        if index not in skip:
            raw.count(line)
    return hidden


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_item(line: str, item_indent: int) -> bool:
    """Whether ``line`` is the list's next item after the marker's: one no
    deeper than it. A deeper one (``  - Situation: ...`` under ``- [!story]``)
    is a sibling to Python-Markdown, which nests at four spaces, but nested
    to a writer used to two: it stays hidden, failing closed."""
    return _ANY_ITEM.match(line) is not None and _indent(line) <= item_indent


def _quote_follows(lines: list[str], blank: int, skip: set[int]) -> bool:
    """Whether the first line that is not blank after ``blank`` starts a
    quote, which Markdown joins to the quote before it."""
    for index in range(blank + 1, len(lines)):
        if lines[index].strip(" \t"):
            return index not in skip and _QUOTED.match(lines[index]) is not None
    return False
