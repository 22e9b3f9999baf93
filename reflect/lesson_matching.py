"""Where a post says what a lesson says: the evidence behind `reflect suggest`.

Pure functions over a post's Markdown and the vocabulary's entries (anything
with a slug, title, aliases, description and cues), so the scoring can be
read, tested and measured apart from the command and from the build.

Words are reduced to stems with snowballstemmer, stop words left out. Three
kinds of evidence count, the strongest one winning:

- A title or alias as a phrase in one sentence: its words standing
  together (at most one other word between two of them). "The pay cut was
  real" holds *Price the pay cut before you leap* although it never says
  "price"; "I need to show what the work did" does not hold *Show your
  work* word by word, since "show" and "work" stand apart. Sentences just
  before and after that give evidence too (a clause that paraphrases an
  alias, or a cue) add to it.
- A cue from the vocabulary (``cues:`` in lessons.yml), said in one
  sentence word for word, give or take a pronoun, a number, a few words
  between or other stop words: a phrase the writer knows they use for the
  lesson without naming it ("my manager's manager" for *Interview two
  levels up*). Alone it is not enough; the lesson's words around it back
  it up.
- The lesson's words gathered in a few sentences in a row, a description's
  words counting less than a title's or alias's, and rare words more than
  common ones: how a post that tells a lesson in other words is found.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from .prose import STOPWORDS, Sentence, sentences, stems, words

#: Common words that carry a lesson only together with others: alone, or two
#: of them side by side ("looks like", "two levels"), they are chance.
LIGHT_WORDS = frozenset(
    """ask say tell talk look like good great keep take give put find use try
    run start show go come want need think know see work way thing time new
    next day week month year two three people person job role team help lot
    back well right better best big small real long little part end point case
    kind sort bit sure last still even another something anything nothing
    someone anyone everyone learn question answer thank""".split()
)
#: What a light word weighs against another.
LIGHT_WEIGHT = 0.5
#: A word in the titles or aliases of n lessons weighs 1/n ** this in each
#: ("out loud" is in two lessons' titles, so says less about either).
SHARING_POWER = 0.5
#: Two matched words are "together" when at most this many other content
#: words stand between them (stop words aside).
NEAR = 1
#: A matched word that stands apart from the phrase's other words counts
#: this much of a word that stands with them.
APART = 0.5
#: The weight of a phrase's words found together that is full evidence.
PHRASE_FULL = 2.4
#: How much a description's words count against a title's or alias's.
DESCRIPTION_WEIGHT = 0.7
#: Sentences in a row whose words are gathered for a lesson.
PASSAGE = 3
#: The share of a lesson's words (by weight) a passage holds for full
#: evidence.
WORDS_FULL = 0.35
#: How much the best evidence in the sentences around the best one adds.
NEARBY_WEIGHT = 0.3
#: How many sentences before and after count as nearby.
NEARBY_SPAN = 2
#: Words that stand for a person, any one of them for any other when a
#: phrase or cue is matched word for word.
PRONOUNS = frozenset(
    """i me my mine myself you your yours yourself he him his himself she her
    hers herself they them their theirs themselves we us our ours""".split()
)
#: Numbers, said in words or figures: one stands for another in a phrase
#: or cue, as a pronoun does (the count is the writer's, not the lesson's).
NUMBERS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve
    fifteen twenty thirty forty fifty hundred thousand dozen""".split()
)
#: Kinds of words any one of which stands for any other of its kind.
INTERCHANGEABLE = (PRONOUNS, NUMBERS, frozenset({"each", "every"}))
#: What a cue held by a sentence is worth alone (a cue is a phrase that
#: suggests a lesson without naming it: see ``cue_holds``).
CUE_WEIGHT = 0.6
#: Other words a cue's words may have between them in a sentence.
CUE_GAP = 2
#: Sentences before and after a cue whose lesson words back it up.
CUE_SPAN = 1


