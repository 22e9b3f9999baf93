"""The journey chart's geometry, computed without a site: it fits its box
for any number of conversations over any span of time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from reflections.assemble.index import assemble_index
from reflections.assemble.journey import (
    CHAR_WIDTH,
    COLUMN,
    LABEL_MAX,
    NARROW_MIN_WIDTH,
    WIDE_WIDTH,
    journey_chart,
)
from reflections.assemble.timeaxis import MIN_PITCH, tick_width, time_axis
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


def post(key: str, when: datetime | int, *lessons: PostLesson) -> PostRecord:
    date = when if isinstance(when, datetime) else datetime(2026, when, 3, 9, 0)
    date = date.replace(tzinfo=TZ)
    return PostRecord(key, f"Talk {key}", f"{date:%Y}/{key}/", date, lessons)


POSTS = [
    post("a", 1, taught("ask-early", "lesson-ask-early"), taught("write-it-down")),
    post("b", 2, taught("write-it-down", "lesson-write-it-down")),
    post("c", 3, taught("ask-early"), taught("rest")),
]


def test_the_journey_has_a_column_per_conversation_in_date_order():
    chart = journey_chart(assemble_index(reversed(POSTS), KNOWN))
    wide = chart.wide
    assert wide.scale == "conversation"
    assert [column.url for column in wide.columns] == ["2026/a/", "2026/b/", "2026/c/"]
    xs = [column.x for column in wide.columns]
    assert xs[1] - xs[0] == COLUMN
    assert [column.label for column in wide.columns] == ["3 Jan", "3 Feb", "3 Mar"]
    assert [column.year_label for column in wide.columns] == ["2026", "", ""]
    assert wide.width == str(wide.label_width + 3 * COLUMN)
    assert wide.caption == (
        "One column per conversation. Each mark links to the paragraph that "
        "taught the lesson; each date to its conversation."
    )


def test_the_journey_groups_lessons_by_theme_with_a_first_mark_then_rings():
    chart = journey_chart(assemble_index(POSTS, KNOWN))
    for drawing in chart.drawings:
        themes = [heading.theme for heading in drawing.headings]
        assert themes == ["Networking", "Preparation", "Mindset"]
        rows = {row.lesson.slug: row for row in drawing.rows}
        ask = rows["ask-early"]
        assert [mark.first for mark in ask.marks] == [True, False]
        xs = [column.x for column in drawing.columns]
        assert [mark.x for mark in ask.marks] == [xs[0], xs[2]]
        assert (ask.span_from, ask.span_to) == (xs[0], xs[2])
        assert not rows["rest"].spans
        assert ask.marks[0].url == "2026/a/#lesson-ask-early"  # the paragraph
        assert ask.marks[1].url == "2026/c/"  # no callout: the post
        assert (
            ask.marks[0].title == "Ask early: first learned in “Talk a” (Jan 3, 2026)"
        )
        assert ask.centre > drawing.headings[0].text_y


def test_the_journey_table_splits_each_conversation_into_first_and_again():
    chart = journey_chart(assemble_index(POSTS, KNOWN))
    rows = chart.conversations
    learned = {row.post.key: [use.lesson.slug for use in row.learned] for row in rows}
    again = {row.post.key: [use.lesson.slug for use in row.reinforced] for row in rows}
    assert learned == {"a": ["ask-early", "write-it-down"], "b": [], "c": ["rest"]}
    assert again == {"a": [], "b": ["write-it-down"], "c": ["ask-early"]}


def test_long_lesson_names_are_shortened_and_the_label_column_bounded():
    long = "A lesson whose statement runs on far longer than any label should"
    known = {"long": KnownLesson("long", long, None)}
    lesson = PostLesson("long", long, None, "lessons/long/", None, "", "", True)
    chart = journey_chart(assemble_index([post("a", 1, lesson)], known))
    for drawing in chart.drawings:
        assert drawing.rows[0].label.endswith("…")
        assert len(drawing.rows[0].label) <= LABEL_MAX
    assert chart.wide.label_width == round(LABEL_MAX * CHAR_WIDTH + 12)


def test_an_empty_site_has_an_empty_journey():
    chart = journey_chart(assemble_index([], {}))
    assert chart.rows == () and chart.conversations == ()
    assert chart.summary == "No reflections yet."


def test_a_conversation_that_names_no_lesson_gets_no_column():
    """A fresh WordPress import adds posts with no lessons: an empty column
    would say nothing, so the chart leaves them out and says how many."""
    imported = [
        post("old1", datetime(2016, 4, 2, 9)),
        post("old2", datetime(2016, 5, 7)),
    ]
    chart = journey_chart(assemble_index([*POSTS, *imported], KNOWN))
    for drawing in chart.drawings:
        assert [column.url for column in drawing.columns] == [
            "2026/a/",
            "2026/b/",
            "2026/c/",
        ]
        assert "2 conversations that name no lesson yet are not shown." in (
            drawing.summary
        )
    assert [row.post.key for row in chart.conversations] == ["a", "b", "c"]
    nothing = journey_chart(assemble_index(imported, KNOWN))
    assert nothing.rows == ()
    assert nothing.summary == "No lesson is named in the 2 conversations yet."


def test_half_a_year_without_a_conversation_is_a_break_in_the_axis():
    """Columns are evenly spaced whatever time lies between them, so a long
    quiet stretch is drawn as a dashed break, titled with the months."""
    old = post("old", datetime(2019, 5, 2, 9), taught("rest"))
    chart = journey_chart(assemble_index([old, *POSTS], KNOWN))
    wide, narrow = chart.drawings
    assert [brk.title for brk in wide.breaks] == [
        "No conversation from May 2019 to January 2026"
    ]
    assert wide.columns[0].x < wide.breaks[0].x < wide.columns[1].x
    assert [column.year_label for column in wide.columns] == ["2019", "2026", "", ""]
    # The narrow drawing's grid is a tick per row; a break is drawn with it.
    assert narrow.stroke.count("M") == len(narrow.rows)
    assert narrow.breaks[0].x == (narrow.columns[0].x + narrow.columns[1].x) / 2
    monthly = journey_chart(assemble_index(POSTS, KNOWN))
    assert monthly.wide.breaks == () and monthly.narrow.breaks == ()


def test_a_narrow_screen_gets_a_column_per_period_when_conversations_crowd_it():
    """Twelve monthly conversations do not fit 272 px at one column each, so
    the narrow drawing has a column per quarter; a mark stands for every use
    in its quarter, links to the first and names them all."""
    posts = [post(f"m{month}", month, taught("ask-early")) for month in range(1, 13)]
    chart = journey_chart(assemble_index(posts, KNOWN))
    assert chart.wide.scale == "conversation"
    narrow = chart.narrow
    assert narrow.scale == "quarter"
    assert [column.label for column in narrow.columns] == ["Q1", "Q2", "Q3", "Q4"]
    assert [column.url for column in narrow.columns] == ["", "", "", ""]
    assert narrow.columns[0].title == "Q1 2026: 3 conversations"
    (row,) = narrow.rows
    assert [mark.first for mark in row.marks] == [True, False, False, False]
    assert row.marks[0].url == "2026/m1/"
    assert row.marks[0].title == (
        "Ask early: first learned in “Talk m1” (Jan 3, 2026); "
        "reinforced in “Talk m2” (Feb 3, 2026); reinforced in “Talk m3” (Mar 3, 2026)"
    )
    assert narrow.unit == "%" and narrow.width == "100%"
    assert [column.x for column in narrow.columns] == [12.5, 37.5, 62.5, 87.5]
    assert narrow.caption == (
        "One column per quarter. The table below links each conversation and lesson."
    )
    assert narrow.summary.endswith(
        "Each column stands for a quarter. The table below lists each "
        "conversation’s lessons."
    )


def test_the_time_axis_takes_the_finest_scale_that_fits():
    weekly = [
        post(f"w{n}", datetime(2020, 1, 6, 9) + timedelta(weeks=n)) for n in range(300)
    ]
    scales = [time_axis(weekly, width).scale for width in (20000, 2500, 900, 300)]
    assert scales == ["conversation", "month", "quarter", "year"]
    centuries = [post(f"y{year}", datetime(year, 6, 1)) for year in range(1700, 2027)]
    axis = time_axis(centuries, NARROW_MIN_WIDTH)
    assert axis.scale == "100 years"
    assert [period.label for period in axis.periods] == [
        "1700–99",
        "1800–99",
        "1900–99",
        "2000–99",
    ]
    assert axis.fits(NARROW_MIN_WIDTH)


lesson_slugs = st.lists(st.sampled_from(sorted(KNOWN)), min_size=0, max_size=3)


@st.composite
def histories(draw):
    """Conversations at any pace over any span: days to decades apart."""
    start = datetime(draw(st.integers(1950, 2026)), 1, 1, 9)
    gaps = draw(
        st.lists(
            st.one_of(st.integers(0, 40), st.integers(0, 4000)),
            min_size=1,
            max_size=250,
        )
    )
    posts, when = [], start
    for number, gap in enumerate(gaps):
        when += timedelta(days=gap, minutes=number)
        slugs = sorted(set(draw(lesson_slugs)))
        posts.append(post(f"p{number}", when, *(taught(slug) for slug in slugs)))
    return posts


@settings(max_examples=60, deadline=None)
@given(histories())
def test_the_journey_fits_its_box_for_any_history(posts):
    chart = journey_chart(assemble_index(posts, KNOWN))
    taught_posts = [p for p in posts if p.lessons]
    wide, narrow = chart.drawings
    assert float(wide.width) <= WIDE_WIDTH
    for drawing, (left, right) in (
        (wide, (wide.label_width, WIDE_WIDTH)),
        (narrow, (0, 100)),
    ):
        xs = [column.x for column in drawing.columns]
        assert xs == sorted(xs) and all(left < x < right for x in xs)
        # Every tick label fits between its neighbours, and marks stay 26 px apart.
        pitch = (xs[1] - xs[0]) if len(xs) > 1 else None
        if pitch is not None and drawing is narrow:
            pitch = pitch / 100 * NARROW_MIN_WIDTH
        if pitch is not None:
            longest = max(
                tick_width(text)
                for c in drawing.columns
                for text in (c.label, c.year_label)
            )
            assert pitch >= max(MIN_PITCH, longest) - 0.01
        # Every column has a mark; every lesson's row has a mark per column
        # that holds one of its uses.
        marked = {mark.x for row in drawing.rows for mark in row.marks}
        assert marked == set(xs)
        for row in drawing.rows:
            assert row.marks and sum(mark.first for mark in row.marks) == 1
    assert len(chart.conversations) == len(taught_posts)
