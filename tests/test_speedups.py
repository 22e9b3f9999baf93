"""Every speed-up keeps the output byte-identical.

The sample site is built with the published settings (so feeds and comment
feeds are on) with every optimisation, and again with each one turned off;
every file must match. The fast paths are also held to the libraries they
stand in for, on generated input.
"""

from __future__ import annotations

import copy
import filecmp
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date
from sitebuild import build_site, copy_content, read

import comments.sanitize
import feeds.writer
import reflections
import reflections.cachedwrites
import reflections.parallel
from comments.sanitize import simple_paragraphs_html
from reflections.fastpaths import is_plain_paragraph, parse_date, plain_paragraphs_html
from reflections.reader import ReflectionsMarkdownReader
from reflections.streamed import write_streamed

SITE = "https://example.org/blog"

OPTIMISATIONS = {
    "one Markdown instance": (ReflectionsMarkdownReader, "reuse_markdown"),
    "ISO dates without dateutil": (ReflectionsMarkdownReader, "fast_dates"),
    "plain Summary fields without Markdown": (
        ReflectionsMarkdownReader,
        "plain_fields",
    ),
    "URLs worked out once": (reflections, "FREEZE_URLS"),
    "tag, category and author lists with fast membership": (
        reflections,
        "INDEX_TAXONOMIES",
    ),
    "feed entries written once": (feeds.writer.FeedWriter, "reuse_entries"),
    "the reflection index written as it is rendered": (
        feeds.writer.FeedWriter,
        "stream_large_pages",
    ),
    "plain comments without Markdown": (
        comments.sanitize.CommentRenderer,
        "plain_fast_path",
    ),
}


def differences(first: Path, second: Path) -> list[str]:
    found = []
    stack = [filecmp.dircmp(first, second)]
    while stack:
        comparison = stack.pop()
        found += comparison.left_only + comparison.right_only
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found += [str(Path(comparison.left, name)) for name in mismatch + errors]
        stack += comparison.subdirs.values()
    return found


def publish(output: Path, content: Path | None = None, **overrides) -> Path:
    extra = {"content": content} if content else {}
    return build_site(output, conf="publishconf.py", SITEURL=SITE, **extra, **overrides)


@pytest.fixture(scope="module")
def optimised(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("optimised") / "output")


@pytest.mark.parametrize("name", OPTIMISATIONS)
def test_each_optimisation_changes_no_byte_of_the_output(
    optimised, tmp_path, monkeypatch, name
):
    owner, attribute = OPTIMISATIONS[name]
    monkeypatch.setattr(owner, attribute, False)
    plain = publish(tmp_path / "output")
    assert differences(optimised, plain) == []


def test_a_streamed_page_with_relative_urls_changes_no_byte(tmp_path, monkeypatch):
    written = []

    def spy(writer, name, *args, **kwargs):
        written.append(name)
        return write_streamed(writer, name, *args, **kwargs)

    monkeypatch.setattr(reflections.cachedwrites, "write_streamed", spy)
    streamed = build_site(tmp_path / "streamed", RELATIVE_URLS=True)
    assert written == ["reflections/index.html"]
    monkeypatch.setattr(feeds.writer.FeedWriter, "stream_large_pages", False)
    rendered = build_site(tmp_path / "rendered", RELATIVE_URLS=True)
    assert differences(streamed, rendered) == []
    assert 'href="../' in read(streamed / "reflections" / "index.html")


def test_converting_posts_in_worker_processes_changes_no_byte(tmp_path, monkeypatch):
    monkeypatch.setattr(reflections.parallel, "MINIMUM_POSTS", 0)
    monkeypatch.setattr(reflections.parallel, "BATCH_SIZE", 2)
    one = publish(tmp_path / "one", REFLECTIONS_READ_WORKERS=1)
    several = publish(tmp_path / "several", REFLECTIONS_READ_WORKERS=3)
    assert differences(one, several) == []


