"""The theme in a real browser: accessibility, layout, colour schemes, requests."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import ARTIFACTS

pytestmark = pytest.mark.browser

# One page of every kind, as (name, path).
PAGE_KINDS = [
    ("home", ""),
    ("article", "2025/two-levels-up/"),
    ("reflection-index", "reflections/"),
    ("lesson", "lessons/interview-two-levels-up/"),
    ("tag", "tag/networking/"),
    ("not-found", "404.html"),
    ("page", "about/"),
    ("archives", "archives/"),
    ("category", "category/mentoring/"),
    ("search", "search/?lesson=Interview+two+levels+up"),
]
AXE_PAGES = ["home", "article", "reflection-index", "lesson", "tag", "not-found"]


@pytest.fixture
def open_page(chromium, base_url):
    """Open a site path in a fresh page; record every request it makes."""
    contexts = []

    def opener(path: str, scheme: str = "light", width: int = 1000):
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(f"{base_url}/{path}")
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_violations(open_page, name, scheme):
    path = dict(PAGE_KINDS)[name]
    results = Axe().run(open_page(path, scheme=scheme))
    assert results.violations_count == 0, results.generate_report()


def test_a_journey_mark_on_the_index_scrolls_to_the_callout(open_page):
    page = open_page("reflections/", width=900)
    link = page.locator('#journey svg a[href*="#lesson-interview-two-levels-up"]').first
    target = link.get_attribute("href").split("#")[1]
    link.locator("circle").click()
    page.wait_for_url(f"**#{target}")
    callout = page.locator(f"aside#{target}")
    assert callout.evaluate("element => element.matches(':target')")
    box = callout.bounding_box()
    assert 0 <= box["y"] < 900, box


def test_no_page_scrolls_sideways_at_320_pixels(open_page, site, base_url):
    pages = sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
    )
    assert len(pages) > 30
    page = open_page("", width=320)
    wide = []
    for path in pages:
        page.goto(f"{base_url}/{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide.append((path, overflow))
    assert wide == []


# Every element with text of its own, and its size as drawn: SVG text is
# scaled by its viewBox, so its font size is multiplied by the scale.
DRAWN_TEXT_SIZES = """() => [...document.querySelectorAll('body *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => e.getClientRects().length && !e.closest('.visually-hidden, title, desc'))
  .map(e => {
    const size = parseFloat(getComputedStyle(e).fontSize);
    const scale = e instanceof SVGElement ? e.getScreenCTM().a : 1;
    return [e.textContent.trim().slice(0, 30), Math.round(size * scale * 10) / 10];
  })"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_index_draws_no_text_under_12_pixels(open_page, width):
    page = open_page("reflections/", width=width)
    sizes = page.evaluate(DRAWN_TEXT_SIZES)
    assert len(sizes) > 100
    assert [(text, size) for text, size in sizes if size < 12] == []


def test_index_table_headers_fit_on_two_lines_at_375_pixels(open_page):
    page = open_page("reflections/", width=375)
    page.locator("#journey details summary").click()
    lines = page.evaluate(
        """() => [...document.querySelectorAll('main thead th')].map(th => {
          const style = getComputedStyle(th);
          const pad = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
          const line = parseFloat(style.lineHeight);
          return [th.textContent, (th.clientHeight - pad) / line];
        })"""
    )
    assert lines
    assert [(text, n) for text, n in lines if n > 2.05] == []


def test_the_index_works_without_javascript(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/reflections/")
    assert page.locator("#journey svg a circle").count() > 20
    page.locator("#answers details summary").click()
    assert page.locator("#answers details li").first.is_visible()
    assert page.locator("script:not([type='application/ld+json'])").count() == 0
    context.close()


def test_the_dark_scheme_applies_when_the_reader_prefers_it(open_page):
    light = open_page("2025/two-levels-up/", scheme="light")
    dark = open_page("2025/two-levels-up/", scheme="dark")
    background = "getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(background) == "rgb(253, 252, 249)"
    assert dark.evaluate(background) == "rgb(23, 22, 20)"
    callout = (
        "getComputedStyle(document.querySelector('.lesson-callout')).backgroundColor"
    )
    assert dark.evaluate(callout) != light.evaluate(callout)


def test_no_request_leaves_the_site(open_page, base_url):
    for _, path in PAGE_KINDS:
        page = open_page(path)
        page.wait_for_load_state("networkidle")
        outside = [url for url in page.requests if not url.startswith(base_url)]
        assert outside == [], path


def test_nothing_needs_javascript_to_be_read(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/2025/two-levels-up/")
    assert page.locator("aside.lesson-callout").count() == 3
    assert page.locator("h1").inner_text().startswith("The conversation")
    context.close()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(open_page):
    page = open_page("2025/two-levels-up/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_focus_is_visible(open_page):
    page = open_page("")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_a_reflection_prints_without_the_site_chrome(open_page):
    page = open_page("2025/two-levels-up/")
    page.emulate_media(media="print")
    hidden = ".site-nav, .site-footer, .related, .prev-next"
    for element in page.locator(hidden).all():
        assert element.evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("aside.lesson-callout").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print" / "article.pdf").write_bytes(pdf)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1000])
def test_screenshots_of_every_page_kind(open_page, scheme, width):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in PAGE_KINDS:
        page = open_page(path, scheme=scheme, width=width)
        shot = folder / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5000


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_comments_section_and_its_form_pass_axe(chromium, form_site_url, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{form_site_url}/2025/two-levels-up/")
    assert page.locator("form.comment-form").count() == 1
    results = Axe().run(page, context="#comments")
    assert results.violations_count == 0, results.generate_report()
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violations_on_a_series_page(open_page, site, width):
    series = sorted((site / "series").glob("*/index.html"))[0]
    path = series.parent.relative_to(site).as_posix() + "/"
    results = Axe().run(open_page(path, width=width))
    assert results.violations_count == 0, results.generate_report()


# The width the select's font draws each option's text at, and the room the
# closed select leaves for it (its content box less the drop-down arrow).
OPTION_FIT = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const room = select.clientWidth - parseFloat(style.paddingLeft)
    - parseFloat(style.paddingRight) - 20;
  const drawn = [...select.options]
    .map(o => [o.text, context.measureText(o.text).width]);
  return [room, drawn];
}"""


def test_the_longest_lesson_title_fits_the_search_menu_at_1280_pixels(open_page):
    page = open_page("search/", width=1280)
    room, options = page.locator("#search-lesson").evaluate(OPTION_FIT)
    assert len(options) > 10
    longest, drawn = max(options, key=lambda option: option[1])
    assert 0 < drawn <= room, (longest, drawn, room)
