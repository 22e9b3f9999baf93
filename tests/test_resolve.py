"""Statements resolve to known or ad-hoc lessons, once each, in post order."""

from __future__ import annotations

import pytest
from pelican.settings import DEFAULT_CONFIG

from reflections.model import LessonCallout, LessonMention
from reflections.resolve.statements import LessonRules, ResolvedPost, resolve_post
from reflections.resolve.vocabulary import Vocabulary, load_vocabulary
from sitekit.settings import slugifier

SLUGIFY = slugifier(DEFAULT_CONFIG)
PATH = "content/posts/2025-09-14-two-levels-up.md"
LESSONS_YML = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
  aliases: [Do your homework]
learn-adjacent-functions:
  title: Learn adjacent functions
  theme: Career moves
  aliases: [Cross-train]
use-the-gap:
  title: Use the gap
  theme: Mindset
"""


@pytest.fixture(scope="module")
def vocabulary(tmp_path_factory) -> Vocabulary:
    path = tmp_path_factory.mktemp("vocabulary") / "lessons.yml"
    path.write_text(LESSONS_YML, encoding="utf-8")
    return load_vocabulary(path)


def rules(vocabulary: Vocabulary, strict: bool = False) -> LessonRules:
    return LessonRules(
        vocabulary=vocabulary,
        slugify=SLUGIFY,
        lesson_url=lambda slug: f"lessons/{slug}/",
        strict=strict,
    )


def callout(statement: str, line: int, note: str = "A note.") -> LessonCallout:
    """A callout as the Markdown extension records it."""
    return LessonCallout(
        statement=statement,
        anchor=f"lesson-{SLUGIFY(statement)}",
        note_html=f"<p>{note}</p>",
        note_text=note,
        line=line,
    )


def aside(anchor: str) -> str:
    return f'<aside class="lesson-callout" id="{anchor}">'


def resolve(vocabulary, mentions=(), callouts=(), strict=False) -> ResolvedPost:
    return resolve_post(mentions, callouts, rules(vocabulary, strict), PATH)


def test_lessons_come_in_order_of_first_appearance(vocabulary):
    resolved = resolve(
        vocabulary,
        mentions=[LessonMention("Use the gap", 4), LessonMention("Cross-train", 5)],
        callouts=[callout("Prepare targeted questions", 9)],
    )

    assert [lesson.slug for lesson in resolved.lessons] == [
        "use-the-gap",
        "learn-adjacent-functions",
        "prepare-targeted-questions",
    ]


def test_a_lesson_both_mentioned_and_called_out_appears_once_in_the_mentions_place(
    vocabulary,
):
    resolved = resolve(
        vocabulary,
        mentions=[LessonMention("Use the gap", 4), LessonMention("Cross-train", 4)],
        callouts=[callout("Use the gap", 9, note="Halved, then rebuilt.")],
    )

    assert [lesson.slug for lesson in resolved.lessons] == [
        "use-the-gap",
        "learn-adjacent-functions",
    ]
    first = resolved.lessons[0]
    assert (first.anchor, first.note_text) == (
        "lesson-use-the-gap",
        "Halved, then rebuilt.",
    )
    assert first.note_html == "<p>Halved, then rebuilt.</p>"
    assert resolved.lessons[1].anchor is None


def test_an_alias_resolves_to_the_known_lesson(vocabulary):
    [lesson] = resolve(
        vocabulary, mentions=[LessonMention("Do your homework", 4)]
    ).lessons

    assert (lesson.slug, lesson.title, lesson.theme) == (
        "prepare-targeted-questions",
        "Prepare targeted questions",
        "Preparation",
    )
    assert lesson.known
    assert lesson.url == "lessons/prepare-targeted-questions/"


def test_an_aliased_callouts_anchor_is_renamed_to_the_known_slug(vocabulary):
    resolved = resolve(vocabulary, callouts=[callout("Do your homework", 9)])

    assert resolved.lessons[0].anchor == "lesson-prepare-targeted-questions"
    assert resolved.anchor_renames == {
        "lesson-do-your-homework": "lesson-prepare-targeted-questions"
    }
    html = resolved.rename_anchors(aside("lesson-do-your-homework") + "</aside>")
    assert html == aside("lesson-prepare-targeted-questions") + "</aside>"


def test_two_callouts_of_one_lesson_get_numbered_anchors(vocabulary):
    resolved = resolve(
        vocabulary,
        callouts=[callout("Cross-train", 9), callout("Learn adjacent functions", 14)],
    )

    assert [lesson.anchor for lesson in resolved.lessons] == [
        "lesson-learn-adjacent-functions"
    ]
    assert resolved.anchor_renames == {
        "lesson-cross-train": "lesson-learn-adjacent-functions",
        "lesson-learn-adjacent-functions": "lesson-learn-adjacent-functions-2",
    }


def test_renaming_anchors_handles_a_swap_in_one_pass():
    resolved = ResolvedPost((), {"lesson-a": "lesson-b", "lesson-b": "lesson-a"})

    html = resolved.rename_anchors(aside("lesson-a") + aside("lesson-b"))

    assert html == aside("lesson-b") + aside("lesson-a")


def test_renaming_anchors_leaves_other_ids_alone():
    resolved = ResolvedPost((), {"lesson-a": "lesson-b"})

    assert resolved.rename_anchors('<p id="lesson-a">') == '<p id="lesson-a">'


def test_an_ad_hoc_lesson_gets_a_slug_from_its_statement(vocabulary):
    [lesson] = resolve(
        vocabulary, mentions=[LessonMention("Negotiate after the offer", 4)]
    ).lessons

    assert (lesson.slug, lesson.title) == (
        "negotiate-after-the-offer",
        "Negotiate after the offer",
    )
    assert not lesson.known
    assert lesson.theme is None


def test_a_near_miss_warns_with_the_lesson_it_probably_meant(vocabulary):
    resolved = resolve(
        vocabulary, mentions=[LessonMention("Prepare targeted question", 4)]
    )

    [diagnostic] = resolved.diagnostics
    assert diagnostic.level == "warning"
    assert "did you mean 'Prepare targeted questions'?" in diagnostic.message
    assert (diagnostic.path, diagnostic.line) == (PATH, 4)


@pytest.mark.parametrize(
    "statement", ["Prepare targeted question", "Negotiate after the offer"]
)
def test_strict_mode_makes_near_misses_and_ad_hoc_lessons_errors(vocabulary, statement):
    resolved = resolve(vocabulary, callouts=[callout(statement, 9)], strict=True)

    assert [(d.level, d.line) for d in resolved.diagnostics] == [("error", 9)]


def test_a_statement_without_letters_or_digits_is_an_error(vocabulary):
    resolved = resolve(vocabulary, mentions=[LessonMention("?!", 4)])

    assert resolved.lessons == ()
    [diagnostic] = resolved.diagnostics
    assert (diagnostic.level, diagnostic.line) == ("error", 4)
    assert "no letters or digits" in diagnostic.message


def test_without_a_vocabulary_ad_hoc_lessons_are_not_reported():
    resolved = resolve(
        Vocabulary(), mentions=[LessonMention("Negotiate after the offer", 4)]
    )

    assert [lesson.slug for lesson in resolved.lessons] == ["negotiate-after-the-offer"]
    assert resolved.diagnostics == []
