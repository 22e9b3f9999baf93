"""`reflect prep`: what to bring to the next conversation, from the site.

A preparation sheet answers four questions before a conversation of a
given kind, with a given person, or about given lessons:

* which questions worked before in that kind of conversation (and with that
  person): questions asked with ``> [!asked]`` whose answer was noted, the
  person's first;
* which stories to have ready: the story bank's stories that show the
  lessons involved (those named, else those that kind of conversation and
  that person taught);
* which lessons learned only once this conversation could test: lessons
  of the same themes never revisited, longest left alone first;
* what was said before: every earlier conversation with the person.

Everything comes from the reflection index the build makes (published
posts, read by the build's own pipeline) and the story and question banks
assembled from it; this module only chooses, and ``prep_sheet`` writes the
Markdown. People are compared as ``reflections.people`` names them.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from reflections.assemble.questions import BankQuestion, bank_questions, every_ask
from reflections.assemble.sections import OnceLesson, learned_once
from reflections.assemble.stories import story_bank
from reflections.model import LessonRecord, PostRecord, ReflectionIndex, StoryUse
from reflections.people import person_key, person_name

#: How much of each list one page has room for.
MOST_QUESTIONS = 8
MOST_STORIES = 4
MOST_LESSONS = 5


class PrepError(Exception):
    """The sheet cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class PrepRequest:
    kind: str | None = None  # a kind of conversation (a category)
    person: str | None = None  # a name, as in `Who:` before its comma
    lessons: tuple[str, ...] = ()  # lesson slugs


@dataclass(frozen=True)
class Preparation:
    """What the sheet shows, chosen from the index."""

    request: PrepRequest
    kind: str | None  # as the site spells it, if it has one
    person: str | None  # as the site spells it, if it has one
    involved: tuple[LessonRecord, ...]  # the lessons the stories are chosen for
    questions: tuple[BankQuestion, ...]  # answered askings, the person's first
    stories: tuple[StoryUse, ...]
    to_test: tuple[OnceLesson, ...]
    past: tuple[PostRecord, ...]  # with the person, newest first
    notes: tuple[str, ...] = field(default=())  # what was asked for but not found
    # Whether the site has any at all, so an empty section can say why.
    any_questions: bool = False
    any_stories: bool = False
    any_lessons: bool = False


def prepare(index: ReflectionIndex, request: PrepRequest) -> Preparation:
    if not (request.kind or request.person or request.lessons):
        raise PrepError("say what to prepare for: --kind, --person or --lesson")
    notes: list[str] = []
    kind = _kind(index, request.kind, notes)
    key = _person(index, request.person, notes)
    named = _named_lessons(index, request.lessons)
    past = tuple(post for post in index.posts if post.person and post.person.key == key)
    # Without a kind, the kinds of conversation already had with the person.
    kinds = {kind} if kind else {post.category for post in past}
    in_kind = [post for post in index.posts if post.category in kinds - {None}]
    involved = named or _taught(index, [*past, *in_kind])
    return Preparation(
        request=request,
        kind=kind,
        person=past[0].person.name if past else None,
        involved=involved,
        questions=_questions(index, past, in_kind, named),
        stories=_stories(index, involved),
        to_test=_to_test(index, involved),
        past=past,
        notes=tuple(notes),
        any_questions=any(post.questions for post in index.posts),
        any_stories=any(post.stories for post in index.posts),
        any_lessons=bool(index.lessons),
    )


def _kind(index: ReflectionIndex, wanted: str | None, notes: list[str]) -> str | None:
    if not wanted:
        return None
    kinds = sorted({post.category for post in index.posts if post.category})
    found = next((k for k in kinds if k.casefold() == wanted.strip().casefold()), None)
    if found is None:
        notes.append(f"No {wanted!r} conversation yet{_did_you_mean(wanted, kinds)}.")
    return found


