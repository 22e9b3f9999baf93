"""The reflection index page's sections, worked out without a site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

from reflections.assemble.index import OTHER_THEME, assemble_index
from reflections.assemble.sections import index_page, span_label
from reflections.model import KnownLesson, PostLesson, PostRecord

TZ = timezone(timedelta(hours=-6))
KNOWN = {
    "ask-early": KnownLesson("ask-early", "Ask early", "Networking"),
    "write-it-down": KnownLesson("write-it-down", "Write it down", "Preparation"),
    "rest": KnownLesson("rest", "Rest", "Mindset"),
    "breathe": KnownLesson("breathe", "Breathe", "Mindset"),
}


@dataclass(frozen=True)
class Reply:
    author: str
    date: datetime
    url: str
    text: str
    excerpt: str


def taught(slug: str) -> PostLesson:
    known = KNOWN.get(slug)
    title = known.title if known else slug.capitalize()
    theme = known.theme if known else None
    return PostLesson(slug, title, theme, f"lessons/{slug}/", None, "", "", bool(known))


def post(key, month, category, *slugs, question=None, answers=0) -> PostRecord:
    return PostRecord(
        key,
        f"Talk {key}",
        f"2026/{key}/",
        datetime(2026, month, 3, tzinfo=TZ),
        tuple(taught(slug) for slug in slugs),
        question=question,
        answer_count=answers,
        category=category,
        category_url=f"category/{category.lower()}/",
    )


POSTS = [
    post("a", 1, "Mentoring", "ask-early", "write-it-down", "rest", question="A?"),
    post("b", 2, "Mentoring", "write-it-down", "breathe", question="B?", answers=1),
    post("c", 6, "Mock", "ask-early", "improvised", question="C?", answers=3),
    post("d", 7, "Mock", "write-it-down", question="D?"),
]


def page(posts=POSTS):
    return index_page(assemble_index(posts, KNOWN))


def test_recurring_lessons_come_most_reinforced_first_with_their_span():
    recurring = page().recurring
    assert [item.lesson.slug for item in recurring] == ["write-it-down", "ask-early"]
    write = recurring[0]
    assert (write.first.key, write.latest.key) == ("a", "d")
    assert write.span_label == "6 months"
    assert (write.first_month, write.latest_month) == ("Jan 2026", "Jul 2026")


def test_lessons_learned_once_are_listed_oldest_first():
    once = page().learned_once
    assert [(item.lesson.slug, item.post.key) for item in once] == [
        ("rest", "a"),
        ("breathe", "b"),
        ("improvised", "c"),
    ]


def test_each_theme_counts_its_lessons_and_conversations_and_names_the_latest():
    themes = {theme.name: theme for theme in page().themes}
    assert themes["Mindset"].lesson_count == 2
    assert themes["Mindset"].conversation_count == 2
    assert themes["Mindset"].latest.key == "b"
    assert themes["Preparation"].conversations_label == "3 conversations"
    assert themes[OTHER_THEME].latest.key == "c"


def test_conversations_per_theme_that_are_all_equal_become_a_sentence():
    posts = [post("a", 1, "Mentoring", "ask-early", "rest")]
    chart = page(posts).theme_chart
    assert chart.bars == ()
    assert chart.sentence == "Every theme came up in 1 conversation."


def test_each_kind_of_conversation_counts_its_conversations_per_theme():
    matrix = page().by_type
    assert matrix.themes == ("Networking", "Preparation", "Mindset", OTHER_THEME)
    rows = {row.category: row for row in matrix.rows}
    assert [row.category for row in matrix.rows] == ["Mentoring", "Mock"]
    assert rows["Mentoring"].conversation_count == 2
    assert [cell.count for cell in rows["Mentoring"].cells] == [1, 2, 2, 0]
    assert [cell.count for cell in rows["Mock"].cells] == [1, 1, 0, 1]
    query = parse_qs(rows["Mock"].cells[0].search_query)
    assert query == {"category": ["Mock"], "theme": ["Networking"]}
    assert rows["Mock"].cells[3].search_query == ""  # no theme to filter on


def test_answered_questions_come_first_and_the_rest_are_counted():
    questions = page().questions
    assert [p.key for p in questions.answered] == ["c", "b"]
    assert [p.key for p in questions.unanswered] == ["d", "a"]
    assert questions.unanswered_label == "2 questions still waiting for an answer"


def test_the_summary_names_the_counts_and_the_span():
    assert page().summary == (
        "5 lessons from 4 conversations, January 2026 to July 2026."
    )
    assert page([]).summary == "No reflections yet."


def test_spans_read_in_weeks_months_or_years():
    start = datetime(2025, 9, 14, tzinfo=TZ)
    assert span_label(start, start + timedelta(days=3)) == "the same week"
    assert span_label(start, start + timedelta(days=20)) == "2 weeks"
    assert span_label(start, datetime(2025, 10, 14, tzinfo=TZ)) == "1 month"
    assert span_label(start, datetime(2026, 9, 13, tzinfo=TZ)) == "11 months"
    assert span_label(start, datetime(2028, 1, 1, tzinfo=TZ)) == "2 years"
