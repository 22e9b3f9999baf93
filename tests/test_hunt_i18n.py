"""Posts in many languages and scripts, and what a multilingual writer sees:
translations (``Lang:``, one slug), right-to-left titles and bodies, and
preview images of scripts that need shaping."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import lxml.html
import pytest
from sitebuild import copy_content, lint_in_process, passing_build, read

from presentation.languages import is_language_tag
from social import glyphs
from social.card import Card, Fonts, draw_card
from social.settings import FONTS as SOCIAL_FONTS
from social.undrawable import undrawable_card_text

SITEURL = "https://reflections.example.org"  # publishconf.py's

FRENCH = """\
Title: Deux niveaux plus haut
Slug: two-levels-up
Lang: fr
Date: 2025-09-14 09:30
Category: Informational interviews
Lessons: Learn adjacent functions

J'ai écrit à un directeur.
"""

BRAZILIAN = """\
Title: Dois níveis acima
Slug: two-levels-up
Lang: pt-BR
Date: 2025-09-14 09:30
Category: Informational interviews
Lessons: Learn adjacent functions

Escrevi a um diretor.
"""

ARABIC = """\
Title: محادثة مع مديرة المنتج
Slug: arabic-chat
Lang: ar
Date: 2026-02-01 10:00
Category: Mentoring
Tags: networking, إرشاد
Summary: تحدثت مع مديرة منتج عن التغيير.
Lessons: Learn adjacent functions

تحدثت مع مديرة منتج عن التغيير المهني.
"""

HEBREW_TITLE = """\
Title: שיחה עם מנהלת?
Slug: hebrew-title
Date: 2026-02-02 10:00
Category: Mentoring
Tags: networking
Series: Finding my way
Lessons: Learn adjacent functions

An English post with a Hebrew title.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample site with a post translated into French and Brazilian
    Portuguese, a post in Arabic and an English post with a Hebrew title,
    built as ``make publish`` builds it; what the build said is kept beside."""
    folder = tmp_path_factory.mktemp("i18n")
    content = copy_content(folder / "content")
    posts = content / "posts"
    for name, text in {
        "2025-09-14-two-levels-up-fr.md": FRENCH,
        "2025-09-14-two-levels-up-pt-br.md": BRAZILIAN,
        "2026-02-01-arabic-chat.md": ARABIC,
        "2026-02-02-hebrew-title.md": HEBREW_TITLE,
    }.items():
        (posts / name).write_text(text, encoding="utf-8")
    output = folder / "output"
    said = passing_build(content, output, conf="publishconf.py")
    (folder / "said.txt").write_text(said, encoding="utf-8")
    return output


def build_said(site: Path) -> str:
    return read(site.parent / "said.txt")


def html_of(site: Path, path: str):
    return lxml.html.fromstring(read(site / path))


def og_image(site: Path, path: str) -> Path:
    """The file the page's ``og:image`` names."""
    (image,) = html_of(site, path).cssselect('meta[property="og:image"]')
    return site / image.get("content").removeprefix(SITEURL + "/")


# --- Translations --------------------------------------------------------------


def test_a_post_and_its_translations_each_get_a_preview_image_of_their_own(site):
    # SOCIAL_IMAGE_SAVE_AS ("{date:%Y}/{slug}/preview.png") named one file
    # for a post and its translations (one slug): the build warned
    # shared-image-file for every translation, as if the writer had set a
    # wrong path, and all three pages shared the last one's image.
    pages = ("2025/two-levels-up/index.html", "2025/two-levels-up-fr/index.html")
    pages += ("2025/two-levels-up-pt-BR/index.html",)
    images = [og_image(site, page) for page in pages]
    assert len(set(images)) == 3, images
    for image in images:
        assert image.is_file()
    assert "[shared-image-file]" not in build_said(site)


# --- Right-to-left scripts -----------------------------------------------------

