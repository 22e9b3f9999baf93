"""Defects found hunting through the listing pages, the pages and the files
written for crawlers: content a writer could plausibly write, or a setting a
site owner could plausibly set, that made them wrong."""

from __future__ import annotations

import pytest
from sitebuild import (
    copy_content,
    copy_project,
    run_pelican,
    the_line_a_stopped_build_said,
    the_line_lint_said,
)

# --- A page bound for a listing's file ----------------------------------------


def page_with_slug(content, slug: str) -> None:
    (content / "pages" / "clash.md").write_text(
        f"Title: A page that clashes\nSlug: {slug}\n\nA page.\n", encoding="utf-8"
    )


# The archives, a year's archive, the tags' list and the home page's
# second page are Pelican's own listings; the search page and the
# reflection index are plugins' pages. Each stopped the build as Pelican's
# writer refused the second page for one file, naming only that file, and
# lint passed the page.
LISTINGS = {
    "archives": "archives/index.html",
    "2026": "2026/index.html",
    "tags": "tags/index.html",
    "page/2": "page/2/index.html",
    "search": "search/index.html",
    "reflections": "reflections/index.html",
}


@pytest.mark.parametrize("slug", list(LISTINGS))
def test_a_page_bound_for_a_listings_file_stops_the_build_naming_the_page(
    tmp_path, slug
):
    content = copy_content(tmp_path / "content")
    page_with_slug(content, slug)
    ran = run_pelican(content, tmp_path / "output")
    said = the_line_a_stopped_build_said(ran, "clash.md")
    assert "clash.md:2:" in said
    assert LISTINGS[slug] in said
    assert "Slug" in said


@pytest.mark.parametrize("slug", ["archives", "2026", "tags", "page/2"])
def test_lint_finds_a_page_bound_for_one_of_pelicans_listings(tmp_path, slug):
    project = copy_project(tmp_path / "project")
    page_with_slug(project / "content", slug)
    said = the_line_lint_said(project, "clash.md")
    assert said.startswith("content/pages/clash.md:2: error:")
    assert LISTINGS[slug] in said
