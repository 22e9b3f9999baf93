"""How much a post reads like the posts already tagged with a lesson.

A lesson told in other words has none of its title's words, but posts that
teach it tend to share words all the same. Given posts already tagged (the
site's own posts with a ``Lessons:`` line), each lesson gets the centroid of
its posts' term vectors (weighed by tf-idf, each post's vector of length
one), and a post's similarity to a lesson is the cosine between its vector
and that centroid: a nearest-centroid (Rocchio) classifier, the simplest
learned evidence that cross-validation on the tuning set showed to add to
the phrase evidence (docs/reflect.md). The terms are a post's stems and
each pair of stems side by side in a sentence ("crew size", "weeks saved"):
a pair says more about what a post tells than its two words apart, and
several lessons' posts share the words of a pair without the pair. The
sentences that hold most of the similarity are the evidence shown for it.

A post's centroid mixes the two or three lessons it teaches with the rest of
its story, so each lesson also gets the centroid of the passages that tell it
(``PASSAGE`` sentences in a row): in each of its tagged posts, the passage
nearest the lesson's centroid. A post's passage nearest that passage
centroid is where a lesson told in other words is most likely told, and its
cosine is the second learned evidence (cross-validated on the tuning set:
docs/reflect.md).

A title said in full is not always said in the lesson's sense (a rose
breeder's hybrids, a barber's cut). Each tagged post that says a lesson's
title or alias (phrase evidence ``said`` by the caller) is an example of
the words around it: said in the lesson's sense where the post is tagged
with the lesson, in another where it is tagged with others but not this
one (its writer read it and chose). A post not tagged with anything says
nothing of a sense: on a site, it is one not tagged yet. The words around
a phrase in the post scored are compared with both (``learned_sense``).

A post is never its own example where that matters: a post's own lessons are
never suggested to it, and measuring leaves the measured post out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .prose import Sentence

#: Sentences shown as the evidence of a similarity.
SHOWN = 2
#: Sentences in a row that make a passage, the span a lesson is told in.
PASSAGE = 2
#: The passages of each tagged post that tell each of its lessons: its
#: ``TOLD_PER_POST`` passages nearest the lesson's centroid. A post tells a
#: lesson in more than one place (the question asked, then what the answer
#: taught), each in other words: two per post learn more of the words a
#: lesson is told with than one (docs/reflect.md, the tenth pass).
TOLD_PER_POST = 2


def sentence_terms(sentence: Sentence) -> list[str]:
    """A sentence's stems and each pair of stems side by side in it (stop
    words aside), the pair one term: "weeks saved" is "week save"."""
    stems = sentence.stems
    return [*stems, *(f"{a} {b}" for a, b in pairwise(stems))]


def terms(post_sentences: Iterable[Sentence]) -> Counter[str]:
    return Counter(term for s in post_sentences for term in sentence_terms(s))


def passages(found: Sequence[Sentence]) -> list[range]:
    """Every run of ``PASSAGE`` sentences in a row (the whole post if it is
    shorter), as the indexes of its sentences."""
    count = max(len(found) - PASSAGE + 1, 1)
    return [range(i, min(i + PASSAGE, len(found))) for i in range(count)]


def context_terms(
    found: Sequence[Sentence], said: Iterable[int], own: Iterable[str]
) -> Counter[str]:
    """The terms of the sentences that say a lesson (``said``, indexes) and
    one before and after each, less every term holding one of the lesson's
    ``own`` stems (its title's and aliases'): the words a phrase is said
    among, without the phrase."""
    around = sorted(
        {j for i in said for j in range(max(0, i - 1), min(len(found), i + 2))}
    )
    return _without(terms(found[j] for j in around), set(own))


@dataclass(frozen=True)
class Example:
    """A post already tagged: how often it uses each term, in all and in
    each of its passages, its lessons, and the words around each lesson's
    title or alias where it says one (``context_terms``)."""

    counts: Counter[str]
    passages: tuple[Counter[str], ...]
    lessons: frozenset[str]
    said: Mapping[str, Counter[str]] = field(default_factory=dict)


def example(
    post_sentences: Iterable[Sentence],
    lessons: Iterable[str],
    said: Mapping[str, Counter[str]] | None = None,
) -> Example:
    found = list(post_sentences)
    return Example(
        terms(found),
        tuple(terms(found[i] for i in span) for span in passages(found)),
        frozenset(lessons),
        dict(said or {}),
    )


def _length_one(vector: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(value * value for value in vector.values()))
    return {stem: value / length for stem, value in vector.items()} if length else {}


#: The fewest lessons a post's typical similarity is a mean over
#: (``Associations.typical``). Every set the scoring is measured on has 19
#: lessons learned, so it changes none of their figures.
FEWEST_FOR_TYPICAL = 10


@dataclass(frozen=True)
class Associations:
    """Each lesson's centroid, the centroid of the passages that tell it,
    the centroids of the words around its title where a tagged post says
    it in the lesson's sense and in another, and the inverse document
    frequency of every term the examples use."""

    idf: dict[str, float]
    centroids: dict[str, dict[str, float]]
    told: dict[str, dict[str, float]]
    in_sense: dict[str, dict[str, float]] = field(default_factory=dict)
    otherwise: dict[str, dict[str, float]] = field(default_factory=dict)

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        return _length_one(
            {
                stem: (1 + math.log(count)) * self.idf[stem]
                for stem, count in counts.items()
                if stem in self.idf
            }
        )

    def read(self, found: Sequence[Sentence]) -> ReadPost:
        """The post's vectors, worked out once for every lesson it is
        compared with."""
        spans = passages(found) if found else []
        counted = [terms(found[i] for i in span) for span in spans]
        return ReadPost(
            tuple(found),
            self.vector(terms(found)),
            tuple(
                (span, self.vector(counts))
                for span, counts in zip(spans, counted, strict=True)
            ),
            tuple(counted),
        )

    def typical(
        self, post: ReadPost, own: Mapping[str, Iterable[str]] | None = None
    ) -> tuple[float, float, float]:
        """The post's mean similarity to every lesson learned, the mean of
        its passages' (``passage_similarity``), and the mean of its passages'
        with each lesson's ``own`` words left out (slug -> stems of its
        title and aliases): what it shares with all of them (the words every
        conversation uses, a long post's many words) rather than with any
        one. A lesson the post tells stands out above them, whatever the
        post's length or wording."""
        if not self.centroids or not post.found:
            return 0.0, 0.0, 0.0
        own = own or {}
        slugs = list(self.centroids)
        # Over at least FEWEST_FOR_TYPICAL lessons, the missing ones as 0: on
        # a young site the mean would be made of the very lessons scored
        # (with one learned, the lesson's own similarity), and no lesson
        # could stand out above itself.
        count = max(len(slugs), FEWEST_FOR_TYPICAL)
        return (
            sum(self.similarity(slug, post)[0] for slug in slugs) / count,
            sum(self.passage_similarity(slug, post)[0] for slug in slugs) / count,
            sum(
                self.passage_similarity(slug, post, own.get(slug, ()))[0]
                for slug in slugs
            )
            / count,
        )

    def similarity(self, slug: str, post: ReadPost) -> tuple[float, tuple[int, ...]]:
        """The cosine between the post and the lesson's centroid, and the
        sentences (indexes) holding most of it."""
        centroid = self.centroids.get(slug)
        if not centroid or not post.found:
            return 0.0, ()
        share = {s: post.vector[s] * centroid[s] for s in post.vector if s in centroid}
        by_sentence = sorted(
            (
                (sum(share.get(s, 0.0) for s in set(sentence_terms(sentence))), -i)
                for i, sentence in enumerate(post.found)
            ),
            reverse=True,
        )
        shown = tuple(sorted(-i for held, i in by_sentence[:SHOWN] if held > 0))
        return sum(share.values()), shown

    def context_similarity(
        self, slug: str, post: ReadPost, said: Iterable[int], own: Iterable[str]
    ) -> float:
        """The cosine between the sentences around those that say the lesson
        (``said``, and one before and after each) and the centroid of the
        passages that tell it, the lesson's ``own`` words (its title's and
        aliases' stems) and every pair holding one left out: a sense check.
        Where a title's words are said in the lesson's sense, the words
        around them are those its tagged posts tell it with; where they are
        said in another sense (a follow-up call after surgery, a move tested
        on a chess board), they are not."""
        told = self.told.get(slug)
        if not told or not post.found:
            return 0.0
        return _dot(self.vector(context_terms(post.found, said, own)), told)

    def learned_sense(
        self, slug: str, post: ReadPost, said: Iterable[int], own: Iterable[str]
    ) -> float:
        """How much more the words around the sentences that say the lesson
        (``context_terms``) read like those around its title in the posts
        tagged with it than like those in the tagged posts that say it
        without being tagged with it (cosines): a sense check learned from
        both. 0 until the site has both kinds of example."""
        in_sense, otherwise = self.in_sense.get(slug), self.otherwise.get(slug)
        if not in_sense or not otherwise or not post.found:
            return 0.0
        context = self.vector(context_terms(post.found, said, own))
        return _dot(context, in_sense) - _dot(context, otherwise)

    def passage_similarity(
        self, slug: str, post: ReadPost, own: Iterable[str] = ()
    ) -> tuple[float, range]:
        """The cosine between the post's passage most like the passages
        that tell the lesson and their centroid, and that passage; with
        ``own`` (the lesson's title and alias stems), those words and every
        pair holding one left out of the post's passages, as the sense check
        leaves them out: a passage that holds the title said in another
        sense then counts only by the words around it."""
        told = self.told.get(slug)
        if not told or not post.found:
            return 0.0, range(0)
        own = set(own)
        vectors = [
            # A pair holds a stem that is a term of the passage too.
            self.vector(_without(counts, own)) if own & counts.keys() else vector
            for (_, vector), counts in zip(
                post.passages, post.passage_terms, strict=True
            )
        ]
        return max(
            (
                (_dot(vector, told), span)
                for (span, _), vector in zip(post.passages, vectors, strict=True)
            ),
            key=lambda scored: scored[0],
        )


@dataclass(frozen=True)
class ReadPost:
    """A post as the associations compare it: its sentences, its vector
    and each passage's."""

    found: tuple[Sentence, ...]
    vector: dict[str, float]
    passages: tuple[tuple[range, dict[str, float]], ...]
    passage_terms: tuple[Counter[str], ...]  # each passage's terms, counted


def _without(counts: Counter[str], own: set[str]) -> Counter[str]:
    """``counts`` less every term holding one of the stems ``own``."""
    return Counter({t: n for t, n in counts.items() if not own & set(t.split())})


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    return sum(value * second.get(term, 0.0) for term, value in first.items())


def learn(examples: Iterable[Example]) -> Associations:
    """Each lesson's centroid over the posts tagged with it (posts tagged
    with none count in the document frequencies only)."""
    examples = list(examples)
    used = Counter(stem for e in examples for stem in e.counts)
    idf = {stem: math.log(len(examples) / n) for stem, n in used.items()}
    assoc = Associations(idf, {}, {})
    sums: dict[str, Counter[str]] = {}
    for e in examples:
        for slug in e.lessons:
            sums.setdefault(slug, Counter()).update(assoc.vector(e.counts))
    centroids = {slug: _length_one(dict(total)) for slug, total in sums.items()}
    # In each tagged post, the passages nearest each of its lessons' centroid.
    told: dict[str, Counter[str]] = {}
    for e in examples:
        vectors = [assoc.vector(counts) for counts in e.passages]
        for slug in e.lessons:
            nearest = sorted(vectors, key=lambda v: -_dot(v, centroids[slug]))
            for vector in nearest[:TOLD_PER_POST]:
                told.setdefault(slug, Counter()).update(vector)
    told_centroids = {slug: _length_one(dict(total)) for slug, total in told.items()}
    # The words around a title a tagged post says: in the lesson's sense
    # where it is tagged with it, in another where it is not.
    in_sense: dict[str, Counter[str]] = {}
    otherwise: dict[str, Counter[str]] = {}
    for e in examples:
        if not e.lessons:
            continue  # not tagged (yet): it says nothing of a sense
        for slug, context in e.said.items():
            kind = in_sense if slug in e.lessons else otherwise
            kind.setdefault(slug, Counter()).update(assoc.vector(context))
    return Associations(
        idf,
        centroids,
        told_centroids,
        {slug: _length_one(dict(total)) for slug, total in in_sense.items()},
        {slug: _length_one(dict(total)) for slug, total in otherwise.items()},
    )
