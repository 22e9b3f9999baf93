"""How the pages read in a real Chromium on Debian: which fonts are drawn,
comments as separate blocks, the feeds page's addresses and the 404 footer.
"""

from __future__ import annotations

import subprocess
from itertools import pairwise

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

GENERIC = {"serif", "sans-serif", "monospace", "system-ui", "cursive", "fantasy"}
ARTICLE = "2025/two-levels-up/"


@pytest.fixture
def open_page(new_page):
    def opener(path: str, width: int = 1000, height: int = 900, scheme="light"):
        viewport = {"width": width, "height": height}
        return new_page(path, viewport=viewport, color_scheme=scheme)

    return opener


def installed_families() -> set[str]:
    listing = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    return {name.strip() for line in listing.splitlines() for name in line.split(",")}


def family_list(css: str) -> list[str]:
    return [name.strip().strip("\"'") for name in css.split(",")]


def intended_family(stack: list[str], installed: set[str]) -> str:
    """The first face of the stack this machine has: what the stack intends
    here. Reaching a generic family would mean the stack names no face for
    this system, which is what the theme must not leave to chance."""
    for name in stack:
        if name in installed:
            return name
        assert name not in GENERIC, f"{stack} names no face installed here"
    raise AssertionError(f"nothing in {stack} is installed")


def drawn_family(page, selector: str) -> str:
    """The font Chromium actually drew most of the element's text with."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    return max(fonts["fonts"], key=lambda font: font["glyphCount"])["familyName"]


@pytest.mark.parametrize(
    ("selector", "stack"),
    [
        (".post__body > p", "--font-reading"),
        (".post__body h2", "--font"),
        (".post__header h1", "--font"),
        (".site-title a", "--font"),
        (".meta time", "--font"),
    ],
)
def test_each_text_is_drawn_in_the_face_its_stack_intends(open_page, selector, stack):
    page = open_page(ARTICLE)
    declared = page.evaluate(
        "name => getComputedStyle(document.documentElement).getPropertyValue(name)",
        stack,
    )
    computed = page.eval_on_selector(selector, "e => getComputedStyle(e).fontFamily")
    assert family_list(computed) == family_list(declared)
    intended = intended_family(family_list(declared), installed_families())
    assert drawn_family(page, selector) == intended


def test_headings_in_a_post_match_the_page_title(open_page):
    page = open_page(ARTICLE)
    assert drawn_family(page, ".post__body h2") == drawn_family(page, "h1")
    assert drawn_family(page, ".post__body > p") != drawn_family(page, "h1")


def test_post_titles_on_the_home_page_are_plain_text_until_hovered(open_page):
    page = open_page("")
    title = ".post-card__title a"

    def look():
        return page.eval_on_selector(
            title,
            "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]",
        )

    body_colour = page.eval_on_selector("body", "e => getComputedStyle(e).color")
    assert look() == ["none", body_colour]
    page.hover(title)
    decoration, colour = look()
    assert (decoration, colour) == ("underline", body_colour)


def test_comments_are_separate_blocks_and_the_authors_reply_stands_out(open_page):
    page = open_page(ARTICLE)
    boxes = page.eval_on_selector_all(
        ".comment",
        """comments => comments.map(c => {
            const box = c.getBoundingClientRect(), style = getComputedStyle(c);
            return {top: box.top, bottom: box.bottom, border: style.borderTopWidth,
                    background: style.backgroundColor,
                    author: c.classList.contains("comment--by-author")};
        })""",
    )
    assert len(boxes) == 5  # four comment files and a Webmention reply
    assert all(box["border"] == "1px" for box in boxes)
    for above, below in pairwise(boxes):
        assert below["top"] - above["bottom"] >= 8  # a gap, not a shared edge
    readers = {box["background"] for box in boxes if not box["author"]}
    authors = {box["background"] for box in boxes if box["author"]}
    assert len(authors) == 1 and authors.isdisjoint(readers)
    assert page.is_visible(".comment--by-author .comment__badge")


@pytest.mark.parametrize("width", [375, 1000, 1280])
def test_the_feeds_page_shows_every_address_whole_and_absolute_beside_its_format(
    open_page, base_url, width
):
    """A local build has no SITEURL: the page completes each address from
    the address it is served at, and wraps a long one instead of cutting it."""
    page = open_page("feeds/", width=width)
    rows = page.eval_on_selector_all(
        ".feed-subject dd",
        """cells => cells.map(cell => {
            const address = cell.querySelector(".feed-address");
            const label = cell.previousElementSibling.getBoundingClientRect();
            const box = address.getBoundingClientRect();
            return {name: cell.previousElementSibling.textContent.trim(),
                    value: address.textContent,
                    sameRow: Math.abs(label.top - box.top) < 12,
                    inside: box.right <= document.documentElement.clientWidth,
                    whole: address.scrollWidth <= address.clientWidth};
        })""",
    )
    alternates = page.eval_on_selector_all(
        "link[rel=alternate]", "links => links.map(l => l.href)"
    )
    assert {row["name"] for row in rows} == {"Atom", "RSS", "JSON Feed"}
    assert set(alternates) <= {row["value"] for row in rows}
    assert len(rows) > 40
    assert all(row["value"].startswith(f"{base_url}/feeds/") for row in rows)
    assert all(row["sameRow"] and row["inside"] and row["whole"] for row in rows)


def test_one_click_selects_a_whole_address_for_copying(open_page, base_url):
    page = open_page("feeds/", width=375)
    address = page.locator(".feed-address").first
    address.click()
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected == f"{base_url}/feeds/all.atom.xml"


@pytest.mark.parametrize("height", [700, 1200])
def test_the_404_footer_sits_at_the_bottom_of_the_window(open_page, height):
    page = open_page("404.html", height=height)
    bottom = page.eval_on_selector(
        ".site-footer", "f => f.getBoundingClientRect().bottom"
    )
    assert bottom == pytest.approx(height, abs=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["feeds/", ARTICLE])
def test_the_feeds_page_and_a_thread_pass_axe(open_page, path, scheme):
    results = Axe().run(open_page(path, scheme=scheme))
    assert results.violations_count == 0, results.generate_report()
