"""Accessibility in a real Chromium, on every page of the built sample site:
what a reader with a keyboard or a screen reader meets that axe does not
check (axe runs on one page of each kind in tests/test_browser.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def every_page(site) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
    )


def focused(page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def test_show_more_results_hands_the_keyboard_to_the_first_new_result(new_page):
    """The button hides itself once every result is shown: if it kept the
    focus, the focus would fall to the page and the next Tab would jump past
    the results it just added."""
    page = new_page("search/?q=the")
    results = page.locator("#search-results li")
    expect(results).to_have_count(10)
    page.locator("#search-more").focus()
    page.keyboard.press("Enter")
    expect(results).to_have_count(11)
    eleventh = results.nth(10).locator("a")
    expect(eleventh).to_be_focused()
    assert page.evaluate("document.activeElement.matches(':focus-visible')")


# Every link's accessible name, as a screen reader's list of links shows it,
# and where it goes. SVG links have an SVGAnimatedString href.
LINK_NAMES = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => a.getClientRects().length)
  .map(a => [
    (a.getAttribute('aria-label') || a.textContent).replace(/\\s+/g, ' ').trim(),
    new URL(a.getAttribute('href'), location.href).href,
  ])"""


def links_named_alike_that_go_apart(page) -> dict[str, list[str]]:
    places: dict[str, set[str]] = {}
    for name, href in page.evaluate(LINK_NAMES):
        places.setdefault(name.lower(), set()).add(href)
    origin = page.url.split("/")[2]
    return {
        name: sorted(href.split(origin, 1)[1] for href in hrefs)
        for name, hrefs in places.items()
        if len(hrefs) > 1
    }


#: The desk's template is the desk plugin's (plugins/desk/templates), not
#: the theme's; a local build has it, the published one never.
DESK = "desk/"


