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


def rules(vocabulary: Vocabulary) -> LessonRules:
    return LessonRules(
        vocabulary=vocabulary,
        slugify=SLUGIFY,
        lesson_url=lambda slug: f"lessons/{slug}/",
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


def resolve(vocabulary, mentions=(), callouts=()) -> ResolvedPost:
    return resolve_post(mentions, callouts, rules(vocabulary), PATH)


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


def test_a_near_miss_names_the_lesson_it_probably_meant(vocabulary):
    resolved = resolve(
        vocabulary, mentions=[LessonMention("Prepare targeted question", 4)]
    )

    [finding] = resolved.findings
    assert finding.rule == "near-miss"
    assert "did you mean 'Prepare targeted questions'?" in finding.message
    assert (finding.path, finding.line) == (PATH, 4)


def test_an_ad_hoc_lesson_is_reported_with_the_command_that_adds_it(vocabulary):
    resolved = resolve(vocabulary, callouts=[callout("Negotiate after the offer", 9)])

    [finding] = resolved.findings
    assert (finding.rule, finding.line) == ("ad-hoc-lesson", 9)
    assert 'reflect lessons add "Negotiate after the offer"' in finding.message


def test_a_statement_without_letters_or_digits_is_dropped_and_reported(vocabulary):
    resolved = resolve(vocabulary, mentions=[LessonMention("?!", 4)])

    assert resolved.lessons == ()
    [finding] = resolved.findings
    assert (finding.rule, finding.line) == ("lesson-without-letters", 4)
    assert "no letters or digits" in finding.message


def test_with_the_vocabulary_turned_off_no_lesson_is_ad_hoc():
    resolved = resolve(
        Vocabulary(), mentions=[LessonMention("Negotiate after the offer", 4)]
    )

    assert [lesson.slug for lesson in resolved.lessons] == ["negotiate-after-the-offer"]
    assert resolved.findings == []


# --- One lesson of the writer's own, spelt two ways ------------------------------

FIRST = "content/posts/2025-01-01-first.md"
LATER = "content/posts/2025-02-01-later.md"


def merges(findings) -> list[tuple[str, int | None, str]]:
    return [
        (finding.path, finding.line, finding.message)
        for finding in findings
        if finding.rule == "merged-lesson-spelling"
    ]


@pytest.mark.parametrize(
    "later",
    ["ask for Intros", "ASK FOR INTROS", "Ask for íntros", "Ask for intros!"],
    ids=["case", "capitals", "an accent", "punctuation"],
)
def test_a_lesson_spelt_otherwise_later_is_the_first_spelling_with_a_finding(
    vocabulary, later
):
    """Words that make one slug are one lesson, shown as first spelt; each
    other spelling is reported at its line, naming the first's."""
    shared = rules(vocabulary)
    first = resolve_post([LessonMention("Ask for intros", 3)], [], shared, FIRST)
    second = resolve_post([LessonMention(later, 7)], [], shared, LATER)

    assert merges(first.findings) == []
    assert [(lesson.slug, lesson.title) for lesson in second.lessons] == [
        ("ask-for-intros", "Ask for intros")
    ]
    assert merges(second.findings) == [
        (
            LATER,
            7,
            f"lesson {later!r} is the lesson 'Ask for intros' ({FIRST}:3): their "
            "words make one slug, 'ask-for-intros', so they share one page, which "
            "shows 'Ask for intros'; spell it the same way, or in words of its "
            "own if it is another lesson",
        )
    ]


def test_two_spellings_in_one_post_are_reported_at_the_second(vocabulary):
    resolved = resolve(
        vocabulary,
        mentions=[LessonMention("Ask for intros", 4)],
        callouts=[callout("ask for Intros", 9)],
    )

    assert [lesson.title for lesson in resolved.lessons] == ["Ask for intros"]
    assert [(line, path) for path, line, _ in merges(resolved.findings)] == [(9, PATH)]


def test_a_composed_and_a_decomposed_accent_are_one_spelling(vocabulary):
    """The same text, its é typed or pasted as e and a combining accent."""
    shared = rules(vocabulary)
    resolve_post([LessonMention("Caf\u00e9 chats count", 3)], [], shared, FIRST)
    second = resolve_post(
        [LessonMention("Cafe\u0301 chats count", 5)], [], shared, LATER
    )

    assert merges(second.findings) == []
    assert [lesson.title for lesson in second.lessons] == ["Caf\u00e9 chats count"]


def test_a_known_lesson_spelt_in_another_case_is_not_a_merge(vocabulary):
    """lessons.yml gives a known lesson its one title; case never mattered."""
    shared = rules(vocabulary)
    resolve_post([LessonMention("Use the gap", 3)], [], shared, FIRST)
    second = resolve_post([LessonMention("use the GAP", 5)], [], shared, LATER)

    assert second.findings == []
