"""Defects in the day's merges (namespellings, the WordPress import's
private code), each with the test that failed before its fix."""

from __future__ import annotations

import pytest
from sitebuild import (
    build_site,
    copy_project,
    linted_and_built,
    passing_build,
)
from test_leftover9 import render_as_a_post

from reflect.wp_markdown import html_to_markdown

# --- 1. Imported private code at the very start of a post ----------------------

#: WordPress posts that open with code holding a private marker: the import
#: writes it as indented code, whose first line lost its indent to the final
#: strip and was published as a paragraph.
OPENING_CODE = {
    "marker after a blank line": "<pre>salary zqopen1\n\n[!private] note</pre>",
    "marker on the next line": "<pre>salary zqopen2\n[!private] note</pre><p>x</p>",
    "a tab-indented first line": "<pre>\tsalary zqopen3\n\n[!private] note</pre>",
    "a pre around code": "<pre><code>zqopen4 = 1\n\n[!private] n</code></pre>",
}


@pytest.mark.parametrize("case", sorted(OPENING_CODE))
def test_private_code_that_opens_an_imported_post_is_hidden_whole(case):
    markdown_text = html_to_markdown(OPENING_CODE[case])
    assert markdown_text.startswith("    "), markdown_text
    assert "zqopen" not in render_as_a_post(markdown_text)


def test_an_imported_post_opening_with_text_is_not_made_code():
    markdown_text = html_to_markdown("<p>  Hello zqtext</p>\n<pre>public</pre>")
    assert markdown_text.startswith("Hello zqtext"), markdown_text


# --- 2. One spelling per tag, category and author page ------------------------


def test_a_name_spelt_two_ways_is_shown_one_way_on_every_page(tmp_path):
    """A category spelt `Zq Mentoring` in an older post and `zq mentoring`
    in a newer one was one page named as the newer spells it (the warning
    keeps the older), and two search filters: each post's own spelling.
    Every page now shows the name as the oldest post spells it, the one the
    warning keeps."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-01-first.md").write_text(
        "Title: First\nDate: 2026-03-01\nCategory: Zq Mentoring\n"
        "Tags: Zq İstanbul\nAuthor: Zq Ann\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    (posts / "2026-03-02-second.md").write_text(
        "Title: Second\nDate: 2026-03-02\nCategory: zq mentoring\n"
        "Tags: zq istanbul\nAuthors: zq ann\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )

    said = passing_build(project / "content", tmp_path / "out")
    warned = [line for line in said.splitlines() if "one way" in line]
    assert len(warned) == 3, warned
    out = tmp_path / "out"
    for page in ("2026/first/index.html", "2026/second/index.html"):
        html = (out / page).read_text("utf-8")
        assert 'data-pagefind-filter="category">Zq Mentoring<' in html, page
        assert "zq mentoring" not in html and "zq istanbul" not in html, page
        assert "zq ann" not in html, page
    category = (out / "category" / "zq-mentoring" / "index.html").read_text("utf-8")
    assert "<title>Zq Mentoring " in category
    tag = (out / "tag" / "zq-istanbul" / "index.html").read_text("utf-8")
    assert "<title>#Zq İstanbul " in tag
    feeds = "".join(path.read_text("utf-8") for path in (out / "feeds").glob("all.*"))
    assert "zq mentoring" not in feeds and "zq istanbul" not in feeds


# --- 3. A name written in two Unicode forms -----------------------------------


def test_a_name_in_two_unicode_forms_is_one_name_without_a_puzzling_warning(
    tmp_path,
):
    """`Café` typed with a composed é in one post and with e and a combining
    accent in another (an editor's or a file system's habit) looked the
    same, yet the warning said "'Café' and 'Café' are one tag": nothing a
    writer could see to fix. Each name is read in its composed form (NFC),
    so the two are one name; given twice in one post, it is said so."""
    composed, decomposed = "Zq Caf\u00e9", "Zq Cafe\u0301"
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-01-first.md").write_text(
        f"Title: First\nDate: 2026-03-01\nCategory: {composed}\n"
        f"Tags: {composed}, Zq Bar\nLessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    (posts / "2026-03-02-second.md").write_text(
        f"Title: Second\nDate: 2026-03-02\nCategory: {decomposed}\n"
        f"Tags: {decomposed}, Zq Bar, zq bar\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )

    linted, said = linted_and_built(project, tmp_path / "out")
    for output in (linted, said):
        warned = [line for line in output.splitlines() if "Zq" in line]
        assert len(warned) == 1 and "'zq bar'" in warned[0], warned
    out = tmp_path / "out"
    for path in [*out.glob("2026/*/index.html"), *out.glob("*/zq-cafe/index.html")]:
        assert decomposed not in path.read_text("utf-8"), path


# --- 4. An attached file another page links by {static} -------------------------


def test_an_attached_file_another_post_links_by_static_is_no_clash(tmp_path):
    """`files/x.txt` attached by the older post and linked by `{static}` in
    the newer one, which Pelican writes first, stays where it lies (Pelican
    says it "cannot relocate" it), and `other/x.txt` alone lands beside the
    older post. The clash check took both for `2026/older/x.txt` and stopped
    the build on a site Pelican writes without a clash."""
    project = copy_project(tmp_path / "site")
    content = project / "content"
    for folder in ("files", "other"):
        (content / folder).mkdir()
        (content / folder / "x.txt").write_text(folder, encoding="utf-8")
    (content / "posts" / "2026-03-01-older.md").write_text(
        "Title: Older\nDate: 2026-03-01\nLessons: Learn adjacent functions\n\n"
        "[x]({attach}/files/x.txt) and [y]({attach}/other/x.txt)\n",
        encoding="utf-8",
    )
    (content / "posts" / "2026-03-02-newer.md").write_text(
        "Title: Newer\nDate: 2026-03-02\nLessons: Learn adjacent functions\n\n"
        "[x]({static}/files/x.txt)\n",
        encoding="utf-8",
    )

    passing_build(content, tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "files" / "x.txt").read_text(encoding="utf-8") == "files"
    assert (out / "2026" / "older" / "x.txt").read_text(encoding="utf-8") == "other"


def test_a_drafts_spelling_names_no_page_a_published_post_names(tmp_path):
    """An older draft spelt `zq mentoring`, a newer published post `Zq
    Mentoring`: the preview named the category as the draft spells it,
    though `make publish`, which leaves drafts out, names it as the post
    does. A draft's spelling counts after every published post's, so the
    preview shows what will be published, and the warning is the draft's."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-01-draft.md").write_text(
        "Title: Draft\nDate: 2026-03-01\nStatus: draft\nCategory: zq mentoring\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    (posts / "2026-03-02-post.md").write_text(
        "Title: Post\nDate: 2026-03-02\nCategory: Zq Mentoring\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )

    linted, said = linted_and_built(project, tmp_path / "out")
    for output in (linted, said):
        (warned,) = [line for line in output.splitlines() if "one way" in line]
        assert "2026-03-01-draft.md:4:" in warned, warned
    category = tmp_path / "out" / "category" / "zq-mentoring" / "index.html"
    assert "<title>Zq Mentoring " in category.read_text("utf-8")