ARABIC_TITLE = "محادثة مع مديرة المنتج"
ARABIC_TAG = "إرشاد"
NEWEST_TITLE = (
    "From warehouse spreadsheets to data pipelines: Omar on switching halfway"
)
HEBREW = "שיחה עם מנהלת?"


def test_a_post_in_a_right_to_left_language_is_laid_out_right_to_left(site):
    # <html lang="ar"> had no dir: the Arabic post read from the left, its
    # paragraphs against the wrong margin and its punctuation misplaced.
    assert html_of(site, "2026/arabic-chat-ar/index.html").get("dir") == "rtl"
    english = html_of(site, "2025/two-levels-up/index.html")
    assert english.get("dir") in (None, "ltr")


def test_the_sites_own_words_keep_the_sites_language_on_a_page_in_another(site):
    # The English menu and footer of the Arabic post inherited lang="ar" and
    # dir="rtl": read aloud as Arabic, laid out from the right.
    arabic = html_of(site, "2026/arabic-chat-ar/index.html")
    for chrome in ("header.site-header", "footer.site-footer", "a.skip-link"):
        (element,) = arabic.cssselect(chrome)
        assert (element.get("lang"), element.get("dir")) == ("en", "ltr"), chrome
    french = html_of(site, "2025/two-levels-up-fr/index.html")
    (header,) = french.cssselect("header.site-header")
    assert (header.get("lang"), header.get("dir")) == ("en", None)
    # Inside the page too: the byline ("January 10, 2026 · by Priya · 1 min
    # read"), "In other languages", the reply form, the older and newer links.
    for page, words in [
        (arabic, "header.post__header p.meta"),
        (french, "header.post__header p.meta"),  # the byline and the translations
        (arabic, "section.reply"),  # a translation's comments are its original's
        (arabic, "nav.prev-next"),
    ]:
        found = page.cssselect(words)
        assert found and all(e.get("lang") == "en" for e in found), words
    (body,) = french.cssselect("div.e-content")
    assert body.get("lang") is None  # the post's own words are its language
    english = html_of(site, "2025/two-levels-up/index.html")
    (header,) = english.cssselect("header.site-header")
    assert header.get("lang") is None


def isolated(element) -> bool:
    """Whether the text of ``element`` is set apart from the text around it
    (Unicode's bidirectional isolation): it is a <bdi>, or it or its parent
    says its direction, or the whole page reads from right to left."""
    if element.getroottree().getroot().get("dir") == "rtl":
        return True
    for kin in (element, element.getparent()):
        if kin is not None and (kin.tag == "bdi" or kin.get("dir")):
            return True
    return False


UNISOLATED_IN_HEAD = {"title", "script", "style"}
#: "No thoughts yet on “…”" is one string the comments plugin writes.
LEFT_TO_THE_COMMENTS_PLUGIN = "comments-heading"


def own_text(element) -> str:
    """The text ``element`` holds itself: before its first child and after
    each child (``<a><span>Older</span> Title</a>``)."""
    return "".join([element.text or "", *(child.tail or "" for child in element)])


LISTINGS = {"index.html", "archives/index.html", "reflections/index.html"}


@pytest.mark.parametrize(
    ("title", "listed_on"),
    [
        (ARABIC_TITLE, LISTINGS),
        (HEBREW, LISTINGS),
        (ARABIC_TAG, {"tags/index.html", "feeds/index.html"}),
    ],
    ids=["arabic", "hebrew", "arabic-tag"],
)
def test_a_right_to_left_title_among_english_is_isolated_everywhere_it_is_shown(
    site, title, listed_on
):
    # A Hebrew title ending in "?" in an English listing showed its "?" on
    # the wrong side, and a title in Arabic next to "· 3 min" or a date
    # pulled them into its own order: no listing, link or heading set the
    # title apart (dir="auto", <bdi>).
    shown, seen_on = [], set()
    for path in sorted(site.rglob("*.html")):
        document = html_of(site, str(path.relative_to(site)))
        for element in document.iter():
            if not isinstance(element.tag, str) or element.tag in UNISOLATED_IN_HEAD:
                continue
            if element.get("id") == LEFT_TO_THE_COMMENTS_PLUGIN:
                continue
            if title not in own_text(element):
                continue
            seen_on.add(str(path.relative_to(site)))
            if not isolated(element):
                shown.append(f"{path.relative_to(site)}: <{element.tag}>")
    assert shown == [], "\n".join(shown)
    assert listed_on <= seen_on


