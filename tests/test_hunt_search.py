"""Search and the reflection index, with content a writer could plausibly
write: odd category names, drafts and hidden posts with lessons of their
own, a lesson named many times in one post, bodies that are only a table
or code, a page naming lessons, and private or local-only text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from sitebuild import build_site, copy_content, read
from test_search import every_index_file, fragments

DRAFT_ONLY_LESSON = "Only a draft names this"
HIDDEN_CATEGORY = "Hiddenkind"
DRAFT_CATEGORY = "Draftkind"
EXTRA_LESSONS = f"""
say-no-and-mean-it:
  title: 'Say "no" & mean it'
  theme: Mindset
  description: A title with quotes and an ampersand.
only-a-draft-names-this:
  title: {DRAFT_ONLY_LESSON}
  theme: Mindset
  description: Named by a draft and a hidden post only.
"""
POSTS = {
    # Categories whose text is not what was typed: collapsed spaces, a
    # character reference, markup. The search filters on the text.
    "2026-12-01-spaced.md": """Title: Spaced
Date: 2026-12-01 10:00
Category: Coffee  chats
Lessons: Learn adjacent functions

A chat over coffee.
""",
    "2026-12-02-marked.md": """Title: Marked
Date: 2026-12-02 10:00
Category: Q&amp;A <em>sessions</em>
Lessons: Learn adjacent functions; Say "no" & mean it

Questions and answers.
""",
    "2026-12-03-many-times.md": """Title: One lesson, many times
Date: 2026-12-03 10:00
Category: Mentoring
Lessons: Say "no" & mean it; say "no" & mean it

First.

> [!lesson] Say "no" & mean it
> Once.

> [!lesson] Say "no" & mean it
> Twice.
""",
    "2026-12-03-table.md": """Title: Antidisestablishmentarianismwithoutanyspaces
Date: 2026-12-03 10:00
Category: Mentoring

| Offer | Salary |
|---|---|
| tabletextsentinel | 90k |
""",
    "2026-12-04-code.md": """Title: Code only
Date: 2026-12-04 10:00
Category: Mentoring

    codetextsentinel = 1
""",
    # Bodies without a word: all private, or only a photo. Still posts
    # with lessons and a kind, listed everywhere, so found by their filters.
    "2026-12-04-all-private.md": """Title: Notes kept to myself
Date: 2026-12-04 11:00
Category: Wordless
Lessons: Learn adjacent functions

> [!private]
> Every word of this one is mine.
""",
    "2026-12-04-photo.md": """Title: A photo of the whiteboard
Date: 2026-12-04 12:00
Category: Wordless
Lessons: Learn adjacent functions

![](data:,)
""",
    "2026-12-05-draft.md": f"""Title: Draft with its own lesson
Date: 2026-12-05 10:00
Status: draft
Category: {DRAFT_CATEGORY}
Lessons: {DRAFT_ONLY_LESSON}; Learn adjacent functions

Draft words.
""",
    "2026-12-06-hidden.md": f"""Title: Hidden with its own lesson
Date: 2026-12-06 10:00
Status: hidden
Category: {HIDDEN_CATEGORY}
Lessons: {DRAFT_ONLY_LESSON}; Learn adjacent functions

Hidden words.
""",
}
PAGE_WITH_LESSONS = """Title: A page naming lessons
Lessons: Learn adjacent functions

pagetextsentinel