# --- 5. A {static} link to a folder, or through a file, said once ---------------


def test_a_static_link_to_a_folder_or_through_a_file_is_said_once(tmp_path):
    """`{static}/images` (a folder) and `{static}/images/x.png/y.png` (a
    path through a file) name no file either: sourceguard's broken-link
    line said so, and Pelican's stamp warning, made one line, said it again
    ("cannot be read (Is a directory)")."""
    project = copy_project(tmp_path / "site")
    content = project / "content"
    (content / "images" / "zq.png").write_bytes(b"not read")
    (content / "posts" / "2026-03-05-pic.md").write_text(
        "Title: Pic\nDate: 2026-03-05\nLessons: Learn adjacent functions\n\n"
        "![a]({static}/images/zq.png/inside.png)\n\n![b]({static}/images)\n",
        encoding="utf-8",
    )

    said = passing_build(content, tmp_path / "out")
    assert "cannot be read" not in said
    for link in ("{static}/images/zq.png/inside.png", "{static}/images'"):
        (line,) = [line for line in said.splitlines() if link in line]
        assert "2026-03-05-pic.md:" in line and "broken" in line, line


def test_a_rebuild_names_a_page_as_a_cold_build_does_once_a_spelling_goes(
    tmp_path,
):
    """Pelican's generator-level cache keeps each post as it stands when its
    pages are made (``CONTENT_CACHING_LAYER = "generator"``), so a name
    taken from an older post must not stay in the newer post's cache:
    once the older post is gone, the rebuild names the page as the newer
    post spells it, as a cold build does."""
    content = copy_project(tmp_path / "site") / "content"
    older = content / "posts" / "2026-03-01-older.md"
    older.write_text(
        "Title: Older\nDate: 2026-03-01\nCategory: Zq Mentoring\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    (content / "posts" / "2026-03-02-newer.md").write_text(
        "Title: Newer\nDate: 2026-03-02\nCategory: zq mentoring\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    warm, cached = tmp_path / "warm", {"LOAD_CONTENT_CACHE": True}
    build_site(warm, content=content, CONTENT_CACHING_LAYER="generator", **cached)
    older.unlink()
    build_site(warm, content=content, CONTENT_CACHING_LAYER="generator", **cached)
    cold = build_site(tmp_path / "cold", content=content)

    for page in ("2026/newer/index.html", "category/zq-mentoring/index.html"):
        rebuilt = (warm / page).read_text("utf-8")
        assert rebuilt == (cold / page).read_text("utf-8"), page
        assert "zq mentoring" in rebuilt and "Zq Mentoring" not in rebuilt, page
