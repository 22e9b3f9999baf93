"""The desk page in a real browser: accessible in both colour schemes, and
readable on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


@pytest.fixture
def open_desk(new_page):
    def opener(width: int = 1000, scheme: str = "light"):
        viewport = {"width": width, "height": 900}
        return new_page("desk/", viewport=viewport, color_scheme=scheme)

    return opener


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_desk_passes_axe(open_desk, scheme):
    results = Axe().run(open_desk(scheme=scheme))
    assert results.violations_count == 0, results.generate_report()


def test_the_desk_works_at_375_pixels(open_desk):
    page = open_desk(width=375)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    # Every part of the desk is there, one under the other, and its list of
    # parts takes the reader to each.
    sections = page.locator("main section")
    assert sections.count() == 5
    boxes = [sections.nth(i).bounding_box() for i in range(5)]
    assert all(box["width"] <= 375 for box in boxes)
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
    page.locator('nav[aria-label="On this page"] a[href="#review"]').click()
    page.wait_for_url("**#review")
    assert -1 <= page.locator("#review").bounding_box()["y"] < 900
    # The longest file paths wrap instead of widening the page.
    for code in page.locator("main code").all():
        assert code.bounding_box()["x"] + code.bounding_box()["width"] <= 375


def test_the_desk_is_linked_from_the_local_navigation(open_desk):
    page = open_desk()
    link = page.get_by_role("navigation", name="Site").get_by_role("link", name="Desk")
    assert link.get_attribute("href") == "/desk/"