def test_an_english_title_on_a_right_to_left_page_is_isolated(site):
    # On the Arabic post's page the English titles of its neighbours and
    # related posts would take the page's direction: "Older" and a title's
    # final "?" or quote swapped sides.
    page = html_of(site, "2026/arabic-chat-ar/index.html")
    links = page.cssselect('a[rel="prev"], a[rel="next"], .related a')
    english = [link for link in links if HEBREW not in link.text_content()]
    assert len(english) >= 3
    for link in english:
        (title,) = link.cssselect("bdi")
        assert title.text.strip()


# --- Search --------------------------------------------------------------------


def indexed_urls(site: Path) -> set[str]:
    found = set()
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        found.add(json.loads(data)["url"])
    return found


def test_the_search_page_searches_posts_in_every_language_the_site_has(site):
    # Pagefind split its index by each page's <html lang>, and the search
    # page (lang="en") loads only the English one: the French, Brazilian
    # and Arabic posts could never be found.
    entry = json.loads(read(site / "pagefind" / "pagefind-entry.json"))
    assert list(entry["languages"]) == ["en"]
    urls = indexed_urls(site)
    for page in ("2025/two-levels-up-fr/", "2025/two-levels-up-pt-BR/"):
        assert f"/{page}" in urls
    assert "/2026/arabic-chat-ar/" in urls
    assert "/2025/two-levels-up/" in urls


# --- Preview images of scripts that need shaping --------------------------------


FONTS = Fonts(SOCIAL_FONTS / "DejaVuSans-Bold.ttf", SOCIAL_FONTS / "DejaVuSans.ttf")


@pytest.fixture
def without_libraqm(monkeypatch):
    """A Pillow whose layout is its basic one, as where FriBiDi is missing."""
    monkeypatch.setattr(glyphs, "layout_shapes", lambda: False)


def card_without_title() -> bytes:
    return draw_card(Card("", (), "Conversations Worth Keeping"), FONTS)


@pytest.mark.parametrize("title", [ARABIC_TITLE, HEBREW.rstrip("?"), "नमस्ते"])
def test_without_libraqm_a_card_leaves_out_what_it_would_draw_apart_or_reversed(
    without_libraqm, title
):
    # Pillow's basic layout draws Arabic letters unjoined and Arabic and
    # Hebrew from left to right, silently: the card showed the title
    # disconnected and reversed. A card without it is better than a wrong one.
    drawn = draw_card(Card(title, (), "Conversations Worth Keeping"), FONTS)
    assert drawn == card_without_title()


def test_with_libraqm_a_right_to_left_title_is_still_drawn():
    if not glyphs.layout_shapes():
        pytest.skip("this Pillow has no libraqm")
    drawn = draw_card(Card(ARABIC_TITLE, (), "Conversations Worth Keeping"), FONTS)
    assert drawn != card_without_title()


def test_without_libraqm_the_build_says_what_the_card_leaves_out_and_why(
    without_libraqm, tmp_path
):
    source = tmp_path / "2026-02-01-arabic-chat.md"
    source.write_text(ARABIC, encoding="utf-8")
    post = SimpleNamespace(
        title=ARABIC_TITLE,
        lessons=[SimpleNamespace(title="Learn adjacent functions")],
        source_path=str(source),
        translations=[],
    )
    context = {
        "SOCIAL_IMAGE_SAVE_AS": "{slug}.png",
        "SOCIAL_IMAGE_DEFAULT_SAVE_AS": "preview.png",
        "SOCIAL_IMAGE_TITLE_FONT": str(FONTS.title),
        "SOCIAL_IMAGE_TEXT_FONT": str(FONTS.text),
        "SITENAME": "Conversations Worth Keeping",
        "SITESUBTITLE": "One conversation at a time",
        "articles": [post],
    }
    (finding,) = undrawable_card_text(context)
    assert finding.rule == "undrawable-card-text"
    assert (finding.path, finding.line) == (post.source_path, 1)
    assert "from the title" in finding.message
    assert "libraqm" in finding.message


