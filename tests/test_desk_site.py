"""The desk page of a local build, and no trace of it in a published one.

The sample site is built as `make html` builds it (counting from December 4,
2026) and as `make publish` builds it; then a blog imported from WordPress
gets its desk too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
from outputs import differences
from sitebuild import CONTENT, build_site, copy_content, output_files, read
from wpblog import build_blog

REFLECT = Path(sys.executable).parent / "reflect"
WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"
TODAY = "2026-12-04"
LOCAL_ONLY_NAMES = ("Follow-up", "Introduced-by", "Introduced", "Next-contact")


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("desk") / "output", DESK_TODAY=TODAY)


def page(site: Path, path: str):
    return lxml_html.fromstring(read(site / path))


def texts(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def resolves(site: Path, href: str) -> bool:
    """A root-relative link lands on a file of the site, and its #anchor on
    an element of that page."""
    parts = urlsplit(href)
    target = site / parts.path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    return not parts.fragment or bool(
        lxml_html.fromstring(read(target)).xpath(f'//*[@id="{parts.fragment}"]')
    )


def local_only_values() -> list[str]:
    """Every local-only value of the sample posts long enough to be the
    field's own words (not a name like "Jess", public elsewhere, or a date)."""
    values = []
    for post in sorted((CONTENT / "posts").glob("*.md")):
        for line in read(post).split("\n\n", 1)[0].splitlines():
            key, _, value = line.partition(":")
            if key in LOCAL_ONLY_NAMES:
                values.append(value.strip().removeprefix("[x] "))
    return [value for value in values if len(value) > 15]


def test_the_desk_is_a_page_of_the_local_build_that_asks_not_to_be_indexed(
    local_site,
):
    desk = page(local_site, "desk/index.html")
    assert desk.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert texts(desk.xpath("//title")) == ["Desk · Conversations Worth Keeping"]
    assert [s.get("id") for s in desk.xpath("//main//section")] == [
        "follow-ups",
        "reconnect",
        "review",
        "drafts",
        "questions",
    ]
    home = page(local_site, "index.html")
    assert home.xpath('//nav[@class="site-nav"]//a[text()="Desk"]/@href') == ["/desk/"]


def test_the_desk_shows_overdue_follow_ups_first_each_with_its_post_and_line(
    local_site,
):
    desk = page(local_site, "desk/index.html")
    section = desk.xpath('//section[@id="follow-ups"]')[0]
    assert texts(section.xpath("h3")) == ["Overdue", "Due in the next 14 days"]
    items = section.xpath(".//li")
    assert texts(items[0].xpath('p[@class="desk-item__what"]')) == [
        "Send Marisol the carrier scorecard template I offered"
    ]
    assert "Due November 25, 2026 (9 days ago) · with Marisol" in texts(items[:1])[0]
    assert items[0].xpath(".//code/text()") == [
        "content/posts/2026-10-18-big-company-to-startup.md:13"
    ]
    assert len(items) == 7
    for href in section.xpath(".//a/@href"):
        assert resolves(local_site, href), href
    assert "2 more are due later; 6 are done." in texts(section.xpath("p"))[-1]


def test_the_desk_lists_people_to_reconnect_with_and_their_introductions(local_site):
    section = page(local_site, "desk/index.html").xpath('//section[@id="reconnect"]')[0]
    people = section.xpath(".//li")
    assert texts(p.xpath('p[@class="desk-item__what"]')[0] for p in people) == [
        "Ayesha",
        "Ruth",
        "Colette",
        "Dana",
        "Jess",
    ]
    ayesha = texts(people[:1])[0]
    assert "Reconnect since April 5, 2026 (every 6 months)" in ayesha
    assert "Introduced by Marcus" in ayesha
    assert "Introduced you to Colette" in ayesha
    for href in section.xpath(".//a/@href"):
        assert resolves(local_site, href), href