def _person(index: ReflectionIndex, wanted: str | None, notes: list[str]) -> str | None:
    """The person's key; named, as the newest conversation spells it, in
    ``Preparation.person``."""
    if not wanted:
        return None
    people: dict[str, str] = {}
    for post in index.posts:  # newest first
        if post.person:
            people.setdefault(post.person.key, post.person.name)
    key = person_key(person_name(wanted) or "")
    if key not in people:
        names = sorted(set(people.values()), key=str.casefold)
        close = _did_you_mean(wanted, names)
        notes.append(f"No conversation with {wanted} yet{close}.")
        return None
    return key


def _did_you_mean(wanted: str, choices: list[str]) -> str:
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(wanted.casefold(), folded, n=1, cutoff=0.75)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def _named_lessons(
    index: ReflectionIndex, slugs: tuple[str, ...]
) -> tuple[LessonRecord, ...]:
    by_slug = {lesson.slug: lesson for lesson in index.lessons}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        close = _did_you_mean(unknown[0], sorted(by_slug))
        raise PrepError(
            f"no lesson {unknown[0]!r} has been learned yet{close}; "
            "`reflect lessons` lists them"
        )
    return tuple(by_slug[slug] for slug in dict.fromkeys(slugs))


def _taught(
    index: ReflectionIndex, posts: list[PostRecord]
) -> tuple[LessonRecord, ...]:
    """The lessons these conversations taught, most often taught first."""
    counts = Counter(
        lesson.slug for post in dict.fromkeys(posts) for lesson in post.lessons
    )
    order = {lesson.slug: n for n, lesson in enumerate(index.lessons)}
    by_slug = {lesson.slug: lesson for lesson in index.lessons}
    return tuple(
        by_slug[slug]
        for slug in sorted(counts, key=lambda slug: (-counts[slug], order[slug]))
    )


def _questions(
    index: ReflectionIndex,
    past: tuple[PostRecord, ...],
    in_kind: list[PostRecord],
    named: tuple[LessonRecord, ...],
) -> tuple[BankQuestion, ...]:
    """Questions whose answer was noted: asked with the person, then in the
    kind of conversation; with neither asked for, those about the lessons."""
    answered = [use for use in every_ask(index) if use.question.answer_text]
    slugs = {lesson.slug for lesson in named}
    places = [{post.key for post in past}, {post.key for post in in_kind}]
    if not any(places):
        places = [{use.post.key for use in answered}]
    chosen: list[BankQuestion] = []
    for keys in places:
        asks = [use for use in answered if use.post.key in keys]
        if slugs and not (past or in_kind):
            asks = [u for u in asks if slugs & {x.slug for x in u.question.lessons}]
        seen = {question.key for question in chosen}
        chosen += [q for q in bank_questions(asks) if q.key not in seen]
    return tuple(chosen[:MOST_QUESTIONS])


def _stories(
    index: ReflectionIndex, involved: tuple[LessonRecord, ...]
) -> tuple[StoryUse, ...]:
    """Stories that show the most of the lessons involved, newest first
    among equals. A story told in more than one post (its title, so its
    anchor, the same) is one story to have ready: its first telling in
    that order stands for it."""
    slugs = {lesson.slug for lesson in involved}
    shown = [
        (len(slugs & {lesson.slug for lesson in use.story.lessons}), n, use)
        for n, use in enumerate(story_bank(index).stories)
    ]
    ranked = sorted((item for item in shown if item[0]), key=lambda i: (-i[0], i[1]))
    chosen: dict[str, StoryUse] = {}
    for _, _, use in ranked:
        chosen.setdefault(use.story.anchor, use)
    return tuple(chosen.values())[:MOST_STORIES]


def _to_test(
    index: ReflectionIndex, involved: tuple[LessonRecord, ...]
) -> tuple[OnceLesson, ...]:
    """Lessons learned once, in the themes of the lessons involved (any
    theme when none is involved), longest left alone first."""
    themes = {lesson.theme for lesson in involved}
    once = learned_once(index.lessons)
    if involved:
        once = tuple(item for item in once if item.lesson.theme in themes)
    return once[:MOST_LESSONS]
