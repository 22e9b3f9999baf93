"""Stories and asked questions through resolve and assemble, as plain data.

A story or a question shows the lessons of its own ``Lessons:`` line (which
the post then teaches too) or else the post's; the story bank groups
stories by theme and lesson, a lesson's record lists its stories, and the
question bank counts a question asked again as one question, by kind of
conversation and by lesson. People are named by ``Who:`` alike everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from test_resolve import LESSONS_YML, rules

from reflections.assemble.index import assemble_index
from reflections.assemble.questions import question_bank
from reflections.assemble.stories import story_bank
from reflections.model import (
    AskedCallout,
    KnownLesson,
    LessonMention,
    PostLesson,
    PostQuestion,
    PostRecord,
    PostStory,
    StoryCallout,
    StoryPart,
)
from reflections.people import person_key, person_name, person_of
from reflections.resolve.statements import resolve_post
from reflections.resolve.vocabulary import Vocabulary, load_vocabulary

TZ = timezone(timedelta(hours=-5))


@pytest.fixture(scope="module")
def vocabulary(tmp_path_factory) -> Vocabulary:
    path = tmp_path_factory.mktemp("vocabulary") / "lessons.yml"
    path.write_text(LESSONS_YML, encoding="utf-8")
    return load_vocabulary(path)


PARTS = tuple(StoryPart(name, f"<p>{name}.</p>", f"{name}.") for name in ("Task",))


def story(title: str, line: int, *lessons: str) -> StoryCallout:
    mentions = tuple(LessonMention(statement, line + 1) for statement in lessons)
    anchor = "story-" + title.lower().replace(" ", "-")
    return StoryCallout(title, anchor, PARTS, line, mentions)


def asked(question: str, line: int, answer: str = "", *lessons: str) -> AskedCallout:
    mentions = tuple(LessonMention(statement, line + 1) for statement in lessons)
    anchor = "asked-" + question.lower().rstrip("?").replace(" ", "-")
    html = f"<p>{answer}</p>" if answer else ""
    return AskedCallout(question, anchor, html, answer, line, mentions)


def test_a_story_shows_its_own_lessons_and_the_post_teaches_them_too(vocabulary):
    resolved = resolve_post(
        [LessonMention("Use the gap", 3)],
        [],
        rules(vocabulary),
        stories=[story("The reorg", 10, "Cross-train", "Do your homework")],
    )

    assert [lesson.slug for lesson in resolved.lessons] == [
        "use-the-gap",
        "learn-adjacent-functions",
        "prepare-targeted-questions",
    ]
    [told] = resolved.stories
    assert [lesson.slug for lesson in told.lessons] == [
        "learn-adjacent-functions",
        "prepare-targeted-questions",
    ]


def test_a_story_without_a_lessons_line_shows_every_lesson_of_the_post(vocabulary):
    resolved = resolve_post(
        [LessonMention("Use the gap; Cross-train", 3)],
        [],
        rules(vocabulary),
        stories=[story("Quiet", 10)],
        asked=[asked("Why?", 20, "Because.")],
    )

    assert resolved.stories[0].lessons == resolved.lessons
    assert resolved.questions[0].lessons == resolved.lessons


def test_a_storys_unknown_lesson_is_reported_at_its_line(vocabulary):
    resolved = resolve_post(
        [],
        [],
        rules(vocabulary),
        "post.md",
        stories=[story("Budgeting", 10, "Budget for the unexpected")],
    )

    assert [(f.rule, f.line) for f in resolved.findings] == [("ad-hoc-lesson", 11)]
    assert resolved.stories[0].lessons[0].title == "Budget for the unexpected"


def test_questions_are_compared_without_case_punctuation_or_spacing(vocabulary):
    resolved = resolve_post(
        [],
        [],
        rules(vocabulary),
        asked=[
            asked("Who else should I talk to?", 5),
            asked("who else  should I talk to", 9),
            asked("Who else should I call?", 12),
        ],
    )
    keys = [question.key for question in resolved.questions]
    assert keys[0] == keys[1] == "who else should i talk to"
    assert keys[2] != keys[0]


# The assemble stage, on records made by hand.
KNOWN = {
    "use-the-gap": KnownLesson("use-the-gap", "Use the gap", "Mindset"),
    "cross-train": KnownLesson("cross-train", "Cross-train", "Career moves"),
    "do-homework": KnownLesson("do-homework", "Do homework", "Preparation"),
}


def lesson(slug: str) -> PostLesson:
    known = KNOWN[slug]
    url = f"lessons/{slug}/"
    return PostLesson(slug, known.title, known.theme, url, None, "", "", True)


def record(key: str, month: int, category: str, lessons, stories=(), questions=()):
    return PostRecord(
        key=key,
        title=key.title(),
        url=f"2026/{key}/",
        date=datetime(2026, month, 1, 9, 0, tzinfo=TZ),
        lessons=tuple(lessons),
        category=category,
        category_url=f"category/{category.lower().replace(' ', '-')}/",
        stories=tuple(stories),
        questions=tuple(questions),
    )


def told(title: str, *slugs: str) -> PostStory:
    return PostStory(title, f"story-{title.lower()}", PARTS, tuple(map(lesson, slugs)))


def question(text: str, answer: str, *slugs: str) -> PostQuestion:
    key = text.lower().rstrip("?")
    anchor = "asked-" + key.replace(" ", "-")
    html = f"<p>{answer}</p>" if answer else ""
    return PostQuestion(text, key, anchor, html, answer, tuple(map(lesson, slugs)))


GAP, CROSS, HOMEWORK = (
    lesson("use-the-gap"),
    lesson("cross-train"),
    lesson("do-homework"),
)
POSTS = [
    record(
        "march",
        3,
        "Mentoring",
        [GAP, CROSS],
        stories=[told("Reorg", "use-the-gap", "cross-train")],
        questions=[question("What next?", "Learn finance.", "cross-train")],
    ),
    record(
        "january",
        1,
        "Informational interviews",
        [GAP, HOMEWORK],
        stories=[told("Layoff", "use-the-gap")],
        questions=[
            question("What next?", "", "use-the-gap"),
            question("Who else?", "Ask Dana.", "do-homework"),
        ],
    ),
    record(
        "may",
        5,
        "Informational interviews",
        [HOMEWORK],
        questions=[question("What next?", "Ship something.", "do-homework")],
    ),
]


@pytest.fixture
def index():
    return assemble_index(POSTS, KNOWN)


def test_a_lessons_record_lists_its_stories_newest_first(index):
    records = {record.slug: record for record in index.lessons}
    assert [use.story.title for use in records["use-the-gap"].stories] == [
        "Reorg",
        "Layoff",
    ]
    assert [use.story.title for use in records["cross-train"].stories] == ["Reorg"]
    assert records["do-homework"].stories == ()


def test_the_story_bank_has_every_story_once_and_an_index_by_theme_and_lesson(index):
    bank = story_bank(index)

    assert [use.story.title for use in bank.stories] == ["Reorg", "Layoff"]
    assert [
        (theme.name, [entry.lesson.slug for entry in theme.lessons])
        for theme in bank.themes
    ] == [("Mindset", ["use-the-gap"]), ("Career moves", ["cross-train"])]
    assert bank.summary == "2 stories from 2 conversations, showing 2 lessons."
    assert bank.stories[0].bank_id == "2026-march-story-reorg"
    assert bank.stories[0].url == "2026/march/#story-reorg"


def test_a_question_asked_three_times_is_one_question_with_three_askings(index):
    bank = question_bank(index)

    first = bank.questions[0]
    assert (first.text, first.times_asked, first.times_label) == (
        "What next?",
        3,
        "asked 3 times",
    )
    assert [use.post.key for use in first.asks] == ["may", "march", "january"]
    assert [use.question.answer_text for use in first.answered] == [
        "Ship something.",
        "Learn finance.",
    ]
    assert bank.summary == "2 questions, asked 4 times in 3 conversations."


def test_the_question_bank_groups_by_kind_of_conversation_and_by_lesson(index):
    bank = question_bank(index)

    kinds = {group.name: group for group in bank.by_kind}
    assert list(kinds) == ["Informational interviews", "Mentoring"]
    informational = kinds["Informational interviews"]
    assert [(q.text, q.times_asked) for q in informational.questions] == [
        ("What next?", 2),
        ("Who else?", 1),
    ]
    assert informational.html_id == "informational-interviews"
    assert informational.questions[0].entry_id == "informational-interviews-what-next"
    assert informational.questions[0].times_in_all == 3
    assert informational.questions[0].in_all_label == "3 times in all"
    lessons = [
        (group.name, [q.text for q in group.questions]) for group in bank.by_lesson
    ]
    # lessons in the index's order: by theme as lessons.yml gives them
    # its newest asking was in an informational interview (May)
    assert (
        bank.by_lesson[0].questions[0].entry_id == informational.questions[0].entry_id
    )
    assert lessons == [
        ("Use the gap", ["What next?"]),
        ("Cross-train", ["What next?"]),
        ("Do homework", ["What next?", "Who else?"]),
    ]


def test_a_site_without_stories_or_questions_has_empty_banks_that_say_so():
    index = assemble_index([replace(POSTS[0], stories=(), questions=())], KNOWN)

    assert story_bank(index).stories == () and story_bank(index).themes == ()
    assert story_bank(index).summary == "No stories yet."
    assert question_bank(index).questions == ()
    assert question_bank(index).summary == "No questions yet."


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("Graham, a director of supply chain planning", "Graham"),
        ("  Ruth  Okafor ,  my mentor", "Ruth Okafor"),
        ("Ｄａｎａ, a researcher", "Dana"),  # full-width letters, as NFKC has them
        ("Omar", "Omar"),
        (", nobody named", None),
        ("", None),
        (None, None),
    ],
)
def test_a_person_is_the_part_of_who_before_its_first_comma(who, name):
    assert person_name(who) == name
    person = person_of(who)
    assert (person.name if person else None) == name


def test_people_are_compared_without_case_or_extra_spaces():
    assert person_key("RUTH   okafor") == person_key("Ruth Okafor") == "ruth okafor"
    assert person_of("Ruth Okafor, mentor").key == person_key(" ruth okafor ")
