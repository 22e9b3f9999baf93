"""`reflect suggest`: lessons from the vocabulary that a post seems to teach.

Each lesson's words (title, aliases, description) and each sentence of the
post are reduced to stems with snowballstemmer, so "prepared" meets
"prepare" and "introductions" meets "introduction". A lesson is suggested
when one sentence holds most of a title or alias, backed by words of its
description elsewhere in the post. Every suggestion keeps the sentences
behind it, so the writer can judge it; README.md reports how often it is
right on a labelled corpus (tests/fixtures/suggest-corpus/).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from reflections.model import KnownLesson
from reflections.resolve.vocabulary import Vocabulary

#: The score from which a lesson is suggested (see README, "reflect suggest").
THRESHOLD = 0.5
#: A title or alias counts in a sentence when this share of its words, and
#: at least two of them, are there (one shared word, "learn", is chance).
PHRASE_COVERAGE = 0.6
PHRASE_WEIGHT = 0.7  # the rest of the score is the description's words
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Words that say nothing about a lesson; numbers are not words here at all.
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


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    stems: frozenset[str]


@dataclass(frozen=True)
class Suggestion:
    lesson: KnownLesson
    score: float
    evidence: tuple[Sentence, ...]


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    words = [w.removesuffix("'s").strip("'") for w in words]
    return _stemmer().stemWords([w for w in words if w and w not in STOPWORDS])


def sentences(source: str) -> list[Sentence]:
    """The post's prose as sentences with the line each starts on.

    The metadata, fenced code and private notes are left out: none of them
    is what the post says to a reader.
    """
    found: list[Sentence] = []
    lines = source.splitlines()
    body_start = next((n for n, line in enumerate(lines) if not line.strip()), 0)
    paragraph: list[tuple[int, str]] = []
    fenced = private = False

    def flush() -> None:
        if paragraph:
            found.extend(_split(paragraph))
            paragraph.clear()

    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            flush()
            continue
        if fenced:
            continue
        if re.match(r"^\s*(?:>\s*)+\[!private\]", line, re.I):
            private = True
        if not line.strip():
            private = False
            flush()
            continue
        if private:
            continue
        text = re.sub(
            r"^\s*(?:>\s*)*(?:\[!lesson\]\s*)?(?:#+\s+|[-*+]\s+|\d+\.\s+)?", "", line
        )
        paragraph.append((number, text))
    flush()
    return found


def _split(paragraph: list[tuple[int, str]]) -> list[Sentence]:
    pieces: list[Sentence] = []
    for number, text in paragraph:
        for part in re.split(r"(?<=[.!?])\s+", text):
            if not part.strip():
                continue
            # A sentence that runs on from the line before continues it.
            if pieces and not re.search(r"[.!?:][\"”’)]*$", pieces[-1].text):
                last = pieces.pop()
                joined = f"{last.text} {part.strip()}"
                pieces.append(Sentence(last.line, joined, frozenset(stems(joined))))
            else:
                pieces.append(Sentence(number, part.strip(), frozenset(stems(part))))
    return pieces


@dataclass(frozen=True)
class LessonTerms:
    lesson: KnownLesson
    phrases: tuple[frozenset[str], ...]  # the title's and each alias's stems
    description: dict[str, float]  # stem -> weight (rarer across lessons: more)


def lesson_terms(vocabulary: Vocabulary) -> list[LessonTerms]:
    entries = list(vocabulary.lessons.values())
    described = {e.slug: set(stems(e.description)) for e in entries}
    frequency: dict[str, int] = {}
    for words in described.values():
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    total = max(len(entries), 1)
    terms = []
    for entry in entries:
        phrases = tuple(
            frozenset(stems(text)) for text in (entry.title, *entry.aliases)
        )
        weights = {
            word: math.log(1 + total / frequency[word])
            for word in described[entry.slug]
        }
        terms.append(LessonTerms(entry, tuple(p for p in phrases if p), weights))
    return terms


def suggest(
    source: str,
    vocabulary: Vocabulary,
    known: Iterable[str] = (),
    threshold: float = THRESHOLD,
) -> list[Suggestion]:
    """Lessons the post seems to teach, best first; ``known`` (slugs the post
    names already) are never suggested."""
    found = sentences(source)
    post_stems = frozenset().union(*(s.stems for s in found)) if found else frozenset()
    suggestions = []
    for terms in lesson_terms(vocabulary):
        if terms.lesson.slug in set(known):
            continue
        suggestion = _score(terms, found, post_stems)
        if suggestion.score >= threshold:
            suggestions.append(suggestion)
    return sorted(suggestions, key=lambda s: (-s.score, s.lesson.title))


def _score(terms: LessonTerms, found: list[Sentence], post_stems) -> Suggestion:
    best, evidence = 0.0, []
    for sentence in found:
        coverage = max(
            (
                len(phrase & sentence.stems) / len(phrase)
                for phrase in terms.phrases
                if len(phrase & sentence.stems) >= 2
            ),
            default=0.0,
        )
        if coverage >= PHRASE_COVERAGE:
            evidence.append((coverage, sentence))
            best = max(best, coverage)
    weights = terms.description
    described = (
        sum(w for word, w in weights.items() if word in post_stems)
        / sum(weights.values())
        if weights
        else 0.0
    )
    score = PHRASE_WEIGHT * best + (1 - PHRASE_WEIGHT) * described if best else 0.0
    evidence.sort(key=lambda item: (-item[0], item[1].line))
    return Suggestion(terms.lesson, round(score, 2), tuple(s for _, s in evidence[:3]))
