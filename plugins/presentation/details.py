"""What an article page shows before and after the text, worked out once.

Reading time, the "About this conversation" box and the neighbouring
reflections are facts about the post, so they are computed here and handed
to templates as plain values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from sitekit.htmltags import COMMENT_PATTERN, MARKUP_PATTERN
from sitekit.text import shows_nothing

from .typography import smart_text

# Metadata field -> label in the "About this conversation" box, in order.
CONVERSATION_FIELDS = (
    ("who", "Who"),
    ("role", "Role"),
    ("met", "How we met"),
    ("format", "Format"),
)


#: Comments and markup as the page reads them (a quoted ``alt="a > b"``
#: stays in its tag, ``sitekit.htmltags``), as the drawn view reads them: in
#: linear time, where ``<[^>]*>`` read to the end of the text from every `<`
#: no `>` follows.
_TAG = re.compile(rf"{COMMENT_PATTERN}|{MARKUP_PATTERN}")


def word_count(html: str) -> int:
    """Words in the text of an HTML fragment.

    Only counted, never shown, so a tag-to-space substitution is enough; it
    is faster than markupsafe's striptags on a post.
    """
    return len(_TAG.sub(" ", html).split())


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up, never less than one."""
    return max(1, math.ceil(words / words_per_minute))


def conversation_box(
    metadata: Mapping[str, Any], smarty: dict | None = None
) -> tuple[tuple[str, str], ...]:
    """The (label, value) rows of the box, for the fields the post gives;
    each value with the body's quotes and dashes, as a title has them, when
    the site's ``smarty`` configuration is given."""
    rows = []
    for field, label in CONVERSATION_FIELDS:
        value = metadata.get(field)
        if isinstance(value, list):
            value = " ".join(value)
        if not shows_nothing(value):
            shown = str(value).strip()
            rows.append((label, smart_text(shown, smarty) if smarty else shown))
    return tuple(rows)


def neighbours(articles: Sequence[Any]) -> dict[int, tuple[Any | None, Any | None]]:
    """Map each article (by id) to its (older, newer) neighbour by date."""
    ordered = sorted(articles, key=lambda article: article.date)
    found = {}
    for position, article in enumerate(ordered):
        older = ordered[position - 1] if position > 0 else None
        newer = ordered[position + 1] if position + 1 < len(ordered) else None
        found[id(article)] = (older, newer)
    return found
