"""Defects found hunting through the listing pages, the pages and the files
written for crawlers: content a writer could plausibly write, or a setting a
site owner could plausibly set, that made them wrong."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

import lxml.html
import pytest
from sitebuild import (
    build_site,
    copy_content,
    copy_project,
    passing_build,
    read,
    run_pelican,
    the_line_a_stopped_build_said,
    the_line_lint_said,
)

# --- A page bound for a listing's file ----------------------------------------


def page_with_slug(content, slug: str) -> None:
    (content / "pages" / "clash.md").write_text(
        f"Title: A page that clashes\nSlug: {slug}\n\nA page.\n", encoding="utf-8"
    )


# The archives, a year's archive, the tags' list and the home page's
# second page are Pelican's own listings; the search page and the
# reflection index are plugins' pages. Each stopped the build as Pelican's
# writer refused the second page for one file, naming only that file, and
# lint passed the page.
LISTINGS = {
    "archives": "archives/index.html",
    "2026": "2026/index.html",
    "tags": "tags/index.html",
    "page/2": "page/2/index.html",
    "search": "search/index.html",
    "reflections": "reflections/index.html",
}


@pytest.mark.parametrize("slug", list(LISTINGS))
def test_a_page_bound_for_a_listings_file_stops_the_build_naming_the_page(
    tmp_path, slug
):
    content = copy_content(tmp_path / "content")
    page_with_slug(content, slug)
    ran = run_pelican(content, tmp_path / "output")
    said = the_line_a_stopped_build_said(ran, "clash.md")
    assert "clash.md:2:" in said
    assert LISTINGS[slug] in said
    assert "Slug" in said


@pytest.mark.parametrize("slug", ["archives", "2026", "tags", "page/2"])
def test_lint_finds_a_page_bound_for_one_of_pelicans_listings(tmp_path, slug):
    project = copy_project(tmp_path / "project")
    page_with_slug(project / "content", slug)
    said = the_line_lint_said(project, "clash.md")
    assert said.startswith("content/pages/clash.md:2: error:")
    assert LISTINGS[slug] in said


def test_a_tag_and_a_category_of_one_slug_in_one_folder_are_named_at_the_field(
    tmp_path,
):
    # With TAG_SAVE_AS and CATEGORY_SAVE_AS both "{slug}/index.html", the
    # tag "mentoring" and the category "Mentoring" share a file: the build
    # said "Failed to write Category page for 'Mentoring'." and then "fix
    # the error reported above", naming no file, no setting and no reason.
    ran = run_pelican(
        copy_content(tmp_path / "content"),
        tmp_path / "output",
        "-e",
        'TAG_SAVE_AS="{slug}/index.html"',
        'TAG_URL="{slug}/"',
        'CATEGORY_SAVE_AS="{slug}/index.html"',
        'CATEGORY_URL="{slug}/"',
    )
    said = the_line_a_stopped_build_said(ran, "mentoring/index.html")
    assert "coffee-with-an-engineering-manager.md:4:" in said  # Category: Mentoring
    assert "the category 'Mentoring' page" in said
    assert "the tag 'mentoring' page" in said


# --- A page or post in another language ---------------------------------------


@pytest.fixture(scope="module")
def translated_site(tmp_path_factory):
    """The sample site with the About page and a post each translated into
    French (``Lang: fr``, one Slug), built as ``make html`` builds it."""
    folder = tmp_path_factory.mktemp("translated")
    content = copy_content(folder / "content")
    (content / "pages" / "about-fr.md").write_text(
        "Title: À propos\nSlug: about\nLang: fr\n\nJe suis Priya.\n", encoding="utf-8"
    )
    (content / "posts" / "2025-09-14-two-levels-up-fr.md").write_text(
        "Title: Deux niveaux plus haut\nSlug: two-levels-up\nLang: fr\n"
        "Date: 2025-09-14 09:30\nCategory: Informational interviews\n"
        "Lessons: Learn adjacent functions\n\nJ'ai écrit à un directeur.\n",
        encoding="utf-8",
    )
    output = folder / "output"
    passing_build(content, output)
    return output


def html_of(site, path: str):
    return lxml.html.fromstring(read(site / path))


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        ("about/index.html", "about-fr/index.html"),
        ("2025/two-levels-up/index.html", "2025/two-levels-up-fr/index.html"),
    ],
    ids=["page", "post"],
)
def test_a_translation_says_its_language_and_links_its_original_and_back(
    translated_site, original, translation
):
    # Both were written with <html lang="en">, DEFAULT_LANG, and neither
    # linked the other: the French page was read aloud as English and
    # reached from no page of the site.
    first, second = (
        html_of(translated_site, original),
        html_of(translated_site, translation),
    )
    assert first.get("lang") == "en"
    assert second.get("lang") == "fr"
    for page, other, lang in ((first, translation, "fr"), (second, original, "en")):
        url = "/" + other.removesuffix("index.html")
        (alternate,) = page.cssselect(f'link[rel="alternate"][hreflang="{lang}"]')
        assert alternate.get("href") == url
        (shown,) = page.cssselect(f'main a[hreflang="{lang}"]')
        assert shown.get("href") == url
        assert shown.get("lang") == lang


# --- The 404 page, served at any address ---------------------------------------


def links_broken_from(output, page: str, site_url: str, address: str) -> list[str]:
    """The links, stylesheets, icons and scripts of ``page`` that lead to no
    file of ``output`` when a server answers ``address`` (deep in the site)
    with it, as a 404 page is served: at the address asked for."""
    root = (site_url or "http://localhost").rstrip("/") + "/"
    document = html_of(output, page)
    broken = []
    for element, attribute, link, _ in document.iterlinks():
        if link.startswith("#") or element.tag == "form":
            continue
        target = urldefrag(urljoin(root + address, link)).url.split("?")[0]
        if not target.startswith(root):
            continue  # another site's
        path = target[len(root) :]
        if path == "" or path.endswith("/"):
            path += "index.html"
        if not (output / path).is_file():
            broken.append(f"<{element.tag} {attribute}={link!r}>")
    return broken


@pytest.mark.parametrize(
    ("conf", "settings"),
    [
        ("pelicanconf.py", {}),
        ("pelicanconf.py", {"RELATIVE_URLS": True}),
        ("publishconf.py", {"SITEURL": "https://example.org/blog"}),
        (
            "publishconf.py",
            {"SITEURL": "https://example.org/blog", "RELATIVE_URLS": True},
        ),
    ],
    ids=["local", "local-relative", "published", "published-relative"],
)
def test_the_404_page_served_at_a_deep_address_links_what_the_site_has(
    tmp_path, conf, settings
):
    # With RELATIVE_URLS = True the 404 page linked "./theme/css/site.css"
    # and "./archives/": served for /2025/no/such/page/, the page had no
    # style and every link led to another missing page.
    output = build_site(tmp_path / "output", conf=conf, **settings)
    site_url = settings.get("SITEURL", "")
    for address in ("no-such-page", "2025/no/such/page/"):
        assert links_broken_from(output, "404.html", site_url, address) == []
    assert html_of(output, "404.html").cssselect('link[rel="stylesheet"]')


# --- A Template: the theme has, made for another kind of page -----------------


@pytest.mark.parametrize(
    ("folder", "template"),
    [
        ("pages", "article"),  # "make my page look like a post"
        ("pages", "index"),
        ("posts", "page"),
        ("posts", "tag"),
    ],
)
def test_a_template_made_for_another_kind_of_page_is_named_at_the_template_line(
    tmp_path, folder, template
):
    # The template exists, so the check for a missing one passed it; the
    # build stopped as Jinja failed in the theme ("'article' is undefined",
    # naming article.html's line), naming neither the page nor its field.
    content = copy_content(tmp_path / "content")
    name = "templated.md"
    (content / folder / name).write_text(
        f"Title: Templated\nDate: 2025-09-20\nTemplate: {template}\n"
        "Category: Mentoring\nLessons: Learn adjacent functions\n\nA page.\n",
        encoding="utf-8",
    )
    ran = run_pelican(content, tmp_path / "output")
    said = the_line_a_stopped_build_said(ran, name)
    assert f"{name}:3:" in said
    assert f"Template: {template!r}" in said
    assert f"templates/{template}.html" in said
    assert " [template-mismatch]" in said


# --- Pagination at its edges ---------------------------------------------------


def published_posts(site) -> int:
    return len(html_of(site, "archives/index.html").cssselect("main .post-list li"))


@pytest.mark.parametrize("spare", [0, 1], ids=["exactly-a-page", "one-more"])
def test_a_listing_of_exactly_a_page_has_no_second_and_one_more_links_both_ways(
    tmp_path, spare
):
    posts = published_posts(build_site(tmp_path / "count"))
    per_page = posts - spare
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        SITEURL="https://example.org/blog",
        DEFAULT_PAGINATION=per_page,
    )
    first = html_of(site, "index.html")
    cards = first.cssselect("main .post-card")
    assert len(cards) == per_page
    sitemap = read(site / "sitemap.xml")
    second_url = "https://example.org/blog/page/2/"
    if not spare:
        assert not (site / "page" / "2").exists()
        assert not first.cssselect('a[rel="next"], a[rel="prev"]')
        assert second_url not in sitemap
        return
    second = html_of(site, "page/2/index.html")
    assert len(second.cssselect("main .post-card")) == 1
    (forward,) = first.cssselect('a[rel="next"]')
    (back,) = second.cssselect('a[rel="prev"]')
    assert (forward.get("href"), back.get("href")) == (
        second_url,
        "https://example.org/blog/",
    )
    assert not first.cssselect('a[rel="prev"]')
    assert not second.cssselect('a[rel="next"]')
    assert second_url in sitemap


# --- A lesson no published post teaches ----------------------------------------


@pytest.mark.parametrize("status", ["hidden", "draft"])
def test_a_lesson_only_an_unlisted_post_teaches_is_shown_without_a_dead_link(
    tmp_path, status
):
    # A hidden post (published, reached by its link) linked
    # /lessons/only-unlisted/, a page the build writes only for lessons a
    # published post teaches: a dead link on the published site, and in a
    # draft's preview.
    content = copy_content(tmp_path / "content")
    with (content / "lessons.yml").open("a", encoding="utf-8") as vocabulary:
        vocabulary.write(
            "\nonly-unlisted:\n  title: Only unlisted\n  theme: Mindset\n"
            "  description: A lesson no published post teaches.\n"
        )
    (content / "posts" / "2026-09-02-unlisted.md").write_text(
        f"Title: Unlisted\nSlug: unlisted\nDate: 2026-09-02\nStatus: {status}\n"
        "Category: Mentoring\nLessons: Only unlisted\n"
        "Lessons: Learn adjacent functions\n"
        "\nA post.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    passing_build(content, output)
    page = (
        "2026/unlisted/index.html"
        if status == "hidden"
        else "drafts/unlisted/index.html"
    )
    assert not (output / "lessons" / "only-unlisted").exists()
    assert links_broken_from(output, page, "", page) == []
    lessons = html_of(output, page).cssselect('ul[aria-label="Lessons"] li')
    assert [item.text_content() for item in lessons] == [
        "Only unlisted",
        "Learn adjacent functions",
    ]
    (linked,) = html_of(output, page).cssselect('ul[aria-label="Lessons"] a')
    assert linked.get("href") == "/lessons/learn-adjacent-functions/"