> [!lesson] Learn adjacent functions
> On a page.
"""


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("odd")
    content = copy_content(root / "content")
    with (content / "lessons.yml").open("a", encoding="utf-8") as lessons:
        lessons.write(EXTRA_LESSONS)
    for name, text in POSTS.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    (content / "pages" / "naming.md").write_text(PAGE_WITH_LESSONS, encoding="utf-8")
    return build_site(root / "output", content=content)


def menus(site: Path) -> dict[str, dict[str, str]]:
    """Each menu of the search page: option value -> its label."""
    tree = lxml.html.fromstring(read(site / "search" / "index.html"))
    return {
        select.get("name"): {
            option.get("value"): option.text_content()
            for option in select.cssselect("option")
            if option.get("value")
        }
        for select in tree.cssselect("select")
    }


def indexed_filters(site: Path) -> list[dict[str, list[str]]]:
    return [page["filters"] for page in fragments(site)]


def test_every_search_link_of_the_reflection_index_selects_what_it_counts(odd_site):
    """A count in "by kind of conversation" links to the search page with
    its kind and theme: each value must be a value of that menu (else the
    page quietly drops it and lists every kind), and the posts Pagefind
    keeps for both must be as many as the cell says."""
    tree = lxml.html.fromstring(read(odd_site / "reflections" / "index.html"))
    links = [a for a in tree.cssselect("td a") if "?" in a.get("href")]
    assert len(links) > 10
    options = menus(odd_site)
    indexed = indexed_filters(odd_site)
    for link in links:
        query = parse_qs(urlsplit(link.get("href")).query)
        for name, (value,) in query.items():
            assert value in options[name], (name, value)
        kept = [
            page
            for page in indexed
            if all(value in page.get(name, ()) for name, (value,) in query.items())
        ]
        assert len(kept) == int(link.text_content()), link.get("href")


def test_a_kind_of_conversation_is_filtered_on_the_text_its_pages_show(odd_site):
    kinds = menus(odd_site)["category"]
    assert kinds["Coffee chats"] == "Coffee chats (1)"
    assert kinds["Q&A sessions"] == "Q&A sessions (1)"


def test_drafts_and_hidden_posts_reach_no_menu_filter_or_index_entry(odd_site):
    options = menus(odd_site)
    assert DRAFT_ONLY_LESSON not in options["lesson"]
    assert not {DRAFT_CATEGORY, HIDDEN_CATEGORY} & set(options["category"])
    data = json.loads(read(odd_site / "reflections.json"))
    assert DRAFT_ONLY_LESSON not in {lesson["title"] for lesson in data["lessons"]}
    assert not (odd_site / "lessons" / "only-a-draft-names-this").exists()
    words = (DRAFT_ONLY_LESSON, DRAFT_CATEGORY, HIDDEN_CATEGORY, "Draft words")
    for path, data in every_index_file(odd_site).items():
        for word in words:
            assert word.encode() not in data, (path, word)
    for page in ("index.html", "reflections/index.html", "search/index.html"):
        for word in words:
            assert word not in read(odd_site / page), (page, word)


def test_menus_count_posts_not_mentions_and_agree_with_the_index(odd_site):
    """A lesson named in the Lessons line and in two callouts, in two
    cases, is one post; a draft or hidden post naming it is none; the
    menu's count is the number of posts Pagefind keeps for it."""
    data = json.loads(read(odd_site / "reflections.json"))
    options = menus(odd_site)
    per_value = Counter(
        (name, value)
        for filters in indexed_filters(odd_site)
        for name, values in filters.items()
        for value in set(values)
    )
    for lesson in data["lessons"]:
        label = options["lesson"][lesson["title"]]
        assert label == f"{lesson['title']} ({lesson['count']})"
        assert per_value["lesson", lesson["title"]] == lesson["count"]
    counts = {lesson["title"]: lesson["count"] for lesson in data["lessons"]}
    assert counts['Say "no" & mean it'] == 2


def test_every_published_post_is_indexed_whatever_its_body(odd_site):
    """Pagefind leaves out a page with no word to index: a post whose body
    is all private or only a photo would be missing from every search and
    filter, though the menus and the reflection index count it."""
    posts = json.loads(read(odd_site / "reflections.json"))["posts"]
    urls = sorted(page["url"] for page in fragments(odd_site))
    assert urls == sorted(post["url"] for post in posts)
    assert "/2026/notes-kept-to-myself/" in urls


def test_every_menu_count_is_the_number_of_posts_pagefind_keeps(odd_site):
    per_value = Counter(
        (name, value)
        for filters in indexed_filters(odd_site)
        for name, values in filters.items()
        for value in set(values)
    )
    options = menus(odd_site)
    assert options["category"]["Wordless"] == "Wordless (2)"
    for name, values in options.items():
        for value, label in values.items():
            assert label == f"{value} ({per_value[name, value]})", (name, value)


def test_a_post_whose_body_is_only_a_table_or_code_is_found_and_pages_are_not(
    odd_site,
):
    contents = {page["url"]: page["content"] for page in fragments(odd_site)}
    slug = "antidisestablishmentarianismwithoutanyspaces"
    assert "tabletextsentinel" in contents[f"/2026/{slug}/"]
    assert "codetextsentinel" in contents["/2026/code-only/"]
    assert not [url for url, text in contents.items() if "pagetextsentinel" in text]
    assert all(url.startswith(("/2025/", "/2026/")) for url in contents)


PRIVATE_AND_LOCAL_POST = """Title: Coffee with a careful mentor
Date: 2026-12-09 10:00
Category: Mentoring
Lessons: Learn adjacent functions
Who: [!private] whosentinel, who asked not to be named
Follow-up: 2026-12-20 followupsentinel send the article
Introduced-by: introducedsentinel
Next-contact: 2027-01-05

We met near the station; publicwordsentinel.

> [!private]
> privateblocksentinel

> [!lesson] [!private] Learn adjacent functions
> privatecalloutsentinel

> [!asked] [!private] Would askedsentinel help?
> Perhaps.
"""


def test_a_published_index_holds_no_private_or_local_only_word(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2026-12-09-careful.md"
    post.write_text(PRIVATE_AND_LOCAL_POST, encoding="utf-8")
    site = build_site(
        tmp_path / "output",
        conf="publishconf.py",
        content=content,
        SITEURL="https://example.org/blog",
    )
    files = every_index_file(site)
    assert any(b"publicwordsentinel" in data for data in files.values())
    hidden = ("whosentinel", "followupsentinel", "introducedsentinel")
    hidden += ("privateblocksentinel", "privatecalloutsentinel", "askedsentinel")
    for word in hidden:
        assert [p for p, data in files.items() if word.encode() in data] == [], word
