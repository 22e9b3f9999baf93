"""Series: recurring conversations linked as "part N of M", with a page per
series; pelican-series' fields (`Series:`, `Series_index:`)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from sitebuild import build_site, copy_content, read

from postseries.assemble import assemble_series
from postseries.model import SeriesPart

FIRST = "2025/first-mock-interview/index.html"
SECOND = "2026/second-mock-interview/index.html"
SERIES_PAGE = "series/mock-interviews-with-owen/index.html"


def document(site: Path, path: str):
    return lxml.html.fromstring(read(site / path))


def test_a_post_in_a_series_says_which_part_it_is_and_links_its_neighbours(site):
    second = document(site, SECOND)
    (part,) = second.cssselect(".series-part a")
    assert part.text_content() == (
        "Part 2 of 2 in the series “Mock interviews with Owen”"
    )
    assert part.get("href") == "/series/mock-interviews-with-owen/"
    (nav,) = second.cssselect("nav.series-nav")
    steps = nav.cssselect(".series-nav__steps a")
    assert [a.get("href") for a in steps] == ["/2025/first-mock-interview/"]
    assert steps[0].text_content().startswith("Previous part")
    assert (
        nav.cssselect("[aria-current=page]")[0]
        .text_content()
        .startswith("Mock interview, round two")
    )
    first = document(site, FIRST)
    steps = first.cssselect("nav.series-nav .series-nav__steps a")
    assert [a.get("href") for a in steps] == ["/2026/second-mock-interview/"]
    assert steps[0].text_content().startswith("Next part")


def test_a_post_in_no_series_shows_no_series(site):
    page = read(site / "2025/two-levels-up/index.html")
    assert "series-nav" not in page and "series-part" not in page


def test_the_series_page_lists_its_parts_in_order(site):
    page = document(site, SERIES_PAGE)
    assert page.cssselect("h1")[0].text_content() == "Mock interviews with Owen"
    links = [a.get("href") for a in page.cssselect(".series-parts .post-card__title a")]
    assert links == ["/2025/first-mock-interview/", "/2026/second-mock-interview/"]
    assert (
        page.cssselect("title")[0]
        .text_content()
        .startswith("Mock interviews with Owen ·")
    )
    assert "A series of 2 conversations" in page.text_content()


def test_a_series_of_one_part_or_one_day_says_so_in_words(tmp_path):
    # The page read "A series of 1 conversations, from 3 March 2026 to
    # 3 March 2026."
    content = copy_content(tmp_path / "content")
    for name, title, series in (
        ("coffee", "Coffee with Dana", "Coffee with Dana"),
        ("panel-am", "Panel, morning", "Hiring panel day"),
        ("panel-pm", "Panel, afternoon", "Hiring panel day"),
    ):
        (content / "posts" / f"2026-03-03-{name}.md").write_text(
            f"Title: {title}\nDate: 2026-03-03\nSeries: {series}\n\nNotes.\n",
            encoding="utf-8",
        )
    built = build_site(tmp_path / "output", content=content)
    one = document(built, "series/coffee-with-dana/index.html")
    lede = " ".join(one.cssselect(".lede")[0].text_content().split())
    assert re.fullmatch(r"A series of 1 conversation, on (?:(?! to ).)*2026\.", lede), (
        lede
    )
    (day,) = one.cssselect(".lede time")
    assert day.get("datetime").startswith("2026-03-03")
    two = document(built, "series/hiring-panel-day/index.html")
    lede = " ".join(two.cssselect(".lede")[0].text_content().split())
    assert re.fullmatch(
        r"A series of 2 conversations, on (?:(?! to ).)*2026\.", lede
    ), lede
    several = document(built, SERIES_PAGE)
    lede = " ".join(several.cssselect(".lede")[0].text_content().split())
    assert re.fullmatch(r"A series of 2 conversations, from .*2025 to .*2026\.", lede)


def test_the_series_page_is_in_the_sitemap_dated_by_its_newest_part(published_site):
    sitemap = read(published_site / "sitemap.xml")
    assert (
        "<loc>https://example.org/blog/series/mock-interviews-with-owen/</loc>\n"
        "<lastmod>2026-08-23T15:30:00-05:00</lastmod>"
    ) in sitemap


def post(name: str, day: int, series: str | None = "Check-ins", index=None):
    metadata = {"series": series}
    if index is not None:
        metadata["series_index"] = index
    return SimpleNamespace(
        metadata=metadata,
        date=datetime(2026, 1, day),
        source_path=f"/nowhere/{name}.md",
        title=name,
    )


def assemble(*posts):
    return assemble_series(
        posts, lambda name: name.lower().replace(" ", "-"), "s/{slug}/", "s/{slug}.html"
    )


def test_parts_with_an_index_come_first_by_index_then_the_rest_by_date():
    (series,), problems = assemble(
        post("c", 1), post("a", 9, index="2"), post("b", 5, index="1"), post("d", 2)
    )
    assert [p.title for p in series.posts] == ["b", "a", "c", "d"]
    assert problems == []
    assert series.url == "s/check-ins/" and series.save_as == "s/check-ins.html"


def test_parts_of_one_date_are_in_the_order_of_their_files_however_they_were_read():
    # Pelican reads the content folder in the file system's order, which
    # differs between machines: two parts written on one day swapped places.
    ruth_1, ruth_2 = post("ruth-1", 4), post("ruth-2", 4)
    for read_order in ((ruth_1, ruth_2), (ruth_2, ruth_1)):
        (series,), problems = assemble(post("ruth-0", 2), *read_order)
        assert [p.title for p in series.posts] == ["ruth-0", "ruth-1", "ruth-2"]
        assert problems == []


def test_a_bad_or_repeated_index_is_reported_and_the_post_goes_by_date():
    (series,), problems = assemble(
        post("a", 1, index="first"), post("b", 2, index="1"), post("c", 3, index="1")
    )
    assert [p.title for p in series.posts] == ["b", "a", "c"]
    assert [problem.rule for problem in problems] == ["series-index", "series-index"]
    assert "'first' is not a whole number" in problems[0].message
    assert problems[0].path == "/nowhere/a.md"
    assert "already taken" in problems[1].message


def test_posts_in_no_series_are_left_alone_and_names_are_tidied():
    found, _ = assemble(post("a", 1, None), post("b", 2, "  Check-ins "), post("c", 3))
    (series,) = found
    assert series.name == "Check-ins" and len(series.posts) == 2


def test_two_series_that_would_share_a_page_are_an_error():
    found, problems = assemble(post("a", 1, "Check ins"), post("b", 2, "check-ins"))
    assert len(found) == 1
    assert problems[0].rule == "series-clash"
    assert "share the page" in problems[0].message


def test_one_series_name_spelt_two_ways_is_told_to_be_spelt_the_same():
    # "Name one of them differently" was the advice for a slip of case.
    _, problems = assemble(
        post("a", 1, "Check-ins with Ruth"), post("b", 2, "Check-ins with ruth")
    )
    assert problems[0].rule == "series-clash"
    assert "one name spelt two ways" in problems[0].message
    assert "spell it “Check-ins with Ruth” in every part" in problems[0].message
    _, different = assemble(post("a", 1, "Check ins"), post("b", 2, "check-ins"))
    assert "name one of them differently" in different[0].message


def test_part_n_of_m_knows_its_neighbours():
    (series,), _ = assemble(post("a", 1), post("b", 2), post("c", 3))
    middle = SeriesPart(series, 2)
    assert middle.label == "Part 2 of 3"
    assert (middle.previous.title, middle.next.title) == ("a", "c")
    assert [p.title for p in middle.all_previous] == ["a"]
    assert [p.title for p in middle.all_next] == ["c"]
    assert SeriesPart(series, 1).previous is None
    assert SeriesPart(series, 3).next is None


@pytest.fixture(scope="module")
def with_a_draft_part(tmp_path_factory):
    folder = tmp_path_factory.mktemp("series-draft")
    content = copy_content(folder / "content")
    (content / "posts" / "2026-12-01-third-mock.md").write_text(
        "Title: Mock interview, round three\nDate: 2026-12-01\nStatus: draft\n"
        "Series: Mock interviews with Owen\n\nNot ready.\n",
        encoding="utf-8",
    )
    return build_site(folder / "output", conf="publishconf.py", content=content)


def test_a_draft_is_no_part_of_a_published_series(with_a_draft_part):
    page = read(with_a_draft_part / SECOND)
    assert "Part 2 of 2" in page
    assert "round three" not in page
    assert "round three" not in read(with_a_draft_part / SERIES_PAGE)


def test_reflections_json_gives_each_post_its_place_and_lists_every_series(
    published_site,
):
    """Series come from the postseries plugin, which reflections declares it
    needs: a PLUGINS without it stops the build instead of a JSON without
    series."""
    data = json.loads(read(published_site / "reflections.json"))
    page = "https://example.org/blog/series/mock-interviews-with-owen/"
    first, second = (
        "https://example.org/blog/2025/first-mock-interview/",
        "https://example.org/blog/2026/second-mock-interview/",
    )
    parts = {post["url"]: post["series"] for post in data["posts"]}
    assert parts[first] == {
        "name": "Mock interviews with Owen",
        "url": page,
        "index": 1,
        "count": 2,
    }
    assert parts[second]["index"] == 2
    assert sum(part is not None for part in parts.values()) == 2
    assert data["series"] == [
        {"name": "Mock interviews with Owen", "url": page, "posts": [first, second]}
    ]


@pytest.fixture(scope="module")
def without_series_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("no-series-pages")
    return build_site(folder / "output", SERIES_SAVE_AS="")


def test_with_no_series_pages_nothing_links_to_one(without_series_pages):
    assert not (without_series_pages / "series").exists()
    second = document(without_series_pages, SECOND)
    (part,) = second.cssselect(".series-part")
    assert part.text_content() == (
        "Part 2 of 2 in the series “Mock interviews with Owen”"
    )
    assert not part.cssselect("a")
    data = json.loads(read(without_series_pages / "reflections.json"))
    assert [series["url"] for series in data["series"]] == [None]
    assert {post["series"]["url"] for post in data["posts"] if post["series"]} == {None}
