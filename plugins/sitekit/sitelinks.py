"""The links a page makes to other files of the site, as its reader wrote
them: ``{filename}``, ``{static}`` and ``{attach}``.

Pelican replaces them with the target's address only as it writes a page,
and keeps the HTML before that to itself. Every reader of the site (the
Markdown reader, and the others through sourceguard's wrapper) notes them
in the metadata (``SITE_LINKS``) as it reads a file, with the pattern
Pelican matches them with (``INTRASITE_LINK_REGEX`` inside a quoted
attribute), so sourceguard can say before anything is written which of
them lead nowhere published (``sourceguard/linktargets.py``), in the build
and in ``reflect lint`` alike.

Pelican rewrites a link only as the value of one of a few attributes
(``href``, ``src``, ``poster``, ``data``, ``cite``, ``formaction``,
``action``, ``content``) and only one per match of its pattern; a link
anywhere else in a tag (``srcset``, ``style``, a second link in one
attribute) is published as written, a dead link showing the source path.
Those are noted too (``UNREWRITTEN_SITE_LINKS``), found by the same pattern
so that what counts as rewritten is what Pelican rewrites. The syntax in
an attribute a reader is shown as text (a link's ``title``, an image's
``alt``: ``sitekit.drawn.SHOWN``) is no link, as it is none in a
paragraph: a post may show the syntax, and the page shows what was typed.
A ``value`` is shown only in a text field: a ``<param>``'s or an
``<option>``'s is an address, and the syntax there a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .drawn import shown_value_spans
from .htmltags import start_tags

#: The metadata key the links are noted under.
SITE_LINKS = "site_file_links"

#: The metadata key of the links Pelican leaves as written.
UNREWRITTEN_SITE_LINKS = "unrewritten_site_file_links"

_DEFAULT_INTRASITE = "[{|](?P<what>.*?)[|}]"

_KINDS = frozenset({"filename", "static", "attach"})


@lru_cache(maxsize=8)
def _pattern(intrasite: str) -> re.Pattern[str]:
    # Pelican's own (Content._get_intrasite_link_regex), from its public setting.
    return re.compile(
        rf"""
        (?P<markup><[^\>]+
            (?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)
        (?P<quote>["\'])
        (?P<path>{intrasite}(?P<value>.*?))
        (?P=quote)""",
        re.X,
    )


def site_file_links(
    html: str, settings: Mapping[str, Any]
) -> tuple[tuple[str, str, str], ...]:
    """Each ``{filename}``, ``{static}`` or ``{attach}`` link in ``html``:
    as written, its kind, and the path after the kind."""
    if not html:
        return ()
    pattern = _pattern(settings.get("INTRASITE_LINK_REGEX") or _DEFAULT_INTRASITE)
    return tuple(
        (match.group("path"), match.group("what"), match.group("value"))
        for match in pattern.finditer(html)
        if match.group("what") in _KINDS
    )


def unrewritten_site_file_links(
    html: str, settings: Mapping[str, Any]
) -> tuple[str, ...]:
    """Each ``{filename}``, ``{static}`` or ``{attach}`` link inside a tag
    of ``html`` that Pelican does not rewrite, as written up to the next
    space, quote, comma or parenthesis (``{static}/a.png`` of ``srcset="{static}/a.png
    2x"``). Text is left alone: outside tags and in the value of an
    attribute shown as text (``title``, ``alt``), a post may show the
    syntax."""
    if not html:
        return ()
    intrasite = settings.get("INTRASITE_LINK_REGEX") or _DEFAULT_INTRASITE
    link = _link_pattern(intrasite)
    if link.search(html) is None:
        return ()  # most posts: one pass in C, no tag walked
    rewritten = {
        match.start("path")
        for match in _pattern(intrasite).finditer(html)
        if match.group("what") in _KINDS
    }
    found: list[str] = []
    for start, end in start_tags(html):
        text: list[tuple[int, int]] | None = None  # the tag's shown values
        for match in link.finditer(html, start, end):
            if match.group("what") not in _KINDS or match.start() in rewritten:
                continue
            if text is None:
                text = _text_value_spans(html[start:end])
            at = match.start() - start
            if not any(start <= at < end for start, end in text):
                found.append(match.group(0))
    return tuple(found)


#: A ``value`` shown as text: a text field's. Elsewhere (a ``<param>``, an
#: ``<option>``, a ``<button>``, a ``<data>``) a reader never reads it, and
#: the syntax there is a link Pelican leaves as written.
_TEXT_FIELD = re.compile(
    r"""<input\b(?!(?:[^>"']|"[^"]*"|'[^']*')*\btype\s*=\s*["']?hidden)""",
    re.IGNORECASE,
)


def _text_value_spans(tag: str) -> list[tuple[int, int]]:
    """Where in ``tag`` a reader is shown text (``shown_value_spans``), but
    for the ``value`` of anything other than a text field."""
    spans = shown_value_spans(tag)
    if _TEXT_FIELD.match(tag):
        return spans
    return [(start, end) for start, end in spans if not _is_value(tag, start)]


def _is_value(tag: str, start: int) -> bool:
    """Whether the attribute value starting at ``start`` is a ``value``'s:
    read back over the quote, ``=`` and spaces to the name, so a tag of
    thousands of attributes costs no more than its length."""
    at = start - (start > 0 and tag[start - 1] in "\"'")
    while at > 0 and tag[at - 1].isspace():
        at -= 1
    if at == 0 or tag[at - 1] != "=":
        return False
    at -= 1
    while at > 0 and tag[at - 1].isspace():
        at -= 1
    if tag[max(0, at - 5) : at].lower() != "value":
        return False
    return at == 5 or not (tag[at - 6].isalnum() or tag[at - 6] in "_-")


@lru_cache(maxsize=8)
def _link_pattern(intrasite: str) -> re.Pattern[str]:
    return re.compile(rf"""{intrasite}[^\s"'<>,()]*""")