# --- A Lang: that names no language ---------------------------------------------


def lang_lines(tmp_path: Path, lang: str, others: dict[str, str] = {}):  # noqa: B006
    """The sample site with a post in ``lang`` (and ``others``, file name to
    text) built: that post's path and the build's `invalid-lang` lines."""
    content = copy_content(tmp_path / "content")
    for name, text in others.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    post = content / "posts" / "2026-02-06-bad-lang.md"
    post.write_text(
        f"Title: Bad lang\nSlug: bad-lang\nLang: {lang}\nDate: 2026-02-06\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    said = [
        line
        for line in passing_build(content, tmp_path / "output").splitlines()
        if "[invalid-lang]" in line
    ]
    return post, said


@pytest.mark.parametrize(
    ("lang", "advice"),
    [("english", "write its tag"), ("pt_BR", "write 'pt-BR'")],
    ids=["a-word", "an-underscore"],
)
def test_a_lang_that_is_no_language_tag_is_told_once_at_its_line(
    tmp_path, lang, advice
):
    # "Lang: english" was written into <html lang> and every hreflang link
    # as it was, naming no language, and neither the build nor lint said so.
    post, said = lang_lines(tmp_path, lang)

    assert len(said) == 1, said
    assert f"{post}:3: Lang: {lang!r} is no language tag" in said[0]
    assert advice in said[0]


A_FRENCH_POST = {
    "2026-02-05-in-french.md": "Title: En français\nSlug: en-francais\nLang: fr\n"
    "Date: 2026-02-05\nLessons: Learn adjacent functions\n\nTexte.\n"
}


@pytest.mark.parametrize(
    ("lang", "first"),
    [("EN", "en"), ("FR", "fr")],
    ids=["the site's language", "an earlier post's"],
)
def test_a_language_spelt_otherwise_is_told_at_its_line(tmp_path, lang, first):
    # Pelican compares languages as written: `Lang: EN` on a site in `en`
    # was a language of its own, with feeds of its own beside `en`'s.
    post, said = lang_lines(tmp_path, lang, A_FRENCH_POST)

    assert len(said) == 1, said
    assert f"{post}:3: Lang: {lang!r} is {first!r} spelt otherwise" in said[0]
    assert f"write {first!r} [invalid-lang]" in said[0]


@pytest.mark.parametrize("lang", ["en", "pt-BR", "zh-Hant", "sr-Latn-RS", "de-CH-1996"])
def test_a_language_tag_is_taken_as_it_is(lang):
    assert is_language_tag(lang)


# --- The sitemap -----------------------------------------------------------------

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_alternates(site: Path) -> dict[str, dict[str, str | None]]:
    """Each address the sitemap lists, with its alternates: language to
    the address its link names."""
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_names_every_translation_of_a_post_by_its_address(site):
    # pelican-sitemap 1.2.2 wrote its alternates with "ref=" for "href=":
    # no search engine read a translation from the sitemap. Nor did a page
    # name itself among them, as hreflang sets must.
    listed = sitemap_alternates(site)
    versions = {
        "en": f"{SITEURL}/2025/two-levels-up/",
        "fr": f"{SITEURL}/2025/two-levels-up-fr/",
        "pt-BR": f"{SITEURL}/2025/two-levels-up-pt-BR/",
    }
    for address in versions.values():
        assert listed[address] == versions
    assert listed[f"{SITEURL}/2026/arabic-chat-ar/"] == {}


