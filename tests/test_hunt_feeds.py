"""Feeds of a published site fed what writers and commenters plausibly write:
character references, HTML pasted into a post, addresses in every attribute
that holds one. Each feed stays well-formed XML that the W3C validator's
rules accept (tests/feedcheck.py), and the build never stops on it."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import UTC, datetime

import feedparser
import pytest
from feedcheck import RFC_3339, atom_problems, relative_urls, rss_problems
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree
from sitebuild import build_site, copy_content, files_written_at, read

from crawlers.robots import robots_rules
from feeds.entries import absolute_links
from sitekit.feedfiles import ItemCache, new_feed
from sitekit.hygiene import CONTROL_CHARACTERS
from sitekit.text import as_text
from sitekit.uris import as_uri

SITE = "https://example.org/blog"
SETTINGS = {"SITESUBTITLE": "Notes", "DEFAULT_LANG": "en", "WEBSUB_HUB": None}

#: Characters XML 1.0 cannot carry, as a character reference may give them.
NOT_XML = ["\x01", "\x08", "\x0b", "\x1b", "\ufffe", "\uffff", "\ud800"]

CONTROL_REFERENCES_POST = """Title: Bell &#7; in the title
Date: 2026-11-20 10:00
Category: Odd &#x1b; kinds
Tags: plain
Summary: A summary with an escape &#x1b; in it.
Question: Who rings &#x7; the bell?
Lessons: Follow up within a day

Body text.
"""

PASTED_HTML_POST = """Title: Pictures, a film and a form pasted in
Date: 2026-11-22 10:00
Category: Informational interviews
Lessons: Follow up within a day

<picture><source srcset="w.png 800w, n.png 400w"><img src=x.png alt="x"></picture>

<video src="c.mp4" poster="p.jpeg"><track src="c.vtt" kind=captions></video>

<p><a href=notes.html>notes</a> <img srcset="a.png 1x, b.png 2x" alt="a"></p>
"""

ACCENTED_SLUG_POST = """Title: Coffee and cream
Slug: café-crème
Date: 2026-11-23 10:00
Category: Informational interviews
Lessons: Follow up within a day

Body.
"""

AMPERSAND_SLUG_POST = """Title: Q and A with O'Brien
Slug: q&a-with-o'brien
Date: 2026-11-24 10:00
Category: Informational interviews
Lessons: Follow up within a day

Body.
"""

#: A Webmention whose receiver cut an emoji in half (a string cut by its
#: UTF-16 length): JSON carries the lone surrogates, which UTF-8 cannot.
TRUNCATED_MENTION = {
    "type": "entry",
    "wm-id": 30499,
    "wm-property": "in-reply-to",
    "wm-source": "https://dana-notes.example.net/2025/09/cut",
    "wm-target": "https://reflections.example.org/2025/two-levels-up/",
    "wm-received": "2025-09-20T08:02:11Z",
    "published": "2025-09-19T21:40:00-04:00",
    "url": "https://dana-notes.example.net/2025/09/cut",
    "author": {"type": "card", "name": "Dana \ud83d", "url": "https://dana.example/"},
    "content": {"html": "<p>So good \ud83d</p>", "text": "So good \ud83d"},
}

#: Chicago kept its local mean time, 5:50:36 behind Greenwich, until 1883.
OLD_DIARY_POST = """Title: From an old diary
Date: 1880-06-01 12:00
Modified: 1880-06-02 08:00
Category: Informational interviews
Lessons: Follow up within a day

Body.
"""

CONTROL_REFERENCES_COMMENT = """Author: Ctrl &#1; Person
Date: 2025-09-21 10:00

