"""Content a writer could plausibly write, and the head, microformats and
preview card it must still get right: several authors, scripts the bundled
fonts cannot draw, a summary with markup and quotes."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import mf2py
import pytest
from sitebuild import build_site, copy_content

SITE = "https://example.org/blog"

TWO_AUTHORS = """\
Title: Lunch with two recruiters
Slug: two-recruiters
Date: 2026-12-01
Authors: Alice Smith, Bob Jones
Summary: What two recruiters said over one lunch.
Lessons: Learn adjacent functions

We wrote this one together.
"""

SUMMARY_WITH_MARKUP = """\
Title: A summary with markup
Slug: summary-markup
Date: 2026-12-02
Summary: A <em>quoted</em> "summary" & <b>bold</b>, 'single' <script>alert(1)</script>
Lessons: Learn adjacent functions

Body.
"""


@pytest.fixture(scope="module")
def hunt_site(tmp_path_factory) -> Path:
    """The sample site and the posts above, built as `make publish` does."""
    folder = tmp_path_factory.mktemp("hunt")
    content = copy_content(folder / "content")
    posts = content / "posts"
    (posts / "2026-12-01-two-recruiters.md").write_text(TWO_AUTHORS, "utf-8")
    (posts / "2026-12-02-summary-markup.md").write_text(SUMMARY_WITH_MARKUP, "utf-8")
    return build_site(
        folder / "output", conf="publishconf.py", content=content, SITEURL=SITE
    )


def the_entry(site: Path, slug: str) -> dict:
    html = (site / "2026" / slug / "index.html").read_text("utf-8")
    parsed = mf2py.parse(doc=html, url=f"{SITE}/2026/{slug}/")
    (entry,) = [item for item in parsed["items"] if "h-entry" in item["type"]]
    return entry["properties"]


def json_ld(site: Path, slug: str) -> dict:
    tree = lxml.html.fromstring((site / "2026" / slug / "index.html").read_bytes())
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_a_post_by_two_authors_names_both_as_h_cards_of_its_h_entry(hunt_site):
    authors = the_entry(hunt_site, "two-recruiters")["author"]
    assert [author["type"] for author in authors] == [["h-card"], ["h-card"]]
    assert [author["properties"]["name"] for author in authors] == [
        ["Alice Smith"],
        ["Bob Jones"],
    ]
    assert [author["properties"]["url"] for author in authors] == [
        [f"{SITE}/author/alice-smith/"],
        [f"{SITE}/author/bob-jones/"],
    ]


def test_a_post_by_two_authors_names_both_in_its_json_ld(hunt_site):
    assert json_ld(hunt_site, "two-recruiters")["author"] == [
        {"@type": "Person", "name": "Alice Smith"},
        {"@type": "Person", "name": "Bob Jones"},
    ]


def test_a_post_by_the_site_author_alone_keeps_one_h_card_and_one_person(hunt_site):
    (author,) = the_entry(hunt_site, "summary-markup")["author"]
    assert author["properties"] == {"name": ["Priya"], "url": [f"{SITE}/about/"]}
    assert json_ld(hunt_site, "summary-markup")["author"] == {
        "@type": "Person",
        "name": "Priya",
    }
