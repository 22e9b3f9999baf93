"""`reflect suggest`: lessons from the vocabulary that a post seems to teach.

The evidence is found by ``lesson_matching`` (a lesson's title or alias as a
phrase in one sentence, one of its cues backed by its words around it, or
its words, the description's counting less, gathered in a few sentences in
a row); this module keeps the lessons that
score ``THRESHOLD`` or more and that the post does not name already.
docs/reflect.md reports how often it is right on a labelled evaluation set
(tests/fixtures/suggest-eval/), apart from the set the threshold was chosen
on (tests/fixtures/suggest-corpus/).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reflections.model import KnownLesson
from reflections.resolve.vocabulary import Vocabulary

from .lesson_matching import Sentence, match_lessons

#: The score from which a lesson is suggested (see docs/reflect.md), chosen
#: on the tuning set tests/fixtures/suggest-corpus/ only.
THRESHOLD = 0.75


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
) -> list[Suggestion]:
    """Lessons the post seems to teach, best first; ``known`` (slugs the post
    names already) are never suggested."""
    known = set(known)
    lessons = [e for e in vocabulary.lessons.values() if e.slug not in known]
    return [
        Suggestion(vocabulary.lessons[match.slug], match.score, match.evidence)
        for match in match_lessons(source, lessons)
        if match.score >= threshold
    ]
