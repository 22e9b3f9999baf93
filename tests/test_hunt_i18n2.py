"""Translations where they meet the other features: the site's own words
inside a page in another language (the theme's, a callout's, Markdown's),
comments and mentions on a post in another language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
from feedcheck import atom_problems
from outputs import differences
from pelican.settings import read_settings
from sitebuild import (
    ROOT,
    build_site,
    copy_content,
    copy_project,
    lint_in_process,
    passing_build,
    read,
    run_pelican,
)

from reflect.mentions_import import import_mentions

# A translation of a sample post, with every part of a post the site puts
# words of its own around: the conversation's fields, a series, tags, a
# closing question, lessons, each kind of callout, a table, a footnote.
TRANSLATION = """\
Title: J'ai figé devant « parlez-moi d'un désaccord »
Slug: first-mock-interview
Lang: fr
Date: 2025-12-07 16:00
Category: Mock interviews
Tags: interviews, storytelling
Summary: Mon premier entretien blanc s'est mal passé.
Who: Owen, un ancien collègue
Role: Chef de produit
Met: Nous avons travaillé ensemble
Format: Appel vidéo de quarante minutes
Series: Mock interviews with Owen
Series_index: 1
Question: Quelles histoires n'avez-vous jamais racontées ?
Lessons: Tell stories with numbers

Voici le tableau et une note[^1].

> [!lesson] Prepare targeted questions
> Owen a posé une question précise.

> [!story] Le fournisseur qui a coûté cher
> Lessons: Tell stories with numbers
> Situation: Nous avons changé de fournisseur.
>
> Task: Trouver la cause.
>
> Action: J'ai corrigé les délais.
>
> Result: Plus aucune commande urgente.

> [!asked] Qui d'autre devrais-je rencontrer ?
> Il m'a donné deux noms.

| Colonne | Valeur |
| --- | --- |
| Un | Deux |

[^1]: Une note de bas de page.
"""

# A post written in French alone, with comments, a reply and mentions.
FRENCH_POST = """\
Title: Premiers pas vers le produit
Slug: premiers-pas
Lang: fr
Date: 2026-02-03 10:00
Category: Mentoring
Who: Camille, une cheffe de produit
Lessons: Learn adjacent functions
Question: Qui pourriez-vous appeler cette semaine ?

J'ai appelé Camille pour parler du produit.

> [!story] La semaine des stocks
> Situation: Les stocks étaient faux.
>
> Task: Trouver l'erreur.
>
> Action: J'ai tout recompté.
>
> Result: Les stocks sont justes.
"""

COMMENT = """\
Author: Élodie Martin
Date: 2026-02-04 08:00

Merci pour ce billet, je vais appeler ma cheffe.
"""

REPLY = """\
Author: Priya
Date: 2026-02-04 18:00
Reply-To: 2026-02-04-elodie