class LessonEntry(Protocol):
    """What matching needs of a vocabulary entry (``KnownLesson`` fits)."""

    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def description(self) -> str: ...
    @property
    def cues(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class LessonMatch:
    """How strongly a post says one lesson, and the sentences that say it."""

    slug: str
    score: float
    evidence: tuple[Sentence, ...]


@cache
def _light_stems() -> frozenset[str]:
    return frozenset(stems(" ".join(LIGHT_WORDS)))


@dataclass(frozen=True)
class Phrase:
    """A title or alias: its content stems, and all its words in order."""

    stems: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class LessonTerms:
    """A lesson as matching sees it: its phrases, and the weight of each of
    its words (common words, and words other lessons share, weigh less)."""

    slug: str
    phrases: tuple[Phrase, ...]  # the title and each alias
    cues: tuple[tuple[str, ...], ...]  # each cue's words, stop words included
    phrase_weight: dict[str, float]  # stem of a phrase -> its weight there
    word_weight: dict[str, float]  # every stem of the lesson -> its weight


def lesson_terms(entries: Iterable[LessonEntry]) -> list[LessonTerms]:
    """Each entry's phrases and weights, the weights relative to the others:
    a word found in the phrases or descriptions of many lessons says little
    about any one of them."""
    entries = list(entries)
    light = _light_stems()

    def common(stem: str) -> float:
        return LIGHT_WEIGHT if stem in light else 1.0

    phrased = {
        entry.slug: tuple(
            Phrase(tuple(stems(text)), tuple(words(text)))
            for text in (entry.title, *entry.aliases)
            if stems(text)
        )
        for entry in entries
    }
    described = {entry.slug: set(stems(entry.description)) for entry in entries}
    in_phrases: dict[str, int] = {}
    in_lessons: dict[str, int] = {}
    for entry in entries:
        phrase_stems = {stem for phrase in phrased[entry.slug] for stem in phrase.stems}
        for stem in phrase_stems:
            in_phrases[stem] = in_phrases.get(stem, 0) + 1
        for stem in phrase_stems | described[entry.slug]:
            in_lessons[stem] = in_lessons.get(stem, 0) + 1
    total = len(entries)
    terms = []
    for entry in entries:
        phrases = phrased[entry.slug]
        phrase_stems = {stem for phrase in phrases for stem in phrase.stems}
        phrase_weight = {
            stem: common(stem) / in_phrases[stem] ** SHARING_POWER
            for stem in phrase_stems
        }
        word_weight = {
            stem: common(stem)
            * math.log(1 + total / in_lessons[stem])
            * (1.0 if stem in phrase_stems else DESCRIPTION_WEIGHT)
            for stem in phrase_stems | described[entry.slug]
        }
        cues = tuple(tuple(words(cue)) for cue in entry.cues if words(cue))
        terms.append(LessonTerms(entry.slug, phrases, cues, phrase_weight, word_weight))
    return terms


def _positions(sentence: Sentence) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for position, stem in enumerate(sentence.stems):
        where.setdefault(stem, []).append(position)
    return where


def _together(present: list[str], where: dict[str, list[int]]) -> set[str]:
    """The stems of ``present`` that stand near another of them.

    Each place of one stem looks at the few places near it, not at every
    place of the other: a sentence saying two of them thousands of times
    apart took time in the square of that."""
    linked = set()
    for i, first in enumerate(present):
        for second in present[i + 1 :]:
            places = set(where[second])
            if any(
                a + offset in places
                for a in where[first]
                for offset in range(-NEAR - 1, NEAR + 2)
            ):
                linked.update((first, second))
    return linked


def _same(a: str, b: str) -> bool:
    """Whether two words count as one: the same stem, two pronouns ("do
    your homework" is "I did my homework" told by its writer), or two of a
    kind of word that tells the same thing with another value: numbers
    ("six months from now" is "twelve months from now") and "each" or
    "every" ("every Friday" is "each Friday")."""
    return a == b or 0 < _kind(a) == _kind(b)


@cache
def _kind(word: str) -> int:
    """Which kind of ``INTERCHANGEABLE`` a word (as ``words`` gives it) is
    of, counting from 1; 0 for none."""
    if word.isdigit():
        return 1 + INTERCHANGEABLE.index(NUMBERS)
    return next(
        (n for n, kind in enumerate(INTERCHANGEABLE, 1) if word in _words(kind)), 0
    )


@cache
def _words(kind: frozenset[str]) -> frozenset[str]:
    return frozenset(words(" ".join(kind)))


@lru_cache(maxsize=4096)
def _present(said: tuple[str, ...]) -> tuple[frozenset[str], frozenset[int]]:
    """The words of a sentence, and the kinds of ``INTERCHANGEABLE`` word it
    holds: a word that is neither, nor of one of those kinds, is the same
    (``_same``) as none of its words."""
    return frozenset(said), frozenset(_kind(word) for word in said) - {0}


def _any_same(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether a word of ``first`` is the same (``_same``) as one of
    ``second``: matching runs for every phrase and cue in every sentence,
    and most hold none of its words."""
    present, kinds = _present(tuple(second))
    return any(word in present or _kind(word) in kinds for word in first)


def _longest_common_run(first: Sequence[str], second: Sequence[str]) -> int:
    """The length of the longest run of words that both hold in order
    (``_same``, spelt out: it runs for every phrase in every sentence)."""
    if not _any_same(first, second):
        return 0
    kinds = [(b, _kind(b)) for b in second]
    best, previous = 0, [0] * (len(second) + 1)
    for a in first:
        kind = _kind(a)
        current = [0] * (len(second) + 1)
        for j, (b, other) in enumerate(kinds, start=1):
            if a == b or 0 < kind == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def phrase_strength(
    phrase: Phrase, sentence: Sentence, weight: dict[str, float]
) -> float:
    """How strongly ``sentence`` holds a title or alias, from 0 to 1.

    Said word for word (stop words too: "learning from every no") it holds
    all of it. Otherwise each of its content words there adds its weight,
    fully when it stands together with another of them and ``APART`` of it
    when it stands apart, and ``PHRASE_FULL`` in weight is full evidence:
    two distinctive words side by side ("the pay cut") are enough, whatever
    the phrase's length. It takes two words at least, one of them
    distinctive unless three words of the phrase run together ("what good
    looks like"): a single word, or two common words side by side ("looks
    like"), is chance.
    """
    run = _longest_common_run(phrase.words, sentence.words)
    if run == len(phrase.words) and len(phrase.words) > 1:
        return 1.0
    where = _positions(sentence)
    present = [stem for stem in dict.fromkeys(phrase.stems) if stem in where]
    if len(present) < 2:
        return 0.0
    content_run = _longest_common_run(phrase.stems, sentence.stems)
    if content_run == len(phrase.stems) > 1:
        return 1.0  # the whole phrase, stop words aside ("rehearsed it out loud")
    run_share = run / len(phrase.words) if content_run >= 3 else 0.0
    if max(weight[stem] for stem in present) < 1.0 and not run_share:
        return 0.0
    linked = _together(present, where)
    held = sum(weight[s] for s in linked) + APART * sum(
        weight[s] for s in present if s not in linked
    )
    return min(max(held / PHRASE_FULL, run_share), 1.0)


def cue_holds(cue: Sequence[str], sentence: Sentence) -> bool:
    """Whether ``sentence`` says ``cue``: its words in order, stop words
    included, with at most ``CUE_GAP`` other words between two of them, any
    pronoun standing for any other ("questions only she could answer" holds
    "questions only he could answer"). A cue of two content words or more
    holds too when they alone stand so, whatever stop words go between
    ("her change of subject" says "changed the subject"), unless they are
    everyday words or numbers ("someone else", "six months"), which are
    chance without the cue's other words."""
    content = [word for word in cue if word not in STOPWORDS]
    distinctive = [w for w in content if w not in _light_stems() and not _kind(w)]
    return _in_order(cue, sentence.words) or (
        len(distinctive) > 1 and _in_order(content, sentence.words)
    )


def _in_order(cue: Sequence[str], said: Sequence[str]) -> bool:
    """Whether ``said`` holds the words of ``cue`` in order, at most
    ``CUE_GAP`` other words between two of them."""
    if not all(_any_same((word,), said) for word in cue):
        return False  # a word of the cue is nowhere in the sentence

    # Whether the cue's words from ``word`` on follow from ``position``, each
    # answer kept: a sentence repeating the cue's words would otherwise be
    # tried by every path through it, (CUE_GAP + 1) ** len(cue) from each word.
    @cache
    def from_(position: int, word: int) -> bool:
        if word == len(cue):
            return True
        return any(
            _same(cue[word], said[j]) and from_(j + 1, word + 1)
            for j in range(position, min(position + CUE_GAP + 1, len(said)))
        )

    return any(
        _same(cue[0], said_word) and from_(start + 1, 1)
        for start, said_word in enumerate(said)
    )


def words_share(terms: LessonTerms, passage: Iterable[Sentence]) -> float:
    """The share of a lesson's words, by weight, that a passage holds."""
    held = set().union(*(sentence.stems for sentence in passage))
    total = sum(terms.word_weight.values())
    return sum(w for s, w in terms.word_weight.items() if s in held) / total


def _window(index: int, span: int, length: int) -> range:
    return range(max(0, index - span), min(length, index + span + 1))


def match_lessons(source: str, entries: Iterable[LessonEntry]) -> list[LessonMatch]:
    """Every lesson the post gives any evidence for, with a score from 0 to 1.

    Three kinds of evidence, the strongest counting: a title or alias held
    by one sentence (``phrase_strength``), plus ``NEARBY_WEIGHT`` of the
    best phrase or cue held in the ``NEARBY_SPAN`` sentences around it; a
    cue held by one sentence, worth ``CUE_WEIGHT``, plus the lesson's words
    in the ``CUE_SPAN`` sentences around it, counted as a passage's are; or
    the lesson's words
    gathered in ``PASSAGE`` sentences in a row, where ``WORDS_FULL`` of the
    lesson's weight is full evidence and a description word weighs
    ``DESCRIPTION_WEIGHT`` of a title's.
    """
    found = sentences(source)
    matches = []
    for terms in lesson_terms(entries):
        held = [
            max(
                (phrase_strength(p, s, terms.phrase_weight) for p in terms.phrases),
                default=0.0,
            )
            for s in found
        ]
        cued = [any(cue_holds(cue, s) for cue in terms.cues) for s in found]
        backing = [
            max(h, CUE_WEIGHT if c else 0.0) for h, c in zip(held, cued, strict=True)
        ]
        candidates: list[tuple[float, list[int]]] = []
        for i, strength in enumerate(held):
            if strength:
                around = [
                    j
                    for j in _window(i, NEARBY_SPAN, len(found))
                    if j != i and backing[j]
                ]
                nearby = max(around, key=lambda j: backing[j], default=None)
                score = strength + NEARBY_WEIGHT * (backing[nearby] if around else 0.0)
                candidates.append((score, [i] if nearby is None else [i, nearby]))
        for i, cue in enumerate(cued):
            if cue:
                passage = _window(i, CUE_SPAN, len(found))
                share = words_share(terms, (found[j] for j in passage))
                candidates.append((CUE_WEIGHT + share / WORDS_FULL, [i]))
        for i in range(len(found)):
            passage = range(i, min(i + PASSAGE, len(found)))
            share = words_share(terms, (found[j] for j in passage))
            if share:
                own = {j: words_share(terms, [found[j]]) for j in passage}
                # The sentences that carry the passage, not every one with a word.
                shown = [j for j in passage if own[j] >= max(own.values()) / 2]
                candidates.append((share / WORDS_FULL, shown))
        if not candidates:
            continue
        score, shown = max(candidates, key=lambda c: c[0])
        matches.append(
            LessonMatch(
                terms.slug,
                round(min(score, 1.0), 2),
                tuple(found[j] for j in sorted(shown)),
            )
        )
    return sorted(matches, key=lambda m: (-m.score, m.slug))
