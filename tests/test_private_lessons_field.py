"""A private marker on one lesson of `Lessons:` withholds the whole field:
privacy fails closed. When the post names other lessons, nothing showed
that the lessons written beside the private one were lost too, so the build
says how many went (never which: a build's log may be read by others)."""

from __future__ import annotations

import pytest

from reflections.parse.lessons_field import shown_lessons_withheld
from sitekit.sourcelines import metadata_block


def told(head: str) -> list[str]:
    block = metadata_block("Title: Lunch\nDate: 2026-11-01\n" + head + "\nBody.\n")
    return [f"{f.line}: {f.message}" for f in shown_lessons_withheld(block, "p.md")]


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("Lessons: Listen first; Salary talk [!private]\n", "3: "),
        ("Lessons: Salary talk [!private]; Listen first\n", "3: "),
        ("Lessons: Salary talk [! Private ]; Listen first\n", "3: "),
        ("Lessons: Salary talk [!priv&#97;te]; Listen first\n", "3: "),
        ("Lessons: R&amp;D trade-offs; Salary [!private]\n", "3: "),
        # A repeated key is one field, read as the meta extension reads it.
        ("Lessons: Listen first\nLessons: Salary talk [!private]\n", "3: "),
        ("Lessons: Listen first;\n    Salary talk [!private]\n", "3: "),
        # Punctuation before the first lesson is no marker before it.
        ('Lessons: "Listen" first; Salary talk [!private]\n', "3: "),
        ("Lessons: ;Listen first; Salary [!private]\n", "3: "),
        ("Lessons: *Listen* first; Salary [!private]\n", "3: "),
        ("Lessons: (Listen) first; Salary [!private]\n", "3: "),
        # A marker run over a line break is one marker, on one lesson.
        ("Lessons: Listen first; Salary [!private\n    ]\n", "3: "),
    ],
)
def test_a_marker_on_one_lesson_tells_that_the_others_went_with_it(head, said):
    (line,) = told(head)
    assert line.startswith(said)
    assert "with the lesson on it that has none" in line
    assert "Listen" not in line and "Salary" not in line and "R&amp;D" not in line


def test_the_lessons_that_went_are_counted():
    (line,) = told("Lessons: Ask early; Listen first; Salary talk [!private]\n")
    assert "with the 2 lessons on it that have none: no reader sees those" in line


@pytest.mark.parametrize(
    "head",
    [
        "Lessons: [!private] Salary talk; Negotiation\n",  # the whole field marked
        "Lessons: !private Salary talk; Negotiation\n",
        "Lessons: ［!private］ Salary talk; Negotiation\n",
        "Lessons:\n    [!private] Salary talk; Negotiation\n",  # on the line below
        "Lessons: [! Priv&#97;te ] Salary talk; Negotiation\n",
        "Lessons: Salary talk [!private]\n",  # no other lesson on it
        "Lessons: Salary talk [!private];;\n",
        "Lessons: Listen first; Ask early\n",  # no marker at all
        "Who: Graham [!private]\nLessons: Listen first\n",  # another field's
    ],
)
def test_a_field_marked_whole_or_holding_nothing_else_tells_nothing(head):
    assert told(head) == []
