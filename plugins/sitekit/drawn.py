"""Text as a page draws it, for the private-marker test.

A marker counts as a reader sees it (``sitekit.markers``), and a reader
sees the page, not its source: Markdown and every field's ``text`` filter
(``sitekit.text``) decode character references and drop tags, and
emphasis draws its letters in place. So ``[!priv&#97;te]``,
``[!pri<span></span>vate]`` and ``[!p**r**ivate]`` all show ``[!private]``.
A tag or comment may run over line breaks (``[!pri<!--`` then ``-->vate]``
draws one word), and a tag's quoted attribute may hold a ``>``. A reader
is shown some attributes too: an image's ``alt`` when it does not load,
a ``title`` as a tooltip, and a screen reader's labels (``SHOWN``), so
their values, references decoded, count as text on the tag's line.
Every place that looks for a marker in text a page shows (fields,
Markdown blocks, another reader's body, a Webmention) looks at this view
as well as the text as written.
"""

from __future__ import annotations

import html
import re

#: A tag: its quoted attribute values may hold `>`; a stray quote ends
#: the tag at the next `>`. Neither scans past a `<`, so reading is linear.
_TAG = re.compile(r"""<(?:[^<>"']|"[^"<]*"|'[^'<]*')*>|<[^<>]*>""")
_COMMENT_END = "-->"
_EMPHASIS = re.compile(r"[*_~]+")
#: Attributes whose values a reader is shown or read out.
SHOWN = ("alt", "title", "aria-label", "placeholder", "label", "value")
_SHOWN_VALUE = re.compile(
    rf"""(?<![\w-])(?:{"|".join(SHOWN)})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
    re.IGNORECASE,
)


def as_read(text: str) -> str:
    """``text`` (Markdown or HTML) with tags and emphasis marks gone and
    character references decoded; lines stay where they were."""
    if not any(sign in text for sign in "&<*_~"):
        return text
    return html.unescape(_EMPHASIS.sub("", _without_tags(text)))


def _without_tags(text: str) -> str:
    """``text`` without tags and comments. A line break inside one moves to
    the end of the line the tag ends on, with the values of its shown
    attributes before it, so the line count stays and a word split by the
    tag is drawn whole."""
    if "<" not in text:
        return text
    kept: list[str] = []
    extra: list[str] = []  # shown values, to go before the next line break
    breaks = 0  # line breaks inside tags, to go at the next line break
    position = 0
    while (start := text.find("<", position)) != -1:
        if text.startswith("<!--", start):
            close = text.find(_COMMENT_END, start + 4)
            end = len(text) if close == -1 else close + len(_COMMENT_END)
        else:
            tag = _TAG.match(text, start)
            if tag is None:  # a `<` that starts no tag is drawn
                piece = text[position : start + 1]
                kept.append(_with_carried(piece, extra, breaks))
                if "\n" in piece:
                    extra, breaks = [], 0
                position = start + 1
                continue
            end = tag.end()
            extra += [
                next(value for value in found.groups() if value is not None)
                for found in _SHOWN_VALUE.finditer(tag.group())
            ]
        kept.append(_with_carried(text[position:start], extra, breaks))
        if "\n" in text[position:start]:
            extra, breaks = [], 0
        breaks += text.count("\n", start, end)
        position = end
    kept.append(_with_carried(text[position:], extra, breaks, last=True))
    return "".join(kept)


def _with_carried(
    between: str, extra: list[str], breaks: int, last: bool = False
) -> str:
    """``between`` with the carried values and line breaks put at its first
    line break (at its end, for the last piece of the text)."""
    if not (extra or breaks):
        return between
    cut = between.find("\n")
    if cut == -1:
        if not last:
            return between
        cut = len(between)
    carried = "".join(f" {value}" for value in extra) + "\n" * breaks
    return between[:cut] + carried + between[cut:]
