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
their values, references decoded, count as text on the tag's line; a
value whose quote never closes counts to the end of the text, as the
page may close it further on (privacy fails closed).
Every place that looks for a marker in text a page shows (fields,
Markdown blocks, another reader's body, a Webmention) looks at this view
as well as the text as written.
"""

from __future__ import annotations

import functools
import html
import re

from .htmltags import (
    COMMENT_PATTERN,
    MARKUP_PATTERN,
    NOSCRIPT_START,
    RAW_TEXT,
    RAW_TEXT_START,
    raw_text_element,
    raw_text_end,
)

#: Markup as HTML's tokenizer reads it (``sitekit.htmltags``): a tag,
#: whose quoted value may hold `<` and `>` (a marker after ``alt="a < b``
#: is read as the value it is), to its `>` or the end of the text; markup
#: HTML reads as a comment (``<!doctype>``, ``</ x>``, ``<?x>``) to its
#: first `>`. A `<` that starts neither is drawn, with what follows it.
_TAG = re.compile(MARKUP_PATTERN)
#: A comment (to its end, or to the end of the text), else a tag as
#: ``_TAG`` reads one: what ``_without_tags`` takes out (one group, so that
#: ``split`` keeps each).
_TAG_OR_COMMENT = re.compile(rf"({COMMENT_PATTERN}|{_TAG.pattern})")
_EMPHASIS = re.compile(r"[*_~]+")
#: Attributes whose values a reader is shown or read out.
SHOWN = ("alt", "title", "aria-label", "placeholder", "label", "value")
_SHOWN_VALUE = re.compile(
    rf"""(?<![\w-])(?:{"|".join(SHOWN)})\s*=\s*(?:"([^"]*)(?:"|\Z)|'([^']*)(?:'|\Z)|([^\s"'>]+))""",
    re.IGNORECASE,
)
#: The start of a shown attribute: tags without one show no value.
_SHOWN_NAME = re.compile(rf"""(?<![\w-])(?:{"|".join(SHOWN)})\s*=""", re.IGNORECASE)


#: The end of markup where the view's reading of shown values may yet read
#: one: a shown name (then spaces, a `=`), or the start of one.
_SHOWN_NAME_END = re.compile(
    rf"""(?<![\w-])(?:(?P<name>{"|".join(SHOWN)})|(?P<part>{
        "|".join(sorted({name[:end] for name in SHOWN for end in range(1, len(name))}))
    }))\Z""",
    re.IGNORECASE,
)
_LONGEST_SHOWN = max(map(len, SHOWN))


def shown_reading_state(markup: str) -> str:
    """Where the view's reading of shown values (``_SHOWN_VALUE``, which
    reads every piece of markup but a comment, a bogus comment too) stands
    at the end of ``markup``, markup that more text continues, written
    short: a shown value still open (``alt="``, ``alt=z``), a shown name a
    value may follow (``alt=``, ``alt ``), the start of one (``al``), or ""
    when none. A window that leaves out the middle of long markup keeps it
    (``sitekit.drawncuts.kept_opening``), so what follows is read as the
    view reads it in the whole text: a value it draws stays drawn."""
    last = None
    for found in _SHOWN_VALUE.finditer(markup):
        last = found
    if last is not None and last.end() == len(markup):
        name = re.match(r"[\w-]+", last.group()).group()
        if last.group(3) is not None:
            return f"{name}=z"  # an unquoted value
        quote = 1 if last.group(1) is not None else 2
        if last.end(quote) == len(markup):  # its quote still open
            return f"{name}={last.group()[last.start(quote) - last.start() - 1]}"
    begin = 0 if last is None else last.end()
    end = len(markup.rstrip())
    spaces = end < len(markup)
    equals = end > begin and markup[end - 1] == "="
    if equals:
        end = len(markup.rstrip()[:-1].rstrip())
    found = _SHOWN_NAME_END.search(markup, max(begin, end - _LONGEST_SHOWN), end)
    if found is None or found.start() < begin:
        return ""
    if found.group("name") is not None:
        return found.group() + ("=" if equals else " " if spaces else "")
    return "" if spaces or equals else found.group()


def shown_value_spans(tag: str) -> list[tuple[int, int]]:
    """Where in ``tag`` (one tag's markup) each value of a ``SHOWN``
    attribute lies: text a reader is shown, never an address, whatever it
    holds (``sitekit.sitelinks`` leaves a link's syntax there alone)."""
    return [
        found.span(next(g for g in (1, 2, 3) if found.group(g) is not None))
        for found in _SHOWN_VALUE.finditer(tag)
    ]


def as_read(text: str, scripting: bool | None = None) -> str:
    """``text`` (Markdown or HTML) with tags and emphasis marks gone and
    character references decoded; lines stay where they were. A
    ``<noscript>`` is read both ways (``_without_tags_either_way``), or
    only as scripts run or not (``scripting``): a static file read in
    chunks keeps a window for each reading (``sitekit.chunkwindow``), and
    one reading's window read the other way reads text it left out."""
    if not any(sign in text for sign in "&<*_~"):
        return text
    if scripting is None:
        without_tags = _without_tags_either_way(text)
    else:
        without_tags = _without_tags(text, scripting)
    return _decoded(_EMPHASIS.sub("", without_tags))


