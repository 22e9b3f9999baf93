"""The story and question banks, and the asides they gather, in Chromium:
axe finds nothing at 375 and 1280 pixels in either colour scheme, on the
sample site and on an imported blog's empty banks; the search boxes filter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from sitebuild import build_site

pytestmark = pytest.mark.browser

REFLECT = Path(sys.executable).parent / "reflect"
WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"
PAGES = [
    "stories/",
    "questions/",
    "2025/how-resumes-get-read/",  # a story and an asked question
    "lessons/tell-stories-with-numbers/",  # its stories
    "search/?stories=yes&questions=yes",  # the boxes
]


def opened(chromium, url: str, width: int, scheme: str = "light"):
    context = chromium.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    page = context.new_page()
    page.goto(url)
    return context, page


def no_violations(chromium, url: str, width: int, scheme: str) -> None:
    context, page = opened(chromium, url, width, scheme)
    try:
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        root = "document.documentElement"
        sideways = page.evaluate(f"{root}.scrollWidth > {root}.clientWidth")
        assert not sideways, url
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_on_the_banks_and_their_asides(
    chromium, base_url, path, width, scheme
):
    no_violations(chromium, f"{base_url}/{path}", width, scheme)


@pytest.fixture(scope="module")
def imported_url(tmp_path_factory):
    """An imported WordPress blog, built with this theme: banks with nothing
    in them yet."""
    folder = tmp_path_factory.mktemp("imported-banks")
    (folder / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
        'TIMEZONE = "UTC"\n'
    )
    (folder / "content").mkdir()
    subprocess.run(
        [str(REFLECT), "import-wordpress", str(WXR)],
        cwd=folder,
        capture_output=True,
        check=True,
    )
    site = build_site(folder / "output", content=folder / "content")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["stories/", "questions/"])
def test_axe_finds_nothing_on_an_imported_blogs_empty_banks(
    chromium, imported_url, path, width
):
    no_violations(chromium, f"{imported_url}/{path}", width, "light")


def test_ticking_a_box_keeps_only_the_reflections_that_tell_stories(chromium, base_url):
    context, page = opened(chromium, f"{base_url}/search/", 1000)
    try:
        page.check("input[name=stories]")
        page.wait_for_selector("#search-results li h2 a")
        assert page.url.endswith("/search/?stories=yes")
        titles = page.locator("#search-results h2 a").all_text_contents()
        assert page.locator("#search-status").text_content() == (
            f"{len(titles)} reflections found."
        )
        assert "I froze on “tell me about a time you disagreed with your manager”" in (
            titles
        )
        assert not [t for t in titles if t.startswith("From warehouse spreadsheets")]
    finally:
        context.close()
