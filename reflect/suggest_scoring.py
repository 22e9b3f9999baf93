"""`reflect suggest`: lessons from the vocabulary that a post seems to teach.

The evidence is found by ``lesson_matching`` (a lesson's title or alias as a
phrase in one sentence, one of its cues backed by its words around it, or
its words, the description's counting less, gathered in a few sentences in
a row), to which ``lesson_association`` adds how much the post, and its
passage most like them, read like the posts already tagged with the lesson
and the passages that tell it there, and how much the words around the
phrase evidence do (a sense check), against those its tagged posts tell
the lesson with and against those around its title in the tagged posts
that say it without teaching it (a sense check learned from both); this
module keeps the lessons that score ``THRESHOLD`` or more and that the
post does not name already. docs/reflect.md reports how often it is right
on the seven labelled sets the weights were chosen on (each learned from
the other six) and on the sets measured once, blind, before they joined
them (tests/fixtures/suggest-*/).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reflections.model import KnownLesson
from reflections.resolve.vocabulary import Vocabulary

from .lesson_association import Associations, Example, context_terms, example
from .lesson_matching import LessonEntry, Sentence, match_lessons
from .prose import sentences, stems

#: The score from which a lesson is suggested (see docs/reflect.md), chosen
#: on the tuning sets (tests/fixtures/suggest-corpus/ and suggest-eval,
#: -eval-2 to -eval-6, 368 posts) only.
THRESHOLD = 0.75
#: How much the post's similarity to a lesson's tagged posts (a cosine, see
#: ``lesson_association``) adds to the phrase evidence where it stands more
#: than ``MARGIN`` above the post's typical similarity (its mean over every
#: lesson learned, ``Associations.typical``), and takes from it below: a
#: lesson the post tells stands out among the lessons, whatever the post's
#: length or wording. Both chosen by cross-validation on the tuning sets.
SIMILARITY_WEIGHT = 13.0
MARGIN = 0.075
#: The same for the post's passage most like the passages that tell the
#: lesson in its tagged posts (``Associations.passage_similarity``), above
#: or below the post's typical passage similarity, the lesson's own title
#: and alias words left out (a passage holding the title said in another
#: sense counts by the words around it only) ...
PASSAGE_WEIGHT = 7.0
#: ... and with them, each against its own typical passage similarity.
OWN_WORDS_PASSAGE_WEIGHT = 3.0
#: The same for the sentences around the phrase evidence, the lesson's own
#: words left out (``Associations.context_similarity``): a sense check of
#: the phrase evidence by the words its tagged posts tell the lesson with.
SENSE_WEIGHT = 5.0
#: How much the words around the phrase evidence reading more like those
#: around the lesson's title in its tagged posts than like those in the
#: tagged posts that say it without teaching it adds, and less takes away
#: (``Associations.learned_sense``): the sense check learned from both.
LEARNED_SENSE_WEIGHT = 5.0
#: The phrase evidence from which the words around it in a tagged post
#: are an example of a sense the lesson's title is said in.
SAID = 0.5


@dataclass(frozen=True)
class Suggestion:
    lesson: KnownLesson
    score: float
    evidence: tuple[Sentence, ...]


def suggest(
    source: str,
    vocabulary: Vocabulary,
    known: Iterable[str] = (),
    threshold: float = THRESHOLD,
    associations: Associations | None = None,
) -> list[Suggestion]:
    """Lessons the post seems to teach, best first; ``known`` (slugs the post
    names already) are never suggested.

    With ``associations`` (learned from posts already tagged), a lesson's
    score is its phrase evidence plus ``SIMILARITY_WEIGHT`` times how far the
    post's similarity to the lesson's posts stands more than ``MARGIN`` above
    the post's typical similarity to a lesson, plus ``PASSAGE_WEIGHT`` times
    how far its passage most like the passages that tell the lesson, the
    lesson's own words left out, stands above the typical such passage
    similarity (and ``OWN_WORDS_PASSAGE_WEIGHT`` times the same with its
    own words), plus ``SENSE_WEIGHT`` times how
    far the sentences around the phrase evidence (the lesson's own words
    aside) stand above it too, plus ``LEARNED_SENSE_WEIGHT`` times how much
    more they read like the words around the title in the lesson's tagged
    posts than in the tagged posts that say it in another sense, within 0
    and 1. The
    sentences behind the phrase evidence are shown, and, when the phrase
    evidence alone falls short of ``threshold``, that passage (or, where it
    adds nothing, the two sentences holding most of the similarity). Without
    them (a site with no tagged post yet), the phrase evidence alone."""
    known = set(known)
    lessons = [e for e in vocabulary.lessons.values() if e.slug not in known]
    matched = {match.slug: match for match in match_lessons(source, lessons)}
    found = sentences(source) if associations else []
    post = associations.read(found) if associations else None
    own = {entry.slug: _own_words(entry) for entry in vocabulary.lessons.values()}
    typical, typical_passage, typical_apart = (
        associations.typical(post, own) if post else (0.0, 0.0, 0.0)
    )
    scored = []
    for lesson in lessons:
        match = matched.get(lesson.slug)
        score = match.score if match else 0.0
        evidence = list(match.evidence) if match else []
        if associations:
            similarity, shown = associations.similarity(lesson.slug, post)
            told, passage = associations.passage_similarity(lesson.slug, post)
            apart, _ = associations.passage_similarity(
                lesson.slug, post, own[lesson.slug]
            )
            if similarity:
                score += SIMILARITY_WEIGHT * (similarity - typical - MARGIN)
                score += PASSAGE_WEIGHT * (apart - typical_apart)
                score += OWN_WORDS_PASSAGE_WEIGHT * (told - typical_passage)
                if match:
                    said = [i for i, s in enumerate(found) if s in match.evidence]
                    words = own[lesson.slug]
                    score += SENSE_WEIGHT * (
                        associations.context_similarity(lesson.slug, post, said, words)
                        - typical_passage
                    )
                    score += LEARNED_SENSE_WEIGHT * associations.learned_sense(
                        lesson.slug, post, said, words
                    )
                if not match or match.score < threshold:  # it made the difference
                    # The passage, where it adds, says it in two sentences in a row.
                    shown = passage if told > typical_passage else shown
                    evidence.extend(found[i] for i in shown if found[i] not in evidence)
        score = round(min(max(score, 0.0), 1.0), 2)
        if score >= threshold and evidence:
            evidence.sort(key=lambda sentence: sentence.line)
            scored.append(Suggestion(lesson, score, tuple(evidence)))
    return sorted(scored, key=lambda s: (-s.score, s.lesson.slug))


def tagged_example(
    source: str, lessons: Iterable[str], entries: Iterable[LessonEntry]
) -> Example:
    """A tagged post (its Markdown and the slugs of its ``lessons``) as an
    example to learn from, with the words around every title or alias of
    the vocabulary's ``entries`` it says (phrase evidence ``SAID`` or
    more): in its lessons' sense, or in another. A post with no lessons is
    not matched: it is no example of a sense (``learn``)."""
    found = sentences(source)
    lessons = list(lessons)
    if not lessons:
        return example(found, lessons)
    entries = list(entries)
    own = {entry.slug: _own_words(entry) for entry in entries}
    return example(
        found,
        lessons,
        {
            match.slug: context_terms(
                found,
                [i for i, s in enumerate(found) if s in match.evidence],
                own[match.slug],
            )
            for match in match_lessons(source, entries)
            if match.score >= SAID
        },
    )


def _own_words(lesson: LessonEntry) -> set[str]:
    """The stems of a lesson's title and aliases."""
    return {stem for text in (lesson.title, *lesson.aliases) for stem in stems(text)}