Bonne chance, dites-moi comment cela se passe.
"""

SITEURL = "https://reflections.example.org"  # publishconf.py's
WITH_WORKERS = {"FASTBUILD_WORKERS": 2, "FASTBUILD_MIN_POSTS": 1}


def plugins_without_fastbuild() -> list[str]:
    plugins = read_settings(str(ROOT / "publishconf.py"))["PLUGINS"]
    assert plugins[-1] == "fastbuild"
    return plugins[:-1]


def mention(
    number: int,
    kind: str,
    name: str,
    html: str | None = None,
    target: str = "2026/premiers-pas-fr/",
) -> str:
    entry = {
        "type": "entry",
        "wm-id": number,
        "wm-property": kind,
        "wm-source": f"https://carnet.example.net/{number}",
        "wm-target": f"{SITEURL}/{target}",
        "wm-received": "2026-02-05T10:00:00Z",
        "wm-private": False,
        "published": "2026-02-05T09:00:00Z",
        "url": f"https://carnet.example.net/{number}",
        "author": {"type": "card", "name": name, "url": "https://carnet.example.net/"},
    }
    if html:
        entry["content"] = {"html": html, "text": html}
    return json.dumps(entry)


LIKE = mention(41001, "like-of", "Chloé")
ANSWER = mention(41002, "in-reply-to", "Bastien Roux", "<p>Très juste, merci.</p>")
# A like of the translation, which a receiver files under its slug.
TRANSLATION_LIKE = mention(
    41003, "like-of", "Maëlle Faure", target="2025/first-mock-interview-fr/"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample site with the translation and the French post, built as
    ``make publish`` builds it."""
    folder = tmp_path_factory.mktemp("i18n2")
    content = copy_content(folder / "content")
    posts = content / "posts"
    (posts / "2025-12-07-first-mock-interview-fr.md").write_text(
        TRANSLATION, encoding="utf-8"
    )
    (posts / "2026-02-03-premiers-pas.md").write_text(FRENCH_POST, encoding="utf-8")
    comments = content / "comments" / "premiers-pas"
    comments.mkdir()
    for name, text in {
        "2026-02-04-elodie.md": COMMENT,
        "2026-02-04-priya.md": REPLY,
        "mention-41001.json": LIKE,
        "mention-41002.json": ANSWER,
    }.items():
        (comments / name).write_text(text, encoding="utf-8")
    liked = content / "comments" / "first-mock-interview"
    liked.mkdir()
    (liked / "mention-41003.json").write_text(TRANSLATION_LIKE, encoding="utf-8")
    output = folder / "output"
    passing_build(content, output, conf="publishconf.py")
    return output