Text &#1; with a control reference.
"""


def written(feed) -> str:
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


def feed_problems(site) -> dict[str, list[str]]:
    """Every feed's problems: not XML, a feed reader's complaint, or one of
    the W3C validator's rules."""
    found = {}
    for path in sorted((site / "feeds").rglob("*.xml")):
        data = path.read_bytes()
        served = f"{SITE}/{path.relative_to(site).as_posix()}"
        try:
            etree.fromstring(data)
        except etree.XMLSyntaxError as error:
            found[path.name] = [f"not XML: {error}"]
            continue
        check = rss_problems if path.name.endswith(".rss.xml") else atom_problems
        problems = check(data, served)
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"feedparser: {parsed.bozo_exception}")
        if problems:
            found[str(path.relative_to(site))] = problems
    return found


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """The sample site, published with posts and comments written oddly."""
    folder = tmp_path_factory.mktemp("odd")
    content = copy_content(folder / "content")
    posts = content / "posts"
    (posts / "2026-11-20-bell.md").write_text(CONTROL_REFERENCES_POST)
    (posts / "2026-11-22-pasted.md").write_text(PASTED_HTML_POST)
    (posts / "2026-11-23-cafe.md").write_text(ACCENTED_SLUG_POST)
    (posts / "2026-11-24-q-and-a.md").write_text(AMPERSAND_SLUG_POST)
    (posts / "1880-06-01-diary.md").write_text(OLD_DIARY_POST)
    comments = content / "comments" / "two-levels-up"
    (comments / "2025-09-21-ctrl.md").write_text(CONTROL_REFERENCES_COMMENT)
    (comments / "mention-30499.json").write_text(json.dumps(TRUNCATED_MENTION))
    pasted = "2026/pictures-a-film-and-a-form-pasted-in"
    beside = files_written_at(
        content,
        {
            **{f"{pasted}/{name}": None for name in ("w.png", "n.png", "x.png")},
            **{f"{pasted}/{name}": None for name in ("a.png", "b.png", "p.jpeg")},
            f"{pasted}/c.mp4": b"a film",
            f"{pasted}/c.vtt": b"WEBVTT\n",
            f"{pasted}/notes.html": b"<p>Notes</p>",
        },
    )
    return build_site(
        folder / "output",
        conf="publishconf.py",
        content=content,
        SITEURL=SITE,
        **beside,
    )


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.parametrize("character", NOT_XML)
def test_a_feed_drops_characters_xml_cannot_carry_from_every_field(kind, character):
    feed = new_feed(
        kind,
        title=f"Site {character}",
        link="https://example.org/",
        feed_url="https://example.org/feed.xml",
        settings=SETTINGS,
    )
    ItemCache().add(
        feed,
        1,
        title=f"Post {character} one",
        link="https://example.org/2026/one/",
        description=f"<p>Summary {character}</p>",
        content=f"<p>Body {character}</p>",
        unique_id="tag:example.org,2026-01-01:/2026/one/",
        categories=[f"tag {character}"],
        author_name=f"Priya {character}",
        pubdate=datetime(2026, 1, 1, tzinfo=UTC),
    )
    text = written(feed)
    assert character not in text
    root = etree.fromstring(text.encode())  # well-formed, or this raises
    titles = [e.text for e in root.iter() if etree.QName(e).localname == "title"]
    item_titles = titles[1:]
    assert item_titles == ["Post  one"]
    assert "tag " in text and "Priya " in text


@given(st.integers(min_value=0, max_value=0x10FFFF), st.sampled_from(["x", "X"]))
def test_a_fields_text_holds_no_control_character_whatever_it_references(
    code, hexadecimal
):
    for written_as in (f"A &#{code}; B", f"A &#{hexadecimal}{code:x}; B"):
        assert not CONTROL_CHARACTERS.search(as_text(written_as)), written_as


def test_control_character_references_in_posts_and_comments_keep_feeds_valid(
    odd_site,
):
    assert feed_problems(odd_site) == {}
    atom = feedparser.parse(read(odd_site / "feeds" / "all.atom.xml"))
    entry = next(e for e in atom.entries if "/2026/bell-in-the-title/" in e.link)
    assert entry.title == "Bell in the title"
    assert "Odd kinds" in {tag.term for tag in entry.tags}
    comments = read(odd_site / "feeds" / "comments" / "two-levels-up.atom.xml")
    assert "Ctrl Person" in comments
    assert "<name>Dana</name>" in comments  # the half emoji left out
    assert "Dana" in read(odd_site / "2025" / "two-levels-up" / "index.html")
    data = json.loads(read(odd_site / "feeds" / "all.json"))
    for item in data["items"]:
        assert not CONTROL_CHARACTERS.search(json.dumps(item, ensure_ascii=False))


