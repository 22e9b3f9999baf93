"""The site's cheaper `toc` and `smarty` write what Python-Markdown's own
write, byte for byte: every heading keeps its id (anchors people share),
a `[TOC]` line still becomes the same list, and the curly quotes are the
same; only work whose result no page shows is skipped. One default
differs on purpose: a heading in a script without Latin letters gets an
id in its own letters (`heading_slug`), so the comparisons give upstream
the same `slugify`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from sitekit.toc import heading_slug, holds_marker

SITE_EXTENSIONS = [
    "markdown.extensions.codehilite",
    "markdown.extensions.extra",
    "markdown.extensions.meta",
]
TOC = {"title": "Contents", "toc_depth": "2-3"}


def converted(text: str, toc: str) -> tuple[str, str]:
    config = TOC if toc == "sitekit.toc" else {**TOC, "slugify": heading_slug}
    markdown = Markdown(
        extensions=[*SITE_EXTENSIONS, toc],
        extension_configs={toc: config},
        output_format="html5",
    )
    return markdown.convert(text), markdown.toc


DOCUMENTS = {
    "no marker": "# Top\n\n## A part\n\nText.\n\n## A part\n\n### Deeper\n",
    "marker": "Intro.\n\n[TOC]\n\n## One\n\n## Two\n\n### Two and a half\n",
    "marker in a list item": "- [TOC]\n\n## One\n",
    "marker in code only": "    [TOC]\n\n## One\n\n```\n[TOC]\n```\n",
    "marker in a heading": "## [TOC]\n\n## Two\n",
    "marker with other text": "See [TOC] below.\n\n## One\n",
    "ids given and taken": "## Given {: #one }\n\n## One\n\n## One\n",
    "footnote in a heading": "## Why[^1]\n\n[^1]: Because.\n",
    "entities and markup": "## Tom &amp; *Jerry* `code`\n\n## <b>Raw</b> HTML\n",
    "a toc label": '## Long title {: data-toc-label="Short" }\n\n[TOC]\n',
}


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_toc_writes_what_pythons_markdown_writes(text):
    html, listed = converted(text, "sitekit.toc")
    stock_html, stock_listed = converted(text, "markdown.extensions.toc")
    assert html == stock_html
    if 'class="toc"' in stock_html:  # a list shown: the same list
        assert listed == stock_listed


def test_a_post_without_a_marker_gets_ids_but_no_list():
    html, listed = converted(DOCUMENTS["no marker"], "sitekit.toc")
    assert 'id="a-part"' in html and 'id="a-part_1"' in html
    assert 'class="toc"' not in html and listed == ""


def test_a_heading_without_latin_letters_gets_an_id_in_its_own_letters():
    text = "## 日本語の見出し\n\n## Что дальше?\n\n## Τι μάθαμε\n\n## Café au lait\n"
    html, _ = converted(text, "sitekit.toc")
    # Distinct ids that say what the heading is, not `_1`, `_2`, `_3`...
    assert 'id="日本語の見出し"' in html
    assert 'id="что-дальше"' in html
    assert 'id="τι-μάθαμε"' in html
    # ...while a heading upstream gives an ASCII id keeps it (shared links).
    assert 'id="cafe-au-lait"' in html


def test_a_slugify_given_in_the_settings_wins():
    markdown = Markdown(
        extensions=["sitekit.toc"],
        extension_configs={"sitekit.toc": {"slugify": lambda value, sep: "given"}},
    )
    assert 'id="given"' in markdown.convert("## Что дальше?")


def test_the_marker_is_found_only_as_an_element_of_its_own():
    markdown = Markdown()
    root = markdown.parser.parseDocument(["Text [TOC] here.", "", "[TOC]"]).getroot()
    assert holds_marker(root, "[TOC]")
    root = markdown.parser.parseDocument(["Text [TOC] here."]).getroot()
    assert not holds_marker(root, "[TOC]")


LINE = st.one_of(
    st.builds(
        lambda level, words: "#" * level + " " + words,
        st.integers(1, 4),
        st.text(alphabet="ab &*`'\"-_<>[]{}#:éжω日", min_size=1, max_size=12),
    ),
    st.sampled_from(["[TOC]", "Some text.", "- [TOC]", "> [TOC]", "    [TOC]", ""]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=8))
def test_any_document_converts_as_with_pythons_toc(lines):
    text = "\n\n".join(lines) + "\n"
    html, _ = converted(text, "sitekit.toc")
    assert html == converted(text, "markdown.extensions.toc")[0]


def smartened(text: str, smarty: str, **config) -> str:
    markdown = Markdown(
        extensions=[*SITE_EXTENSIONS, "sitekit.toc", smarty],
        extension_configs={"sitekit.toc": TOC, smarty: config},
        output_format="html5",
    )
    return markdown.convert(text)


CURLY = {
    "substitutions": {"left-single-quote": "‘", "right-single-quote": "’"},
}
PROSE = {
    "quotes": "She said \"write it down\" -- and it's the '90s... <<yes>>",
    "quotes in markup": '*"Emphasis"* and [a \'link\'](https://e.org "title").',
    "code left alone": "`\"code\"` and\n\n    'indented' -- code\n",
    "raw html": '<span title="a">"Quoted" -- in HTML</span>\n\n<div>\n"block"\n</div>',
    "nothing to curl": "Plain words, a list:\n\n- one\n- two.\n\n## A heading\n",
    "escaped": 'A \\"literal\\" quote and \\-- dashes.',
    "table": '| a | b |\n|---|---|\n| "x" | y -- z |\n',
}


@pytest.mark.parametrize("text", PROSE.values(), ids=PROSE.keys())
@pytest.mark.parametrize(
    "config",
    [
        {},
        CURLY,
        {"smart_angled_quotes": True, "smart_dashes": False},
        # Nothing to look for: the pass is skipped for every document.
        {"smart_quotes": False, "smart_dashes": False, "smart_ellipses": False},
    ],
)
def test_smarty_writes_what_pythons_markdown_writes(text, config):
    stock = smartened(text, "markdown.extensions.smarty", **config)
    assert smartened(text, "sitekit.smarty", **config) == stock


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab '\"-.<>*`_[]()#\n\\&;é0123456789s", max_size=60),
    st.booleans(),
)
def test_any_text_is_curled_as_with_pythons_smarty(text, angled):
    config = {"smart_angled_quotes": angled}
    stock = smartened(text, "markdown.extensions.smarty", **config)
    assert smartened(text, "sitekit.smarty", **config) == stock
