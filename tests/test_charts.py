"""Bar chart geometry for the reflection index, computed without a site
(the journey chart's is in test_journey.py)."""

from __future__ import annotations

from reflections.assemble.charts import bar_chart


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
