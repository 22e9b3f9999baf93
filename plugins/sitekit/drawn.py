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
    RAW_TEXT,
    RAW_TEXT_START,
    TAG,
    TAG_NAME,
    TAG_PATTERN,
    TAG_STEP,
    comment_end,
    raw_text_element,
    raw_text_end,
)

#: Markup as HTML's tokenizer reads it (``sitekit.htmltags``): a tag,
#: whose quoted value may hold `<` and `>` (a marker after ``alt="a < b``
#: is read as the value it is), to its `>` or the end of the text; markup
#: HTML reads as a comment (``<!doctype>``, ``</ x>``, ``<?x>``) to its
#: first `>`. A `<` that starts neither is drawn, with what follows it.
_TAG = re.compile(MARKUP_PATTERN)
#: Markup that stays as it is, whatever text follows: a tag that closes,
#: or markup that is no tag (read to its first `>`). A tag whose quote is
#: still open at the end of a piece of text may close further on.
_OPEN_TAG = re.compile(rf"{TAG_PATTERN}|<(?!/?[A-Za-z])[^<>]*>")
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


def shown_value_spans(tag: str) -> list[tuple[int, int]]:
    """Where in ``tag`` (one tag's markup) each value of a ``SHOWN``
    attribute lies: text a reader is shown, never an address, whatever it
    holds (``sitekit.sitelinks`` leaves a link's syntax there alone)."""
    return [
        found.span(next(g for g in (1, 2, 3) if found.group(g) is not None))
        for found in _SHOWN_VALUE.finditer(tag)
    ]


def as_read(text: str) -> str:
    """``text`` (Markdown or HTML) with tags and emphasis marks gone and
    character references decoded; lines stay where they were."""
    if not any(sign in text for sign in "&<*_~"):
        return text
    return _decoded(_EMPHASIS.sub("", _without_tags_either_way(text)))


_NOSCRIPT = re.compile(r"<noscript", re.IGNORECASE)


def _without_tags_either_way(text: str) -> str:
    """``_without_tags``, where a ``<noscript>`` draws differently as
    scripts run or not: each line of the text as drawn either way, one
    reading after the other (privacy fails closed). Scripts off, its
    content is markup (a ``<textarea>`` there may run past its end tag);
    on, it is text that its end tag closes, and never drawn."""
    scripts_on = _without_tags(text)
    if _NOSCRIPT.search(text) is None:
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


def last_drawn_line(text: str) -> tuple[int, int | None]:
    """For text that more text may follow (a file read in chunks): where the
    last line a page draws of it starts, which is after the last line break
    outside every tag and comment; and where a tag or comment still open at
    the end starts (None if none is): what follows may close it, and the
    page draws it with what follows as one line."""
    last_break = text.rfind("\n")
    if RAW_TEXT_START.search(text) is None and not text.endswith("<"):
        # The usual case, without walking the tags one by one: the markup
        # read as the view reads it (one regular expression), the last
        # line break after the last of it, which closes. Only the last can
        # be open (each reads to its end or the text's), and a quoted value
        # may hold `<`, `>` and line breaks, so the last `<` says nothing.
        parts = split_markup(text)
        text_after = len(text) - len(parts[-1])
        if last_break >= text_after and (len(parts) == 1 or _closes(parts[-2])):
            return last_break + 1, None
    line_start = 0
    position = 0
    while (start := text.find("<", position)) != -1:
        line_start = text.rfind("\n", position, start) + 1 or line_start
        if text.startswith("<!--", start):
            position, closed = comment_end(text, start)
            if not closed:
                return line_start, start
            continue
        if text.find("<", start + 1) == -1 and not _OPEN_TAG.match(text, start):
            # A tag still open (a quoted `>` may be read as its end until
            # its quote closes), or a plain `<`: what follows may say.
            return line_start, start
        tag = _TAG.match(text, start)
        if tag is not None and tag.end() == len(text) and not _closes(tag.group()):
            # A tag or a bogus comment the text ends inside, `<`s and all:
            # what follows may close it.
            return line_start, start
        position = start + 1 if tag is None else tag.end()
        if tag is not None and (name := raw_text_element(tag.group())):
            # Its content is text to its end tag, which what follows may
            # hold: read without this start tag, it would be markup.
            end = raw_text_end(text, position, name)
            if end == len(text):
                return line_start, start
            line_start = text.rfind("\n", position, end) + 1 or line_start
            position = end
    return max(line_start, text.rfind("\n", position) + 1), None