#: A field's, a callout's or a story part's name at the start of a line.
_FIELD_NAME = re.compile(r"^(>\s*)?[A-Za-z_-]+:\s", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+")


def writers_words(*texts: str) -> set[str]:
    """Every word the writer (or a commenter) wrote, field names and callout
    markers left out: the only words a page may read in the post's language."""
    words = set()
    for text in texts:
        text = _FIELD_NAME.sub(" ", text)
        text = re.sub(r"\[![a-z]+\]", " ", text)
        words |= {word.casefold() for word in _WORD.findall(text)}
    return words


def read_in(element) -> str | None:
    """The language a screen reader reads ``element`` in."""
    for here in (element, *element.iterancestors()):
        if here.get("lang"):
            return here.get("lang")
    return None


def words_read_in(page, lang: str) -> dict[str, str]:
    """Each word of the page's body read in ``lang`` (text, and the
    attributes read aloud), with where it is; code is no language's, and
    what is hidden is not read."""
    found = {}
    for element in page.find("body").iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        around = (element, *element.iterancestors())
        if any(a.tag in ("pre", "code") for a in around):
            continue
        if any(a.get("hidden") is not None for a in around):
            continue  # not read aloud
        if read_in(element) != lang:
            continue
        texts = [element.text, *(child.tail for child in element)]
        texts += [element.get(name) for name in ("aria-label", "title", "alt")]
        for text in filter(None, texts):
            for word in _WORD.findall(text):
                where = f"<{element.tag} class={element.get('class')!r}>: {text!r}"
                found.setdefault(word.casefold(), where)
    return found


def html_of(site: Path, path: str):
    return lxml.html.fromstring(read(site / path))


@pytest.mark.parametrize(
    "page, written",
    [
        ("2025/first-mock-interview-fr/index.html", [TRANSLATION]),
        ("2026/premiers-pas-fr/index.html", [FRENCH_POST, COMMENT, REPLY]),
    ],
)
def test_no_word_of_the_site_is_read_in_the_language_of_a_page_in_another(
    site, page, written
):
    # The labels of "About this conversation" (Who, Role), the comments'
    # heading ("2 thoughts on “…”"), a comment's date and "Author" badge,
    # "Elsewhere on the web", the series line, a callout's label ("Story",
    # "I asked"), a story's parts (Situation, Task), a footnote's "Jump
    # back" and a table's "Table:" were English read in a French voice.
    html = html_of(site, page)
    assert html.get("lang") == "fr"
    allowed = writers_words(*written) | writers_words(
        "Bastien Roux Très juste, merci. Chloé"
    )
    strays = {
        word: where
        for word, where in words_read_in(html, "fr").items()
        if word not in allowed
    }
    assert strays == {}


def test_the_site_words_of_a_page_in_another_language_are_marked_as_the_sites(site):
    # What the test above leaves out of the French voice is there, in English.
    html = html_of(site, "2026/premiers-pas-fr/index.html")
    english = words_read_in(html, "en")
    for word in ("who", "thoughts", "elsewhere", "reply", "skip"):
        assert word in english, word
    translation = html_of(site, "2025/first-mock-interview-fr/index.html")
    english = words_read_in(translation, "en")
    for word in ("situation", "story", "asked", "jump", "lesson"):
        assert word in english, word


def test_the_comments_heading_names_the_post_in_its_own_language(site):
    html = html_of(site, "2026/premiers-pas-fr/index.html")
    (heading,) = html.cssselect("#comments-heading")
    assert heading.get("lang") == "en"
    (title,) = heading.cssselect("bdi")
    assert (title.get("lang"), title.text) == ("fr", "Premiers pas vers le produit")
    assert heading.text_content() == "3 thoughts on “Premiers pas vers le produit”"


def test_a_post_in_the_sites_language_gains_no_byte_for_the_site_words(site):
    english = read(site / "2025/first-mock-interview/index.html")
    assert "data-site-words" not in english
    assert ' lang="en"' not in english.split("<body", 1)[1]
    french = read(site / "2025/first-mock-interview-fr/index.html")
    assert "data-site-words" not in french


def test_a_post_in_another_language_keeps_its_language_in_a_listing(site):
    # Its card's title named its language (<bdi lang="fr">) but not its
    # summary, which a screen reader read in the listing's English voice.
    home = html_of(site, "index.html")
    (card,) = [
        card
        for card in home.cssselect("article.post-card")
        if "Premiers pas" in card.text_content()
    ]
    (summary,) = card.cssselect(".post-card__summary")
    assert summary.get("lang") == "fr"
    others = [c for c in home.cssselect(".post-card__summary") if c is not summary]
    assert others and all(c.get("lang") is None for c in others)


def test_a_french_posts_words_on_the_lesson_and_index_pages_keep_its_language(site):
    # Its summary on a lesson's page and its closing question on the
    # reflection index were read in the page's English voice.
    lesson = html_of(site, "lessons/learn-adjacent-functions/index.html")
    (summary,) = [
        p
        for p in lesson.cssselect(".lesson-use__summary")
        if "Camille" in p.text_content()
    ]
    assert summary.get("lang") == "fr"
    index = html_of(site, "reflections/index.html")
    (question,) = [
        a for a in index.cssselect("a") if a.text_content().startswith("Qui pourriez")
    ]
    assert question.get("lang") == "fr"
    english = [a for a in index.cssselect("a") if a.text_content().startswith("Who ")]
    assert english and all(a.get("lang") is None for a in english)
    # Its story in the story bank: its title and parts in French, the
    # parts' names the site's.
    bank = html_of(site, "stories/index.html")
    (story,) = [
        article
        for article in bank.cssselect("article.bank-story")
        if "La semaine des stocks" in article.text_content()
    ]
    (title,) = story.cssselect("h3")
    (parts,) = story.cssselect("dl")
    assert (title.get("lang"), parts.get("lang")) == ("fr", "fr")
    assert {dt.get("lang") for dt in parts.cssselect("dt")} == {"en"}


def test_a_translation_of_a_part_of_a_series_is_that_part(site):
    # The translation named its series but was in none: no "Part 1 of 2",
    # no way on to the next part from the French page.
    html = html_of(site, "2025/first-mock-interview-fr/index.html")
    (line,) = html.cssselect("p.series-part")
    assert line.text_content().startswith("Part 1 of 2")
    (nav,) = html.cssselect("nav.series-nav")
    (current,) = nav.cssselect("[aria-current=page]")
    assert current.text_content().startswith("I froze")  # its part, by its title
    assert nav.get("lang") == "en"
    english = read(site / "2026/second-mock-interview/index.html")
    assert "first-mock-interview-fr" not in english  # the parts are the originals'


# --- Comments and mentions of a translation -----------------------------------


def test_a_mention_of_a_translation_joins_its_posts_conversation(site):
    # A like of 2025/first-mock-interview-fr/ in the post's folder (a
    # translation's comments are its post's) stopped make publish: "its
    # wm-target ... is not this post (2025/first-mock-interview/)".
    html = html_of(site, "2025/first-mock-interview/index.html")
    likes = [a.text_content() for a in html.cssselect(".mentions .p-like .p-name")]
    assert likes == ["Maëlle Faure"]


def test_the_import_files_a_mention_of_a_translation_under_its_posts_slug(tmp_path):
    # reflect mentions import read the slug of 2025/two-levels-up-fr/ by
    # ARTICLE_URL alone: comments/two-levels-up-fr/, a folder of no post,
    # which stopped the next make publish.
    settings = {
        "ARTICLE_URL": "{date:%Y}/{slug}/",
        "ARTICLE_LANG_URL": "{date:%Y}/{slug}-{lang}/",
        "SITEURL": SITEURL,
        "TIMEZONE": "UTC",
    }
    export = tmp_path / "export.jf2"
    entries = [
        json.loads(mention(7, "like-of", "Chloé", target=target))
        for target in ("2025/two-levels-up-fr/", "2025/ruth-quarterly-check-in/")
    ]
    entries[1]["wm-id"] = 8
    export.write_text(json.dumps({"type": "feed", "children": entries}))
    slugs = {"two-levels-up", "ruth-quarterly-check-in"}
    report = import_mentions(export, tmp_path / "comments", settings, slugs)
    written = [path.relative_to(tmp_path).as_posix() for path in report.written]
    assert written == [
        "comments/two-levels-up/mention-7.json",
        "comments/ruth-quarterly-check-in/mention-8.json",
    ]


# --- Rebuilds and fastbuild ----------------------------------------------------


def test_with_translations_a_rebuild_and_a_build_without_fastbuild_are_the_cold_build(
    site, tmp_path
):
    # The translations, their callouts marked in the site's language, the
    # mention of one: read by fastbuild's workers or by Pelican, from the
    # content cache or afresh, the same bytes.
    content = site.parent / "content"
    publish = {"conf": "publishconf.py", "content": content, "SITEURL": SITEURL}
    cache = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True}
    fast = build_site(tmp_path / "fast", **publish, **cache, **WITH_WORKERS)
    rebuilt = build_site(
        tmp_path / "rebuilt",
        **publish,
        **cache,
        **WITH_WORKERS,
        LOAD_CONTENT_CACHE=True,
    )
    plain = build_site(
        tmp_path / "plain", **publish, PLUGINS=plugins_without_fastbuild()
    )
    assert (plain / "2025/first-mock-interview-fr/index.html").is_file()
    assert differences(plain, fast) == []
    assert differences(plain, rebuilt) == []


