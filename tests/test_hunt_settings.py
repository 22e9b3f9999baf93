"""Defects found hunting through the common Pelican settings a site owner
plausibly sets: a site under a sub-path, relative addresses, other address
patterns, listings left out. Under each, every address any file of the
site names (a link, an image, a feed's entry, the sitemap, a data file)
must lead to a file the build wrote.

Each settings variant is built once, shared by the tests that read it.
"""

from __future__ import annotations

import json
import shutil
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import feedparser
import lxml.html
import pytest
from feedcheck import atom_problems, rss_problems
from lxml import etree
from PIL import Image
from sitebuild import (
    ROOT,
    build_site,
    copy_content,
    copy_project,
    lint_in_process,
    run_pelican,
    the_line_a_stopped_build_said,
)
from test_bad_input import replace_line
from test_input_hunt import pelican_build

SUB_PATH_SITE = "https://example.github.io/blog"
LOCAL_ROOT = "http://localhost/"

# --- Every address a file names, and where it leads ----------------------------


def page_address(root: str, path: str) -> str:
    """Where a server answers with the file at ``path`` of the site."""
    return root + path.removesuffix("index.html")


def html_addresses(data: bytes) -> list[str]:
    """Every address an HTML page or fragment names: links, sources, each
    ``srcset`` candidate, and the Open Graph and Twitter addresses."""
    document = lxml.html.fromstring(data)
    found = [
        link
        for element, _, link, _ in document.iterlinks()
        if element.tag != "form"  # where a form posts is another site's
    ]
    for element in document.xpath("//*[@srcset]"):
        found += [part.split()[0] for part in element.get("srcset").split(",") if part]
    for meta in document.xpath("//meta[@content]"):
        named = meta.get("property") or meta.get("name") or ""
        if named.endswith((":url", ":image")):
            found.append(meta.get("content"))
    return found


def xml_addresses(data: bytes) -> list[str]:
    """Every address a feed or the sitemap names: its elements' and its
    links', and each one in an entry's HTML."""
    found = []
    for element in etree.fromstring(data).iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        text = (element.text or "").strip()
        if element.get("href"):
            found.append(element.get("href"))
        if name in {"loc", "link", "guid", "comments"} and text:
            found.append(text)
        if name in {"content", "description", "summary"} and "<" in text:
            found += html_addresses(f"<div>{text}</div>".encode())
    return found


def json_addresses(value, key: str = "") -> list[str]:
    """Every address a data file or JSON Feed names (a ``*url`` field's)."""
    if isinstance(value, dict):
        return [
            found
            for name, item in value.items()
            for found in json_addresses(item, name)
        ]
    if isinstance(value, list):
        return [found for item in value for found in json_addresses(item, key)]
    if isinstance(value, str) and key.endswith("url"):
        return [value]
    if isinstance(value, str) and key == "content_html":
        return html_addresses(f"<div>{value}</div>".encode())
    return []


