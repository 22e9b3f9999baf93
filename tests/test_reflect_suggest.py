"""`reflect suggest`: lessons proposed from the vocabulary, with the
sentences behind them, added to a post's `Lessons:` line and nowhere else."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import CONTENT, ROOT, read

from reflect.suggest import THRESHOLD, stems, suggest
from reflections.vocabulary import load_vocabulary

REFLECT = Path(sys.executable).parent / "reflect"
CORPUS = Path(__file__).parent / "fixtures" / "suggest-corpus"
STARTUP = "2024-12-08-informational-startup.md"


@pytest.fixture
def blog(tmp_path):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nTIMEZONE = "UTC"\n'
    )
    (tmp_path / "content" / "posts").mkdir(parents=True)
    shutil.copy(CONTENT / "lessons.yml", tmp_path / "content" / "lessons.yml")
    shutil.copy(CORPUS / STARTUP, tmp_path / "content" / "posts" / STARTUP)
    return tmp_path


def reflect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args], cwd=cwd, capture_output=True, text=True
    )


def test_stems_meet_across_word_forms():
    assert set(stems("introductions prepared")) == set(stems("introduction preparing"))


def test_suggest_scores_each_lesson_and_shows_the_sentences_behind_it(blog):
    result = reflect("suggest", cwd=blog)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"content/posts/{STARTUP}\n")
    assert (
        "  0.80  Ask for the next introduction (ask-for-the-next-introduction)" in out
    )
    assert (
        "        line 11: At the end I asked her for one more name, and she "
        "introduced me to the founder the next day."
    ) in out
    assert "Test a move before you make it" in out


def test_dry_run_shows_the_diff_and_writes_nothing(blog):
    post = blog / "content" / "posts" / STARTUP
    before = read(post)
    result = reflect("suggest", str(post), "--dry-run", cwd=blog)
    assert result.returncode == 0
    assert f"--- a/content/posts/{STARTUP}" in result.stdout
    assert (
        "+Lessons: Ask for the next introduction; Test a move before you make it; "
        "Prepare targeted questions\n"
    ) in result.stdout
    assert read(post) == before


def test_apply_adds_the_chosen_lessons_and_changes_nothing_else(blog):
    post = blog / "content" / "posts" / STARTUP
    before = read(post)
    result = reflect(
        "suggest",
        str(post),
        "--apply",
        "--lesson",
        "test-a-move-before-you-make-it",
        cwd=blog,
    )
    assert result.returncode == 0, result.stderr
    lines = before.splitlines(keepends=True)
    assert read(post) == "".join(
        [*lines[:2], "Lessons: Test a move before you make it\n", *lines[2:]]
    )
    again = reflect("suggest", str(post), cwd=blog).stdout
    assert "Test a move before you make it" not in again  # the post names it now


def test_apply_extends_an_existing_lessons_line_keeping_crlf_endings(blog):
    post = blog / "content" / "posts" / STARTUP
    text = read(post).replace(
        "Date: 2024-12-08 12:00\n",
        "Date: 2024-12-08 12:00\nLessons: Do your homework\n",
    )
    post.write_bytes(text.replace("\n", "\r\n").encode())
    reflect("suggest", str(post), "--apply", cwd=blog)
    after = post.read_bytes().decode()
    assert (
        "Lessons: Do your homework; Ask for the next introduction; "
        "Test a move before you make it\r\n"
    ) in after
    # "Do your homework" is an alias of Prepare targeted questions: not again.
    assert after.count("Prepare targeted") == 0
    assert after.replace(
        "; Ask for the next introduction; Test a move before you make it", ""
    ) == text.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.md", "reflect suggest: no such file: missing.md"),
        ("pelicanconf.py", "pelicanconf.py is not a post of this site"),
    ],
)
def test_suggest_names_a_file_it_cannot_use(blog, argument, message):
    result = reflect("suggest", argument, cwd=blog)
    assert result.returncode == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert message in result.stderr


def measure() -> tuple[int, int, int]:
    """True positives, false positives and false negatives on the corpus."""
    labels = yaml.safe_load(read(CORPUS / "labels.yml"))
    vocabulary = load_vocabulary(CONTENT / "lessons.yml")
    hits = extra = missed = 0
    for name, lessons in labels.items():
        proposed = {s.lesson.slug for s in suggest(read(CORPUS / name), vocabulary)}
        hits += len(proposed & set(lessons))
        extra += len(proposed - set(lessons))
        missed += len(set(lessons) - proposed)
    return hits, extra, missed


def test_precision_and_recall_on_the_labelled_corpus_are_the_documented_ones():
    hits, extra, missed = measure()
    precision = hits / (hits + extra)
    recall = hits / (hits + missed)
    page = read(ROOT / "docs" / "reflect.md")
    stated = re.search(
        r"precision\s+([\d.]+)\s+\((\d+)\s+of\s+(\d+)\s+suggestions\s+right\),\s+"
        r"recall\s+([\d.]+)\s+\((\d+)\s+of\s+(\d+)\s+lessons\s+found\)",
        page,
    )
    assert stated, "docs/reflect.md states the measured figures"
    assert stated.groups() == (
        f"{precision:.2f}",
        str(hits),
        str(hits + extra),
        f"{recall:.2f}",
        str(hits),
        str(hits + missed),
    )
    assert f"threshold of {THRESHOLD}" in page