def test_a_translated_post_s_head_names_every_version_itself_included(site):
    # The head named the other versions only: an hreflang set that leaves
    # out the page itself is ignored by search engines, as in the sitemap.
    versions = {
        "en": f"{SITEURL}/2025/two-levels-up/",
        "fr": f"{SITEURL}/2025/two-levels-up-fr/",
        "pt-BR": f"{SITEURL}/2025/two-levels-up-pt-BR/",
    }
    for address in versions.values():
        path = address.removeprefix(SITEURL + "/")
        page = html_of(site, path + "index.html" if path.endswith("/") else path)
        named = {
            link.get("hreflang"): link.get("href")
            for link in page.cssselect('head link[rel="alternate"][hreflang]')
        }
        assert named == versions


# --- Feeds -----------------------------------------------------------------------


def test_an_atom_entry_in_another_language_says_which(site):
    # Every entry took the feed's xml:lang="en", the Arabic one too.
    atom = "{http://www.w3.org/2005/Atom}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    feed = ElementTree.parse(site / "feeds" / "all.atom.xml").getroot()
    languages = {
        entry.find(f"{atom}link").get("href"): entry.get(lang)
        for entry in feed.iter(f"{atom}entry")
    }
    assert languages[f"{SITEURL}/2026/arabic-chat-ar/"] == "ar"
    assert languages[f"{SITEURL}/2025/two-levels-up/"] is None


def test_a_json_feed_item_in_another_language_says_which(site):
    # The Arabic post's item took the feed's "language": "en", so a reader
    # showed it as English text (its font, its direction, its hyphenation).
    feed = json.loads(read(site / "feeds" / "all.json"))
    assert feed["language"] == "en"
    languages = {item["url"]: item.get("language") for item in feed["items"]}
    assert languages[f"{SITEURL}/2026/arabic-chat-ar/"] == "ar"
    assert languages[f"{SITEURL}/2025/two-levels-up/"] is None


def test_a_listing_names_the_language_of_a_post_in_another_one(site):
    # The Arabic post's title on the English home page and archives was
    # read aloud by a screen reader as English: nothing said its language.
    for listing in ("index.html", "archives/index.html"):
        page = html_of(site, listing)
        (title,) = page.xpath(f'//main//*[text()="{ARABIC_TITLE}"]')
        assert title.get("lang") == "ar"
        english = page.xpath(f'//main//a[text()="{NEWEST_TITLE}"]')
        assert english and all(link.get("lang") is None for link in english)


def with_french_version(tmp_path: Path, status: str) -> Path:
    """The sample content with a French version of its first post, not
    published with it (``status``)."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2025-09-15-deux-niveaux.md").write_text(
        "Title: Deux niveaux au-dessus\nDate: 2025-09-15\nSlug: two-levels-up\n"
        f"Lang: fr\nStatus: {status}\nLessons: Prepare targeted questions\n\n"
        "Un brouillon.\n",
        encoding="utf-8",
    )
    return content


def shared_slug_lines(content: Path) -> list[str]:
    said = lint_in_process("lint", str(content)).stdout
    return [line for line in said.splitlines() if "[shared-slug]" in line]


@pytest.mark.parametrize("status", ["draft", "hidden"])
def test_a_translation_not_published_with_its_post_shares_its_slug_by_design(
    tmp_path, status
):
    # Pelican keeps a draft or hidden translation apart from its published
    # original (each status is grouped alone), and the comments plugin took
    # the two for two posts fighting over one comments folder.
    assert shared_slug_lines(with_french_version(tmp_path, status)) == []


@pytest.mark.parametrize("status", ["draft", "hidden"])
def test_a_second_post_in_the_same_language_still_shares_the_slug(tmp_path, status):
    content = with_french_version(tmp_path, status)
    (content / "posts" / "2025-09-16-twin.md").write_text(
        "Title: A twin\nDate: 2025-09-16\nSlug: two-levels-up\nStatus: draft\n"
        "Lessons: Prepare targeted questions\n\nSame language, same slug.\n",
        encoding="utf-8",
    )

    (line,) = shared_slug_lines(content)
    assert "2025-09-16-twin.md" in line
