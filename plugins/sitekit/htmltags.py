"""Where an HTML tag or comment starts and ends, as HTML's tokenizer reads
it: the one reader of tags the site's checks share.

Two jobs lean on it: privacy's view of the page as drawn
(``sitekit.drawn``), which takes tags out of the text to see the words a
reader is shown, and the note of ``{static}`` links Pelican leaves as
written (``sitekit.sitelinks``), which looks for them inside tags. Each
had its own reader, mended apart; a privacy leak came from one of them
(``<img alt="a < b [!priv&#97;te]">`` was cut at the ``<``).

As HTML reads a start or end tag (``<`` then a letter, or ``</`` then a
letter): a value is quoted only right after its ``=`` (and spaces), and a
quoted value may hold ``<`` and ``>`` (``alt="a > b"`` is one tag); a quote
anywhere else is a character of a name or of an unquoted value
(``<a b"c>`` ends at its ``>``), and so is a ``<`` (``<b title=x<!--
y>`` is one tag, and what follows it is drawn). A reading always ends at
a ``>`` or with the text (``TAG_OR_CUT``: a tag the text ends inside is
not drawn), so a scanner resumes after it and reads each character once:
a page is read in time linear in its length (``tests/test_tokens13.py``
counts the characters read).

A comment ends where HTML ends it too (``COMMENT_PATTERN``): ``<!-->`` is
a whole one, and the text after it is drawn.

An element whose content HTML reads as text, not markup, to its end tag
(``RAW_TEXT``: ``<textarea>``, ``<script>``, ``<style>``...) holds no tag
or comment: a ``<!--`` in a ``<textarea>`` is drawn as it is, and its end
tag closes the element even where a comment or a quoted value would run on
elsewhere (``<script><!--</script>`` ends the script, and what follows is
drawn). ``raw_text_element`` and ``raw_text_end`` say where.

What a tag does not close (a quote left open, the end of the text) is no
``TAG``: ``start_tags`` reads it to the next ``>`` (for the links in it),
and the drawn view draws none of it, as HTML does (``TAG_OR_CUT``), or,
for a file read in chunks, waits for what follows (``sitekit.drawn``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPACE = r"\t\n\f\r "

#: A tag's reading up to where it closes or gives up, every step taken
#: once and never given back (possessive), so the characters it matches
#: are the characters it reads: ``</?name``, then spaces and slashes,
#: and attributes, each a name (its first character may be ``=``, as HTML
#: reads one there) and, after ``=``, a quoted value (to its closing quote
#: or the end of the text) or an unquoted one. A name followed by spaces
#: and no ``=`` is a name alone. Every step reads on, so the reading stops
#: only before a ``>`` or at the end of the text.
_READING = "".join(
    (
        rf"</?[A-Za-z][^{_SPACE}/>]*+",
        r"(?:",
        rf"[{_SPACE}/]++",
        rf"|[^{_SPACE}/>][^{_SPACE}/=>]*+",
        rf"(?:[{_SPACE}]*+=[{_SPACE}]*+",
        rf"""(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^{_SPACE}>"'][^{_SPACE}>]*+|(?=>)|\Z)""",
        rf"|(?![{_SPACE}]*+=))",
        r")*+",
    )
)

#: The reading again, a step at a time (``sitekit.drawncuts.tag_in_state``,
#: which must know a tag's state where its reading stops): its name, then
#: each step, its parts named. Kept beside ``_READING``, step for step
#: (``re`` misplaces a group inside a possessive repeat, so no one
#: pattern names the last step).
TAG_NAME = re.compile(rf"</?[A-Za-z][^{_SPACE}/>]*")
TAG_STEP = re.compile(
    "".join(
        (
            rf"(?P<spaces>[{_SPACE}/]+)",
            rf"|(?P<name>[^{_SPACE}/>][^{_SPACE}/=>]*)",
            rf"(?:(?P<equals>[{_SPACE}]*=[{_SPACE}]*)",
            r"""(?:(?P<quoted>"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))""",
            rf"""|(?P<unquoted>[^{_SPACE}>"'][^{_SPACE}>]*)|(?=>)|\Z)""",
            rf"|(?![{_SPACE}]*=))",
        )
    )
)

#: How far a tag's reading goes from a ``<`` (see ``reading_length``).
TAG_READING = re.compile(_READING)

#: A start or end tag that closes: its reading, then ``>``. A value whose
#: quote is left open reads to the end of the text, where no ``>`` follows.
TAG_PATTERN = rf"(?:{_READING}>)"
TAG = re.compile(TAG_PATTERN)
#: A start or end tag, closed or cut by the end of the text (which HTML
#: draws nothing of): from a ``<`` and a letter it always matches.
TAG_OR_CUT_PATTERN = rf"(?:{_READING}(?:>|\Z))"

