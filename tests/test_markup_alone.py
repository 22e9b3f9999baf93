"""A name or statement of markup that draws nothing (`<?`, `<!-- -->`,
`<b></b>`) shows nothing where it is shown (the `text` filter), so it is as
blank as an empty one, and the line that says so names the markup, not
invisible characters it does not hold."""

from __future__ import annotations

import pytest
from test_parse_properties import CONTENT, READER
from test_vocabulary import vocabulary_error

from reflections.parse.reader import PARSED
from sitekit.fallbackslugs import invisible_name_message
from sitekit.text import shows_nothing, text_filter, why_nothing_shows

DRAWING_NOTHING = ["<?", "<!-- -->", "<b></b>", "<!x>", "</ x>", "<?\u200b"]


@pytest.mark.parametrize("markup", DRAWING_NOTHING)
def test_markup_that_draws_nothing_shows_nothing_and_is_said_to_be_markup(markup):
    assert text_filter(markup) == ""
    assert shows_nothing(markup)
    assert why_nothing_shows(markup) == "markup that draws nothing"


def test_invisible_characters_are_still_said_to_be_invisible():
    assert why_nothing_shows("\u200b\u2060") == "invisible characters alone"


@pytest.mark.parametrize("shown", ["a <?", "<b>Aim</b>", "x < y", "&lt;?"])
def test_markup_around_text_shows_the_text(shown):
    assert not shows_nothing(shown)


def lessons_field(value: str):
    path = CONTENT / "markup-alone.md"
    path.write_text(
        f"Title: Markup alone\nDate: 2026-01-01\nLessons: {value}\n\nBody.",
        encoding="utf-8",
    )
    _, metadata = READER.read(str(path))
    return metadata[PARSED]


@pytest.mark.parametrize("markup", DRAWING_NOTHING)
def test_a_lessons_item_of_markup_alone_is_ignored_and_named(markup):
    parsed = lessons_field(f"{markup}; Aim two levels up")
    assert [m.statement for m in parsed.mentions] == ["Aim two levels up"]
    (finding,) = parsed.findings
    assert finding.rule == "empty-lessons-item" and finding.line == 3
    assert f"{markup!r} shows nothing (markup that draws nothing)" in finding.message


def test_a_lesson_title_of_markup_alone_is_refused_at_its_line(tmp_path):
    path, error = vocabulary_error(tmp_path, "aim:\n  title: <b></b>\n")
    assert error.path == path
    assert error.line == 2
    assert "shows nothing (markup that draws nothing)" in str(error)


def test_a_tag_of_markup_alone_is_said_to_be_markup():
    said = invisible_name_message("Tags", "<!-- -->")
    assert "'<!-- -->' shows nothing (markup that draws nothing)" in said
