"""Resolve a post's lesson statements against the vocabulary.

A statement becomes a known lesson (by title, alias or slug), or an ad-hoc
lesson with a slug of its own. Near misses ("Prepare targeted question")
are reported with the known lesson they probably meant. The result is the
post's lessons in order of first appearance, one per lesson, with the
callout's note and anchor winning over a bare ``Lessons:`` mention.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitekit.diagnostics import Diagnostic

from ..model import LessonCallout, LessonMention, PostLesson
from ..parse.callouts import unique_anchor
from .vocabulary import Vocabulary

_CALLOUT_ID = re.compile(r'(<aside class="lesson-callout" id=")([^"]*)(")')


@dataclass(frozen=True)
class LessonRules:
    """How statements are resolved; the same for every post of a build."""

    vocabulary: Vocabulary
    slugify: Callable[[str], str]
    lesson_url: Callable[[str], str]
    strict: bool = False
    near_miss_ratio: float = 0.85
    # A known lesson, as a post that names it holds it, is the same in every
    # post: made once per build, by slug, and shared.
    known_lessons: dict[str, PostLesson] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass
class ResolvedPost:
    lessons: tuple[PostLesson, ...]
    anchor_renames: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def rename_anchors(self, html: str) -> str:
        """Give the post's callouts the ids of the lessons they resolved to.

        One pass over the callouts, so renames that swap ids cannot collide.
        """
        if not self.anchor_renames:
            return html
        return _CALLOUT_ID.sub(
            lambda m: (
                m.group(1)
                + self.anchor_renames.get(m.group(2), m.group(2))
                + m.group(3)
            ),
            html,
        )


def resolve_post(
    mentions: Iterable[LessonMention],
    callouts: Iterable[LessonCallout],
    rules: LessonRules,
    path: str | None = None,
) -> ResolvedPost:
    statements = sorted(
        [(mention.line or 0, 0, mention) for mention in mentions]
        + [(callout.line, 1, callout) for callout in callouts],
        key=lambda item: (item[0], item[1]),
    )
    by_slug: dict[str, PostLesson] = {}
    renames: dict[str, str] = {}
    used_anchors: set[str] = set()
    diagnostics: list[Diagnostic] = []
    for line, _, found in statements:
        lesson = _lesson_for(found.statement, rules, path, line or None, diagnostics)
        if lesson is None:
            continue
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
    return ResolvedPost(tuple(by_slug.values()), renames, diagnostics)


def _lesson_for(
    statement: str,
    rules: LessonRules,
    path: str | None,
    line: int | None,
    diagnostics: list[Diagnostic],
) -> PostLesson | None:
    match = rules.vocabulary.match(statement, rules.near_miss_ratio)
    if match.lesson is not None:
        known = match.lesson
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
    slug = rules.slugify(statement)
    if not slug:
        diagnostics.append(
            Diagnostic(
                "error",
                f"lesson {statement!r} has no letters or digits to make a URL from",
                path,
                line,
            )
        )
        return None
    strict_level = "error" if rules.strict else None
    where = _vocabulary_name(rules.vocabulary)
    if match.suggestion is not None:
        diagnostics.append(
            Diagnostic(
                strict_level or "warning",
                f"lesson {statement!r} is not in {where}; did you mean "
                f"{match.suggestion.title!r}? A publish build refuses this post "
                "until it names a known lesson",
                path,
                line,
            )
        )
    elif rules.vocabulary.lessons or rules.strict:
        diagnostics.append(
            Diagnostic(
                strict_level or "note",
                f"ad-hoc lesson {statement!r} is not in {where}; a publish build "
                "refuses this post until you add it with `reflect lessons add "
                f"{_quoted(statement)} --theme THEME`",
                path,
                line,
            )
        )
    return PostLesson(
        slug=slug,
        title=statement,
        theme=None,
        url=rules.lesson_url(slug),
        anchor=None,
        note_html="",
        note_text="",
        known=False,
    )


def _quoted(text: str) -> str:
    """The statement as a shell argument a writer can paste."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vocabulary_name(vocabulary: Vocabulary) -> str:
    return "the lesson vocabulary" if vocabulary.path is None else "lessons.yml"
