"""fastbuild's kept Python-Markdown reads each post as a new one would.

Each reader keeps one Markdown object and resets it between posts; what
one post leaves behind (its footnotes, its table of contents, its
abbreviations, its link definitions, its callouts, its private blocks, its
Summary) must never show in the next. Every post of a sequence is compared
with the same post read by a reader that has read nothing before.
"""

from __future__ import annotations

import inspect
import logging
import shutil
import sys
from pathlib import Path

import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from outputs import differences
from pelican.readers import MarkdownReader
from sitebuild import build_site, copy_content, site_settings

from fastbuild.markdownreuse import KeptMarkdown, _keeping
from reflections.parse.reader import ReflectionsMarkdownReader

#: Each test reads its builds' log (conftest's every_message_logged).
pytestmark = pytest.mark.usefixtures("every_message_logged")

POSTS = {
    "footnotes.md": (
        "Title: With footnotes\nDate: 2026-01-01\n\n"
        "A claim[^1] and another[^long].\n\n"
        "[^1]: The first note.\n[^long]: The second, longer note.\n"
    ),
    "summary.md": (
        "Title: With a summary\nDate: 2026-01-09\n"
        "Summary: A summary with its own note[^s] and [ref].\n\n"
        "The body[^1].\n\n[^1]: The body's note.\n[^s]: Noted in the summary.\n"
    ),
    "plain.md": (
        "Title: Plain\nDate: 2026-01-02\n\n"
        "A claim[^1] with no note of its own, [a link][ref] and HTML.\n"
    ),
    "toc.md": (
        "Title: With contents\nDate: 2026-01-03\n\n[TOC]\n\n"
        "## First part\n\nText.\n\n### A detail\n\nMore.\n\n## Second part\n\nEnd.\n"
    ),
    "headings.md": (
        "Title: Headings, no contents\nDate: 2026-01-04\n\n"
        "## First part\n\nThe same heading, another post.\n\n## First part\n\nAgain.\n"
    ),
    "abbreviations.md": (
        "Title: Abbreviations\nDate: 2026-01-05\n\n"
        "The OKR was set.\n\n*[OKR]: Objectives and key results\n\n"
        "[ref]: https://example.org/defined-here\n"
    ),
    "callouts.md": (
        "Title: Callouts\nDate: 2026-01-06\nLessons: Ask for the next step\n\n"
        "> [!lesson] Ask two levels up\n> Because it worked.\n\nA paragraph.\n\n"
        "> [!asked] Who else should I talk to?\n\n"
        "```\n> [!lesson] not a callout, code\n```\n"
    ),
    "private.md": (
        "Title: Private\nDate: 2026-01-07\n\nPublic text.\n\n"
        "> [!private]\n> only mine\n\nMore public text.\n"
    ),
    "metadata.md": (
        "Title: Metadata only\nDate: 2026-01-08\nCategory: Mentor chats\n"
        "Tags: one, two\n\nThe OKR and [ref] are not defined here.\n"
    ),
}


@pytest.fixture
def posts(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "content"
    folder.mkdir()
    paths = []
    for name, text in POSTS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_alone(reader_class: type, settings: dict, path: Path):
    """The post read by a reader that has read nothing before."""
    return reader_class(settings).read(str(path))


@pytest.mark.parametrize("order", ["forwards", "backwards"])
def test_each_post_reads_as_if_it_were_the_first(posts, order):
    settings = site_settings(posts[0].parent)
    kept = _keeping(ReflectionsMarkdownReader)(settings)
    sequence = posts if order == "forwards" else posts[::-1]
    for path in [*sequence, *sequence]:  # every post after every other
        assert kept.read(str(path)) == read_alone(
            ReflectionsMarkdownReader, settings, path
        ), path.name
    assert kept.kept_markdown not in (None, False)  # it was kept, and reused


@pytest.mark.parametrize("room", [200, 225, 250, 275])
def test_a_post_that_fails_to_convert_leaves_nothing_for_the_next(posts, room):
    # A list nested deeper than Python's stack allows (``room`` frames more
    # than the test's) stops Markdown half way, with open blocks left on its
    # parser's stack, which reset() does not clear: the next post must not
    # be read with that Markdown (its paragraphs would lose their <p>).
    deep = posts[0].parent / "deep.md"
    deep.write_text(
        "Title: Deep\nDate: 2026-01-10\n\n"
        + "".join("    " * depth + "- item\n" for depth in range(150)),
        encoding="utf-8",
    )
    paragraphs = posts[0].parent / "paragraphs.md"
    paragraphs.write_text(
        "Title: Two paragraphs\nDate: 2026-01-11\n\nFirst.\n\nSecond.\n",
        encoding="utf-8",
    )
    settings = site_settings(posts[0].parent)
    kept = _keeping(ReflectionsMarkdownReader)(settings)
    kept.read(str(paragraphs))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + room)
    try:
        with pytest.raises(RecursionError):
            kept.read(str(deep))
    finally:
        sys.setrecursionlimit(limit)
    after = kept.read(str(paragraphs))
    assert after == read_alone(ReflectionsMarkdownReader, settings, paragraphs)
    assert after[0] == "<p>First.</p>\n<p>Second.</p>"
    assert not kept.kept_markdown.parser.state  # nothing left open


