"""Pages that introduce and explain: the home page's introduction and each
lesson's page, which tells where the lesson was learned, in order."""

from __future__ import annotations

import json
from types import SimpleNamespace

import lxml.html
from sitebuild import read

from presentation.home import most_recurring, opening_sentences


def document(site, path: str):
    return lxml.html.fromstring(read(site / path))


def test_the_home_page_opens_with_the_subtitle_an_about_text_and_three_lessons(site):
    home = document(site, "index.html")
    intro = home.cssselect("section.intro")[0]
    (heading,) = home.cssselect("h1")
    assert heading.text_content() == "Conversations Worth Keeping"
    subtitle = "What I learn from career conversations, one reflection at a time"
    # The subtitle once, under the site's name; no heading repeats it.
    assert home.text_content().count(subtitle) == 1
    headings = home.cssselect("h1, h2, h3")
    assert subtitle not in [h.text_content().strip() for h in headings]
    about = intro.cssselect(".lede")[0]
    assert about.text_content().startswith("I’m Priya. For six years")
    assert len(about.text_content()) <= 240 + len(" More about this blog")
    assert about.cssselect("a")[0].get("href") == "/about/"

    data = json.loads(read(site / "reflections.json"))
    ranked = sorted(
        data["lessons"], key=lambda item: (-item["count"], item["title"].casefold())
    )
    shown = intro.cssselect(".lesson-links a")
    assert [a.get("href") for a in shown] == [item["url"] for item in ranked[:3]]
    assert shown[0].text_content() == (
        f"{ranked[0]['title']} · {ranked[0]['count']} conversations"
    )


def test_only_the_first_page_of_the_home_page_has_the_introduction(tmp_path):
    from sitebuild import build_site

    site = build_site(tmp_path / "output", DEFAULT_PAGINATION=4)
    assert document(site, "index.html").cssselect("section.intro")
    later = document(site, "page/2/index.html")
    assert not later.cssselect("section.intro")
    assert later.cssselect("h1")[0].text_content() == "Recent reflections"


def lesson(title: str, count: int):
    return SimpleNamespace(title=title, url=f"lessons/{title}/", count=count)


def test_the_most_recurring_lessons_are_ranked_by_count_then_title():
    ranked = most_recurring(
        [lesson("b", 2), lesson("a", 2), lesson("c", 5), lesson("d", 1)], 3
    )
    assert [(item.title, item.label) for item in ranked] == [
        ("c", "5 conversations"),
        ("a", "2 conversations"),
        ("b", "2 conversations"),
    ]


def test_the_about_text_keeps_whole_sentences():
    html = "<p>One two. Three four five six seven. Eight.</p><p>Later.</p>"
    assert opening_sentences(html, 12) == "One two."
    assert opening_sentences(html, 200) == "One two. Three four five six seven. Eight."
    assert opening_sentences("<p>" + "word " * 100 + "</p>", 30).endswith("…")


def test_a_lessons_sources_come_oldest_first_each_with_its_note_or_summary(site):
    page = document(site, "lessons/prepare-targeted-questions/index.html")
    uses = page.cssselect(".lesson-uses > li")
    dates = [use.cssselect("time")[0].get("datetime") for use in uses]
    assert dates == sorted(dates) and len(dates) == 3
    assert page.cssselect(".lesson-uses")[0].get("reversed") is None
    for use in uses:
        note = use.cssselect(".lesson-use__note, .lesson-use__summary")
        assert len(note) == 1 and note[0].text_content().strip()
    summary = uses[1].cssselect(".lesson-use__summary")[0].text_content()
    assert summary.startswith("Ayesha and I started working the same year.")
