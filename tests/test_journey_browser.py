"""The journey chart in Chromium: it fits its box at 1280 and 375 px, on the
sample site and after a WordPress import, cutting nothing off and leaving
no row or column looking empty."""

from __future__ import annotations

import itertools
import json
import shutil

import lxml.html
import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from sitebuild import CONTENT, ROOT, build_site, read, run_reflect

pytestmark = pytest.mark.browser

WXR = ROOT / "tests" / "fixtures" / "wordpress-export.xml"
IMPORTED = "posts/2019-04-13-coffee-with-a-plant-manager.md"


def imported_content(folder):
    """The sample content with the WordPress export imported into it."""
    shutil.copytree(CONTENT, folder)
    result = run_reflect("import-wordpress", "--content", str(folder), str(WXR))
    assert result.returncode == 0, result.stderr
    assert (folder / IMPORTED).exists()
    return folder


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """Right after the import: the 2019 post names no lesson yet."""
    root = tmp_path_factory.mktemp("imported")
    return build_site(root / "output", content=imported_content(root / "content"))


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    """After the writer names a lesson in the imported 2019 post (as `reflect
    suggest` proposes): twelve conversations over seven years, with a gap."""
    root = tmp_path_factory.mktemp("tagged")
    content = imported_content(root / "content")
    post = content / IMPORTED
    text = read(post).replace("\n\n", "\nLessons: Learn adjacent functions\n\n", 1)
    post.write_text(text, encoding="utf-8")
    return build_site(root / "output", content=content)


@pytest.fixture(scope="module")
def sites(site, imported_site, tagged_site):
    return {"sample": site, "imported": imported_site, "tagged": tagged_site}


def test_an_imported_post_with_no_lessons_gets_no_column(imported_site):
    tree = lxml.html.fromstring(read(imported_site / "reflections/index.html"))
    for svg in tree.cssselect("#journey svg.journey__svg"):
        ticks = [text.text for text in svg.cssselect(".journey__ticks text")]
        assert "2019" not in ticks
        (desc,) = svg.cssselect("desc")
        assert "1 conversation that names no lesson yet is not shown." in desc.text
    rows = tree.cssselect("#journey details tbody tr")
    assert "plant manager" not in " ".join(row.text_content() for row in rows)


# What the reader sees of the journey: the drawing shown, its box, each tick
# label, lesson name and mark as drawn, in page coordinates.
DRAWN = """() => {
  const figure = document.querySelector('#journey figure');
  const svg = [...figure.querySelectorAll('svg.journey__svg')]
    .find(s => getComputedStyle(s).display !== 'none');
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const ticks = [...svg.querySelectorAll('.journey__ticks text')]
    .map(t => ({...box(t.getBoundingClientRect()), text: t.textContent}));
  const rows = [...svg.querySelectorAll(':scope > text, :scope > a > text')]
    .map(t => ({...box(t.getBoundingClientRect()), text: t.textContent}));
  const marks = [...svg.querySelectorAll('circle')].map(c => {
    const r = c.getBoundingClientRect();
    return {...box(r), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2};
  });
  return {
    form: svg.classList.contains('journey__svg--wide') ? 'wide' : 'narrow',
    svg: box(svg.getBoundingClientRect()),
    figure: box(figure.getBoundingClientRect()),
    viewport: document.documentElement.clientWidth,
    pageScroll: document.documentElement.scrollWidth - window.innerWidth,
    ticks, rows, marks,
  };
}"""


@pytest.mark.parametrize("name", ["sample", "imported", "tagged"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_journey_fits_its_box_and_shows_every_column(chromium, sites, name, width):
    output = sites[name]
    context = chromium.new_context(viewport={"width": width, "height": 900})
    with serve(output) as url:
        page = context.new_page()
        page.goto(f"{url}/reflections/")
        drawn = page.evaluate(DRAWN)
    context.close()
    assert drawn["form"] == ("wide" if width == 1280 else "narrow")
    assert drawn["pageScroll"] == 0
    svg, figure = drawn["svg"], drawn["figure"]
    assert figure["left"] >= 0 and figure["right"] <= drawn["viewport"]
    assert figure["left"] <= svg["left"] and svg["right"] <= figure["right"] + 0.5
    # Nothing is drawn outside the drawing, so nothing is cut off (a glyph
    # such as "T" may overhang its x by a pixel).
    outside = [
        item["text"] if "text" in item else (item["x"], item["y"])
        for item in [*drawn["ticks"], *drawn["rows"], *drawn["marks"]]
        if item["left"] < svg["left"] - 1.5 or item["right"] > svg["right"] + 1.5
    ]
    assert outside == []
    # Tick labels on one line never touch.
    for line in {tick["top"] for tick in drawn["ticks"]}:
        labels = sorted(
            (tick for tick in drawn["ticks"] if tick["top"] == line),
            key=lambda tick: tick["left"],
        )
        for before, after in itertools.pairwise(labels):
            assert before["right"] < after["left"], (before, after)
    # Each column has a mark, and each lesson's row at least one.
    columns = {round((t["left"] + t["right"]) / 2) for t in drawn["ticks"]}
    marked = {round(mark["x"]) for mark in drawn["marks"]}
    assert all(any(abs(x - m) <= 1 for m in marked) for x in columns), columns
    lessons = json.loads(read(output / "reflections.json"))["lessons"]
    assert len(drawn["rows"]) == len(lessons)
    assert len({round(mark["y"]) for mark in drawn["marks"]}) == len(lessons)


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violations_in_either_drawing(chromium, tagged_site, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    with serve(tagged_site) as url:
        page = context.new_page()
        page.goto(f"{url}/reflections/")
        results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()