BASE = "https://example.org/blog/2026/post/"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            '<img srcset="a.png 1x, b.png 2x" src="a.png">',
            f'<img srcset="{BASE}a.png 1x, {BASE}b.png 2x" src="{BASE}a.png">',
        ),
        (
            '<video src="https://cdn.example/v.mp4" poster="p.jpg"></video>',
            f'<video src="https://cdn.example/v.mp4" poster="{BASE}p.jpg"></video>',
        ),
        ("<a href=notes.html>n</a>", f'<a href="{BASE}notes.html">n</a>'),
        ("<a href='#notes'>n</a>", f'<a href="{BASE}#notes">n</a>'),
        ('<object data="o.pdf"></object>', f'<object data="{BASE}o.pdf"></object>'),
        ('<button formaction="go">', f'<button formaction="{BASE}go">'),
        (
            '<source srcset="/img/w.png 800w,n.png">',
            f'<source srcset="https://example.org/img/w.png 800w,{BASE}n.png">',
        ),
        (
            '<img src="../x.png" alt="a &amp; b"/>',
            '<img src="https://example.org/blog/2026/x.png" alt="a &amp; b"/>',
        ),
    ],
)
def test_every_address_in_a_post_leaves_for_its_feed_absolute(fragment, expected):
    assert absolute_links(fragment, BASE) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        '<p>a<wbr>b <a href="x">x</a></p><p>after</p>',
        '<video src="v.mp4"><track src="t.vtt" kind="captions">fallback</video>',
        '<embed src="e.swf"><a href="x">x</a> and after',
        '<picture><source srcset="w.png"><img src="x.png" alt=""></picture>',
    ],
)
def test_making_addresses_absolute_changes_nothing_else(fragment):
    """HTML5's empty elements stay empty, wrapping nothing that follows."""
    made = absolute_links(fragment, BASE)
    assert relative_urls(made) == []
    without_addresses = made.replace(BASE, "")
    assert without_addresses == fragment


ADDRESS = st.sampled_from(
    ["x.png", "../up/", "#notes", "/root.html", "a b.png", "", "?q=1&r=2"]
)
ABSOLUTE = st.sampled_from(["https://e.org/x", "mailto:me@e.org", "//cdn.e.org/y"])
ATTRIBUTE = st.sampled_from(["href", "src", "poster", "cite", "action", "data"])
QUOTE = st.sampled_from(['"', "'", ""])
TEXT = st.text(alphabet="ab <>&;\n", max_size=8).map(html.escape)


