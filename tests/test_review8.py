"""Defects found reviewing the day's changes (broken links, static files'
metadata): each case as a writer meets it."""

from __future__ import annotations

from pathlib import Path

from sitebuild import copy_project, lint_in_process


def post_linking(project: Path, body: str) -> str:
    """A published post whose body is ``body``; its path in the content."""
    name = "posts/2026-05-05-links.md"
    (project / "content" / name).write_text(
        "Title: Links elsewhere on the site\nDate: 2026-05-05 10:00\n"
        "Lessons: Learn adjacent functions\n\n" + body,
        encoding="utf-8",
    )
    return name


def test_a_broken_link_with_an_ampersand_is_named_as_written_at_its_line(tmp_path):
    """The link was named as the HTML spells it (`&amp;`), which no line of
    the Markdown holds, so the message named no line."""
    project = copy_project(tmp_path / "site")
    post = post_linking(
        project, "Intro.\n\nSee [the notes]({filename}/posts/nope.md?a=1&b=2).\n"
    )

    lint = lint_in_process("lint", cwd=project)

    assert (
        f"content/{post}:7: warning: the link '{{filename}}/posts/nope.md?a=1&b=2' "
        "leads to no file of the content folder"
    ) in lint.stdout, lint.stdout
    assert "&amp;" not in lint.stdout
