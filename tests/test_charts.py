"""Chart geometry for the reflection index, computed without a site."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from reflections.assemble.charts import (
    CHAR_WIDTH,
    COLUMN,
    LABEL_MAX,
    bar_chart,
    journey_chart,
)
from reflections.assemble.index import assemble_index
from reflections.model import KnownLesson, PostLesson, PostRecord

TZ = timezone(timedelta(hours=-6))
KNOWN = {
    "ask-early": KnownLesson("ask-early", "Ask early", "Networking"),
    "write-it-down": KnownLesson("write-it-down", "Write it down", "Preparation"),
    "rest": KnownLesson("rest", "Rest", "Mindset"),
}


def taught(slug: str, anchor: str | None = None) -> PostLesson:
    known = KNOWN[slug]
    return PostLesson(
        slug, known.title, known.theme, f"lessons/{slug}/", anchor, "", "", True
    )


def post(key: str, month: int, *lessons: PostLesson) -> PostRecord:
    date = datetime(2026, month, 3, 9, 0, tzinfo=TZ)
    return PostRecord(key, f"Talk {key}", f"2026/{key}/", date, lessons)


POSTS = [
    post("a", 1, taught("ask-early", "lesson-ask-early"), taught("write-it-down")),
    post("b", 2, taught("write-it-down", "lesson-write-it-down")),
    post("c", 3, taught("ask-early"), taught("rest")),
]


def test_equal_bars_are_replaced_by_a_sentence():
    chart = bar_chart(
        "Conversations per theme",
        [("Mindset", 2), ("Networking", 2)],
        unit="conversation",
        equal="Every theme came up in {value}.",
    )
    assert chart.bars == ()
    assert chart.sentence == "Every theme came up in 2 conversations."


def test_the_longest_bar_belongs_to_the_largest_value():
    chart = bar_chart(
        "Talks", [("Often", 4), ("Sometimes", 2), ("Once", 1)], unit="talk", equal=""
    )
    widths = [bar.bar_width for bar in chart.bars]
    assert chart.sentence == ""
    assert widths[1] == widths[0] / 2
    assert widths == sorted(widths, reverse=True)
    assert chart.bars[1].bar_y > chart.bars[0].bar_y
    assert chart.summary == "Talks: Often 4 talks, Sometimes 2 talks, Once 1 talk."


def test_the_journey_has_a_column_per_conversation_in_date_order():
    chart = journey_chart(assemble_index(reversed(POSTS), KNOWN))
    assert [column.post.key for column in chart.columns] == ["a", "b", "c"]
    centres = [column.centre for column in chart.columns]
    assert centres[1] - centres[0] == COLUMN
    assert [column.day_label for column in chart.columns] == ["3 Jan", "3 Feb", "3 Mar"]
    assert [column.year_label for column in chart.columns] == ["2026", "", ""]
    assert chart.width == chart.label_width + 3 * COLUMN


def test_the_journey_groups_lessons_by_theme_with_a_first_mark_then_rings():
    chart = journey_chart(assemble_index(POSTS, KNOWN))
    assert [heading.theme for heading in chart.headings] == [
        "Networking",
        "Preparation",
        "Mindset",
    ]
    rows = {row.lesson.slug: row for row in chart.rows}
    ask = rows["ask-early"]
    assert [mark.first for mark in ask.marks] == [True, False]
    assert [mark.x for mark in ask.marks] == [
        chart.columns[0].centre,
        chart.columns[2].centre,
    ]
    assert (ask.span_from, ask.span_to) == (ask.marks[0].x, ask.marks[1].x)
    assert not rows["rest"].spans
    assert ask.marks[0].url == "2026/a/#lesson-ask-early"  # the paragraph
    assert ask.marks[1].url == "2026/c/"  # no callout: the post
    assert "“Talk a”" in ask.marks[0].title
    assert all(
        row.centre > heading.text_y for row, heading in [(ask, chart.headings[0])]
    )


def test_the_journey_table_splits_each_conversation_into_first_and_again():
    chart = journey_chart(assemble_index(POSTS, KNOWN))
    learned = {c.post.key: [u.lesson.slug for u in c.learned] for c in chart.columns}
    again = {c.post.key: [u.lesson.slug for u in c.reinforced] for c in chart.columns}
    assert learned == {"a": ["ask-early", "write-it-down"], "b": [], "c": ["rest"]}
    assert again == {"a": [], "b": ["write-it-down"], "c": ["ask-early"]}


def test_long_lesson_names_are_shortened_and_the_label_column_bounded():
    long = "A lesson whose statement runs on far longer than any label should"
    known = {"long": KnownLesson("long", long, None)}
    lesson = PostLesson("long", long, None, "lessons/long/", None, "", "", True)
    chart = journey_chart(assemble_index([post("a", 1, lesson)], known))
    assert chart.rows[0].label.endswith("…")
    assert len(chart.rows[0].label) <= LABEL_MAX
    assert chart.label_width == round(LABEL_MAX * CHAR_WIDTH + 12)


def test_an_empty_site_has_an_empty_journey():
    chart = journey_chart(assemble_index([], {}))
    assert chart.rows == () and chart.columns == ()
    assert chart.summary == "No reflections yet."
