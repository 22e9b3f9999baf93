"""A post's prose as sentences of word stems, for `reflect suggest`.

Only what the post says to a reader counts: not its metadata, fenced code,
private notes, link targets or images. Words are reduced to stems with
snowballstemmer (English) so "prepared" meets "prepare", and a few forms it
cannot join are joined first (``IRREGULAR_FORMS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from reflections.parse.names import callout_marker

#: Words that say nothing about a lesson.
STOPWORDS = frozenset(
    """a about above after again all an and any are as at be because been before
    being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in
    into is it its just me more most my no nor not now of off on once only or other
    our out over own same she should so some such than that the their them then
    there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours one
    get got make made every first s t let us also much many really""".split()
)
#: Forms the stemmer cannot join to their word ("wrote" is not "write" to
#: it): irregular verbs people use to tell a conversation, nouns it keeps
#: apart from their verb, and spellings it keeps apart from each other.
IRREGULAR_FORMS = {
    form: word
    for line in """
    begin began begun; bring brought; buy bought; choose chose chosen;
    come came; do did done; feel felt; find found; get got gotten;
    give gave given; go went gone; hear heard; hold held; keep kept;
    know knew known; lead led; leave left; lose lost; make made; meet met;
    pay paid; say said; see saw seen; sell sold; send sent; sit sat;
    speak spoke spoken; spend spent; take took taken; teach taught;
    tell told; think thought; understand understood; write wrote written;
    introduce introduction introductions; describe description descriptions;
    explain explanation; decide decision decisions; practice practise;
    practiced practised; practicing practising; loud aloud
    """.split(";")
    for word, *forms in [line.split()]
    for form in forms
}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a post's prose: the line it starts on, its text, and
    the stems of its content words in order (stop words left out)."""

    line: int
    text: str
    stems: tuple[str, ...]
    words: tuple[str, ...] = ()  # every word, stop words included


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@cache
def _stem(word: str) -> str:
    return _stemmer().stemWord(IRREGULAR_FORMS.get(word, word))


def words(text: str) -> list[str]:
    """Every word of ``text`` as a stem, stop words included, in order."""
    found = []
    for word in _WORD.findall(text):
        word = word.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
        word = IRREGULAR_FORMS.get(word, word)  # "did" is "do", stop word or not
        if word:
            found.append(word if word in STOPWORDS else _stem(word))
    return found


def stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning, in order."""
    return [word for word in words(text) if word not in STOPWORDS]


# Markdown that is not prose: images, the target of a link, inline HTML tags,
# code spans. A link keeps its text. Each ends before the next one's opening
# character (``[``, ``<``), so a line of openers that never close ("a <b a
# <b ...", an imported post's) is read once, not once from every opener:
# the time was in the square of the line's length. An address may hold
# brackets and parentheses in pairs (``ids[]=1``, ``Foo_(bar)``), never
# one left open.
_TARGET = r"\((?:[^()\[\]]|\[[^()\[\]]*\]|\([^()\[\]]*\))*\)"
_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]]*)\]" + _TARGET)
_TAG = re.compile(r"<[^<>\n]+>")
_CODE = re.compile(r"`[^`\n]*`")
_BLOCK_START = re.compile(
    r"^\s*(?:>\s*)*(?:\[![a-z]+\]\s*)?(#+\s+|[-*+]\s+|\d+[.)]\s+)?"
)
# A labelled line within a callout (``> Situation: ...``, ``> Lessons: ...``);
# its first line (``> [!story] Title``) is read as the build reads it
# (``reflections.parse.names``: folded, as a private marker is).
_CALLOUT_FIELD = re.compile(r"^\s*(?:>\s*)+([A-Z][A-Za-z]*):\s")


def sentences(source: str) -> list[Sentence]:
    """The post's prose as sentences, each with the line it starts on.

    The metadata (up to the first blank line), fenced code and private notes
    are left out: none of them is what the post says to a reader. A heading
    and each list item stand alone, so the words of two items never make a
    phrase together; so do a callout's title and each labelled part of it
    (``Situation:``...), whose label is not prose. A callout's ``Lessons:``
    line names lessons rather than tells them: it is left out like the
    metadata.
    """
    found: list[Sentence] = []
    lines = source.splitlines()
    body_start = next((n for n, line in enumerate(lines) if not line.strip()), 0)
    block: list[tuple[int, str]] = []
    fence = ""
    private = False
    in_callout = False

    def flush() -> None:
        if block:
            found.extend(_split(block))
            block.clear()

    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = stripped[:3]
            continue
        if re.match(r"^\s*(?:>\s*)+\[!private\]", line, re.I):
            flush()
            private = True
        if not line.strip() or re.fullmatch(r"\s*(?:>\s*)+", line):
            private = False
            in_callout = in_callout and bool(line.strip())
            flush()
            continue
        if private:
            continue
        if not stripped.startswith(">"):
            in_callout = False
        field = _CALLOUT_FIELD.match(line) if in_callout else None
        if field:
            flush()
            if field.group(1).lower() == "lessons":
                continue
        callout = callout_marker(line)
        in_callout = in_callout or bool(callout)
        marker = _BLOCK_START.match(line)
        if callout or (marker and marker.group(1)):  # these start a block
            flush()
        start = field or marker
        text = line[start.end() :] if start else line
        text = _CODE.sub(" ", _TAG.sub(" ", _LINK.sub(r"\1", _IMAGE.sub(" ", text))))
        block.append((number, text))
        if callout or (marker and (marker.group(1) or "").startswith("#")):
            flush()  # a heading or a callout's title is a block of its own
    flush()
    return found


def _split(block: list[tuple[int, str]]) -> list[Sentence]:
    """The sentences of one paragraph, heading or list item."""
    # Each sentence's parts, joined once it is whole: a paragraph of lines
    # that never ends a sentence was copied again at every line (quadratic).
    pieces: list[tuple[int, list[str]]] = []
    open_sentence = False
    for number, text in block:
        for part in re.split(r"(?<=[.!?])[\"”’)]*\s+", text.strip()):
            part = " ".join(part.split())
            if not part:
                continue
            if open_sentence and pieces:  # runs on from the line before
                pieces[-1][1].append(part)
            else:
                pieces.append((number, [part]))
            open_sentence = not re.search(r"[.!?:;][\"”’)*_]*$", part)
    return [
        Sentence(line, text, tuple(stems(text)), tuple(words(text)))
        for line, text in ((line, " ".join(parts)) for line, parts in pieces)
    ]
