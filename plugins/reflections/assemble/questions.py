"""The question bank: every question the writer asked, and what came of it.

Informational-interview guides ask for a list of the questions that worked,
by kind of conversation. Each ``> [!asked]`` callout is one asking; the
same question asked again (compared as lesson statements are: case,
punctuation and spacing aside) is one question asked several times. The
bank groups the questions by kind of conversation, with every answer, and
by lesson. ``reflect prep`` reads the same bank. Plain data from the
assembled index: no Pelican imports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..model import PostRecord, QuestionUse, ReflectionIndex, page_id
from .charts import plural


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """One question, with each time it was asked, newest first."""

    text: str  # as it was last asked
    key: str
    asks: tuple[QuestionUse, ...]
    times_in_all: int = 0  # in a group: how often it was asked anywhere
    entry_id: str = ""  # its id on the questions page, in its kind's list

    @property
    def asked_elsewhere(self) -> bool:
        return self.times_in_all > self.times_asked

    @property
    def times_asked(self) -> int:
        return len(self.asks)

    @property
    def times_label(self) -> str:
        return f"asked {_times(self.times_asked)}"

    @property
    def in_all_label(self) -> str:
        return f"{_times(self.times_in_all)} in all"

    @property
    def answered(self) -> tuple[QuestionUse, ...]:
        """The askings that got an answer worth writing down."""
        return tuple(use for use in self.asks if use.question.answer_text)

    @property
    def latest(self) -> QuestionUse:
        return self.asks[0]


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """The questions of one kind of conversation, or of one lesson."""

    name: str
    url: str  # the kind's or the lesson's page
    questions: tuple[BankQuestion, ...]

    @property
    def html_id(self) -> str:
        return page_id(self.name)


@dataclass(frozen=True, slots=True)
class QuestionBank:
    questions: tuple[BankQuestion, ...]  # most asked first, then newest
    by_kind: tuple[QuestionGroup, ...]  # kinds of conversation, by name
    by_lesson: tuple[QuestionGroup, ...]  # lessons in the index's order

    @property
    def ask_count(self) -> int:
        return sum(question.times_asked for question in self.questions)

    @property
    def summary(self) -> str:
        if not self.questions:
            return "No questions yet."
        conversations = len(
            {use.post.key for question in self.questions for use in question.asks}
        )
        return (
            f"{plural(len(self.questions), 'question')}, asked "
            f"{plural(self.ask_count, 'time')} in "
            f"{plural(conversations, 'conversation')}."
        )


def bank_questions(asks: Iterable[QuestionUse]) -> tuple[BankQuestion, ...]:
    """``asks`` (newest first) as questions: most asked first, then the most
    recently asked."""
    by_key: dict[str, list[QuestionUse]] = defaultdict(list)
    for use in asks:
        by_key[use.question.key].append(use)
    questions = [
        BankQuestion(found[0].question.text, key, tuple(found))
        for key, found in by_key.items()
    ]
    questions.sort(
        key=lambda q: (-q.times_asked, -q.latest.post.date.timestamp(), q.key)
    )
    return tuple(questions)


def every_ask(index: ReflectionIndex) -> tuple[QuestionUse, ...]:
    """Every question asked, newest conversation first."""
    return tuple(
        QuestionUse(post, question)
        for post in index.posts
        for question in post.questions
    )


def question_bank(index: ReflectionIndex) -> QuestionBank:
    asks = every_ask(index)
    everything = bank_questions(asks)
    in_all = {question.key: question.times_asked for question in everything}
    by_kind = tuple(
        QuestionGroup(
            name,
            url,
            tuple(
                replace(
                    question,
                    times_in_all=in_all[question.key],
                    entry_id=_entry_id(name, question.key),
                )
                for question in bank_questions(found)
            ),
        )
        for name, url, found in _grouped(asks, lambda use: [_kind(use.post)])
    )
    # On a lesson's list a question links to its entry under the kind of
    # conversation it was last asked in.
    entry_of = {
        question.key: _entry_id(question.latest.post.category or "", question.key)
        for question in everything
    }
    place = {
        lesson.slug: number
        for number, lesson in enumerate(
            lesson for theme in index.themes for lesson in theme.lessons
        )
    }
    by_lesson = tuple(
        QuestionGroup(
            name,
            url,
            tuple(
                replace(
                    question,
                    times_in_all=in_all[question.key],
                    entry_id=entry_of[question.key],
                )
                for question in bank_questions(found)
            ),
        )
        for name, url, found in _grouped(
            asks,
            lambda use: [
                (place.get(lesson.slug, len(place)), lesson.title, lesson.url)
                for lesson in use.question.lessons
            ],
        )
    )
    return QuestionBank(everything, by_kind, by_lesson)


def _entry_id(group: str, key: str) -> str:
    """A question's id in a group's list: the group's and its own words."""
    return f"{page_id(group)}-{page_id(key)[:32].rstrip('-')}"


def _grouped(
    asks: tuple[QuestionUse, ...],
    keys: Callable[[QuestionUse], list[tuple[Any, str | None, str]]],
) -> list[tuple[str, str, list[QuestionUse]]]:
    """The askings grouped by ``keys`` (order, name, page URL) of each, in
    that order; an asking without a name is in no group."""
    grouped: dict[tuple[Any, str, str], list[QuestionUse]] = defaultdict(list)
    for use in asks:
        for order, name, url in keys(use):
            if name:
                grouped[(order, name, url)].append(use)
    ordered = sorted(grouped, key=lambda k: (_casefolded(k[0]), k[1]))
    return [(name, url, grouped[(order, name, url)]) for order, name, url in ordered]


def _kind(post: PostRecord) -> tuple[str, str | None, str]:
    return (post.category or "", post.category, post.category_url)


def _casefolded(order: Any) -> Any:
    return order.casefold() if isinstance(order, str) else order


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
