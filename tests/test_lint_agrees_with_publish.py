"""`reflect lint` and the build apply one rule set, with the same verdicts.

Every fixture breaks one rule. `reflect lint` must pass it exactly when
`make html`'s Pelican run does, and `reflect lint --strict` exactly when
`make publish`'s does; the rule's levels in reflections.rules say which.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT, read, run_pelican

from reflections.rules import RULES, RULES_BY_NAME

REFLECT = Path(sys.executable).parent / "reflect"

VOCABULARY = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
"""
KNOWN = "Lessons: Prepare targeted questions\n"

#: rule name -> (file name, text) of a post that breaks only that rule.
FIXTURES: dict[str, tuple[str, str]] = {
    "placeholder": (
        "posts/2026-01-01-a.md",
        "Title: A\nDate: 2026-01-01\n"
        + KNOWN
        + "Who: Their first name, and what they do\n\nMy own words.\n",
    ),
    "ad-hoc-lesson": (
        "posts/2026-01-02-b.md",
        "Title: B\nDate: 2026-01-02\nLessons: Budget for the unexpected\n\nText.\n",
    ),
    "near-miss": (
        "posts/2026-01-03-c.md",
        "Title: C\nDate: 2026-01-03\nLessons: Prepare targeted question\n\nText.\n",
    ),
    "no-lessons": (
        "posts/2026-01-04-d.md",
        "Title: D\nDate: 2026-01-04\n\nAn imported post says what it says.\n",
    ),
    "bad-date": ("posts/2026-01-05-e.md", "Title: E\nDate: someday\n\nText.\n"),
    "callout-without-statement": (
        "posts/2026-01-06-f.md",
        "Title: F\nDate: 2026-01-06\n" + KNOWN + "\n> [!lesson]\n> A note.\n",
    ),
    "bad-comment": (
        "comments/no-such-post/x.md",
        "Author: A\nDate: 2026-01-07 10:00\n\nHello.\n",
    ),
    "nested-callout": (
        "posts/2026-01-08-h.md",
        "Title: H\nDate: 2026-01-08\n"
        + KNOWN
        + "\n- a list\n\n    > [!lesson] Prepare targeted questions\n    > Note.\n",
    ),
    "empty-lessons-item": (
        "posts/2026-01-09-i.md",
        "Title: I\nDate: 2026-01-09\nLessons: Prepare targeted questions;;\n\nX.\n",
    ),
    "no-title": ("posts/2026-01-10-j.md", "Date: 2026-01-10\n" + KNOWN + "\nText.\n"),
    "lesson-without-letters": (
        "posts/2026-01-11-k.md",
        "Title: K\nDate: 2026-01-11\nLessons: Prepare targeted questions; !!!\n\nX.\n",
    ),
    "malformed-vocabulary": ("lessons.yml", VOCABULARY + "  colour: blue\n"),
    "near-duplicate-lessons": (
        "lessons.yml",
        VOCABULARY
        + "prepare-a-targeted-question:\n  title: Prepare a targeted question\n",
    ),
}
CLEAN_POST = "Title: Clean\nDate: 2025-12-31\n" + KNOWN + "\nA finished post.\n"


def make_content(folder: Path, rule: str | None) -> Path:
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    (content / "lessons.yml").write_text(VOCABULARY)
    (content / "posts" / "2025-12-31-clean.md").write_text(CLEAN_POST)
    if rule is not None:
        name, text = FIXTURES[rule]
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)
    return content


def lint_passes(content: Path, strict: bool) -> bool:
    result = subprocess.run(
        [str(REFLECT), "--project", str(ROOT), "lint", str(content)]
        + (["--strict"] if strict else []),
        capture_output=True,
        text=True,
        cwd=content.parent,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


def build_passes(content: Path, conf: str) -> bool:
    output = content.parent / f"output-{conf}"
    return run_pelican(content, output, conf=conf).returncode == 0


@pytest.mark.parametrize("rule", [None, *FIXTURES])
def test_lint_and_the_build_give_the_same_verdict(tmp_path, rule):
    content = make_content(tmp_path, rule)
    local = publish = True
    if rule is not None:
        local = RULES_BY_NAME[rule].local != "error"
        publish = RULES_BY_NAME[rule].publish != "error"
    assert lint_passes(content, strict=False) is local
    assert build_passes(content, "pelicanconf.py") is local
    assert lint_passes(content, strict=True) is publish
    assert build_passes(content, "publishconf.py") is publish


def test_every_rule_has_a_fixture():
    assert set(FIXTURES) == {rule.name for rule in RULES}


def test_the_reflect_page_lists_every_rule_with_its_levels():
    page = read(ROOT / "docs" / "reflect.md")
    rows = re.findall(
        r"^\| `([a-z-]+)` \| [^|]+ \| (error|warning) \| (error|warning) \|$",
        page,
        re.M,
    )
    assert rows == [(rule.name, rule.local, rule.publish) for rule in RULES]
