"""Defects earlier helpers saw and left, each fixed at its root."""

from __future__ import annotations

import re

from sitebuild import copy_project, lint_in_process, run_pelican
from test_rules import documented_rules

# --- 1. Every problem names the rule that judged it ------------------------------

#: A post breaking three rules, one a line: (line, rule).
PROBLEM_POST = (
    "Title: Probe\nDate: 2026-03-05\nLessons: A lesson nobody listed\n\n"
    "Some [!privte] text.\n\n"
    "[gone]({filename}/posts/zq-nowhere.md)\n"
)
PROBLEMS = {3: "ad-hoc-lesson", 5: "misspelt-private-marker", 7: "broken-link"}

#: Rich's log line: "[time] LEVEL  message      module.py:line".
_LOGGED = re.compile(r"(?:WARNING|ERROR)\s+(?P<message>.*?)\s{2,}\S+\.py:\d+\s*$")


def logged_messages(said: str) -> list[str]:
    return [m["message"] for line in said.splitlines() if (m := _LOGGED.search(line))]


def after(place: str, lines: list[str]) -> str:
    """The one line naming ``place`` (``file:line:``), from what follows it."""
    (line,) = [line for line in lines if place in line]
    return line.split(place, 1)[1].strip()


def test_the_build_and_lint_end_each_problem_with_its_rule(tmp_path):
    """Lint printed ``file:line: level: message`` and the build logged
    ``file:line: message``: neither said which rule of the table judged it,
    so a writer could not look the problem up nor see where its level
    came from. Both now end the line with ``[rule]``, the same line."""
    project = copy_project(tmp_path / "site")
    post = project / "content" / "posts" / "2026-03-05-probe.md"
    post.write_text(PROBLEM_POST, encoding="utf-8")

    built = run_pelican(project / "content", tmp_path / "out")
    assert built.returncode == 0, built.stdout + built.stderr
    logged = logged_messages(built.stdout + built.stderr)
    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode == 0, linted.stdout

    table = documented_rules()
    for line, rule in PROBLEMS.items():
        place = f"2026-03-05-probe.md:{line}:"
        from_lint = after(place, linted.stdout.splitlines())
        assert from_lint == "warning: " + after(place, logged)
        assert from_lint.endswith(f" [{rule}]"), from_lint
        assert from_lint.count(f"[{rule}]") == 1, from_lint
        assert rule in table


def test_a_problem_that_stops_the_build_names_its_rule(tmp_path):
    """A problem that stops the build (a private marker no rule can hide)
    names its rule too, in the build and in lint."""
    project = copy_project(tmp_path / "site")
    post = project / "content" / "posts" / "2026-03-06-abbr.md"
    post.write_text(
        "Title: Abbr\nDate: 2026-03-06\nLessons: Learn adjacent functions\n\n"
        "The HTML spec.\n\n*[HTML]: [!private] my old employer's name\n",
        encoding="utf-8",
    )
    rule = "[private-marker-not-hidden]"

    built = run_pelican(project / "content", tmp_path / "out")
    said = built.stdout + built.stderr
    assert built.returncode != 0
    (stopped,) = [
        line for line in logged_messages(said) if "2026-03-06-abbr.md:7:" in line
    ]
    assert stopped.endswith(rule) and stopped.count(rule) == 1, stopped

    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode == 1
    (found,) = [line for line in linted.stdout.splitlines() if "abbr.md:7:" in line]
    assert found.endswith(rule) and found.count(rule) == 1, found
