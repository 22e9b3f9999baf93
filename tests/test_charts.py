"""Chart geometry for the reflection index, computed without a site."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from reflections.charts import lesson_bars, month_columns
from reflections.model import LessonRecord, LessonUse, PostLesson, PostRecord

UTC = ZoneInfo("UTC")


def post(key: str, year: int, month: int) -> PostRecord:
    return PostRecord(key, key, f"{key}/", datetime(year, month, 10, tzinfo=UTC), ())


def lesson(title: str, count: int) -> LessonRecord:
    taught = PostLesson(title.lower(), title, None, "u/", None, "", "", True)
    uses = tuple(LessonUse(post(f"p{n}", 2026, 1), taught) for n in range(count))
    return LessonRecord(title.lower(), title, None, "", "u/", True, uses)


def test_the_longest_bar_belongs_to_the_most_taught_lesson():
    chart = lesson_bars((lesson("Often", 4), lesson("Sometimes", 2), lesson("Once", 1)))
    widths = [bar.bar_width for bar in chart.bars]
    assert widths[0] == chart.width - 36
    assert widths[1] == widths[0] / 2
    assert widths == sorted(widths, reverse=True)
    assert [bar.value for bar in chart.bars] == [4, 2, 1]
    assert chart.bars[1].bar_y > chart.bars[0].bar_y
    assert "Often (4)" in chart.summary


def test_the_month_chart_covers_every_month_between_the_first_and_last_post():
    chart = month_columns((post("a", 2025, 11), post("b", 2026, 2), post("c", 2026, 2)))
    assert [column.value for column in chart.columns] == [1, 0, 0, 2]
    assert [column.label for column in chart.columns] == ["N", "D", "J", "F"]
    assert [column.year_label for column in chart.columns] == ["2025", "", "2026", ""]
    tallest = chart.columns[3]
    assert tallest.y + tallest.height == chart.baseline
    assert chart.columns[1].height == 0
    assert chart.columns[0].height == tallest.height / 2
    assert "November 2025 to February 2026" in chart.summary
    assert chart.columns[3].title == "February 2026: 2 reflections"


def test_many_months_drop_the_month_letters_but_keep_the_years():
    posts = tuple(post(f"p{year}", year, 6) for year in range(2000, 2010))
    chart = month_columns(posts)
    assert len(chart.columns) == 9 * 12 + 1
    assert not any(column.label for column in chart.columns)
    assert [c.year_label for c in chart.columns if c.year_label][:2] == ["2000", "2001"]
    assert not chart.value_labels


def test_empty_charts_say_so():
    assert lesson_bars(()).summary == "No lessons yet."
    assert month_columns(()).columns == ()
