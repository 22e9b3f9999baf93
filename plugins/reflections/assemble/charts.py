"""Bar chart geometry for the reflection index, computed at build time.

Templates draw the SVG from these numbers and do no arithmetic (the journey
chart's are in ``journey.py``). Two rules keep the charts readable on a
phone: text is never drawn under 12 CSS pixels (the bar chart's viewBox is
narrow enough that its text stays above 12 px on a 320 px screen), and a
chart whose values are all equal is replaced by a sentence, since a row of
identical bars says nothing a sentence cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 lesson", "3 lessons"; ``words`` when the plural is not word + s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


# Bar charts: drawn into a 320-unit viewBox that the page scales to fit.
BAR_WIDTH = 320
BAR_ROW = 36
BAR_TRACK = BAR_WIDTH - 40  # room for the value after the longest bar


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    label_y: float
    bar_y: float
    bar_width: float
    value_x: float
    value_y: float


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, or only ``sentence`` when the bars would say nothing."""

    title: str
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    summary: str  # the chart's description, for its <desc>
    sentence: str = ""  # shown instead of the chart when set


def bar_chart(
    title: str,
    items: Sequence[tuple[str, int]],
    *,
    unit: str,
    equal: str,
) -> BarChart:
    """Bars for ``items`` (label, value), in the order given.

    ``equal`` is the sentence used when every value is the same, with
    ``{value}`` standing for it ("Every theme came up in 4 conversations.").
    """
    values = {value for _, value in items}
    if len(values) <= 1:
        sentence = equal.format(value=plural(values.pop(), unit)) if values else ""
        return BarChart(title, BAR_WIDTH, 0, 0, (), sentence, sentence or "None yet.")
    most = max(values)
    bars = []
    for position, (label, value) in enumerate(items):
        top = position * BAR_ROW
        width = round(max(value / most * BAR_TRACK, 2), 1)
        bars.append(
            Bar(label, value, top + 14, top + 19, width, round(width + 6, 1), top + 30)
        )
    ranked = sorted(items, key=lambda item: -item[1])
    summary = f"{title}: " + ", ".join(
        f"{label} {plural(value, unit)}" for label, value in ranked
    )
    return BarChart(
        title, BAR_WIDTH, len(items) * BAR_ROW, 12, tuple(bars), summary + "."
    )
