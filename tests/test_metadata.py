"""Metadata lines keep their line numbers; Lessons: splits on semicolons."""

from __future__ import annotations

import markdown

from reflections.parse.lessons_field import parse_lessons_field
from sitekit.sourcelines import indented_fields, metadata_block, metadata_lines

PATH = "content/posts/2025-09-14-two-levels-up.md"


def statements(mentions) -> list[str]:
    return [mention.statement for mention in mentions]


def meta_values(text: str) -> dict[str, list[str]]:
    """The values Python-Markdown's meta extension (and so Pelican) reads."""
    md = markdown.Markdown(extensions=["markdown.extensions.meta"])
    md.convert(text)
    return md.Meta


# metadata_lines


def test_each_key_maps_to_the_line_it_is_on():
    text = "Title: Two levels up\nDate: 2025-09-14\nLessons: Cross-train\n\nBody"

    assert metadata_lines(text) == {"title": [1], "date": [2], "lessons": [3]}


def test_keys_are_lower_cased():
    assert metadata_lines("TITLE: x\nLeSSons: y\n") == {"title": [1], "lessons": [2]}


def test_a_repeated_key_lists_every_line_it_is_on():
    text = "Title: x\nLessons: A\nDate: 2025-01-01\nLessons: B\n"

    assert metadata_lines(text)["lessons"] == [2, 4]


def test_a_yaml_header_counts_its_opening_dashes_as_line_one():
    text = "---\nTitle: x\nLessons: A\n---\n\nBody: not metadata\n"

    assert metadata_lines(text) == {"title": [2], "lessons": [3]}


def test_a_yaml_header_may_end_with_dots():
    text = "---\nTitle: x\n...\nLessons: not metadata\n"

    assert metadata_lines(text) == {"title": [2]}


def test_continuation_lines_do_not_end_the_metadata_and_keep_their_lines():
    text = "Summary: one\n    two\n    three\nLessons: A\n\nBody"

    assert metadata_lines(text) == {"summary": [1, 2, 3], "lessons": [4]}


def test_metadata_stops_at_the_first_blank_line():
    text = "Title: x\n\nLessons: only in the body\n"

    assert metadata_lines(text) == {"title": [1]}


def test_metadata_stops_at_a_line_that_is_neither_key_nor_continuation():
    text = "Title: x\nJust a sentence.\nLessons: too late\n"

    assert metadata_lines(text) == {"title": [1]}


def test_a_file_without_metadata_has_no_lines():
    assert metadata_lines("Just a body, no fields.\n") == {}


def test_up_to_three_spaces_before_a_field_are_markdowns_too():
    text = "Title: x\n   Category: Mentoring\n\nBody"

    assert meta_values(text)["category"] == ["Mentoring"]
    assert metadata_lines(text) == {"title": [1], "category": [2]}
    assert indented_fields(text) == []


def test_a_tab_before_a_field_makes_it_more_of_the_field_above_as_in_markdown():
    text = "Title: x\nDate: 2025-01-01\n\tCategory: Mentoring\nTags: a\n\nBody"

    assert meta_values(text)["date"] == ["2025-01-01", "Category: Mentoring"]
    assert metadata_lines(text) == {"title": [1], "date": [2, 3], "tags": [4]}
    [finding] = indented_fields(text, PATH)
    assert (finding.rule, finding.path, finding.line) == (
        "indented-metadata",
        PATH,
        3,
    )
    assert "more of the Date: field" in finding.message
    assert "not as a Category: field" in finding.message


def test_a_continuation_that_reads_like_text_is_not_reported():
    text = "Summary: A long one\n    that goes on, as summaries do\n\nBody"

    assert [line.continues for line in metadata_block(text)] == [False, True]
    assert indented_fields(text) == []


# parse_lessons_field


def test_a_block_read_again_is_the_same_whatever_a_caller_did_with_the_first():
    """The block of the last few texts is kept (each post's is asked for
    five times or more while it is read): a caller's copy is its own."""
    text = "Title: One\nTags: a, b\n\nBody"
    first = metadata_block(text)
    first.clear()
    assert [line.key for line in metadata_block(text)] == ["title", "tags"]


def test_texts_read_one_after_another_each_get_their_own_block():
    """What is kept is keyed on the whole head: a value, an indent, a blank
    line or an opening ``---`` changed before the body gives another block;
    a body changed after it gives the same one."""
    expected = {
        "Title: One\nTags: a": [(1, "title", "One"), (2, "tags", "a")],
        "Title: One\nTags: b": [(1, "title", "One"), (2, "tags", "b")],
        "Title: One\n    Tags: a": [(1, "title", "One"), (2, "title", "Tags: a")],
        "Title: One\n\nTags: a": [(1, "title", "One")],
        "---\nTitle: One\nTags: a": [(2, "title", "One"), (3, "tags", "a")],
    }
    for _ in range(2):
        for head, lines in expected.items():
            for body in ("\n\nFirst body", "\n\nKey: not a field", ""):
                block = metadata_block(head + body)
                assert [(line.number, line.key, line.value) for line in block] == lines


def test_lessons_are_separated_by_semicolons():
    mentions, findings = parse_lessons_field("Cross-train; Use the gap;Do it", [7])

    assert statements(mentions) == ["Cross-train", "Use the gap", "Do it"]
    assert [mention.line for mention in mentions] == [7, 7, 7]
    assert findings == []


def test_a_lesson_containing_commas_stays_whole():
    mentions, _ = parse_lessons_field("Ask who, when and why; Cross-train", [3])

    assert statements(mentions) == ["Ask who, when and why", "Cross-train"]


def test_a_repeated_key_keeps_the_line_of_each_of_its_lines():
    mentions, _ = parse_lessons_field(["A; B", "C"], [3, 5])

    assert [(m.statement, m.line) for m in mentions] == [("A", 3), ("B", 3), ("C", 5)]


def test_without_line_numbers_mentions_have_no_line():
    mentions, _ = parse_lessons_field("A; B")

    assert [mention.line for mention in mentions] == [None, None]


def test_empty_items_are_dropped_and_reported_naming_path_and_line():
    mentions, findings = parse_lessons_field("A;; B;", [4], PATH)

    assert statements(mentions) == ["A", "B"]
    assert len(findings) == 2
    for finding in findings:
        assert finding.rule == "empty-lessons-item"
        assert (finding.path, finding.line) == (PATH, 4)
        assert "semicolons" in finding.message


def test_whitespace_inside_a_lesson_is_collapsed():
    mentions, _ = parse_lessons_field("  Prepare   targeted\tquestions  ;  B ")

    assert statements(mentions) == ["Prepare targeted questions", "B"]


def test_a_continuation_line_of_lessons_keeps_its_own_line_number():
    text = "Title: x\nLessons: A\n    B\nLessons: C\n\nBody"

    mentions, _ = parse_lessons_field(
        meta_values(text)["lessons"], metadata_lines(text)["lessons"]
    )

    assert [(m.statement, m.line) for m in mentions] == [("A", 2), ("B", 3), ("C", 4)]