def addresses_in(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".html":
        return html_addresses(data)
    if path.suffix == ".xml":
        return xml_addresses(data)
    if path.suffix == ".json":
        return json_addresses(json.loads(data))
    if path.name == "robots.txt":
        return [
            line.split(":", 1)[1].strip()
            for line in data.decode().splitlines()
            if line.lower().startswith("sitemap:")
        ]
    return []


def dead_addresses(output: Path, site_url: str = "") -> list[str]:
    """Each address in a file of ``output`` that leads into the site but to
    no file the build wrote, as ``file: address``; ``site_url`` is where the
    site is served (a local build's: the root of a local server)."""
    root = site_url.rstrip("/") + "/" if site_url else LOCAL_ROOT
    dead = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.parts[-2:-1] == ("pagefind",):
            continue
        name = path.relative_to(output).as_posix()
        here = page_address(root, name)
        for address in addresses_in(path):
            if address.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            target = urldefrag(urljoin(here, address.strip())).url.split("?")[0]
            if not target.startswith(root):
                continue  # another site's
            inside = unquote(target[len(root) :])
            if inside == "" or inside.endswith("/"):
                inside += "index.html"
            if not (output / inside).is_file():
                dead.append(f"{name}: {address}")
    return dead


# --- One site per variant -------------------------------------------------------

VARIANTS = {
    "published under a sub-path": ("publishconf.py", {"SITEURL": SUB_PATH_SITE}),
    "published under a sub-path, with a slash": (
        "publishconf.py",
        {"SITEURL": SUB_PATH_SITE + "/"},
    ),
    "published under a sub-path, relative": (
        "publishconf.py",
        {"SITEURL": SUB_PATH_SITE, "RELATIVE_URLS": True},
    ),
    "local, relative": ("pelicanconf.py", {"RELATIVE_URLS": True}),
    "without the archives and tags lists": (
        "publishconf.py",
        {"SITEURL": SUB_PATH_SITE, "DIRECT_TEMPLATES": ["index", "404", "robots"]},
    ),
    "with the archives and tags lists saved nowhere": (
        "pelicanconf.py",
        {"ARCHIVES_SAVE_AS": "", "TAGS_SAVE_AS": ""},
    ),
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def variant_site(request, tmp_path_factory) -> tuple[Path, str]:
    conf, settings = VARIANTS[request.param]
    output = tmp_path_factory.mktemp("variant") / "output"
    build_site(output, conf=conf, **settings)
    return output, settings.get("SITEURL", "")


def test_every_address_in_every_file_leads_to_a_file_the_build_wrote(variant_site):
    # With RELATIVE_URLS = True a local build's feeds linked a post's
    # {filename} links against the post: "/2025/first-mock-interview/
    # 2025/how-resumes-get-read/", as Pelican made them relative to the
    # site's root (SITEURL "") and the feed resolved them against the post.
    # With DIRECT_TEMPLATES leaving out "archives" and "tags" (or their
    # *_SAVE_AS empty), Pelican wrote neither list, and every page's menu,
    # the 404 page and the search page linked both.
    output, site_url = variant_site
    assert dead_addresses(output, site_url) == []


def test_a_published_page_names_its_own_absolute_address_whatever_relative_urls_says(
    variant_site,
):
    # With RELATIVE_URLS = True Pelican hands each page a relative SITEURL
    # ("../.."), and the published site's pages lost their canonical link,
    # og:url, og:image and JSON-LD url: a search engine or a link preview
    # had nothing to fetch.
    output, site_url = variant_site
    root = site_url.rstrip("/") + "/"
    for path in output.rglob("*.html"):
        name = path.relative_to(output).as_posix()
        if name == "404.html" or "pagefind" in path.parts:
            continue
        head = lxml.html.fromstring(path.read_bytes()).head
        canonical = head.xpath('link[@rel="canonical"]/@href')
        og_url = head.xpath('meta[@property="og:url"]/@content')
        images = head.xpath('meta[@property="og:image"]/@content')
        if not site_url:  # a local build's addresses cannot be absolute
            assert canonical == og_url == images == [], name
            continue
        assert canonical == og_url == [page_address(root, name)], name
        assert len(images) == 1 and images[0].startswith(root), name


def test_every_feed_of_a_variant_is_valid_where_it_is_served(variant_site):
    # A local build's feeds hold addresses on the local site, which no
    # validator takes as absolute: those are checked as a reader reads them.
    output, site_url = variant_site
    root = site_url.rstrip("/") + "/"
    problems = {}
    feeds = sorted((output / "feeds").rglob("*.xml"))
    assert feeds, "the build wrote no feed"
    for path in feeds:
        name = path.relative_to(output).as_posix()
        check = rss_problems if name.endswith(".rss.xml") else atom_problems
        found = check(path.read_bytes(), root + name) if site_url else []
        if feedparser.parse(path.read_bytes()).bozo:
            found.append("feedparser cannot read it")
        if found:
            problems[name] = found
    assert problems == {}


# --- Pages the site links wherever it names them --------------------------------


@pytest.mark.parametrize(
    "setting", ["TAG_SAVE_AS", "CATEGORY_SAVE_AS", "AUTHOR_SAVE_AS"]
)
def test_a_tag_category_or_author_page_saved_nowhere_is_refused_at_its_line(
    tmp_path, setting
):
    # Pelican's way to write no tag pages; every post, the tag feeds, the
    # lesson pages and the reflection index linked them all the same.
    site = copy_project(tmp_path / "site")
    line = replace_line(site / "pelicanconf.py", f"{setting} =", f'{setting} = ""')

    said = the_line_a_stopped_build_said(pelican_build(site, tmp_path / "out"), setting)
    lint = lint_in_process("lint", cwd=site)
    linted = [said for said in lint.stderr.splitlines() if setting in said]

    for told in (said, *linted):
        assert f"pelicanconf.py:{line}: " in told
        assert "writes no such page" in told and " [bad-setting]" in told
    assert lint.returncode != 0 and len(linted) == 1
    assert not (tmp_path / "out").exists()


def project_setting(tmp_path: Path, assignment: str) -> tuple[Path, int]:
    """A copy of the project whose pelicanconf.py ends with
    ``assignment``, and the line it is on."""
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8") + f"\n{assignment}\n"
    settings.write_text(text, encoding="utf-8")
    return site, text.count("\n")


# --- Pelican's optional features ------------------------------------------------


@pytest.mark.skipif(
    all(map(find_spec, ("typogrify", "smartypants"))), reason="typogrify is here"
)
def test_typogrify_asked_for_but_not_installed_is_refused_at_its_line(tmp_path):
    # Pelican imports typogrify only as it reads each post: every post was
    # "Could not process", and the build stopped on "fix the error reported
    # above", naming no setting; lint passed.
    site, line = project_setting(tmp_path, "TYPOGRIFY = True")

    said = the_line_a_stopped_build_said(pelican_build(site, tmp_path / "out"), "TYPO")
    lint = lint_in_process("lint", cwd=site)

    assert f"pelicanconf.py:{line}: " in said and "pip install typogrify" in said
    assert " [bad-setting]" in said
    assert lint.returncode != 0 and f"pelicanconf.py:{line}: " in lint.stderr


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ('{"fr": ("xx_XX.UTF-8", "%d %B %Y")}', "'xx_XX.UTF-8' is not installed"),
        ('{"fr": ["C", "%d %B %Y"]}', "['C', '%d %B %Y'] is neither"),
    ],
)
def test_a_date_format_pelican_cannot_use_is_refused_at_its_line(
    tmp_path, value, named
):
    # A locale the machine lacks: Pelican sets it as it reads each post in
    # that language, and each was "Could not process", naming no setting; a
    # list where Pelican reads only a tuple was handed to strftime whole.
    site, line = project_setting(tmp_path, f"DATE_FORMATS = {value}")
    post = site / "content" / "posts" / "2026-01-05-en-francais.md"
    post.write_text(
        "Title: En français\nDate: 2026-01-05\nLang: fr\n"
        "Who: Ann\nLessons: Listen first\n\nUn mot.\n",
        encoding="utf-8",
    )

    said = the_line_a_stopped_build_said(
        pelican_build(site, tmp_path / "out"), "DATE_FORMATS"
    )
    lint = lint_in_process("lint", cwd=site)

    assert f"pelicanconf.py:{line}: " in said and named in said, said
    assert " [bad-setting]" in said
    assert lint.returncode != 0 and f"pelicanconf.py:{line}: " in lint.stderr


