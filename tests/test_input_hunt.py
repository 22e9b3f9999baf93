"""Bad input found by trying every front end on hostile files, one test per
class of input that broke the promise of docs/bad-input.md: one line naming
the file (and line), never a traceback, a non-zero exit where the build
cannot be trusted, and lint saying what the build says.

Each case is tried the three ways an author meets it (``test_bad_input``'s
``run_everything``): a local build as ``make html`` runs Pelican, a
published build and ``reflect lint``.
"""

from __future__ import annotations

import pytest
from sitebuild import copy_content
from test_bad_input import (
    POST,
    assert_every_run_stops,
    files_outside,
    replace_line,
    run_everything,
)

# --- A page's path --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "field", "part"),
    [
        # "2025/./index.html" is the year's archive page: two pages for one
        # file, said only by the writer, naming no source; lint passed.
        ("Slug: .", "Slug", "."),
        # A hidden folder, which web servers and hosts commonly refuse to serve.
        ("Slug: .hidden", "Slug", ".hidden"),
        # ARTICLE_LANG_SAVE_AS is "{slug}-{lang}.html": the post was written
        # at the output's top as x.html, lint passing.
        ("Slug: two-levels-up\nLang: ../../x", "Lang", ".."),
    ],
    ids=["slug-dot", "slug-hidden", "lang-climbs"],
)
def test_a_field_that_makes_a_dot_part_in_a_pages_path_names_file_and_line(
    tmp_path, lines, field, part
):
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Slug:", lines) + lines.count("\n")

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{content / POST}:{line}: {field} gives the file name",
        f"the part {part!r}",
        absent=("two pages of this build would be written",),
    )
    assert files_outside(tmp_path, runs) == []
    runs.assert_no_traceback()


# --- A post's template ----------------------------------------------------------


@pytest.mark.parametrize("template", ["nope", "../../../../etc/passwd"])
def test_a_template_the_theme_does_not_have_names_file_and_line(tmp_path, template):
    """``Template:`` names the theme template a post is drawn with; one the
    theme does not have stopped the build with Pelican's traceback, and lint
    passed it."""
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Modified:", f"Template: {template}")

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{content / POST}:{line}: Template: the theme has no template "
        f"{template!r}",
    )
    runs.assert_no_traceback()


def test_a_template_the_theme_has_is_built(tmp_path):
    content = copy_content(tmp_path / "content")
    replace_line(content / POST, "Modified:", "Template: article")

    runs = run_everything(content, tmp_path)

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert "Template:" not in runs.text(run)