def test_lessons_due_link_to_their_page_and_to_the_paragraph_that_taught_them(
    local_site,
):
    section = page(local_site, "desk/index.html").xpath('//section[@id="review"]')[0]
    items = section.xpath(".//li")
    assert texts(items[0].xpath('p[@class="desk-item__what"]')) == [
        "Look for the hybrid role first"
    ]
    assert items[0].xpath(".//blockquote")
    links = items[0].xpath(".//a/@href")
    assert links[0] == "/lessons/find-the-hybrid-role/"
    assert links[1].startswith("/2026/analyst-to-data-engineer/#lesson-")
    for href in section.xpath(".//a/@href"):
        assert resolves(local_site, href), href
    assert "reflect review done find-the-hybrid-role" in texts(items[:1])[0]


def test_drafts_and_waiting_questions_link_to_where_to_act(local_site):
    desk = page(local_site, "desk/index.html")
    drafts = desk.xpath('//section[@id="drafts"]//li')
    assert texts(drafts) == [
        "Lunch with a recruiting lead who used to be an analyst A draft post of "
        "November 29, 2026; edit content/posts/2026-11-29-recruiting-lead-lunch.md"
    ]
    assert drafts[0].xpath(".//a/@href") == ["/drafts/recruiting-lead-lunch/"]
    [question] = desk.xpath('//section[@id="questions"]//li')
    assert "Lauren Mitchell, April 27, 2026" in texts([question])[0]
    assert "Reply-To: 2026-04-27-lauren" in texts([question])[0]
    for href in desk.xpath('//section[@id="questions"]//a/@href'):
        assert resolves(local_site, href), href


def test_the_desk_is_in_no_search_index_feed_or_listing(local_site):
    for path, data in output_files(local_site):
        name = path.relative_to(local_site).as_posix()
        if name == "desk/index.html" or name.endswith(".html"):
            continue  # pages link it from their navigation
        assert b"/desk/" not in data, name
        assert b"carrier scorecard" not in data, name


def test_a_published_build_writes_no_desk_and_no_local_only_field(published_site):
    assert not (published_site / "desk").exists()
    values = [value.encode() for value in local_only_values()]
    assert len(values) > 15
    for path, data in output_files(published_site):
        name = path.relative_to(published_site).as_posix()
        assert b"/desk" not in data, name
        assert b">Desk<" not in data, name
        assert b"reviews.yml" not in data, name
        assert b"a week after the coffee with Ayesha" not in data, name
        for value in values:
            assert value not in data, (name, value)


def test_a_published_build_is_the_same_without_any_local_only_field(
    published_site, tmp_path
):
    """No trace, byte for byte: the sample site published without a single
    local-only field and without reviews.yml is the same site, the
    reflection index's "learned once" list and the sitemap included."""
    content = copy_content(tmp_path / "content")
    (content / "reviews.yml").unlink()
    for post in (content / "posts").glob("*.md"):
        head, blank, body = read(post).partition("\n\n")
        kept, dropping = [], False
        for line in head.split("\n"):
            if not line.startswith(" "):  # a field's line, not its continuation
                dropping = line.split(":")[0] in LOCAL_ONLY_NAMES
            if not dropping:
                kept.append(line)
        post.write_text("\n".join(kept) + blank + body, encoding="utf-8")
    assert "Follow-up" not in "".join(read(p) for p in content.rglob("*.md"))
    bare = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        content=content,
        SITEURL="https://example.org/blog",
    )
    assert differences(published_site, bare) == []


