"""Where a build writes its files: two sources bound for one file are told
before anything is written, also when their paths differ only in case or
in how an accent is composed, which macOS and Windows take for one file
(the page written second replaced the first without a word)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pelican import Pelican
from sitebuild import (
    copy_content,
    copy_project,
    passing_build,
    run_pelican,
    site_settings,
    the_line_a_stopped_build_said,
    the_line_lint_said,
)

from sourceguard import clashes as clash_check

NFD_CAFE = unicodedata.normalize("NFD", "café")


def post(content: Path, name: str, slug: str, *, save_as: str = "") -> Path:
    path = content / "posts" / f"2025-12-01-{name}.md"
    path.write_text(
        f"Title: A talk at the {name}\n"
        f"Slug: {slug}\n"
        + (f"Save_as: {save_as}\n" if save_as else "")
        + "Date: 2025-12-01 09:00\n"
        "Category: Informational interviews\n"
        "Lessons: Learn adjacent functions\n\n"
        f"What {name} taught me.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("first", "second"),
    [("Cafe", "cafe"), ("café", NFD_CAFE), ("CAFÉ", NFD_CAFE), ("cafe", "cafe.")],
    ids=["case", "accent-composed", "both", "trailing-dot"],
)
def test_two_posts_whose_files_differ_only_loosely_stop_the_build(
    tmp_path, first, second
):
    content = copy_content(tmp_path / "content")
    post(content, "one", first)
    post(content, "two", second)
    output = tmp_path / "output"

    ran = run_pelican(content, output)

    line = the_line_a_stopped_build_said(ran, "would be written to")
    assert "2025-12-01-two.md:2:" in line and "2025-12-01-one.md" in line, line
    assert "differ only in case, in how an accent is composed" in line, line
    assert "[output-clash]" in line, line
    assert not (output / "2025").exists()


def test_lint_tells_the_loose_clash_too(tmp_path):
    project = copy_project(tmp_path / "site")
    post(project / "content", "one", "Cafe")
    post(project / "content", "two", "cafe")

    line = the_line_lint_said(project, "would be written to")

    assert "2025-12-01-two.md:2: error:" in line, line
    assert "(to 2025/Cafe/index.html:" in line, line


def test_two_static_files_differing_only_in_case_stop_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images" / "Chart.txt").write_text("one\n", encoding="utf-8")
    (content / "images" / "chart.txt").write_text("two\n", encoding="utf-8")

    ran = run_pelican(content, tmp_path / "output")

    line = the_line_a_stopped_build_said(ran, "would be written to")
    assert "images/chart.txt" in line and "images/Chart.txt" in line, line
    assert "rename or move one of the two files" in line, line


def test_a_post_on_a_listing_file_but_for_case_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    post(content, "one", "one", save_as="Archives/index.html")

    ran = run_pelican(content, tmp_path / "output")

    line = the_line_a_stopped_build_said(ran, "would be written to Archives/index.html")
    assert "2025-12-01-one.md" in line and "(to archives/index.html:" in line, line


def test_posts_with_different_slugs_build(tmp_path):
    """The control: two slugs that are not one file on any disk."""
    content = copy_content(tmp_path / "content")
    post(content, "one", "cafe")
    post(content, "two", "cafe-2")

    passing_build(content, tmp_path / "output")

    assert (tmp_path / "output" / "2025" / "cafe" / "index.html").is_file()
    assert (tmp_path / "output" / "2025" / "cafe-2" / "index.html").is_file()


def test_one_file_is_one_key_for_every_spelling_of_a_file():
    one_file = clash_check.one_file
    assert one_file("2025/Café/index.html") == one_file(f"2025/{NFD_CAFE}/index.html")
    assert one_file("a/./B.html") == one_file("a/b.html")
    assert one_file("a/b.html") != one_file("a/b-2.html")
    assert one_file("notes./index.html") == one_file("notes/index.html")
    assert one_file("notes/index.html") != one_file("notes-/index.html")
    (found,) = clash_check.clashes(
        [("x.md", "A/index.html", "page"), ("y.md", "a/index.html", "page")]
    )
    assert "(to A/index.html:" in found.message


def test_a_page_on_a_plugins_page_but_for_case_stops_the_build(tmp_path):
    """The search plugin's page is known only as it is written: on Linux the
    page was written beside it as Search/index.html, on macOS over it."""
    content = copy_content(tmp_path / "content")
    (content / "pages" / "search-tips.md").write_text(
        "Title: Search tips\nSlug: Search\n\nHow I search.\n", encoding="utf-8"
    )

    ran = run_pelican(content, tmp_path / "output")

    line = the_line_a_stopped_build_said(ran, "differ only in case")
    assert "pages/search-tips.md:2:" in line, line
    assert "Search/index.html" in line and "search/index.html" in line, line
    assert "[output-clash]" in line, line


def test_a_slug_changed_in_case_between_two_runs_of_one_build_is_no_clash(tmp_path):
    """``pelican --autoreload`` runs one Pelican again after an edit: the
    files of the run before are no longer this run's."""
    content = copy_content(tmp_path / "content")
    written = post(content, "one", "Cafe")
    output = tmp_path / "output"
    pelican = Pelican(site_settings(content, OUTPUT_PATH=str(output)))
    pelican.run()
    written.write_text(
        written.read_text(encoding="utf-8").replace("Slug: Cafe", "Slug: cafe"),
        encoding="utf-8",
    )

    pelican.run()

    assert (output / "2025" / "cafe" / "index.html").is_file()
