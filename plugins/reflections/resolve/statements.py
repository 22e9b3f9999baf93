"""Resolve a post's lesson statements against the vocabulary.

A statement becomes a known lesson (by title, alias or slug), or an ad-hoc
lesson with a slug of its own. Near misses ("Prepare targeted question")
are reported with the known lesson they probably meant. The result is the
post's lessons in order of first appearance, one per lesson, with the
callout's note and anchor winning over a bare ``Lessons:`` mention.

A story or an asked question shows the lessons of its own ``Lessons:`` line,
which the post teaches too, or else every lesson the post teaches.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitekit.diagnostics import display_path
from sitekit.outputpaths import MAX_PART_BYTES, OverlongPath, overlong_path
from sitekit.rules import Finding

from ..model import (
    AskedCallout,
    KnownLesson,
    LessonCallout,
    LessonMention,
    PostLesson,
    PostQuestion,
    PostStory,
    StoryCallout,
)
from ..parse.callouts import unique_anchor
from ..parse.prompts import is_prompt
from .vocabulary import Vocabulary, normalise


@dataclass(frozen=True)
class LessonRules:
    """How statements are resolved; the same for every post of a build."""

    vocabulary: Vocabulary
    slugify: Callable[[str], str]
    lesson_url: Callable[[str], str]
    near_miss_ratio: float = 0.85
    # A lesson's address or file (slug, title) a file system cannot name
    # (``write.urls.overlong_lesson_path``). None: the URL alone, measured
    # as a page's.
    overlong_lesson: Callable[[str, str], OverlongPath | None] | None = None
    # A known lesson, as a post that names it holds it, is the same in every
    # post: made once per build, by slug, and shared.
    known_lessons: dict[str, PostLesson] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The spelling each lesson of the writer's own (not in lessons.yml) was
    # first written with, by slug: posts resolved oldest first, so that a
    # lesson keeps its first spelling when a newer post spells it otherwise.
    first_spellings: dict[str, FirstSpelling] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass(frozen=True)
class FirstSpelling:
    """Where a lesson of the writer's own was first named, and how."""

    text: str
    path: str | None
    line: int | None


@dataclass
class ResolvedPost:
    lessons: tuple[PostLesson, ...]
    # Callouts whose anchor (named when the post was read) is not their
    # lesson's: anchor as read -> the lesson's.
    anchor_renames: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    stories: tuple[PostStory, ...] = ()
    questions: tuple[PostQuestion, ...] = ()


def resolve_post(
    mentions: Iterable[LessonMention],
    callouts: Iterable[LessonCallout],
    rules: LessonRules,
    path: str | None = None,
    *,
    stories: Iterable[StoryCallout] = (),
    asked: Iterable[AskedCallout] = (),
) -> ResolvedPost:
    stories, asked = tuple(stories), tuple(asked)
    shown = [mention for told in (*stories, *asked) for mention in told.lessons]
    statements = sorted(
        [(mention.line or 0, 0, mention) for mention in (*mentions, *shown)]
        + [(callout.line, 1, callout) for callout in callouts],
        key=lambda item: (item[0], item[1]),
    )
    by_slug: dict[str, PostLesson] = {}
    renames: dict[str, str] = {}
    used_anchors: set[str] = set()
    findings: list[Finding] = []
    slug_of: dict[int, str] = {}  # id of a story's or question's mention -> slug
    for line, _, found in statements:
        lesson = _lesson_for(found.statement, rules, path, line or None, findings)
        if lesson is None:
            continue
        slug_of[id(found)] = lesson.slug
        if isinstance(found, LessonCallout):
            # Most posts' anchors are the same few texts: share one copy.
            anchor = sys.intern(unique_anchor(f"lesson-{lesson.slug}", used_anchors))
            if anchor != found.anchor:
                renames[found.anchor] = anchor
            current = by_slug.get(lesson.slug)
            if current is None or current.anchor is None:
                by_slug[lesson.slug] = lesson.at_callout(anchor, found)
            continue
        by_slug.setdefault(lesson.slug, lesson)
    # dicts keep insertion order, and a callout replaces a mention in place.
    lessons = tuple(by_slug.values())

    def shows(told: StoryCallout | AskedCallout) -> tuple[PostLesson, ...]:
        if not told.lessons:
            return lessons
        slugs = dict.fromkeys(slug_of[id(m)] for m in told.lessons if id(m) in slug_of)
        return tuple(by_slug[slug] for slug in slugs)

    return ResolvedPost(
        lessons,
        renames,
        findings,
        stories=tuple(
            PostStory(story.title, story.anchor, story.parts, shows(story))
            for story in stories
        ),
        questions=tuple(
            PostQuestion(
                question.question,
                normalise(question.question),
                question.anchor,
                question.answer_html,
                question.answer_text,
                shows(question),
            )
            for question in asked
        ),
    )