def test_the_kept_markdown_is_the_one_every_post_is_read_with(posts):
    settings = site_settings(posts[0].parent)
    kept = _keeping(ReflectionsMarkdownReader)(settings)
    kept.read(str(posts[0]))
    first = kept.kept_markdown
    for path in posts[1:]:
        kept.read(str(path))
        assert kept.kept_markdown is first


def test_pelicans_own_reader_keeps_its_markdown_too(posts):
    settings = site_settings(posts[0].parent)
    reader_class = _keeping(MarkdownReader)
    assert reader_class.__mro__[1:3] == (KeptMarkdown, MarkdownReader)
    kept = reader_class(settings)
    for path in [*posts, *posts[::-1]]:
        assert kept.read(str(path)) == read_alone(MarkdownReader, settings, path)
    assert kept.kept_markdown not in (None, False)


class _Counting(Preprocessor):
    """Keeps a count across documents that no reset() clears."""

    seen = 0

    def run(self, lines):
        self.seen += 1
        return [*lines, "", f"Document {self.seen}."]


class _CountingExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Counting(md), "counting", 5)


def test_a_markdown_with_an_extension_it_does_not_know_is_made_for_every_post(
    posts,
):
    settings = site_settings(posts[0].parent)
    markdown = dict(settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), _CountingExtension()]
    settings["MARKDOWN"] = markdown
    kept = _keeping(MarkdownReader)(settings)
    contents = [kept.read(str(path))[0] for path in posts[:3]]
    assert kept.kept_markdown is False
    assert all("<p>Document 1.</p>" in content for content in contents)
    assert not any("Document 2" in content for content in contents)


def test_footnotes_numbered_per_reset_are_not_kept(posts):
    settings = site_settings(posts[0].parent)
    markdown = dict(settings["MARKDOWN"])
    markdown["extension_configs"] = {
        **markdown["extension_configs"],
        "markdown.extensions.footnotes": {"UNIQUE_IDS": True},
    }
    settings["MARKDOWN"] = markdown
    kept = _keeping(MarkdownReader)(settings)
    for path in [posts[0], posts[0]]:
        assert kept.read(str(path)) == read_alone(MarkdownReader, settings, path)
    assert kept.kept_markdown is False


@pytest.mark.parametrize("workers", [1, 2])
def test_a_site_of_posts_that_leave_state_is_the_same_without_the_kept_markdown(
    tmp_path, workers, caplog
):
    """In this process (one worker) and in prefetch's workers alike: only
    these posts, each twice, so that whatever order the files are read in,
    a post that leaves state is followed by one it would show in."""
    caplog.set_level(logging.INFO, logger="fastbuild")
    content = copy_content(tmp_path / "content")
    shutil.rmtree(content / "posts")
    shutil.rmtree(content / "comments")
    (content / "posts").mkdir()
    for copy in ("a", "b"):
        for number, (name, text) in enumerate(POSTS.items()):
            (content / "posts" / f"{copy}-{name}").write_text(
                text.replace("Title: ", f"Slug: {copy}-{number}\nTitle: "),
                encoding="utf-8",
            )
    fast = build_site(
        tmp_path / "fast",
        content=content,
        FASTBUILD_WORKERS=workers,
        FASTBUILD_MIN_POSTS=1,
    )
    if workers == 2:
        assert "posts read ahead by 2 workers" in caplog.text
    plain = build_site(
        tmp_path / "plain",
        content=content,
        FASTBUILD_WORKERS=1,
        FASTBUILD_REUSE_MARKDOWN=False,
    )
    assert differences(plain, fast) == []
