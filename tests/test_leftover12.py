"""Defects this evening's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import shutil

import pytest
from sitebuild import CONTENT
from test_reflect_desk import SETTINGS, run

# --- 1. An edit refuses a file whose structure it did not read as expected ---------


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """The sample content in a site of its own, as the working directory,
    its desk counting from December 4, 2026 (as tests/test_reflect_desk.py)."""
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: reviews.yml texts whose entry for price-the-pay-cut is no list of days,
#: and the line at fault.
MISSHAPEN_REVIEW_LOGS = [
    ("price-the-pay-cut:\n  when: 2026-01-01\n", 1),
    ("# mine\nprice-the-pay-cut:\n  on: 2026-01-01\n  again: 2026-02-01\n", 2),
    ("price-the-pay-cut:\n  - 2026-01-01\n  - [2026-02-01, 2026-03-01]\n", 3),
    ("price-the-pay-cut:\n  - on: 2026-01-01\n", 2),
    ("a: [2026-01-01]\nprice-the-pay-cut: {on: 2026-01-01}\n", 2),
    ("- price-the-pay-cut: [2026-01-01]\n", 1),
    ("just some words\n", 1),
]


@pytest.mark.parametrize(("text", "line"), MISSHAPEN_REVIEW_LOGS)
def test_review_done_refuses_a_log_entry_of_the_wrong_shape(blog, capsys, text, line):
    """A lesson's entry that was a mapping (or a list holding one) got the
    day appended as a list item beside what the writer wrote: a file the
    command could not read as a log, changed. Now it is one line naming the
    file and line, and the file is left byte for byte."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    said = [said for said in err.splitlines() if "reflect review done" in said]
    assert len(said) == 1, err
    assert f"content/reviews.yml:{line}: " in said[0]
    assert "left as it was" in said[0]
    assert "Traceback" not in err
    assert reviews.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "text",
    ["price-the-pay-cut:\n", "price-the-pay-cut: 2026-01-01\n", "other: {x: 1}\n"],
)
def test_review_done_still_adds_to_an_empty_or_single_day_entry(blog, capsys, text):
    """What the command does understand still takes the day: no entry yet,
    one day written alone, and an entry of another lesson it does not edit."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 0, err
    assert reviews.read_text(encoding="utf-8") != text
    assert "2026-12-04" in reviews.read_text(encoding="utf-8")