def _lesson_for(
    statement: str,
    rules: LessonRules,
    path: str | None,
    line: int | None,
    findings: list[Finding],
) -> PostLesson | None:
    if is_prompt(statement):
        # The lesson prompt of `reflect new`, left as it was: no lesson (no
        # page, no advice to add it to lessons.yml). The parse stage found it
        # as a placeholder, and that finding asks for the writer's own words.
        return None
    match = rules.vocabulary.match(statement, rules.near_miss_ratio)
    if match.lesson is not None:
        return _known_lesson(match.lesson, rules)
    slug = rules.slugify(statement)
    if not slug:
        findings.append(
            Finding(
                "lesson-without-letters",
                f"lesson {statement!r} has no letters or digits to make a URL "
                "from; it is left out",
                path,
                line,
            )
        )
        return None
    overlong = (
        rules.overlong_lesson(slug, statement)
        if rules.overlong_lesson is not None
        else overlong_path([("LESSON_URL", rules.lesson_url(slug))], MAX_PART_BYTES)
    )
    if overlong is not None:
        findings.append(lesson_too_long(statement, overlong, path, line))
        return None
    known = rules.vocabulary.lessons.get(slug)
    if known is not None:
        findings.append(slug_of_a_known_lesson(statement, known, path, line))
        return _known_lesson(known, rules)
    if match.suggestion is not None:
        findings.append(
            Finding(
                "near-miss",
                f"lesson {statement!r} is not in lessons.yml; did you mean "
                f"{match.suggestion.title!r}? A publish build refuses this post "
                "until it names a known lesson",
                path,
                line,
            )
        )
    elif rules.vocabulary.path is not None:
        # With the vocabulary turned off (REFLECTIONS_VOCABULARY = None)
        # every lesson is the writer's own, and none is ad hoc.
        findings.append(
            Finding(
                "ad-hoc-lesson",
                f"ad-hoc lesson {statement!r} is not in lessons.yml; a publish build "
                "refuses this post until you add it with `reflect lessons add "
                f"{_quoted(statement)} --theme THEME`",
                path,
                line,
            )
        )
    first = rules.first_spellings.setdefault(slug, FirstSpelling(statement, path, line))
    if _composed(statement) != _composed(first.text):
        findings.append(merged_spelling(statement, slug, first, path, line))
    return PostLesson(
        slug=slug,
        title=first.text,
        theme=None,
        url=rules.lesson_url(slug),
        anchor=None,
        note_html="",
        note_text="",
        known=False,
    )


def _known_lesson(known: KnownLesson, rules: LessonRules) -> PostLesson:
    """A lesson of lessons.yml as posts hold it: one object per build."""
    lesson = rules.known_lessons.get(known.slug)
    if lesson is None:
        lesson = rules.known_lessons[known.slug] = PostLesson(
            slug=known.slug,
            title=known.title,
            theme=known.theme,
            url=rules.lesson_url(known.slug),
            anchor=None,
            note_html="",
            note_text="",
            known=True,
        )
    return lesson


def slug_of_a_known_lesson(
    statement: str, known: KnownLesson, path: str | None, line: int | None
) -> Finding:
    """A statement lessons.yml does not know whose words make the slug of a
    lesson it does ("Gö" and "Go", "Ｇｏ" and "Go"): the two would share one
    page, so it is that lesson, and a near miss of it. Left a lesson of the
    writer's own, it once took the known lesson's page, title and theme."""
    return Finding(
        "near-miss",
        f"lesson {statement!r} is not in lessons.yml, but its words make the "
        f"slug of {known.title!r} ({known.slug!r}), so it is counted as that "
        f"lesson; did you mean {known.title!r}? A publish build refuses this "
        "post until it names a known lesson",
        path,
        line,
    )


def _composed(text: str) -> str:
    """A composed é and an e with a combining accent are one spelling."""
    return unicodedata.normalize("NFC", text)


def merged_spelling(
    statement: str,
    slug: str,
    first: FirstSpelling,
    path: str | None,
    line: int | None,
) -> Finding:
    """A lesson of the writer's own spelt unlike where it was first named.

    A slug drops case, accents and punctuation, so "Ask for intros" and "ask
    for Intros" name one page: one lesson, shown as first spelt. That is
    what a writer means, mostly; this says so, and names both, for when it
    is not ("C++ tips" and "C tips" share a slug as well).
    """
    where = display_path(first.path) if first.path else "another post"
    if first.line:
        where += f":{first.line}"
    return Finding(
        "merged-lesson-spelling",
        f"lesson {statement!r} is the lesson {first.text!r} ({where}): their "
        f"words make one slug, {slug!r}, so they share one page, which shows "
        f"{first.text!r}; spell it the same way, or in words of its own if it "
        "is another lesson",
        path,
        line,
    )


def lesson_too_long(
    title: str, overlong: OverlongPath, path: str | None, line: int | None
) -> Finding:
    """A lesson (a post's, or one in lessons.yml) whose URL or file name the
    file system cannot hold."""
    shown = title if len(title) <= 60 else title[:60] + "…"
    return Finding(
        "lesson-too-long",
        f"lesson {shown!r} is too long for a file name: {overlong.describe()}; "
        "say it in fewer words (or shorten the setting). It is left out",
        path,
        line,
    )


def _quoted(text: str) -> str:
    """The statement as a shell argument a writer can paste."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
