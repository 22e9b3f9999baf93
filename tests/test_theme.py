"""The theme's pages: what each shows, head metadata and the weight budget."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from jinja2 import Environment, meta, nodes
from sitebuild import read

BUDGET = 30 * 1024
# The reflection index carries the site's charts and every lesson's journey,
# drawn twice (wide and narrow: a screen shows one of them).
BUDGETS = {"reflections/index.html": 72 * 1024}
SITE = "https://example.org/blog"


def document(site, path: str):
    return lxml.html.fromstring(read(site / path))


def page_weight(site, page) -> int:
    """The page plus every local file it loads (stylesheets, icons, images)."""
    tree = lxml.html.fromstring(page.read_bytes())
    loads = tree.xpath("//link[@rel='stylesheet' or @rel='icon']/@href")
    loads += tree.xpath("//img/@src | //script/@src | //source/@src")
    total = page.stat().st_size
    for url in set(loads):
        path = re.sub(r"^(https?://[^/]+)?(/blog)?/", "", url)
        total += (site / path).stat().st_size
    return total


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_every_page_with_all_it_loads_weighs_at_most_30_kib(build, request):
    """The reflection index may weigh 72 KiB."""
    output = request.getfixturevalue(build)
    weights = {
        page.relative_to(output).as_posix(): page_weight(output, page)
        for page in output.rglob("*.html")
    }
    heavy = {
        path: size for path, size in weights.items() if size > BUDGETS.get(path, BUDGET)
    }
    assert heavy == {}


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_no_page_loads_anything_from_another_site(build, request):
    output = request.getfixturevalue(build)
    for page in output.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        # Links that name another address without loading it: feeds, the
        # canonical address, the author's profiles, the Webmention endpoint.
        named = "@rel='alternate' or @rel='canonical' or @rel='me' or @rel='webmention'"
        loads = tree.xpath(f"//link[not({named})]/@href")
        loads += tree.xpath("//*[@src]/@src")
        foreign = [url for url in loads if url.startswith(("http", "//"))]
        foreign = [url for url in foreign if not url.startswith(SITE)]
        assert foreign == [], page


def test_an_article_shows_everything_about_the_conversation(site):
    tree = document(site, "2025/two-levels-up/index.html")
    meta = tree.cssselect(".post__header .meta")[0].text_content()
    assert "September 14, 2025" in meta
    assert re.search(r"\d+ min read", meta)
    assert "Informational interviews" in meta
    assert [a.text_content() for a in tree.cssselect(".tags a")] == [
        "#networking",
        "#questions",
        "#resilience",
    ]
    box = dict(
        zip(
            [dt.text_content() for dt in tree.cssselect(".conversation dt")],
            [dd.text_content() for dd in tree.cssselect(".conversation dd")],
            strict=True,
        )
    )
    assert box["Who"].startswith("Graham")
    assert set(box) == {"Who", "Role", "How we met", "Format"}
    assert len(tree.cssselect("aside.lesson-callout[id^='lesson-']")) == 3
    question = tree.cssselect(".over-to-you")[0].text_content()
    assert "Over to you" in question and "two levels above you" in question
    assert len(tree.cssselect(".post-lessons .lesson-links a")) == 4
    assert len(tree.cssselect(".related li")) == 3  # REFLECTIONS_RELATED_MAX
    assert tree.cssselect(".prev-next a[rel='next']")
    assert not tree.cssselect(".prev-next a[rel='prev']")  # the first reflection


def test_the_home_page_lists_recent_reflections_with_summaries_and_lessons(site):
    tree = document(site, "index.html")
    cards = tree.cssselect(".post-card")
    assert len(cards) == 10
    for card in cards:
        assert card.cssselect(".post-card__summary")[0].text_content().strip()
        assert card.cssselect(".lesson-links a")


INDEX_SECTIONS = [
    "journey",
    "themes",
    "recurring",
    "learned-once",
    "by-conversation-type",
    "answers",
]


def test_the_reflection_index_has_every_section_in_order(site):
    tree = document(site, "reflections/index.html")
    ids = [section.get("id") for section in tree.cssselect("main section[id]")]
    assert ids == INDEX_SECTIONS
    toc = [a.get("href") for a in tree.cssselect("nav.on-this-page a")]
    assert toc == [f"#{name}" for name in INDEX_SECTIONS]


def test_the_journey_chart_has_a_row_per_lesson_and_a_column_per_conversation(site):
    data = json.loads(read(site / "reflections.json"))
    tree = document(site, "reflections/index.html")
    wide, narrow = tree.cssselect("#journey svg.journey__svg")
    for svg in (wide, narrow):
        labelled = svg.get("aria-labelledby").split()
        assert [tree.get_element_by_id(name).text_content() for name in labelled]
        assert [child.tag for child in svg][:2] == ["title", "desc"]
        assert len(svg.cssselect(".first")) == len(data["lessons"])
    # The wide drawing: a column and a linked mark per conversation.
    assert len(wide.cssselect(".journey__ticks a")) == len(data["posts"])
    marks = wide.cssselect("circle")
    assert len(marks) == sum(lesson["count"] for lesson in data["lessons"])
    # The narrow drawing is a picture whose links are in the table.
    assert narrow.get("role") == "img" and not narrow.cssselect("a")
    rows = tree.cssselect("#journey details table tbody tr")
    assert len(rows) == len(data["posts"])


def test_every_journey_mark_links_to_the_paragraph_that_taught_it(site):
    data = json.loads(read(site / "reflections.json"))
    expected = {
        use["url"] + (f"#{use['anchor']}" if use["anchor"] else "")
        for lesson in data["lessons"]
        for use in lesson["posts"]
    }
    tree = document(site, "reflections/index.html")
    marks = {
        a.get("href") for a in tree.cssselect("#journey svg a") if a.cssselect("circle")
    }
    assert marks == expected
    for url in marks:
        path, _, anchor = url.partition("#")
        if anchor:
            assert f'id="{anchor}"' in read(site / path.strip("/") / "index.html")


def test_wherever_the_index_names_a_post_it_shows_its_title(site):
    """A link to a post reads as the post's title, or sits in the post's row."""
    data = json.loads(read(site / "reflections.json"))
    titles = {post["url"]: post["title"] for post in data["posts"]}
    tree = document(site, "reflections/index.html")
    for link in tree.cssselect("main a[href]"):
        post = link.get("href").split("#")[0]
        if post in titles and "#comment" not in link.get("href"):  # answers
            svg_title = link.cssselect("title")
            text = svg_title[0].text_content() if svg_title else link.text_content()
            text += "".join(th.text_content() for th in link.xpath("ancestor::tr/th"))
            assert titles[post] in text, (post, text)


def test_lessons_learned_once_are_listed_oldest_first(site):
    data = json.loads(read(site / "reflections.json"))
    once = sorted(
        (lesson for lesson in data["lessons"] if lesson["count"] == 1),
        key=lambda lesson: (lesson["first_learned"], lesson["title"].casefold()),
    )
    assert once, "the sample site should keep a lesson learned only once"
    tree = document(site, "reflections/index.html")
    listed = [
        a.text_content() for a in tree.cssselect("#learned-once .lesson-list__title")
    ]
    assert listed == [lesson["title"] for lesson in once]
    recurring = tree.cssselect("#recurring .lesson-list__title")
    assert len(recurring) == len(data["lessons"]) - len(once)


def test_unanswered_questions_wait_in_one_collapsed_details(site):
    data = json.loads(read(site / "reflections.json"))
    asked = [post for post in data["posts"] if post["question"]]
    answered = [post for post in asked if post["comment_count"]]
    tree = document(site, "reflections/index.html")
    assert len(tree.cssselect("#answers .question")) == len(answered)
    (details,) = tree.cssselect("#answers details")
    assert details.get("open") is None
    assert len(details.cssselect("li")) == len(asked) - len(answered)


def test_each_count_by_kind_of_conversation_links_to_what_it_counts(site):
    tree = document(site, "reflections/index.html")
    cells = tree.cssselect("#by-conversation-type td")
    linked = [cell.cssselect("a")[0] for cell in cells if cell.cssselect("a")]
    assert linked
    for link in linked:
        assert link.get("href").startswith(("/search/?category=", "/category/"))
    zeros = [cell for cell in cells if not cell.cssselect("a")]
    assert all(cell.text_content() == "0" for cell in zeros)


def test_head_metadata_describes_an_article(published_site):
    tree = document(published_site, "2025/two-levels-up/index.html")

    def meta(attribute: str, name: str) -> str:
        return tree.xpath(f"//meta[@{attribute}='{name}']/@content")[0]

    title = "The conversation that started this blog: asking two levels up"
    assert tree.findtext(".//title").startswith(title)
    assert meta("name", "description").startswith("I sent a cold message")
    canonical = f"{SITE}/2025/two-levels-up/"
    assert tree.xpath("//link[@rel='canonical']/@href") == [canonical]
    assert meta("property", "og:type") == "article"
    assert meta("property", "og:title") == title
    assert meta("property", "og:url") == canonical
    assert meta("name", "twitter:card") == "summary_large_image"
    assert meta("property", "article:published_time").startswith("2025-09-14T09:30")
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == title
    assert data["datePublished"].startswith("2025-09-14")
    assert data["dateModified"].startswith("2025-09-21")
    assert data["author"]["name"] == "Priya"
    assert data["url"] == canonical
    assert "Interview two levels up" in data["keywords"]
    assert tree.xpath("//link[@rel='icon']/@type") == ["image/svg+xml"]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("index.html", "Conversations Worth Keeping"),
        ("reflections/index.html", "Lessons · Conversations Worth Keeping"),
        ("tag/networking/index.html", "#networking · Conversations Worth Keeping"),
        ("lessons/interview-two-levels-up/index.html", "Interview two levels up · "),
        ("404.html", "Page not found · "),
    ],
)
def test_every_page_kind_has_its_own_title_and_description(site, path, title):
    tree = document(site, path)
    assert tree.findtext(".//title").startswith(title)
    assert tree.xpath("//meta[@name='description']/@content")[0].strip()
    assert not tree.xpath("//script[@type='application/ld+json']")


def test_the_404_page_has_no_canonical_url(site):
    assert not document(site, "404.html").xpath("//link[@rel='canonical']")


def test_published_pages_link_within_the_site_by_absolute_urls(published_site):
    """Root-relative links would break under a subpath SITEURL."""
    for page in published_site.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        hrefs = tree.xpath("//a/@href | //link/@href")
        assert [href for href in hrefs if href.startswith("/")] == [], page


THEME_TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"


def test_the_themes_macros_read_only_their_arguments_so_jinja_imports_them_once():
    """A macro file imported ``with context`` is made again for every page
    that imports it (Jinja keeps an imported module only when it was imported
    without the page's context): about 0.2 ms a post page. So the theme's
    macros take what they show as arguments (the site's URL included), and
    no template imports them with its context. A macro that read a page's
    variable without it would show it empty, silently: none may."""
    env = Environment()
    env.filters["text"] = str
    imports_with_context = []
    names_from_the_page = {}
    for path in sorted(THEME_TEMPLATES.glob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        imports_with_context += [
            f"{path.name}:{node.lineno}"
            for node in tree.find_all((nodes.FromImport, nodes.Import))
            if node.with_context
        ]
        if any(tree.find_all(nodes.Macro)) and not list(tree.find_all(nodes.Block)):
            names_from_the_page[path.name] = meta.find_undeclared_variables(tree)
    assert imports_with_context == []
    macro_files = {"_macros.html", "_comments.html", "_charts.html"}
    assert set(names_from_the_page) >= macro_files
    # site_words is the environment's, bound to DEFAULT_LANG (presentation
    # plugin), not a page's variable: the same in every import.
    environment_globals = {"site_words", "own_words"}
    read_from_the_page = {
        name: names - environment_globals for name, names in names_from_the_page.items()
    }
    assert read_from_the_page == {name: set() for name in names_from_the_page}
