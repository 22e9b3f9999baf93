"""Callout names, read as a private marker is read.

``[!private]`` counts however a person would read it (``sitekit.markers``:
other case, letters from another script that look the same, fullwidth
brackets, invisible characters). A callout name (``[!lesson]``,
``[!story]``, ``[!asked]``) is read through the same fold, here and only
here, so ``> [!stоry]`` with a Cyrillic ``о`` is a story in a local build
just as the publish build that withholds stories takes it for one: a writer
sees locally what the site will do. The quote sign itself stays ASCII, as
Markdown reads it: ``＞ [!story]`` is no quote, so no callout.

A quote whose text starts with ``[!`` and a word that folds to a callout
name is taken to be meant as one: no other text starts that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.markers import fold, unfolded_length

_LIST_ITEM = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
#: Where a callout may start: indentation, list items, quote signs.
_PREFIX = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<list>(?:{_LIST_ITEM})*)(?P<quotes>(?:>[ \t]?)+)"
)


def name_pattern(names: str) -> str:
    """A callout marker whose name matches ``names``, in folded text."""
    return rf"\[\s*!\s*(?:{names})\s*\]"


_NAME = re.compile(r"[^\S\n]*" + name_pattern(r"(?P<kind>[a-z]+)") + r"[+-]?")
#: In folded text: where a callout marker may begin.
OPENING = re.compile(r"\[[^\S\n]*!")


@dataclass(frozen=True)
class CalloutMarker:
    """A line that opens a quote with a callout marker (of any name: the
    caller knows which names are callouts)."""

    indent: str
    list: str  # the list items the quote is in, as written
    quotes: str  # the quote signs, as written
    kind: str  # the name, folded
    title: str  # the rest of the line, as written


def callout_marker(line: str) -> CalloutMarker | None:
    """The callout marker that opens ``line``, or None."""
    prefix = _PREFIX.match(line)
    if prefix is None:
        return None
    rest = line[prefix.end() :]
    name = _NAME.match(fold(rest))
    if name is None:
        return None
    return CalloutMarker(
        prefix.group("indent"),
        prefix.group("list"),
        prefix.group("quotes"),
        name.group("kind"),
        rest[unfolded_length(rest, name.end()) :],
    )