def test_no_two_links_with_the_same_name_go_to_different_places(
    new_page, site, base_url
):
    """A screen reader lists a page's links by name alone: two "September
    16, 2025" or "5 comments" that open different comments or posts cannot
    be told apart there. Every <details> is opened first: its links are the
    reader's too once they open it."""
    page = new_page()
    alike = {}
    for path in every_page(site):
        if path == DESK:
            continue
        page.goto(f"{base_url}/{path}")
        page.evaluate(
            "document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        if found := links_named_alike_that_go_apart(page):
            alike[path] = found
    assert alike == {}


def test_no_two_links_on_the_desk_share_a_name_and_go_apart(new_page):
    """The desk's own template (plugins/desk/templates) too: a review's
    "taught in" link and a question's "Read it in its thread" say which
    post and question, and its section list says "Reviews", not the site
    menu's "Lessons"."""
    page = new_page(DESK)
    assert links_named_alike_that_go_apart(page) == {}


# Each control a reader can Tab to, focused from the keyboard, and whether it
# shows the site's 3px focus outline, whole: a box that scrolls (a wide
# table's) clips what is drawn outside it. A journey mark shows a
# focus-coloured ring instead (its circle's stroke). SVG links have an
# SVGAnimatedString href.
FOCUS_RINGS = """() => {
  const clipped = (e, style) => {
    if (e.closest('svg')) return false;
    const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
    const r = e.getBoundingClientRect();
    for (let box = e.parentElement; box; box = box.parentElement) {
      const o = getComputedStyle(box);
      if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
      const b = box.getBoundingClientRect();
      const left = b.left + box.clientLeft, top = b.top + box.clientTop;
      return r.left - reach < left - 0.5 || r.top - reach < top - 0.5
        || r.right + reach > left + box.clientWidth + 0.5
        || r.bottom + reach > top + box.clientHeight + 0.5;
    }
    return false;
  };
  const focus = getComputedStyle(document.documentElement).getPropertyValue('--focus');
  const probe = document.createElement('i');
  probe.style.color = focus;
  document.body.append(probe);
  const ring = getComputedStyle(probe).color;
  probe.remove();
  const stops = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
  )].filter(e => e.checkVisibility() && e.tabIndex >= 0 && !e.disabled);
  return stops.map(e => {
    e.focus();
    const style = getComputedStyle(e);
    const circle = e.querySelector('circle');
    const shown = e.matches(':focus-visible') && (
      (style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 3
        && style.outlineColor === ring && !clipped(e, style))
      || (circle !== null && getComputedStyle(circle).stroke === ring));
    return [e.textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60), shown];
  }).filter(([, shown]) => !shown).map(([name]) => name);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_shows_the_focus_outline_when_the_keyboard_reaches_it(
    new_page, site, base_url, scheme
):
    """The journey chart's links are SVG: its lesson names and dates once
    showed focus only as an underline. The first column's links of a table
    that scrolls sideways showed a ring cut off at the box's edge."""
    page = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    unringed = {}
    for path in every_page(site):
        page.goto(f"{base_url}/{path}")
        page.evaluate(
            "document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        page.keyboard.press("Tab")  # from here on, focus is the keyboard's
        if found := page.evaluate(FOCUS_RINGS):
            unringed[path] = found
    assert unringed == {}


# What a screen reader's outline of a page shows: its headings, landmarks and
# language, with what is wrong in it.
OUTLINE_FAULTS = """() => {
  const faults = [];
  const shown = e => e.checkVisibility() && !e.closest('[aria-hidden="true"]');
  const h1s = [...document.querySelectorAll('h1')].filter(shown);
  if (h1s.length !== 1) faults.push(`${h1s.length} h1`);
  let level = 0;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const next = Number(heading.tagName[1]);
    if (level && next > level + 1) {
      faults.push(`h${level} to h${next}: ${heading.textContent.trim()}`);
    }
    level = next;
  }
  for (const landmark of ['body > header', 'main', 'body > footer']) {
    const count = document.querySelectorAll(landmark).length;
    if (count !== 1) faults.push(`${count} ${landmark}`);
  }
  const navs = [...document.querySelectorAll('nav')].map(nav =>
    nav.getAttribute('aria-label')
    || document.getElementById(nav.getAttribute('aria-labelledby'))?.textContent);
  const unnamed = navs.some(name => !name);
  if (unnamed || new Set(navs).size !== navs.length) faults.push(`navs ${navs}`);
  if (!document.documentElement.lang) faults.push('no lang');
  return faults;
}"""


def test_every_page_has_one_h1_no_skipped_heading_and_named_landmarks(
    new_page, site, base_url
):
    page = new_page()
    faults = {}
    for path in every_page(site):
        page.goto(f"{base_url}/{path}")
        if found := page.evaluate(OUTLINE_FAULTS):
            faults[path] = found
    assert len(every_page(site)) > 60
    assert faults == {}


MOVING = """() => [...document.querySelectorAll('*')].filter(e => {
  const style = getComputedStyle(e);
  return style.animationName !== 'none' || parseFloat(style.transitionDuration) > 0
    || style.scrollBehavior === 'smooth';
}).map(e => e.tagName)"""


def test_nothing_moves_for_a_reader_who_asks_for_reduced_motion(
    new_page, site, base_url
):
    page = new_page(reduced_motion="reduce")
    moving = {}
    for path in every_page(site):
        page.goto(f"{base_url}/{path}")
        if found := page.evaluate(MOVING):
            moving[path] = found
    assert moving == {}


def test_a_keyboard_alone_searches_and_reaches_the_results(new_page):
    """The count is announced (role="status"), and Tab goes from the query
    to the filters and then to the first result."""
    page = new_page("search/")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    while page.evaluate("document.activeElement.id") != "search-q":
        page.keyboard.press("Tab")
    page.keyboard.type("severance")
    expect(status).to_have_text("1 reflection found.")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    expect(page.locator("#search-results a").first).to_be_focused()


def test_the_reply_form_names_every_field_and_marks_the_required_ones(
    chromium, form_site_url
):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{form_site_url}/2025/two-levels-up/")
    form = page.locator("form.comment-form")
    fields = form.locator("input:not([type=hidden]), select, textarea").evaluate_all(
        "fields => fields.map(f => [f.labels[0].textContent, f.required])"
    )
    context.close()
    assert dict(fields) == {
        "Name": True,
        "Email (never published)": True,
        "Website (optional)": False,
        "In reply to": False,
        "Comment": True,
    }