# --- The desk ------------------------------------------------------------------

TRANSLATION_WITH_NOTES = """\
Title: Deux niveaux plus haut
Slug: two-levels-up
Lang: fr
Date: 2025-09-14 09:30
Category: Informational interviews
Who: Graham, un directeur
Follow-up: 2026-12-20 Écrire à Graham en français
Next-contact: 2026-12-21

J'ai écrit à un directeur.
"""


def test_a_translations_desk_fields_are_named_never_lost_without_a_word(tmp_path):
    # A Follow-up: on a translation reached neither reflect due nor the
    # desk, and said nothing: the writer's reminder was gone. A translation
    # is its original's conversation: its fields are named, at their lines.
    project = copy_project(tmp_path / "project")
    post = project / "content/posts/2025-09-14-two-levels-up-fr.md"
    post.write_text(TRANSLATION_WITH_NOTES, encoding="utf-8")
    said = lint_in_process("lint", cwd=project).stdout
    lines = [line for line in said.splitlines() if "[field-off-the-desk]" in line]
    assert [line.split(": warning: ")[0] for line in lines] == [
        "content/posts/2025-09-14-two-levels-up-fr.md:7",
        "content/posts/2025-09-14-two-levels-up-fr.md:8",
    ]
    assert "is on a translation" in lines[0] and "move it to the original" in lines[0]
    due = lint_in_process("due", "--all", cwd=project).stdout
    assert "Écrire à Graham" not in due
    assert due.count("Tell Graham how the move") == 1  # the original's, once