def _without_tags_either_way(text: str) -> str:
    """``_without_tags``, where a ``<noscript>`` draws differently as
    scripts run or not: each line of the text as drawn either way, one
    reading after the other (privacy fails closed). Scripts off, its
    content is markup (a ``<textarea>`` there may run past its end tag);
    on, it is text that its end tag closes, and never drawn."""
    scripts_on = _without_tags(text)
    if NOSCRIPT_START.search(text) is None:
        return scripts_on
    scripts_off = _without_tags(text, scripting=False)
    if scripts_off == scripts_on:
        return scripts_on
    on_lines, off_lines = scripts_on.split("\n"), scripts_off.split("\n")
    if len(on_lines) != len(off_lines):
        return f"{scripts_on} {scripts_off}"
    both = zip(on_lines, off_lines, strict=True)
    return "\n".join(on if on == off else f"{on} {off}" for on, off in both)


#: A character reference as ``html.unescape`` reads one (its own pattern).
_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def _decoded(text: str) -> str:
    """``text`` with character references decoded, except that one standing
    for a line break (``&#10;``) draws a space: a page draws it as one
    (outside ``<pre>``), and a line break more would move every marker
    after it to the next line."""
    decoded = html.unescape(text)
    if decoded.count("\n") == text.count("\n"):
        return decoded
    return _REFERENCE.sub(
        lambda found: html.unescape(found.group(0)).replace("\n", " "), text
    )


def _without_tags(text: str, scripting: bool = True) -> str:
    """``text`` without tags and comments. A line break inside one moves to
    the end of the line the tag ends on, with the values of its shown
    attributes before it, so the line count stays and a word split by the
    tag is drawn whole.

    This runs over every post's whole HTML (privacy's last look), so its
    cost is per byte of the site: one regular expression splits the text
    into the text between and the tags and comments (a `<` that starts
    neither is drawn, and stays in the text between); when no tag holds a
    line break or a shown attribute, as in most pages, the text between is
    the answer, and only otherwise are the tags walked one by one."""
    if "<" not in text:
        return text
    parts = _markup_parts(text, scripting)  # text, tag, text, ..., tag, text
    tags = "".join(parts[1::2])
    if "\n" not in tags and not _SHOWN_NAME.search(tags):
        return "".join(parts[0::2])
    kept: list[str] = []
    extra: list[str] = []  # shown values, to go before the next line break
    breaks = 0  # line breaks inside tags, to go at the next line break
    for index in range(1, len(parts), 2):
        between, tag = parts[index - 1], parts[index]
        if extra or breaks:
            kept.append(_with_carried(between, extra, breaks))
            if "\n" in between:
                extra, breaks = [], 0
        else:
            kept.append(between)
        # The tag's own values go on the line it ends on, not on a line of
        # the text before it. A comment shows none.
        if "=" in tag and not tag.startswith("<!--"):
            extra += [
                next(value for value in found.groups() if value is not None)
                for found in _SHOWN_VALUE.finditer(tag)
            ]
        breaks += tag.count("\n")
    kept.append(_with_carried(parts[-1], extra, breaks, last=True))
    return "".join(kept)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Where each tag and comment of ``text`` lies, as the view reads them
    (scripts running), in order."""
    spans = []
    at = 0
    for index, part in enumerate(_markup_parts(text)):
        if index % 2:
            spans.append((at, at + len(part)))
        at += len(part)
    return spans


def _markup_parts(text: str, scripting: bool = True) -> list[str]:
    """``text`` cut into the text between and the tags and comments: text,
    tag, text, ..., tag, text. The content of an element HTML reads as text
    (``sitekit.htmltags.RAW_TEXT``: ``<textarea>``, ``<script>``) holds no
    markup and ends at its end tag: drawn content is text, and content not
    drawn is read as markup cut at that end tag, so a ``<!--`` in it never
    hides what follows the element. A ``<noscript>`` is such an element
    only where scripts run (``scripting``)."""
    if RAW_TEXT_START.search(text) is None:
        return list(split_markup(text))
    parts = [""]
    position = 0
    while (markup := _TAG_OR_COMMENT.search(text, position)) is not None:
        parts[-1] += text[position : markup.start()]
        parts += [markup.group(), ""]
        position = markup.end()
        name = raw_text_element(markup.group(), scripting)
        if name is None:
            continue
        end = raw_text_end(text, position, name)
        if RAW_TEXT[name]:
            parts[-1] += text[position:end]
        else:
            inside = _TAG_OR_COMMENT.split(text[position:end])
            parts[-1] += inside[0]
            parts += inside[1:]
        position = end
    parts[-1] += text[position:]
    return parts


@functools.lru_cache(maxsize=2)
def split_markup(text: str) -> tuple[str, ...]:
    """``text`` cut into the text between and the tags and comments (no
    element HTML reads as text in it). Kept for the last texts: a static
    file's chunk is read for markers (``as_read``), then for where its
    last drawn line starts (``sitekit.drawncuts.last_drawn_line``), one
    split for both."""
    return tuple(_TAG_OR_COMMENT.split(text))


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
    # A value's own line breaks are counted in ``breaks`` already: drawn in
    # a tooltip or read out, they are spaces on this line.
    carried = "".join(f" {_one_line(value)}" for value in extra) + "\n" * breaks
    return between[:cut] + carried + between[cut:]


def _one_line(value: str) -> str:
    return value.replace("\r\n", " ").replace("\n", " ") if "\n" in value else value