def test_a_date_format_with_an_installed_locale_builds(tmp_path):
    site, _ = project_setting(
        tmp_path, 'DATE_FORMATS = {"fr": ("C.UTF-8", "%d/%m/%Y")}'
    )

    assert pelican_build(site, tmp_path / "out").returncode == 0


# --- The home page every page links ---------------------------------------------


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("DIRECT_TEMPLATES", '["archives", "tags", "categories", "authors", "404"]'),
        ("INDEX_SAVE_AS", '"blog/index.html"'),
    ],
)
def test_a_home_page_nothing_writes_is_refused_at_the_settings_line(
    tmp_path, setting, value
):
    # Pelican wrote no index.html, and every page's site title and "Home"
    # linked it: a dead link on every page of the site.
    site, line = project_setting(tmp_path, f"{setting} = {value}")

    ran = pelican_build(site, tmp_path / "out")

    said = the_line_a_stopped_build_said(ran, f"setting {setting}")
    assert f"pelicanconf.py:{line}: " in said and "home page" in said
    assert " [bad-setting]" in said


def test_a_page_saved_as_the_home_page_stands_in_for_the_index(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "pages" / "welcome.md").write_text(
        "Title: Welcome\nSave_as: index.html\nURL: \n\nHello.\n", encoding="utf-8"
    )
    output = build_site(
        tmp_path / "output",
        content=content,
        DIRECT_TEMPLATES=["archives", "tags", "categories", "authors", "404"],
    )
    assert "Hello." in (output / "index.html").read_text(encoding="utf-8")
    assert dead_addresses(output) == []