# --- Feeds ---------------------------------------------------------------------


def test_the_sites_feeds_carry_originals_and_a_languages_feed_each_post_in_it(
    site, tmp_path
):
    # The site's feed carries each post once, as written first: a post
    # written in French, never a translation of one already in it.
    entries = feed_entries(site / "feeds/all.atom.xml")
    assert ("Premiers pas vers le produit", "fr") in entries
    assert not any(title.startswith("J’ai figé") for title, _ in entries)
    # TRANSLATION_FEED_ATOM was dropped without a word; it is a feed of
    # each language, its posts and translations into it, in that language.
    output = tmp_path / "output"
    built = run_pelican(
        site.parent / "content",
        output,
        "-e",
        'TRANSLATION_FEED_ATOM="feeds/{lang}.atom.xml"',
        conf="publishconf.py",
    )
    assert built.returncode == 0, built.stdout + built.stderr
    french = output / "feeds/fr.atom.xml"
    assert atom_problems(french.read_bytes(), f"{SITEURL}/feeds/fr.atom.xml") == []
    root = ElementTree.parse(french).getroot()
    assert root.get(XML_LANG) == "fr"
    titles = [title for title, _ in feed_entries(french)]
    assert titles == [
        "Premiers pas vers le produit",
        "J’ai figé devant « parlez-moi d’un désaccord »",
    ]
    page = html_of(output, "2025/first-mock-interview-fr/index.html")
    advertised = [link.get("href") for link in page.cssselect("link[rel=alternate]")]
    assert f"{SITEURL}/feeds/fr.atom.xml" in advertised
    assert "feeds/fr.atom.xml" in read(output / "feeds/index.html")
    english = read(output / "2025/first-mock-interview/index.html")
    assert "feeds/fr.atom.xml" not in english


def test_a_french_entrys_over_to_you_is_marked_as_the_sites_words(site):
    # The page marks "Over to you:" as English; the feed's entry did not,
    # inside an entry a reader reads as French.
    root = ElementTree.parse(site / "feeds/all.atom.xml").getroot()
    [french] = [
        entry
        for entry in root.iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == "Premiers pas vers le produit"
    ]
    content = french.findtext(f"{ATOM}content")
    assert '<strong lang="en">Over to you:</strong> Qui pourriez-vous' in content
    english = read(site / "feeds/all.atom.xml").split("Premiers pas")[0]
    assert '<strong lang="en">' not in english  # an English entry: nothing


ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_entries(path: Path) -> list[tuple[str, str | None]]:
    """Each entry's title and ``xml:lang``, in the feed's order."""
    root = ElementTree.parse(path).getroot()
    return [
        (entry.findtext(f"{ATOM}title"), entry.get(XML_LANG))
        for entry in root.iter(f"{ATOM}entry")
    ]
