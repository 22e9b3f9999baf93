"""fastbuild's inline step: Python-Markdown skips a pattern only on text it
could not match, so every post converts to the same HTML, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from pelican.settings import read_settings

from fastbuild import inlinegate, skip_inline_patterns

ROOT = Path(__file__).resolve().parent.parent
SITE_MARKDOWN = read_settings(str(ROOT / "publishconf.py"))["MARKDOWN"]

# Characters Markdown's inline syntax is made of, and some text around them.
MARKS = [
    *"`\\[]()!<>&;#@:/*_ \n\"'=?-.x1",
    "  \n",
    "://",
    "![",
    "&amp;",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "http",
    "a@b.c",
    "[^1]",
]


def site_markdown() -> Markdown:
    return Markdown(**SITE_MARKDOWN)


def converted(texts: list[str], gate: bool) -> list[str]:
    markdown = site_markdown()
    found = InlineProcessor._InlineProcessor__handleInline
    InlineProcessor._InlineProcessor__handleInline = (
        inlinegate._handle_inline if gate else inlinegate._markdowns
    )
    try:
        out = []
        for text in texts:
            markdown.reset()
            out.append(markdown.convert(text))
        return out
    finally:
        InlineProcessor._InlineProcessor__handleInline = found


@pytest.mark.parametrize(
    ("key", "needs"), list(inlinegate.NEEDED.items()), ids=lambda v: str(v)[:40]
)
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(MARKS), max_size=30).map("".join))
def test_a_pattern_never_matches_text_without_what_it_needs(key, needs, text):
    _, expression = key
    if not any(needed in text for needed in needs):
        assert re.compile(expression, re.DOTALL | re.UNICODE).search(text) is None


def test_every_inline_pattern_of_the_sites_markdown_is_known():
    """A Python-Markdown that changed an expression would have it tried
    every time (the same HTML, slower): this says so."""
    inline = site_markdown().treeprocessors["inline"]
    unknown = [
        type(pattern).__name__
        for pattern in inline.inlinePatterns
        if inlinegate.needed(pattern) is None
    ]
    assert unknown == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*MARKS, "word ", "\n\n", "# ", "- ", "> "])).map(
            "".join
        ),
        min_size=1,
        max_size=4,
    )
)
def test_generated_documents_convert_the_same_with_the_gate(texts):
    assert converted(texts, gate=True) == converted(texts, gate=False)


def test_the_sample_posts_and_every_kind_of_inline_markup_convert_the_same():
    texts = [
        path.read_text(encoding="utf-8") for path in (ROOT / "content").rglob("*.md")
    ]
    texts += [
        "Code `x` and \\*escaped\\*, [a link](https://e.org) and ![an image](i.png).",
        "[ref][1] and [short] and ![img][1]\n\n[1]: https://e.org\n[short]: /s",
        "<https://e.org/a> and <me@e.org>, a break  \nthen <b>html</b> &amp; &#35;.",
        "*em* _em_ **strong** __strong__ ***both*** a * b _c",
        "Footnote[^1] and <!-- a comment -->.\n\n[^1]: The note, with `code`.",
        "| a | b |\n|---|---|\n| *x* | [y](z) |\n",
        "Nothing to match at all, only words and a full stop.",
    ]
    assert len(texts) > 10
    assert converted(texts, gate=True) == converted(texts, gate=False)


def test_a_build_skips_only_with_the_switch_and_the_tested_markdown():
    assert inlinegate.applies({})
    assert not inlinegate.applies({"FASTBUILD_SKIP_INLINE_PATTERNS": False})
    assert not inlinegate.applies({}, markdown_version="3.12.0")


def test_the_build_puts_pythons_markdown_loop_back_at_its_end():
    """At ``finalized``; and a build without fastbuild puts it back as it
    starts, in case a build before it failed and never ended."""
    build = SimpleNamespace(settings={})
    own = inlinegate._markdowns
    inlinegate.start(build)
    try:
        assert (
            InlineProcessor._InlineProcessor__handleInline is inlinegate._handle_inline
        )
    finally:
        inlinegate.stop()
    assert InlineProcessor._InlineProcessor__handleInline is own
    inlinegate.start(build)  # a build that fails here never stops
    skip_inline_patterns(SimpleNamespace(settings={"PLUGINS": ["comments"]}))
    assert InlineProcessor._InlineProcessor__handleInline is own
    skip_inline_patterns(SimpleNamespace(settings={"PLUGINS": ["fastbuild"]}))
    assert InlineProcessor._InlineProcessor__handleInline is inlinegate._handle_inline
    inlinegate.stop()