def test_rendering_article_pages_in_worker_processes_changes_no_byte(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(feeds.writer.FeedWriter, "MINIMUM_PAGES", 1)
    several = publish(tmp_path / "several", REFLECTIONS_READ_WORKERS=3)
    monkeypatch.setattr(feeds.writer.FeedWriter, "render_articles_in_workers", False)
    one = publish(tmp_path / "one")
    assert differences(one, several) == []
    assert len(list((several / "2026").glob("*/index.html"))) == 6


def test_a_cached_rebuild_after_an_edit_matches_a_cold_build(tmp_path):
    content = copy_content(tmp_path / "content")
    cache = {"CACHE_PATH": str(tmp_path / "cache"), "LOAD_CONTENT_CACHE": True}
    publish(tmp_path / "first", content, **cache)
    post = content / "posts" / "2026-04-26-teacher-to-ux-research.md"
    post.write_text(read(post).replace("\n\n", "\n\nAn edited opening.\n\n", 1))
    comment = content / "comments" / "two-levels-up" / "2025-09-15-tom.md"
    comment.write_text(read(comment) + "\nA second thought.\n")
    rebuilt = publish(tmp_path / "rebuilt", content, **cache)
    cold = publish(tmp_path / "cold", content, CACHE_PATH=str(tmp_path / "empty"))
    assert "An edited opening." in read(
        rebuilt / "2026" / "teacher-to-ux-research" / "index.html"
    )
    assert "A second thought." in read(
        rebuilt / "2025" / "two-levels-up" / "index.html"
    )
    assert differences(cold, rebuilt) == []


def test_a_cached_rebuild_after_a_vocabulary_edit_renames_cached_anchors(tmp_path):
    # Callouts get their lesson's anchor when the post is converted; a post
    # from the content cache keeps the old one until the resolve stage
    # renames it.
    content = copy_content(tmp_path / "content")
    cache = {"CACHE_PATH": str(tmp_path / "cache"), "LOAD_CONTENT_CACHE": True}
    publish(tmp_path / "first", content, **cache)
    vocabulary = content / "lessons.yml"
    vocabulary.write_text(
        read(vocabulary).replace(
            "\nprepare-targeted-questions:\n", "\ntargeted-questions:\n"
        ),
        encoding="utf-8",
    )
    rebuilt = publish(tmp_path / "rebuilt", content, **cache)
    cold = publish(tmp_path / "cold", content, CACHE_PATH=str(tmp_path / "empty"))
    post = read(rebuilt / "2025" / "two-levels-up" / "index.html")
    assert 'id="lesson-targeted-questions"' in post
    assert differences(cold, rebuilt) == []


# The site's Markdown as it renders a Summary or a comment body: without the
# meta extension (Pelican removes it first; comments split their header off).
SITE_MARKDOWN = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])
SITE_MARKDOWN["extension_configs"].pop("markdown.extensions.meta", None)
SITE_MARKDOWN["extensions"] = [*SITE_MARKDOWN["extension_configs"]]
MARKDOWN = Markdown(**SITE_MARKDOWN)
# Mostly the characters of ordinary sentences, so that many examples take
# the fast path, with some of everything else so that some do not.
WORDS = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcdefghij KLMN éñü 0123456789 .,;:'\"?!()-/%$“”’…"),
        st.characters(codec="utf-8", exclude_characters="\r"),
    ),
    max_size=60,
)
LINES = st.lists(WORDS, min_size=1, max_size=4).map("\n".join)


def markdown(text: str) -> str:
    MARKDOWN.reset()
    return MARKDOWN.convert(text)


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_a_plain_paragraph_renders_exactly_as_markdown_renders_it(text):
    if is_plain_paragraph(text):
        assert markdown(text) == f"<p>{text}</p>"


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=3).map("\n\n".join))
def test_plain_paragraphs_render_exactly_as_markdown_renders_them(text):
    html = plain_paragraphs_html(text)
    if html is not None:
        assert html == markdown(text)


# Words, some of them emphasised or linked, some of them odd.
PLAIN_WORD = st.text(alphabet="abcXYZé09", min_size=1, max_size=6).map("w{}".format)
PLAIN_WORDS = st.lists(PLAIN_WORD, min_size=1, max_size=3).map(" ".join)
WEB_ADDRESS = st.sampled_from(
    ["https://example.org", "http://a.b/c-d/e.html", "https://x.org/", "ftp://x"]
)
EMPHASIS_OR_LINK = st.one_of(
    PLAIN_WORDS.map("*{}*".format),
    st.tuples(PLAIN_WORDS, WEB_ADDRESS).map(lambda pair: "[{}]({})".format(*pair)),
)
COMMENT_WORDS = st.one_of(
    PLAIN_WORD,
    EMPHASIS_OR_LINK,
    # Glued to its neighbours, or among odd characters.
    st.tuples(EMPHASIS_OR_LINK, PLAIN_WORD).map("".join),
    st.tuples(PLAIN_WORD, EMPHASIS_OR_LINK).map("".join),
    st.one_of(
        st.sampled_from(["*", "[", "](", ")", "**", "_", ".", ",", "(", " ", "'"]),
        WORDS,
    ),
)
COMMENT_LINES = st.lists(COMMENT_WORDS, min_size=1, max_size=5).map(" ".join)
COMMENT_TEXT = st.lists(
    st.lists(COMMENT_LINES, min_size=1, max_size=2).map("\n".join),
    min_size=1,
    max_size=2,
).map("\n\n".join)
COMMENT_MARKDOWN = Markdown(output_format="html5")


@settings(max_examples=600, deadline=None)
@given(COMMENT_TEXT)
def test_comments_with_emphasis_and_links_render_exactly_as_markdown_does(text):
    html = simple_paragraphs_html(text)
    if html is not None:
        COMMENT_MARKDOWN.reset()
        assert html == COMMENT_MARKDOWN.convert(text)


def test_the_fast_paths_do_take_ordinary_sentences():
    assert is_plain_paragraph("Marisol spent eleven years at a logistics company.")
    assert plain_paragraphs_html("One paragraph.\n\nAnother one.") is not None
    assert not is_plain_paragraph("A *starred* word")
    assert not is_plain_paragraph("1986. A great year")
    assert simple_paragraphs_html(
        "A *starred* word and [a link](https://example.org/a).\n\n*Two*."
    ) == (
        '<p>A <em>starred</em> word and <a href="https://example.org/a">a link</a>.'
        "</p>\n<p><em>Two</em>.</p>"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=__import__("datetime").datetime(1900, 1, 1)),
    st.sampled_from(["%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]),
)
def test_iso_dates_parse_exactly_as_pelican_parses_them(moment, pattern):
    text = moment.strftime(pattern)
    assert parse_date(text) == get_date(text)
    assert type(parse_date(text)) is type(get_date(text))


def test_dates_that_are_not_plain_iso_still_go_to_dateutil():
    assert parse_date("March 14, 2026") == get_date("March 14, 2026")
    with pytest.raises(ValueError):
        parse_date("2026-02-30")