# --- A time zone far from UTC, a post near midnight -----------------------------

LATE_POST = """Title: A late talk
Date: 2026-12-31 23:30
Modified: 2027-01-01 00:15
Category: Mentoring
Lessons: Learn adjacent functions

A talk late on New Year's Eve.
"""


@pytest.fixture(scope="module")
def late_site(tmp_path_factory) -> Path:
    """The sample site and a post half an hour before midnight in St John's
    (UTC-3:30: already the next year in UTC), published under a sub-path."""
    folder = tmp_path_factory.mktemp("late")
    content = copy_content(folder / "content")
    (content / "posts" / "2026-12-31-late.md").write_text(LATE_POST, encoding="utf-8")
    return build_site(
        folder / "output",
        conf="publishconf.py",
        content=content,
        TIMEZONE="America/St_Johns",
        SITEURL=SUB_PATH_SITE,
    )


def test_a_post_near_midnight_has_one_date_in_every_file(late_site):
    published, modified = "2026-12-31T23:30:00-03:30", "2027-01-01T00:15:00-03:30"
    address = f"{SUB_PATH_SITE}/2026/a-late-talk/"
    page = lxml.html.fromstring(
        (late_site / "2026/a-late-talk/index.html").read_bytes()
    )
    shown = page.cssselect("time.dt-published")[0]
    assert (shown.get("datetime"), shown.text) == (published, "December 31, 2026")

    atom = feedparser.parse((late_site / "feeds/all.atom.xml").read_bytes())
    entry = next(entry for entry in atom.entries if entry.link == address)
    assert (entry.published, entry.updated) == (published, modified)
    rss = (late_site / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Thu, 31 Dec 2026 23:30:00 -0330</pubDate>" in rss
    feed = json.loads((late_site / "feeds/all.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["url"] == address)
    assert (item["date_published"], item["date_modified"]) == (published, modified)

    sitemap = etree.fromstring((late_site / "sitemap.xml").read_bytes())
    dated = {url.findtext("{*}loc"): url.findtext("{*}lastmod") for url in sitemap}
    assert dated[address] == modified

    archives = lxml.html.fromstring((late_site / "archives/index.html").read_bytes())
    (listed,) = archives.xpath(f'//a[@href="{address}"]/ancestor::section')
    assert listed.get("aria-labelledby") == "year-2026"
    index = json.loads((late_site / "reflections.json").read_text(encoding="utf-8"))
    (lesson,) = [
        lesson
        for lesson in index["lessons"]
        if lesson["title"] == "Learn adjacent functions"
    ]
    assert lesson["last_reinforced"] == published


# --- Links from the server's root in a site served from a folder ---------------

ROOT_LINKED_POST = """Title: Where I work now
Date: 2025-11-01
Lessons: Learn adjacent functions

The desk I sit at now, as [the first post]({filename}2025-09-14-two-levels-up.md) said.

{link}
"""


def root_linked_site(tmp_path: Path, link: str) -> Path:
    content = copy_content(tmp_path / "content")
    post = ROOT_LINKED_POST.replace("{link}", link)
    (content / "posts" / "2025-11-01-desk.md").write_text(post, encoding="utf-8")
    return content


def published_under_a_sub_path(tmp_path: Path, link: str):
    """``make publish`` of the sample site and a post holding ``link``, at
    SUB_PATH_SITE."""
    return run_pelican(
        root_linked_site(tmp_path, link),
        tmp_path / "output",
        "-e",
        f'SITEURL="{SUB_PATH_SITE}"',
        conf="publishconf.py",
    )


@pytest.mark.parametrize(
    "link",
    [
        "![the old desk](/images/old-desk.png)",
        "[the first post](/2025/two-levels-up/)",
        '<img alt="a desk" src="/images/old-desk.png">',
        '<img alt="a" src="https://example.org/a.png" srcset="/images/a-2x.png 2x">',
        "<a href='/feeds/all.atom.xml'>the feed</a>",
        # Spelt otherwise, read the same by a browser:
        '<a href="&#47;images/old-desk.png">the old desk</a>',
        '<svg><image xlink:href="/images/old-desk.png"/></svg>',
        '<img alt="a desk" src="/blog/../images/old-desk.png">',
        '<a href="\\images\\old-desk.png">the old desk</a>',
    ],
)
def test_a_link_from_the_servers_root_in_a_site_served_from_a_folder_stops_publish(
    tmp_path, link
):
    # It worked on make serve and led out of the published site: the reader
    # of example.github.io/blog was sent to example.github.io/images/...
    ran = published_under_a_sub_path(tmp_path, link)
    said = the_line_a_stopped_build_said(ran, "[link-outside-site]")
    assert "2025-11-01-desk.md:7: " in said
    assert "{static}" in said and "/blog/" in said


@pytest.mark.parametrize(
    "link",
    [
        "[inside the site](/blog/2025/two-levels-up/)",
        "[another site](//cdn.example/x.png) and [one more](https://example.org/x)",
        '`<img src="/images/x.png">` is how I wrote it before',
        '<img alt="see src=/images/x.png" src="https://example.org/x.png">',
    ],
)
def test_a_link_inside_a_site_served_from_a_folder_or_none_at_all_is_no_problem(
    tmp_path, link
):
    ran = published_under_a_sub_path(tmp_path, link)
    assert ran.returncode == 0, ran.stderr
    assert "link-outside-site" not in ran.stdout + ran.stderr


def test_a_link_from_the_root_of_a_site_served_at_its_hosts_root_is_no_problem(
    tmp_path,
):
    content = root_linked_site(tmp_path, "![the old desk](/images/old-desk.png)")
    # A link to no file is a broken one (tests/test_written_links.py).
    Image.new("RGB", (4, 3), "tan").save(content / "images" / "old-desk.png")
    ran = run_pelican(content, tmp_path / "output", conf="publishconf.py")
    assert ran.returncode == 0, ran.stderr
    assert "link-outside-site" not in ran.stdout + ran.stderr


def test_the_search_plugins_own_page_links_no_list_left_out(tmp_path):
    # A theme without a search.html gets the search plugin's page, which
    # linked the tags list whether it was written or not.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "search.html").unlink()
    output = build_site(
        tmp_path / "output",
        THEME=str(theme),
        DIRECT_TEMPLATES=["index", "404", "robots"],
    )
    assert "Browse every post" in (output / "search" / "index.html").read_text()
    assert dead_addresses(output) == []