def _closes(markup: str) -> bool:
    """Whether ``markup`` (one tag or comment, as the view reads it) closes,
    rather than running on to the end of the text, where more text may
    close it: a tag whose quoted value is still open may end in ``>``."""
    if markup.startswith("<!--"):
        return comment_end(markup, 0)[1]
    if _TAG_OPENING.match(markup):
        return TAG.fullmatch(markup) is not None
    return markup.endswith(">")  # a bogus comment ends at its first `>`


_TAG_OPENING = re.compile(r"</?[A-Za-z]")


def opening_end(text: str, opened: int) -> int:
    """Where the opening of markup still open at ``opened`` (``last_drawn_
    line``) ends: a window may leave out what follows it (``kept_opening``
    says what stands in its place)."""
    if text.startswith("<!--", opened):
        return opened + 4
    tag = _TAG.match(text, opened)
    if tag is None:  # a `<` the character after it makes text
        return min(opened + 2, len(text))
    if raw_text_element(tag.group()):
        return tag.end()
    if not _TAG_OPENING.match(text, opened):
        return opened + 2  # `<!`, `<?` or `</` and no letter
    return opened + 1


def kept_opening(text: str, opened: int, resumed: int) -> str:
    """What a window that leaves out the middle of markup still open at
    ``opened``, from its opening's end (``opening_end``) to ``resumed``,
    keeps in its place, so that what follows is read as the whole text
    reads it there, whatever it starts with: a comment's ``<!-- `` (after a
    bare ``<!--``, a ``>`` or ``->`` would close it), the start tag of an
    element HTML reads as text, ``<?`` for a bogus comment (which ends at
    its first ``>``: after its ``<!``, a ``--`` would open a comment), a
    ``<`` that starts no markup with the character that says so, and
    for a tag, one in the state the tag's reading is in at ``resumed``
    (``tag_in_state``): inside a quoted value, what follows is that value,
    not markup or text."""
    if resumed <= (end := opening_end(text, opened)):
        return text[opened:end]  # nothing left out
    if text.startswith("<!--", opened):
        return "<!-- "
    tag = _TAG.match(text, opened)
    if tag is None:
        return text[opened:end]
    if raw_text_element(tag.group()):
        return tag.group()
    if not _TAG_OPENING.match(text, opened):
        return "<?"
    return tag_in_state(text, opened, resumed)


def tag_in_state(text: str, opened: int, resumed: int) -> str:
    """A short tag opening that leaves HTML's tokenizer in the state that
    reading the tag at ``opened`` up to ``resumed`` leaves it in, so what
    follows ``resumed`` reads alike after either: in a quoted value (a
    shown attribute's, ``SHOWN``, if it was one), in an unquoted value,
    after ``=``, in a name, after a name (a ``=`` may follow), or before
    one. Read a step at a time: this runs only for a tag still open after
    ``staticmarkers.MAX_CARRY`` characters, once a chunk."""
    name = TAG_NAME.match(text, opened, resumed)
    if name is None:  # not past its `<`
        return text[opened:resumed]
    position, before, last = name.end(), None, None
    while position < resumed and (step := TAG_STEP.match(text, position, resumed)):
        before, last = last, step
        position = step.end()
    if last is None:
        return "<x"  # in the tag's name
    if last.group("spaces") is not None:
        alone = before is not None and before.group("name") is not None
        if alone and before.group("equals") is None and "/" not in last.group():
            return "<x y "  # after a name: a `=` gives it a value
        return "<x "
    shown = last.group("name") if last.group("name").lower() in SHOWN else "data-x"
    if (value := last.group("quoted")) is not None:
        if len(value) == 1 or value[-1] != value[0]:
            return f"<x {shown}={value[0]}"  # still open
        return "<x "
    if last.group("unquoted") is not None:
        return f"<x {shown}=z"
    if last.group("equals") is not None:
        return f"<x {shown}="
    return "<x y"  # in a name


def outside_tags(text: str, start: int, position: int) -> int:
    """The first place at or after ``position`` that lies outside every tag
    and comment, reading from ``start`` (outside them): where text may be
    cut and still draw as it does whole."""
    at = start
    while (found := text.find("<", at)) != -1 and found < position:
        if text.startswith("<!--", found):
            end = comment_end(text, found)[0]
        else:
            tag = _TAG.match(text, found)
            end = found + 1 if tag is None else tag.end()
            if tag is not None and (name := raw_text_element(tag.group())):
                end = raw_text_end(text, end, name)  # its content, whole
        if end > position:
            return end
        at = end
    return position


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
        name = raw_text_element(markup.group())
        if name is None or (name == "noscript" and not scripting):
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
    last drawn line starts (``last_drawn_line``), one split for both."""
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
