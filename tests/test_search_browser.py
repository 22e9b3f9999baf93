"""The search page in a real browser, on the built site served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from playwright.sync_api import expect
from sitebuild import build_site, read

pytestmark = pytest.mark.browser


@pytest.fixture
def new_page(chromium):
    contexts = []

    def opener(url: str, **options):
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def result_links(page) -> list[str]:
    return page.locator("#search-results h2 a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


def test_typing_a_query_shows_the_reflections_that_say_it(new_page, base_url):
    page = new_page(f"{base_url}/search/")
    page.fill("#search-q", "severance")
    expect(page.locator("#search-status")).to_have_text("1 reflection found.")
    link = page.locator("#search-results h2 a")
    expect(link).to_have_text(
        "Laid off on a Tuesday, building from scratch six weeks later: "
        "a head of operations on leaving a giant"
    )
    expect(page.locator("#search-results mark").first).to_have_text("severance")
    assert page.url.endswith("/search/?q=severance")
    assert all(url.startswith(base_url) for url in page.requests)


def test_a_lesson_filter_shows_exactly_the_posts_that_taught_it(
    new_page, base_url, site
):
    lessons = json.loads(read(site / "reflections.json"))["lessons"]
    page = new_page(f"{base_url}/search/")
    for lesson in lessons:
        page.select_option("#search-lesson", lesson["title"])
        count = lesson["count"]
        expect(page.locator("#search-status")).to_have_text(
            f"{count} reflection{'' if count == 1 else 's'} found."
        )
        expect(page.locator("#search-results li")).to_have_count(count)
        expected = sorted(use["url"] for use in lesson["posts"])
        # Results fill in as Pagefind loads each one: wait for the links
        # rather than read them once (a busy machine lags the rendering).
        page.wait_for_function(
            """expected => JSON.stringify([...document.querySelectorAll(
                 '#search-results h2 a')].map(a => a.getAttribute('href')).sort())
               === JSON.stringify(expected)""",
            arg=expected,
            timeout=10_000,
        )
        assert sorted(result_links(page)) == expected, lesson["title"]


def test_each_count_on_the_index_opens_a_search_with_that_many_posts(
    new_page, base_url
):
    index = new_page(f"{base_url}/reflections/")
    cells = index.locator("#by-conversation-type td a[href*='search/?']")
    links = cells.evaluate_all(
        "links => links.map(link => [link.href, Number(link.textContent)])"
    )
    assert len(links) > 5
    page = new_page(base_url)
    for href, count in links:
        page.goto(href)
        expect(page.locator("#search-results li")).to_have_count(count)


def test_without_javascript_the_search_page_offers_the_index_and_tags(
    new_page, base_url
):
    page = new_page(f"{base_url}/search/", java_script_enabled=False)
    assert not page.locator("#search-form").is_visible()
    expect(page.locator("noscript")).to_have_count(1)
    page.get_by_role("link", name="reflection index").click()
    expect(page.locator("#journey")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="tags", exact=True).click()
    assert page.url.endswith("/tags/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_with_results_passes_axe(new_page, base_url, scheme):
    page = new_page(f"{base_url}/search/?q=manager&lesson=Interview+two+levels+up")
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.locator("#search-results li").first).to_be_visible()
    page.emulate_media(color_scheme=scheme)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    sideways = "(root => root.scrollWidth - root.clientWidth)(document.documentElement)"
    assert page.evaluate(sideways) == 0


def test_search_works_under_a_subpath_siteurl(new_page, tmp_path):
    with serve(tmp_path) as root:
        build_site(tmp_path / "blog", conf="publishconf.py", SITEURL=f"{root}/blog")
        page = new_page(f"{root}/blog/search/?lesson=Interview+two+levels+up")
        expect(page.locator("#search-results h2 a")).to_have_count(3)
        links = result_links(page)
        assert all(link.startswith("/blog/20") for link in links), links
        page.locator("#search-results h2 a").first.click()
        expect(page.locator("article.post h1")).to_be_visible()
        assert all(url.startswith(f"{root}/blog/") for url in page.requests)
