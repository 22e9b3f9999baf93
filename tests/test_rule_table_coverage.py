"""Every check takes its level from the one rule table, and says which rule.

Checks that once built a hard-coded error (two files for one address, a
post on a listing's file, a ``Template:`` the theme lacks, a name too long
for a file...) printed a line with no ``[rule]`` and no row in the
documentation's table. For one representative of each family, the line a
stopped build prints and the line ``reflect lint`` prints end with the
rule's name; ``tests/test_rules.py`` gives each of these rules other levels
and sees both follow the table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import (
    copy_project,
    lint_in_process,
    run_pelican,
    the_line_a_stopped_build_said,
)
from test_input_hunt import pelican_build

VOCABULARY = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
"""
KNOWN = "Lessons: Prepare targeted questions\n"

#: Rich's log line: "[time] LEVEL  message      module.py:line".
_LOGGED = re.compile(r"(?:WARNING|ERROR)\s+(?P<message>.*?)\s{2,}\S+\.py:\d+\s*$")


def post(title: str, date: str, *fields: str) -> str:
    return f"Title: {title}\nDate: {date}\n" + "".join(fields) + KNOWN + "\nText.\n"


#: rule -> (files that break it, words of the one line that tells it).
FAMILIES: dict[str, tuple[dict[str, str], str]] = {
    "output-clash": (
        {
            "posts/2026-02-01-a.md": post("A", "2026-02-01", "Slug: twin\n"),
            "posts/2026-02-02-b.md": post("B", "2026-02-01", "Slug: twin\n"),
        },
        "would be written to 2026/twin/index.html, as",
    ),
    "listing-clash": (
        {"pages/archives.md": "Title: Archives\nSlug: archives\n\nA page.\n"},
        "where the build writes",
    ),
    "unknown-template": (
        {"posts/2026-02-03-c.md": post("C", "2026-02-03", "Template: nope\n")},
        "the theme has no template 'nope'",
    ),
    "name-too-long": (
        {"posts/2026-02-04-d.md": post("D", "2026-02-04", "Tags: " + "w" * 220 + "\n")},
        "is too long for a file name",
    ),
}


def make_content(folder: Path, files: dict[str, str]) -> Path:
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    (content / "lessons.yml").write_text(VOCABULARY, encoding="utf-8")
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize("rule", sorted(FAMILIES))
def test_the_build_and_lint_end_the_line_of_each_check_with_its_rule(tmp_path, rule):
    files, naming = FAMILIES[rule]
    content = make_content(tmp_path, files)

    built = run_pelican(content, tmp_path / "output")
    linted = lint_in_process("lint", str(content))

    build_line = _LOGGED.search(the_line_a_stopped_build_said(built, naming))
    assert build_line, built.stderr
    build_line = build_line["message"]
    assert build_line.endswith(f" [{rule}]"), build_line
    (lint_line,) = [line for line in linted.stdout.splitlines() if naming in line]
    assert lint_line.endswith(f" [{rule}]"), linted.stdout
    assert ": error: " in lint_line and linted.returncode == 1, linted.stdout


def test_a_misspelt_setting_ends_its_line_with_its_rule(tmp_path):
    """A setting no plugin declares was a warning or an error by a level
    written into its check: it is the ``unknown-setting`` rule's now."""
    content = make_content(tmp_path / "made", {})
    project = copy_project(tmp_path / "site", content)
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "REFLECTIONS_MAX_LESONS = 3\n",
        encoding="utf-8",
    )
    naming = "REFLECTIONS_MAX_LESONS is no plugin's setting"

    published = pelican_build(project, tmp_path / "output", "publishconf.py")
    linted = lint_in_process("lint", "--strict", cwd=project)

    build_line = _LOGGED.search(the_line_a_stopped_build_said(published, naming))
    assert build_line, published.stderr
    assert build_line["message"].endswith(" [unknown-setting]"), build_line
    (lint_line,) = [line for line in linted.stdout.splitlines() if naming in line]
    assert lint_line.endswith(" [unknown-setting]"), linted.stdout
    assert ": error: " in lint_line and linted.returncode == 1, linted.stdout
