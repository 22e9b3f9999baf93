"""A template that fails stops the build with one line: the template's file,
its line and Jinja's reason, never a traceback; in the build's own process
and in fastbuild's workers alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitebuild import ROOT, copy_content, theme_with
from test_build_command import build, finished


def failed_build(tmp_path: Path, *settings: str) -> str:
    content = copy_content(tmp_path / "content")
    for name, text in PAGES.items():
        (content / name).write_text(text, encoding="utf-8")
    code, said = finished(build(content, tmp_path / "output", "-e", *settings))
    assert code != 0, said
    assert "Traceback" not in said and 'File "' not in said, said
    assert not (tmp_path / "output").exists()
    return said


PAGES = {
    "calls-nothing.html": '{% extends "base.html" %}\n'
    "{% block content %}{{ nothing_here() }}{% endblock %}\n",
    "unclosed.html": '{% extends "base.html" %}\n\n'
    "{% block content %}{% if %}{% endblock %}\n",
}


@pytest.mark.parametrize(
    ("page", "line", "reason"),
    [
        ("calls-nothing.html", 2, "'nothing_here' is undefined (UndefinedError)"),
        ("unclosed.html", 3, "(TemplateSyntaxError)"),
    ],
)
def test_a_template_page_that_fails_is_named_with_its_line(
    tmp_path, page, line, reason
):
    said = failed_build(
        tmp_path, "TEMPLATE_PAGES=" + json.dumps({page: "x/index.html"})
    )
    [message] = [row for row in said.splitlines() if "a template failed" in row]
    assert f"{page}, line {line}: a template failed: " in message
    assert message.endswith(reason)


def broken_theme(tmp_path: Path, replacement: str) -> Path:
    return theme_with(tmp_path, "article.html", BROKEN_AFTER, replacement)


BROKEN_AFTER = "{% block content %}"
#: The line the break is written on, as the theme has it today (a count
#: written into the test went stale when the template gained two lines).
BROKEN_LINE = (ROOT / "theme" / "templates" / "article.html").read_text(
    encoding="utf-8"
).split(BROKEN_AFTER)[0].count("\n") + 1


@pytest.mark.parametrize("workers", ["FASTBUILD_MIN_POSTS=40", "FASTBUILD_MIN_POSTS=2"])
def test_a_theme_template_that_fails_is_named_in_one_line_by_any_process(
    tmp_path, workers
):
    # With fewer posts than FASTBUILD_MIN_POSTS the article pages are rendered
    # in the build's process; with more, by fastbuild's forked workers too.
    theme = broken_theme(tmp_path, "{{ article.title.nothing() }}")
    said = failed_build(tmp_path, f"THEME={json.dumps(str(theme))}", workers)
    failures = [row for row in said.splitlines() if "a template failed" in row]
    assert failures, said
    assert all(
        f"templates/article.html, line {BROKEN_LINE}: " in row for row in failures
    )


def test_a_template_that_includes_a_missing_one_says_which(tmp_path):
    theme = broken_theme(tmp_path, '{% include "missing.html" %}')
    said = failed_build(tmp_path, f"THEME={json.dumps(str(theme))}")
    assert (
        f"templates/article.html, line {BROKEN_LINE}: a template failed: "
        "no template named 'missing.html' in the theme (TemplateNotFound)"
    ) in said
