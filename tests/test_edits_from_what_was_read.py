"""Every `reflect` command that edits a writer's file edits the text it
read, and leaves a file saved since (in an editor, while the command ran)
as it is: `suggest --apply`, `lessons add` and `review done`, as `people
rename` does. Each was written over the save with an edit of the text
before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from deskblog import run
from sitebuild import CONTENT, ROOT

import reflect.add_lesson
import reflect.cli
import reflect.review_log

SAVED = "\n# saved in an editor while the command ran\n"
FIXTURES = ROOT / "tests" / "fixtures"
STARTUP = "2024-12-08-informational-startup.md"  # a suggestion for it is known
TEST_A_MOVE = "test-a-move-before-you-make-it"
ADD = ("lessons", "add", "Sleep on an offer", "--theme", "Career moves")
DONE = ("review", "done", "--on", "2026-12-01", "interview-two-levels-up")


def saved_meanwhile(monkeypatch, module, name: str, path_of) -> list[Path]:
    """``module.name`` wrapped: once it has run, the file it read is saved
    again with a line added. Returns the files it saved."""
    saved: list[Path] = []
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        path = path_of(*args)
        with path.open("a", encoding="utf-8") as file:
            file.write(SAVED)
        saved.append(path)
        return result

    monkeypatch.setattr(module, name, wrapped)
    return saved


def test_suggest_apply_leaves_a_post_saved_after_it_was_read(
    tmp_path, capsys, monkeypatch
):
    # The suggestion tests' site: one post, for which the suggestion is known.
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    (tmp_path / "content" / "posts").mkdir(parents=True)
    shutil.copy(CONTENT / "lessons.yml", tmp_path / "content" / "lessons.yml")
    post = tmp_path / "content" / "posts" / STARTUP
    shutil.copy(FIXTURES / "suggest-corpus" / STARTUP, post)
    monkeypatch.chdir(tmp_path)
    saved = saved_meanwhile(monkeypatch, reflect.cli, "with_lessons", lambda *a: post)

    status, out, err = run(
        capsys, "suggest", str(post), "--apply", "--lesson", TEST_A_MOVE
    )

    assert saved, out  # a suggestion was made and applied
    assert status == 1
    assert "changed since it was read" in err
    assert post.read_text(encoding="utf-8").endswith(SAVED)


def test_lessons_add_leaves_a_lessons_file_saved_after_it_was_read(
    blog, capsys, monkeypatch
):
    vocabulary = blog / "content" / "lessons.yml"
    saved_meanwhile(
        monkeypatch, reflect.add_lesson, "read_styled", lambda path, *a: path
    )

    status, _, err = run(capsys, *ADD)

    assert status != 0
    assert "changed since it was read" in err
    text = vocabulary.read_text(encoding="utf-8")
    assert text.endswith(SAVED) and "Sleep on an offer" not in text


def test_review_done_leaves_a_review_log_saved_after_it_was_read(
    blog, capsys, monkeypatch
):
    reviews = blog / "content" / "reviews.yml"
    saved_meanwhile(
        monkeypatch, reflect.review_log, "read_styled", lambda path, *a, **k: path
    )

    status, _, err = run(capsys, *DONE)

    assert status != 0
    assert "changed since it was read" in err
    text = reviews.read_text(encoding="utf-8")
    assert text.endswith(SAVED) and "2026-12-01" not in text


@pytest.mark.parametrize("command", [ADD, DONE])
def test_an_edit_of_an_unchanged_file_is_made(blog, capsys, command):
    status, _, err = run(capsys, *command)
    assert status == 0, err