def test_the_desk_renders_no_post_before_its_static_files_are_known(tmp_path):
    """A post without a Summary: its summary is its body, which the desk
    must not render early: Pelican would keep it with {static} unresolved."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images" / "floor.png").write_bytes(b"\x89PNG not really")
    (content / "posts" / "2026-11-01-a.md").write_text(
        "Title: A\nDate: 2026-11-01\nWho: Sam\nLessons: Lead with the result\n"
        "Follow-up: 2026-12-05 Send Sam the photo\n\n"
        "The floor at six.\n\n![The floor]({static}/images/floor.png)\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", content=content, DESK_TODAY=TODAY)
    assert 'src="/images/floor.png"' in read(site / "2026" / "a" / "index.html")
    assert "Send Sam the photo" in read(site / "desk" / "index.html")


def test_reviews_yml_is_never_copied_into_the_output(tmp_path):
    site = build_site(tmp_path / "output", STATIC_PATHS=[""], DESK_TODAY=TODAY)
    assert (site / "lessons.yml").exists()  # the folder is copied...
    assert not (site / "reviews.yml").exists()  # ...but not the review log


# --- An imported WordPress blog ------------------------------------------------------


def reflect(blog: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args], cwd=blog, capture_output=True, text=True
    )


@pytest.fixture
def wordpress_blog(tmp_path):
    """A blog imported from WordPress whose writer signs as Sam."""
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'TIMEZONE = "UTC"\nAUTHOR = "Sam"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections", "desk"]\n'
    )
    (tmp_path / "content").mkdir()
    imported = reflect(tmp_path, "import-wordpress", str(WXR))
    assert imported.returncode == 0, imported.stderr
    return tmp_path


def test_an_imported_blog_has_a_desk_from_the_start(wordpress_blog):
    due = reflect(wordpress_blog, "due", "--today", TODAY)
    assert (due.returncode, due.stdout.strip()) == (
        0,
        "0 overdue, 0 due in the next 14 days, 0 done.",
    )
    post = wordpress_blog / "content/posts/2019-04-13-coffee-with-a-plant-manager.md"
    text = read(post)
    post.write_text(
        text.replace(
            "Summary:",
            "Who: Rosa, a plant manager\nIntroduced: Dev Patel\n"
            "Follow-up: 2026-12-01 Send Rosa the night-shift questions\n"
            "Next-contact: 2 months\nSummary:",
        ),
        encoding="utf-8",
    )
    (
        wordpress_blog / "content/comments/coffee-with-a-plant-manager/later.md"
    ).write_text(
        "Author: Ana\nDate: 2019-05-01 10:00\n\nWhich question broke the ice?\n",
        encoding="utf-8",
    )
    due = reflect(wordpress_blog, "due", "--today", TODAY)
    assert due.returncode == 1, due.stderr
    assert "Send Rosa the night-shift questions" in due.stdout
    assert "2019-04-13-coffee-with-a-plant-manager.md:9" in due.stdout
    people = reflect(wordpress_blog, "people", "--today", TODAY)
    assert "  Rosa: since 2019-06-13 (Next-contact: 2 months)" in people.stdout
    assert "introduced you to Dev Patel" in people.stdout
    review = reflect(wordpress_blog, "review", "--today", TODAY)
    assert review.returncode == 0  # imported posts teach no lessons yet

    site = build_blog(wordpress_blog, AUTHOR="Sam", DESK_TODAY=TODAY)
    desk = page(site, "desk/index.html")
    assert (
        "Send Rosa the night-shift questions"
        in texts(desk.xpath("//section[@id='follow-ups']"))[0]
    )
    assert texts(desk.xpath("//section[@id='drafts']//a")) == [
        "Half-written: my first mock interview"
    ]
    # Sam answered Dev's question on WordPress; Ana's waits.
    questions = texts(desk.xpath("//section[@id='questions']//li"))
    assert len(questions) == 1
    assert questions[0].startswith("Which question broke the ice?")


def test_two_questions_by_one_reader_on_one_day_have_links_named_apart(tmp_path):
    """Each "Read it in its thread" says which question it opens: named by
    its reader and day alone, two of one day were one name for two places."""
    content = copy_content(tmp_path / "content")
    thread = content / "comments" / "how-resumes-get-read"
    for hour, question in (
        ("09", "Did the recruiter read cover letters?"),
        ("18", "How long did a first screen take?"),
    ):
        (thread / f"2025-11-06-{hour}-ines.md").write_text(
            f"Author: Ines\nDate: 2025-11-06 {hour}:00\n\n{question}\n",
            encoding="utf-8",
        )
    site = build_site(tmp_path / "output", content=content, DESK_TODAY=TODAY)
    links = page(site, "desk/index.html").xpath(
        '//section[@id="questions"]//a[text()="Read it in its thread"]'
    )
    named = {link.get("aria-label"): link.get("href") for link in links}
    assert len(links) >= 3 and len(named) == len(links), named
