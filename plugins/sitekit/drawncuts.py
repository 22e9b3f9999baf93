"""Where a text read in chunks may be cut, read as the page's view reads it.

A static file is read a chunk at a time (``sitekit.chunkwindow``), each
chunk with the last line a page draws of the text before it: these say
where that line starts and what markup is still open at its end
(``last_drawn_line``), where a long line may be cut (``outside_tags``), and
what short opening stands for the middle of long open markup a window
leaves out (``kept_opening``), each reading the text as
``sitekit.drawn``'s view does.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .drawn import shown_reading_state, split_markup
from .htmltags import (
    MARKUP_PATTERN,
    RAW_TEXT,
    TAG,
    TAG_NAME,
    TAG_PATTERN,
    TAG_STEP,
    comment_end,
    first_raw_text_start,
    raw_text_element,
    raw_text_end,
)

#: Markup as the view reads it (``sitekit.drawn``): a tag to its `>` or
#: the end of the text, a bogus comment, ``</>``.
_MARKUP = re.compile(MARKUP_PATTERN)
#: Markup that stays as it is, whatever text follows: a tag that closes,
#: or markup that is no tag (read to its first `>`). A tag whose quote is
#: still open at the end of a piece of text may close further on.
_OPEN_TAG = re.compile(rf"{TAG_PATTERN}|<(?!/?[A-Za-z])[^<>]*>")


@dataclass(frozen=True)
class RawTextContent:
    """The content of an element HTML reads as text (``RAW_TEXT``), from
    ``start`` to its end tag at ``end``, which its start tag (from ``tag``)
    says how to read: as text, when a page draws it (a ``<textarea>``'s,
    whose ``<!--`` is drawn), else as markup cut at ``end`` (a
    ``<script>``'s, ``sitekit.drawn._markup_parts``), where the same text
    elsewhere holds a comment that runs on."""

    tag: int
    start: int
    end: int
    drawn: bool


@dataclass(frozen=True)
class LastDrawnLine:
    """Where the last line a page draws of a text starts (``start``); where
    markup still open at its end starts (``opened``, or None): what follows
    may close it, and the page draws it with what follows as one line; and
    the element HTML reads as text whose content ``start`` lies in
    (``within``, or None): read without its start tag, the line reads
    otherwise."""

    start: int
    opened: int | None = None
    within: RawTextContent | None = None


def last_drawn_line(
    text: str, raw_text: bool = True, scripting: bool = True
) -> LastDrawnLine:
    """For text that more text may follow (a file read in chunks): where the
    last line a page draws of it starts, after the last line break outside
    every tag and comment, as the view reads them: in the content of an
    element HTML reads as text, one its reading draws (a ``<script>``'s
    content is read as markup, a ``<textarea>``'s as text). Without
    ``raw_text``, ``text`` is read as the view reads the content of an
    element not drawn (``sitekit.drawn._markup_parts``): markup, with no
    element in it read as text. ``scripting``: whether scripts run, which
    makes a ``<noscript>``'s content such text or ordinary markup
    (``sitekit.htmltags.raw_text_element``)."""
    if not (raw_text and first_raw_text_start(text, 0, scripting)):
        return _last_line_of_parts(text)
    line = LastDrawnLine(0)
    position = 0
    while (start := text.find("<", position)) != -1:
        if (found := text.rfind("\n", position, start)) != -1:
            line = LastDrawnLine(found + 1)
        if text.startswith("<!--", start):
            position, closed = comment_end(text, start)
            if not closed:
                return LastDrawnLine(line.start, start, line.within)
            continue
        if text.find("<", start + 1) == -1 and not _OPEN_TAG.match(text, start):
            # A tag still open (a quoted `>` may be read as its end until
            # its quote closes), or a plain `<`: what follows may say.
            return LastDrawnLine(line.start, start, line.within)
        tag = _MARKUP.match(text, start)
        if tag is not None and tag.end() == len(text) and not _closes(tag.group()):
            # A tag or a bogus comment the text ends inside, `<`s and all:
            # what follows may close it.
            return LastDrawnLine(line.start, start, line.within)
        position = start + 1 if tag is None else tag.end()
        if (
            raw_text
            and tag is not None
            and (name := raw_text_element(tag.group(), scripting))
        ):
            # Its content is text to its end tag, which what follows may
            # hold: read without this start tag, it would be markup.
            end = raw_text_end(text, position, name)
            if end == len(text):
                return LastDrawnLine(line.start, start, line.within)
            content = RawTextContent(start, position, end, RAW_TEXT[name])
            if found := _content_line_start(text, content):
                line = LastDrawnLine(found, None, content)
            position = end
    if (found := text.rfind("\n", position)) != -1:
        return LastDrawnLine(found + 1)
    return line


def _last_line_of_parts(text: str) -> LastDrawnLine:
    """``last_drawn_line`` of text no element in which is read as text:
    the markup read as the view reads it, with one regular expression
    (``split_markup``), not a tag at a time (a script's content may hold a
    hundred thousand ``<``). Only the last markup can be open (each reads
    to its end or the text's); after it, a `<` that starts no markup yet
    (the last of the text, no `>` after it) may start some with what
    follows, when no line break does (one at the end of the text says a
    new line starts, whatever its `<`)."""
    parts = split_markup(text)
    opened = None
    last = text.rfind("<")
    if len(parts) > 1 and not _closes(parts[-2]):
        opened = len(text) - len(parts[-1]) - len(parts[-2])
    elif (
        last >= len(text) - len(parts[-1])
        and ("\n" not in parts[-1] or text.endswith("<"))
        and not _OPEN_TAG.match(text, last)
    ):
        opened = last  # no line break after it, or nothing at all
    limit = len(text) if opened is None else opened
    end = len(text)
    for index in range(len(parts) - 1, -1, -1):  # the last line break first
        start = end - len(parts[index])
        if index % 2 == 0 and start < limit and "\n" in parts[index]:
            found = text.rfind("\n", start, min(end, limit))
            if found != -1:
                return LastDrawnLine(found + 1, opened)
        end = start
    return LastDrawnLine(0, opened)


def _content_line_start(text: str, content: RawTextContent) -> int:
    """Where the last line a page draws of an element's content starts, as
    the view reads that content; 0 if it has no line break outside markup."""
    if content.drawn:
        return text.rfind("\n", content.start, content.end) + 1
    inside = last_drawn_line(text[content.start : content.end], raw_text=False)
    return inside.start and content.start + inside.start


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
    tag = _MARKUP.match(text, opened)
    if tag is None:  # a `<` the character after it makes text
        return min(opened + 2, len(text))
    if opened_raw_text(tag.group()):
        return tag.end()
    if not _TAG_OPENING.match(text, opened):
        return opened + 2  # `<!`, `<?` or `</` and no letter
    return opened + 1


def opened_raw_text(markup: str) -> str | None:
    """The name of the element HTML reads as text (``RAW_TEXT``) that
    ``markup``, one tag as the view reads it, opens: only a start tag that
    closes opens one. A ``<script data-x="`` still open is a tag, whose
    middle a window may leave out (``tag_in_state``) like any other."""
    return raw_text_element(markup) if _closes(markup) else None


@dataclass(frozen=True)
class KeptOpening:
    """What stands for the middle of long markup a window leaves out
    (``kept_opening``): ``opening`` leaves HTML's tokenizer where the
    markup's reading leaves it, and ``reading`` (after it) leaves the
    view's reading of shown values there too (``sitekit.drawn.
    shown_reading_state``). A line break for those left out goes between,
    where it changes neither: inside a tag or bogus comment, before an
    attribute or a value that runs on to what follows."""

    opening: str
    reading: str = ""


def kept_opening(text: str, opened: int, resumed: int) -> KeptOpening:
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
    not markup or text. The view draws the values of shown attributes
    in any markup but a comment, a bogus comment too (``<!x alt=`` then
    a marker), so the shown value or name it reads at ``resumed`` is kept
    after the opening (``KeptOpening.reading``), and it ends in a name
    character where the text before ``resumed`` does (``_name_may_follow``):
    the view reads shown names left to right, each value taking what it
    reads, so one it reads where the text has none may take the shown value
    after it."""
    if resumed <= (end := opening_end(text, opened)):
        return KeptOpening(text[opened:end])  # nothing left out
    if text.startswith("<!--", opened):
        return KeptOpening("<!-- ")
    tag = _MARKUP.match(text, opened)
    if tag is None:
        return KeptOpening(text[opened:end])
    if opened_raw_text(tag.group()):
        return KeptOpening(tag.group())
    if not _TAG_OPENING.match(text, opened):
        viewed = shown_reading_state(text[opened:resumed])
        return KeptOpening(
            "<?", viewed + _name_may_follow(f"<?{viewed}", text[resumed - 1])
        )
    return tag_in_state(text, opened, resumed)


def tag_in_state(text: str, opened: int, resumed: int) -> KeptOpening:
    """A short tag opening that leaves HTML's tokenizer in the state that
    reading the tag at ``opened`` up to ``resumed`` leaves it in, so what
    follows ``resumed`` reads alike after either: in a quoted value (a
    shown attribute's, ``SHOWN``, if it was one), in an unquoted value,
    after ``=``, in a name, after a name (a ``=`` may follow), or before
    one. What the rest of the tag reads as hangs on names too, kept as far
    as they matter: the element's when HTML reads its content as text
    (``RAW_TEXT``: the tag, once closed, opens it), an attribute's when it
    is or may yet be a shown one as the view reads names (``alt`` cut
    after ``al``, ``x.alt``: ``_as_viewed``). Then the view's reading of
    shown values, where it reads one the tokenizer does not (``alt=`` in
    another attribute's value). Read a step at a time: this runs only for a
    tag still open after ``staticmarkers.MAX_CARRY`` characters, once a
    chunk."""
    name = TAG_NAME.match(text, opened, resumed)
    if name is None:  # not past its `<`
        return KeptOpening(text[opened:resumed])
    viewed = shown_reading_state(text[opened:resumed])
    rest = _tag_state(text, name, resumed)
    if rest is None:
        # In the tag's name, which what follows may make one HTML reads the
        # content after as text (no such name starts with `z`).
        part = name.group()
        opening = part if _may_start(part, _RAW_TEXT_OPENINGS) else "<z"
        opening = _with_viewed(opening, f".{viewed}", viewed)
        return KeptOpening(opening + _name_may_follow(opening, text[resumed - 1]))
    tag = name.group() if raw_text_element(f"{name.group()}>") else "<x"
    if shown_reading_state(f"<x{rest}") != viewed:
        # The view reads the tag's shown name otherwise (``e="alt="alt="``
        # ends inside a value of its own that closed): the tokenizer's
        # state alone, named as no shown attribute, then the view's.
        rest = _tag_state(text, name, resumed, shown=False)
    rest = _with_viewed_value(tag, rest, viewed)
    return KeptOpening(tag, rest + _name_may_follow(rest, text[resumed - 1]))


_NAME_CHARACTER = re.compile(r"[\w-]")


def _name_may_follow(kept: str, before: str) -> str:
    """What ``kept`` (the stand-in before what follows) ends with so that it
    ends as the text before what follows does (``before``, its last
    character), in a name character or not: the view reads a shown name
    right after a character of neither kind only (``alt`` after ``x.``,
    not after ``xy`` or ``x-``). Read where the text reads none, a name
    takes what follows as its value, and the shown value after that is
    lost (``-title=title='`` cut after ``-``). A `.` or a `y` (no shown
    name starts with one) leaves the tokenizer in a name or value, or a
    bogus comment, where it is; "" when ``kept`` ends so already."""
    if _NAME_CHARACTER.match(before):
        return "" if _NAME_CHARACTER.match(kept[-1:]) else "y"
    return "." if _NAME_CHARACTER.match(kept[-1:]) else ""


def _with_viewed(opening: str, reading: str, viewed: str) -> str:
    """``opening``, then ``reading`` when the view reads a shown value or
    name (``viewed``) the opening does not end in."""
    return opening + reading if viewed and not opening.endswith(viewed) else opening


def _with_viewed_value(tag: str, rest: str, viewed: str) -> str:
    """``rest`` (``_tag_state``, after ``tag``) with the view's reading of
    shown values (``viewed``) where the view reads one the tokenizer does
    not, in a way that leaves the tokenizer's state as it is: inside the
    tokenizer's own value, which ``.alt=`` continues (``data-x="alt=``
    read on); a quoted shown value in a value of its own before the rest
    (``data-x='alt="'`` then names); a shown name waiting for its value in
    an unquoted value before it (``data-x=alt= ``, after which the
    tokenizer reads names and the view a value), or a shown unquoted value
    read on over the names after it (``data-x=alt= y=``) or over a `/` the
    tokenizer reads as a space (``data-x=alt =z/``); or none, where the
    element's name kept (``<title``) is a shown one the view would read
    (``<title data-x="" ``, not ``<title `` then ``=title='``). Each is checked
    both ways, the tokenizer's state and the view's, and the first that
    reads as the text does kept. Names the view reads as shown the
    tokenizer's state keeps already (``_as_viewed``)."""
    if shown_reading_state(f"{tag}{rest}") == viewed:
        return rest
    name = re.match(r"[\w-]*", viewed).group()  # "" where the view reads none
    quote = "'" if viewed.endswith('"') else '"'
    for kept in (
        f"{rest}.{viewed}",
        f" data-x={quote}{viewed}{quote}{rest}",
        f" data-x={viewed}{rest}",
        f" data-x={viewed[:-1]}{rest}",
        f" data-x={name} ={rest}",
        f" data-x={name} = ",
        f" data-x={name} =",
        f" data-x={name} =z/",
    ):
        if _reads_as(tag, kept, rest, viewed):
            return kept
    return rest


def _reads_as(tag: str, kept: str, rest: str, viewed: str) -> bool:
    """Whether ``kept`` after ``tag`` leaves the tokenizer where ``rest``
    does and the view's reading of shown values at ``viewed``."""
    if shown_reading_state(f"{tag}{kept}") != viewed:
        return False
    text = f"{tag}{kept}"
    name = TAG_NAME.match(text)
    return _tag_state(text, name, len(text), shown=False) == _tag_state(
        f"{tag}{rest}", TAG_NAME.match(f"{tag}{rest}"), len(tag) + len(rest), False
    )


def _tag_state(
    text: str, name: re.Match[str], resumed: int, shown: bool = True
) -> str | None:
    """What after its name stands for a tag's reading at ``resumed``
    (``tag_in_state``); None inside its name. Its attribute names are kept
    where the view reads them as shown ones (``_as_viewed``), unless not
    ``shown``."""
    position, before, last = name.end(), None, None
    while position < resumed and (step := TAG_STEP.match(text, position, resumed)):
        before, last = last, step
        position = step.end()
    if last is None:
        return None
    if last.group("spaces") is not None:
        alone = before is not None and before.group("name") is not None
        if alone and before.group("equals") is None and "/" not in last.group():
            # After a name: a `=` gives it a value.
            return f" {_as_viewed(before.group('name'), 'y', shown)} "
        return " "
    kept = _as_viewed(last.group("name"), "data-x", shown)
    if (value := last.group("quoted")) is not None:
        if len(value) == 1 or value[-1] != value[0]:
            return f" {kept}={value[0]}"  # still open
        return " "
    if last.group("unquoted") is not None:
        return f" {kept}=z"
    if last.group("equals") is not None:
        return f" {kept}="
    # In a name, which what follows may make a shown one (no shown name
    # starts with `y`).
    return f" {_as_viewed(last.group('name'), 'y', shown)}"


_RAW_TEXT_OPENINGS = tuple(f"<{name}" for name in RAW_TEXT)


def _as_viewed(attribute: str, other: str, shown: bool = True) -> str:
    """``attribute`` as short as the view reads it (``sitekit.drawn.
    shown_reading_state``): whole if it is a shown name or the start of
    one, the shown name it ends in after a `.` (``x.alt``, ``x.al``), else,
    or if not ``shown``, ``other``."""
    viewed = shown_reading_state(f" {attribute}") if shown else ""
    if not viewed:
        return other
    return attribute if viewed.lower() == attribute.lower() else f".{viewed}"


def _may_start(part: str, names: tuple[str, ...]) -> bool:
    """Whether ``part`` is the start of one of ``names``, in any case."""
    return any(name.startswith(part.lower()) for name in names)


def outside_tags(
    text: str, start: int, position: int, raw_text: bool = True, scripting: bool = True
) -> int:
    """The first place at or after ``position`` that lies outside every tag
    and comment, reading from ``start`` (outside them): where text may be
    cut and still draw as it does whole. ``raw_text`` and ``scripting``: as
    ``last_drawn_line``'s. Without an element read as text before ``position``, the
    markup is read with one regular expression (``split_markup``), not a
    tag at a time."""
    raw = first_raw_text_start(text, start, scripting) if raw_text else None
    if raw is None or raw.start() >= position:
        parts = split_markup(text[start:])
        ends = list(accumulate(map(len, parts)))
        index = bisect_right(ends, position - start)  # the part it lies in
        markup = index % 2 and index < len(parts)
        if markup and ends[index] - len(parts[index]) < position - start:
            return start + ends[index]  # it lies inside markup: its end
        return position
    at = start
    while (found := text.find("<", at)) != -1 and found < position:
        if text.startswith("<!--", found):
            end = comment_end(text, found)[0]
        else:
            tag = _MARKUP.match(text, found)
            end = found + 1 if tag is None else tag.end()
            name = raw_text_element(tag.group(), scripting) if tag else None
            if raw_text and name is not None:
                end = raw_text_end(text, end, name)  # its content, whole
        if end > position:
            return end
        at = end
    return position