@st.composite
def fragments(draw) -> str:
    """A post's HTML: text, empty elements and tags with addresses."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["text", "empty", "address", "srcset"]))
        if kind == "text":
            pieces.append(draw(TEXT))
        elif kind == "empty":
            pieces.append(draw(st.sampled_from(["<br>", "<wbr>", "<hr/>", "<source>"])))
        elif kind == "address":
            quote = draw(QUOTE)
            value = draw(st.one_of(ADDRESS, ABSOLUTE))
            if not quote and (not value or " " in value):
                quote = '"'
            name = draw(ATTRIBUTE)
            pieces.append(f"<span {name}={quote}{value}{quote}>{draw(TEXT)}</span>")
        else:
            candidates = draw(st.lists(st.one_of(ADDRESS, ABSOLUTE), min_size=1))
            candidates = [c for c in candidates if c and " " not in c] or ["x.png"]
            srcset = ", ".join(f"{c} {i + 1}x" for i, c in enumerate(candidates))
            pieces.append(f'<img srcset="{srcset}">')
    return "".join(pieces)


@given(fragments())
def test_no_relative_address_is_left_in_any_fragment(fragment):
    made = absolute_links(fragment, BASE)
    assert relative_urls(made) == [], made


@given(fragments())
def test_a_fragment_with_nothing_relative_is_left_as_it_is(fragment):
    if relative_urls(fragment) == []:
        assert absolute_links(fragment, BASE) == fragment


@given(st.text(alphabet="<>=\"' /&#;ahrefsc.:\n", max_size=60))
def test_any_text_at_all_comes_back_without_an_error(text):
    assert isinstance(absolute_links(f"{text} <a href=x>", BASE), str)


def test_a_post_at_an_accented_address_has_one_link_in_every_format(odd_site):
    """RSS's guid is the permalink, so it is the item's link, byte for byte;
    the Atom entry and the JSON Feed item link to the same address."""
    link = f"{SITE}/2026/caf%C3%A9-cr%C3%A8me/"
    rss = etree.fromstring((odd_site / "feeds" / "all.rss.xml").read_bytes())
    for item in rss.iter("item"):
        assert item.findtext("guid") == item.findtext("link")
    assert link in [item.findtext("link") for item in rss.iter("item")]
    atom = feedparser.parse(read(odd_site / "feeds" / "all.atom.xml"))
    entry = next(e for e in atom.entries if e.link == link)
    # The Atom id, made of the post's address and day, is what it always was.
    assert entry.id == "tag:example.org,2026-11-23:/blog/2026/café-crème/"
    data = json.loads(read(odd_site / "feeds" / "all.json"))
    assert link in [item["url"] for item in data["items"]]
    assert all(item["id"] == item["url"] for item in data["items"])


def test_a_post_at_an_accented_address_is_one_uri_wherever_a_machine_reads_it(
    odd_site,
):
    """Its page's canonical link, og:url, JSON-LD and preview image, and
    reflections.json, name it as the sitemap and feeds do: a search engine
    or a link preview compares the addresses as strings."""
    link = f"{SITE}/2026/caf%C3%A9-cr%C3%A8me/"
    page = html.unescape(read(odd_site / "2026" / "café-crème" / "index.html"))
    assert f'<link rel="canonical" href="{link}">' in page
    assert f'<meta property="og:url" content="{link}">' in page
    assert f'"url": "{link}"' in page and f'"mainEntityOfPage": "{link}"' in page
    assert f'<meta property="og:image" content="{link}preview.png">' in page
    data = json.loads(read(odd_site / "reflections.json"))
    posts = [post["url"] for post in data["posts"]]
    assert link in posts and all(url.isascii() for url in posts)
    assert link in sitemap_addresses(odd_site)


@pytest.mark.parametrize(
    ("address", "uri"),
    [
        ("https://example.org/blog/", "https://example.org/blog/"),
        ("https://example.org/a%20b/", "https://example.org/a%20b/"),
        ("https://bücher.example/blog/", "https://xn--bcher-kva.example/blog/"),
        ("https://glaß.example/", "https://xn--gla-7ka.example/"),  # not glass
        (
            "https://bücher.example:8443/café/?q=é#é",
            "https://xn--bcher-kva.example:8443/caf%C3%A9/?q=%C3%A9#%C3%A9",
        ),
    ],
)
def test_an_address_a_feed_carries_is_a_uri(address, uri):
    assert as_uri(address) == uri


def test_a_site_at_an_accented_host_has_feeds_that_name_it_in_ascii(tmp_path):
    """Its self links, ids, links and guids all name the host one way, the
    way a resolver reads it (feedgenerator wrote ``b%C3%BCcher.example``)."""
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        SITEURL="https://bücher.example/blog",
    )
    host = "https://xn--bcher-kva.example/blog"
    for path in sorted((site / "feeds").rglob("*.xml")):
        served = f"{host}/{path.relative_to(site).as_posix()}"
        check = rss_problems if path.name.endswith(".rss.xml") else atom_problems
        assert check(path.read_bytes(), served) == [], path
        feed = feedparser.parse(path.read_bytes())
        links = [feed.feed.get("id", host), *(e.link for e in feed.entries)]
        assert all(link.startswith(host) for link in links), path
        rss_guids = [e.id for e in feed.entries if path.name.endswith(".rss.xml")]
        assert all(guid.startswith(host) for guid in rss_guids), path
    data = json.loads(read(site / "feeds" / "all.json"))
    assert data["feed_url"] == f"{host}/feeds/all.json"
    assert all(item["url"].startswith(host) for item in data["items"])
    assert all(loc.startswith(host) for loc in sitemap_addresses(site))


#: What writers and commenters type into a field: markup, references (to
#: control characters too), CDATA's end, right-to-left text, combining
#: marks, emoji, quotes.
FIELD_TEXT = st.lists(
    st.sampled_from(
        [
            *("]]>", "&", "&amp;", "<", ">", "<b>", "</i>", '"', "'", "&#1;"),
            *("&#x1b;", "&#xFFFE;", "&#0;", "&#128;", "&lt;b&gt;", "שלום"),
            *("\u202e", "e\u0301", "🎉", "👩🏽‍💻", "R&D", " ", "Q", "\u00a0"),
        ]
    ),
    min_size=1,
    max_size=12,
).map("".join)


@pytest.mark.parametrize("kind", ["atom", "rss"])
@given(title=FIELD_TEXT, category=FIELD_TEXT, author=FIELD_TEXT)
def test_any_field_a_writer_types_gives_a_feed_that_says_its_text(
    kind, title, category, author
):
    assume(as_text(category))  # a blank tag or category is left out as read
    feed = new_feed(
        kind,
        title=title,
        link="https://example.org/",
        feed_url="https://example.org/feed.xml",
        settings=SETTINGS,
    )
    ItemCache().add(
        feed,
        1,
        title=as_text(title),
        link="https://example.org/2026/one/",
        description=None,
        content="<p>Body</p>",
        unique_id="tag:example.org,2026-01-01:/2026/one/",
        categories=[as_text(category)],
        author_name=as_text(author),
        pubdate=datetime(2026, 1, 1, tzinfo=UTC),
    )
    document = written(feed).encode()
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.bozo_exception
    root = etree.fromstring(document)
    namespace = "{http://www.w3.org/2005/Atom}" if kind == "atom" else ""
    item = "entry" if kind == "atom" else "channel/item"
    feed_title = f"{namespace}title" if kind == "atom" else "channel/title"
    assert root.findtext(feed_title) == as_text(title)
    assert root.findtext(f"{namespace}{item}/{namespace}title") == as_text(title)
    (entry,) = parsed.entries
    assert [tag.term for tag in entry.tags] == [as_text(category)]
    assert entry.get("author", "") == as_text(author).strip()


def sitemap_addresses(site) -> list[str]:
    root = etree.fromstring((site / "sitemap.xml").read_bytes())
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_names_posts_whatever_their_slug_holds(odd_site):
    """A slug may hold "&" and "'" (a post about a Q&A) or accented letters:
    the sitemap stays XML, and names each post by its address as a URI."""
    addresses = sitemap_addresses(odd_site)
    assert f"{SITE}/2026/q&a-with-o'brien/" in addresses
    assert f"{SITE}/2026/caf%C3%A9-cr%C3%A8me/" in addresses
    assert all(address.isascii() for address in addresses)


def test_a_date_from_before_standard_time_is_written_with_a_whole_minute_offset(
    odd_site,
):
    """Before 1883 Chicago's clocks were 5:50:36 behind Greenwich: dates
    then were written -05:50:36 (RFC 2822: -055036), which no date format
    a feed, a page or the sitemap uses can say."""
    dates = []
    atom = etree.fromstring((odd_site / "feeds" / "all.atom.xml").read_bytes())
    for name in ("published", "updated"):
        dates += [e.text for e in atom.iter(f"{{http://www.w3.org/2005/Atom}}{name}")]
    data = json.loads(read(odd_site / "feeds" / "all.json"))
    for item in data["items"]:
        dates += [
            item["date_published"],
            item.get("date_modified", item["date_published"]),
        ]
    sitemap = etree.fromstring((odd_site / "sitemap.xml").read_bytes())
    dates += [e.text for e in sitemap.iter(f"{SITEMAP}lastmod")]
    page = read(odd_site / "1880" / "from-an-old-diary" / "index.html")
    dates += re.findall(r'datetime="([^"]+)"', page)
    dates += re.findall(r'<meta property="article:[a-z_]+" content="([^"]+)"', page)
    assert "1880-06-01T12:00:00-05:51" in dates
    assert [date for date in dates if not RFC_3339.fullmatch(date)] == []
    rss = (odd_site / "feeds" / "all.rss.xml").read_text()
    assert "Tue, 01 Jun 1880 12:00:00 -0551" in rss


def test_robots_txt_names_the_sitemap_and_folders_as_uris():
    """RFC 9309 reads a path percent-encoded; a sitemap address is a URI."""
    rules = robots_rules(
        {
            "SITEURL": "https://bücher.example/café",
            "DRAFT_URL": "brouillons-é/{slug}/",
            "DRAFT_SAVE_AS": "brouillons-é/{slug}/index.html",
        },
        has_sitemap=True,
    )
    assert rules.sitemap == "https://xn--bcher-kva.example/caf%C3%A9/sitemap.xml"
    assert rules.disallow == ("/caf%C3%A9/brouillons-%C3%A9/",)


@pytest.mark.parametrize(
    ("sitemap", "name"),
    [
        ({"format": "txt"}, "sitemap.txt"),
        ({"format": "xml"}, "sitemap.xml"),
        ({}, "sitemap.xml"),
    ],
)
def test_robots_txt_names_the_sitemap_file_its_format_writes(sitemap, name):
    """pelican-sitemap writes sitemap.txt for "txt": robots.txt named an
    XML file that was never written."""
    rules = robots_rules(
        {"SITEURL": "https://example.org", "SITEMAP": sitemap}, has_sitemap=True
    )
    assert rules.sitemap == f"https://example.org/{name}"


FEED_FILE = re.compile(r"\.(atom\.xml|rss\.xml|json)$")
#: A feed's address anywhere in a page: a link, a head's alternate link,
#: or the text of the feeds page's list.
FEED_ADDRESS = re.compile(re.escape(SITE) + r"/(feeds/[^\s\"'<>#?]+)")


def advertised_feeds(output) -> set[str]:
    """Every feed file a page of ``output`` names, as a path inside the
    site."""
    return {
        path
        for page in output.rglob("*.html")
        for path in FEED_ADDRESS.findall(read(page))
        if FEED_FILE.search(path)
    }


def written_feeds(output) -> set[str]:
    feeds = output / "feeds"
    return {
        path.relative_to(output).as_posix()
        for path in feeds.rglob("*")
        if FEED_FILE.search(path.name)
    }


@pytest.mark.parametrize(
    "comments",
    ["as written", "none", "only mentions", "on a hidden post"],
)
def test_every_feed_a_page_names_is_written_and_every_one_written_is_named(
    tmp_path, comments
):
    """The feeds page listed the site's comment feed on a site with no
    comments, which no build writes (a dead link a reader subscribes to),
    and a post whose only responses are Webmentions (a like, a mention)
    had a comment feed written that no page named; a hidden post's page
    named a comment feed no build writes. The feeds plugin now names a
    comment feed exactly when the comments plugin writes it."""
    content = copy_content(tmp_path / "content")
    folder = content / "comments"
    if comments == "none":
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    elif comments == "only mentions":
        for path in folder.rglob("*.md"):
            path.unlink()
    elif comments == "on a hidden post":  # its page is written; no feed is
        (content / "posts" / "aside.md").write_text(
            "Title: An aside\nDate: 2025-09-20\nStatus: hidden\nSlug: aside\n"
            "Category: Mentor chats\n\nA short aside.\n",
            encoding="utf-8",
        )
        (folder / "aside").mkdir()
        comment = folder / "two-levels-up" / "2025-09-15-tom.md"
        (folder / "aside" / comment.name).write_text(read(comment), encoding="utf-8")
    output = build_site(
        tmp_path / "output", conf="publishconf.py", content=content, SITEURL=SITE
    )

    assert advertised_feeds(output) == written_feeds(output)
