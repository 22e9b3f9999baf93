"""Reader-facing defects of the theme's scripts, in a real Chromium: a search
started while the previous one is still loading, and the feeds page's
addresses by keyboard.

Pagefind loads each result's text (its fragment) only when the page shows
it; holding those requests with ``page.route`` makes an old search finish
after a new one has started, every time.
"""

from __future__ import annotations

import pytest
from browser import serve
from playwright.sync_api import expect
from sitebuild import build_site, copy_content

pytestmark = pytest.mark.browser

FRAGMENTS = "**/pagefind/fragment/**"
SEVERANCE_POST = "Laid off on a Tuesday"


class HeldFragments:
    """Pagefind's fragment requests, held until the test lets them go."""

    def __init__(self, page):
        self.page = page
        self.routes = []
        self.finished = 0
        page.on("requestfinished", self.count_finished)
        page.route(FRAGMENTS, lambda route: self.routes.append(route))

    def count_finished(self, request) -> None:
        if "/pagefind/fragment/" in request.url:
            self.finished += 1

    def wait_until(self, done, what: str) -> None:
        """Poll ``done``: the sync API hands over requests and events only
        while the test waits in a call on the page."""
        for _ in range(200):
            if done():
                return
            self.page.wait_for_timeout(50)
        pytest.fail(f"waited in vain for {what}")

    def wait_for(self, count: int) -> None:
        self.wait_until(lambda: len(self.routes) >= count, f"{count} requests")

    def release(self) -> None:
        """Let every held request through in the order asked, wait until the
        page has loaded them all, then until what waited on them has run."""
        for route in self.routes:
            route.continue_()
        self.page.unroute(FRAGMENTS)
        expected = len(self.routes)
        self.wait_until(lambda: self.finished >= expected, "the held fragments")
        self.page.evaluate("() => new Promise(done => setTimeout(done, 300))")


def shown_titles(page) -> list[str]:
    return page.locator("#search-results h2 a").all_text_contents()


def start_the_old_search(page, step: str) -> HeldFragments:
    """Start loading results of a search for "the" that cannot finish yet:
    its first page, or (with the first page shown) its "Show more results"."""
    if step == "more results":
        expect(page.locator("#search-results li")).to_have_count(10)
        held = HeldFragments(page)
        page.locator("#search-more").click()
        held.wait_for(1)
    else:
        held = HeldFragments(page)
        page.fill("#search-q", "the")
        expect(page.locator("#search-status")).to_contain_text("found")
        held.wait_for(10)
    return held


@pytest.mark.parametrize("step", ["first results", "more results"])
def test_a_new_search_shows_none_of_the_results_an_older_one_was_still_loading(
    new_page, step
):
    page = new_page("search/?q=the" if step == "more results" else "search/")
    held = start_the_old_search(page, step)
    page.fill("#search-q", "severance")
    expect(page.locator("#search-status")).to_have_text("1 reflection found.")
    held.release()
    titles = shown_titles(page)
    assert len(titles) == 1 and titles[0].startswith(SEVERANCE_POST), titles
    expect(page.locator("#search-more")).to_be_hidden()


@pytest.mark.parametrize("step", ["first results", "more results"])
def test_clearing_the_query_leaves_the_list_empty_whatever_was_loading(new_page, step):
    page = new_page("search/?q=the" if step == "more results" else "search/")
    held = start_the_old_search(page, step)
    page.fill("#search-q", "")
    expect(page.locator("#search-status")).to_have_text("")
    held.release()
    assert shown_titles(page) == []
    expect(page.locator("#search-more")).to_be_hidden()


def with_notes_about_zebras(content, count: int):
    """The sample content and ``count`` more posts that all say "zebra"."""
    for number in range(1, count + 1):
        (content / "posts" / f"2026-01-{number:02}-zebra-{number}.md").write_text(
            f"Title: Zebra note {number}\nSlug: zebra-{number}\n"
            f"Date: 2026-01-{number:02} 10:00\nCategory: Notes\n\n"
            f"A short note about zebras, number {number}.\n"
        )
    return content


@pytest.fixture(scope="module")
def zebra_url(tmp_path_factory):
    """A site with 25 posts that say "zebra": three batches of results."""
    root = tmp_path_factory.mktemp("zebras")
    content = with_notes_about_zebras(copy_content(root / "content"), 25)
    site = build_site(root / "output", content=content)
    with serve(site) as url:
        yield url


def titles_shown_one_batch_at_a_time(page, batches: int) -> list[str]:
    results = page.locator("#search-results li")
    expect(results).to_have_count(10)
    for _ in range(batches - 1):
        count = results.count()
        page.locator("#search-more").click()
        expect(results).not_to_have_count(count)
    return shown_titles(page)


def test_more_results_asked_for_twice_quickly_come_in_pagefinds_order(
    chromium, zebra_url
):
    """A second "Show more results" while the first batch still loads: the
    batches are shown in the order asked for, whichever loads first."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(f"{zebra_url}/search/?q=zebra")
        ranked = titles_shown_one_batch_at_a_time(page, 3)
        assert len(ranked) == 25
        page.goto(f"{zebra_url}/search/?q=zebra")
        expect(page.locator("#search-results li")).to_have_count(10)
        held = HeldFragments(page)
        page.locator("#search-more").click()
        held.wait_for(10)
        page.locator("#search-more").click()
        held.wait_for(15)
        held.routes[:] = held.routes[10:] + held.routes[:10]  # the last first
        held.release()
        assert shown_titles(page) == ranked
        expect(page.locator("#search-more")).to_be_hidden()
    finally:
        context.close()


def addresses_reached_by_tab(page) -> list[tuple[str, str]]:
    """Tab from the page's introduction through every feed address: what
    each Tab focuses and what it leaves selected."""
    page.locator(".lede").click()  # Tab starts from here
    reached = []
    for _ in range(page.locator(".feed-address").count()):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                """() => [document.activeElement.textContent,
                          getSelection().toString()]"""
            )
        )
    return reached


def test_the_keyboard_reaches_and_selects_each_feed_address_of_a_local_build(
    new_page, base_url
):
    page = new_page("feeds/")
    addresses = page.locator(".feed-address").all_text_contents()
    assert len(addresses) > 40
    assert addresses[0] == f"{base_url}/feeds/all.atom.xml"
    assert addresses_reached_by_tab(page) == [[each, each] for each in addresses]


def test_the_keyboard_reaches_and_selects_each_feed_address_of_a_published_site(
    chromium, tmp_path
):
    with serve(tmp_path) as root:
        build_site(tmp_path / "blog", conf="publishconf.py", SITEURL=f"{root}/blog")
        context = chromium.new_context()
        try:
            page = context.new_page()
            page.goto(f"{root}/blog/feeds/")
            addresses = page.locator(".feed-address").all_text_contents()
            assert addresses[0] == f"{root}/blog/feeds/all.atom.xml"
            reached = addresses_reached_by_tab(page)
        finally:
            context.close()
    assert reached == [[each, each] for each in addresses]