#: A comment as HTML reads one: ``<!-->`` and ``<!--->`` are whole (empty)
#: comments, and one ends at the first ``-->`` or ``--!>`` after its
#: ``<!--``, or with the text.
COMMENT_PATTERN = r"<!--(?s:-?>|.*?--!?>|.*\Z)"
#: Markup HTML reads as a comment though it is none (a "bogus comment"):
#: ``<!`` without ``--`` (``<!doctype html>`` is read to its ``>`` too),
#: ``<?``, and ``</`` before neither a letter nor ``>``. It runs to the
#: first ``>``, a ``<`` inside it included (``<!<!-- x>`` ends there, and
#: what follows is drawn), or with the text.
BOGUS_COMMENT_PATTERN = r"<(?:!(?!--)|\?|/(?![A-Za-z>]))[^>]*+(?:>|\Z)"
BOGUS_COMMENT = re.compile(BOGUS_COMMENT_PATTERN)
#: Markup as a page reads it, but for comments (``COMMENT_PATTERN``): a
#: tag to its ``>`` or the end of the text, a bogus comment, and ``</>``,
#: which HTML drops. Any other ``<`` (``<3``, ``< b>``, ``<[``) is a
#: character HTML draws, and so is what follows it. Tried at a ``<``, each
#: reads no further than HTML's tokenizer does, and a scan goes on after
#: it, so a scan is linear.
MARKUP_PATTERN = rf"{TAG_OR_CUT_PATTERN}|{BOGUS_COMMENT_PATTERN}|</>"
#: What closes a comment, from just after its ``<!--``.
_COMMENT_CLOSE = re.compile(r"-?>|(?s:.*?)--!?>")


def comment_end(text: str, start: int) -> tuple[int, bool]:
    """Where the comment starting at ``start`` ends, and whether it closes
    there (or runs to the end of the text, which more text may close)."""
    close = _COMMENT_CLOSE.match(text, start + 4)
    if close is None:
        return len(text), False
    return close.end(), True


#: A start tag that closes.
_START_TAG = re.compile(rf"(?=<[A-Za-z]){TAG_PATTERN}")
_START_TAG_OPENING = re.compile(r"<[A-Za-z]")


def reading_length(text: str, start: int) -> int:
    """How many characters the reading of a tag at ``start`` looks at: what
    a regular expression built on ``TAG_PATTERN`` costs there. The tests
    sum it over every ``<`` of a text to hold the reading linear."""
    reading = TAG_READING.match(text, start)
    return 1 if reading is None else reading.end() - start + 1


def start_tags(text: str) -> Iterator[tuple[int, int]]:
    """Where each start tag of ``text`` begins and ends, read as HTML's
    tokenizer reads one. A ``<`` and a letter that start no tag that
    closes (a quote left open, the end of the text) run to the next ``>``
    (or the end of the text): for the links inside them, what the browser
    does with the rest of the page cannot be known from the text alone."""
    position = 0
    while opening := _START_TAG_OPENING.search(text, position):
        start = opening.start()
        tag = _START_TAG.match(text, start)
        if tag is not None:
            end = tag.end()
        else:
            close = text.find(">", start)
            end = len(text) if close == -1 else close + 1
        yield start, end
        position = end


#: Elements whose content HTML's tokenizer reads as text to their end tag
#: (RCDATA, RAWTEXT, script data, and PLAINTEXT, which never ends), each
#: with whether a page draws that content: a ``<textarea>``'s and an
#: ``<xmp>``'s are drawn (a ``<title>``'s is not, but reading it as drawn
#: only shows more); a script's, a style's, an iframe's are not, and a
#: ``<noscript>``'s is read as markup when scripting is off, so it is
#: better read as markup that ends where the raw text does.
RAW_TEXT = {
    **dict.fromkeys(("textarea", "title", "xmp", "plaintext"), True),
    **dict.fromkeys(
        ("script", "style", "iframe", "noembed", "noframes", "noscript"), False
    ),
}
RAW_TEXT_START = re.compile(rf"<({'|'.join(RAW_TEXT)})(?=[{_SPACE}/>])", re.IGNORECASE)
#: Where a ``<noscript>`` may start: a page draws what follows two ways, as
#: scripts run or not (``raw_text_element``).
NOSCRIPT_START = re.compile(r"<noscript", re.IGNORECASE)


def raw_text_element(markup: str, scripting: bool = True) -> str | None:
    """The name of the element ``markup`` (one tag, as read) opens, if HTML
    reads its content as text (``RAW_TEXT``); None for any other markup.
    A ``<noscript>`` is such an element only where scripts run
    (``scripting``); where they do not, its content is ordinary markup."""
    opened = RAW_TEXT_START.match(markup)
    if opened is None:
        return None
    name = opened.group(1).lower()
    return None if name == "noscript" and not scripting else name


def first_raw_text_start(
    text: str, start: int = 0, scripting: bool = True
) -> re.Match[str] | None:
    """The first start of an element HTML reads as text in ``text`` from
    ``start`` (``RAW_TEXT_START``), read with scripts running or not
    (``raw_text_element``)."""
    for found in RAW_TEXT_START.finditer(text, start):
        if scripting or found.group(1).lower() != "noscript":
            return found
    return None


def raw_text_end(text: str, start: int, name: str) -> int:
    """Where the content of a ``name`` element (``RAW_TEXT``) that starts
    at ``start`` ends: at its end tag (``</name`` then a space, ``/`` or
    ``>``, in any case), or at the end of the text."""
    if name == "plaintext":
        return len(text)
    end = re.compile(rf"</{name}(?=[{_SPACE}/>])", re.IGNORECASE).search(text, start)
    return len(text) if end is None else end.start()
