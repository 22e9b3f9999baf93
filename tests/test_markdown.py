"""Markdown as docs/theme-and-search.md promises it: `[TOC]` makes a table of contents,
quotes and dashes come out curly in posts and comments, and highlighted
code gets a stylesheet for the light and the dark scheme."""

from __future__ import annotations

import re

import lxml.html
import pytest
from pygments.styles import get_style_by_name
from sitebuild import build_site, copy_content, read

from presentation.codestyle import code_stylesheet

POST = """\
Title: Notes with "code" in them
Date: 2026-11-01 09:00
Category: Mentoring
Summary: A post with a table of contents, quotes and a code block.
Question: What's the "one thing" you'd tell your past self?

[TOC]

## First part

She said "write it down" -- and it's the best advice I've had.

```python
def answer(question: str) -> str:
    return "ask two levels up"  # always
```

## Second part

### A detail

Nothing here.
"""

COMMENT = """\
Author: Sam Reader
Date: 2026-11-02 08:00

I'd say "yes" -- and I did.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown")
    content = copy_content(root / "content")
    (content / "posts/2026-11-01-notes-with-code.md").write_text(POST)
    comments = content / "comments/notes-with-code-in-them"
    comments.mkdir()
    (comments / "2026-11-02-sam.md").write_text(COMMENT)
    return build_site(root / "output", content=content)


def post(site):
    return lxml.html.fromstring(read(site / "2026/notes-with-code-in-them/index.html"))


def test_toc_becomes_a_table_of_contents_linking_to_each_heading(built):
    tree = post(built)
    body = tree.cssselect(".post__body")[0]
    assert "[TOC]" not in body.text_content()
    links = body.cssselect(".toc a")
    assert [link.text_content() for link in links] == [
        "First part",
        "Second part",
        "A detail",
    ]
    for link in links:
        assert tree.xpath(f"//*[@id='{link.get('href').lstrip('#')}']")


def test_posts_and_comments_get_curly_quotes_and_dashes(built):
    tree = post(built)
    text = tree.cssselect(".post__body")[0].text_content()
    assert "She said “write it down” – and it’s the best advice I’ve had." in text
    comment = tree.cssselect(".comment__body")[0].text_content()
    assert "I’d say “yes” – and I did." in comment


def texts(page, selector):
    tree = lxml.html.fromstring(read(page))
    return [" ".join(e.text_content().split()) for e in tree.cssselect(selector)]


def test_titles_questions_and_lesson_descriptions_are_curled_like_bodies(built):
    """Wherever a title, a closing question or a lesson's description is
    listed, its quotes are the body's (smarty), never straight."""
    title = "Notes with “code” in them"
    for page in ("index.html", "archives/index.html", "category/mentoring/index.html"):
        assert title in " ".join(texts(built / page, "a")), page
    assert title in texts(built / "2026/notes-with-code-in-them/index.html", "h1")
    question = "What’s the “one thing” you’d tell your past self?"
    assert question in read(built / "2026/notes-with-code-in-them/index.html")
    assert question in " ".join(texts(built / "reflections/index.html", "a"))
    lesson = built / "lessons/prepare-targeted-questions/index.html"
    (description,) = texts(lesson, ".lesson-page__description")
    assert "Read the person’s public profile" in description
    assert "that “What do you do?” never will" in description
    for page in built.rglob("*.html"):
        if "pagefind" not in page.parts:
            assert "preview's" not in read(page), page


def test_code_is_highlighted_and_only_pages_with_code_load_code_css(built):
    tree = post(built)
    assert tree.cssselect(".post__body .highlight pre span.k")
    sheets = tree.xpath("//link[@rel='stylesheet']/@href")
    assert "/theme/css/code.css" in sheets
    other = lxml.html.fromstring(read(built / "2025/two-levels-up/index.html"))
    assert "/theme/css/code.css" not in other.xpath("//link[@rel='stylesheet']/@href")
    assert (built / "theme/css/code.css").read_text() == code_stylesheet(
        "xcode", "monokai"
    )


def test_the_code_stylesheet_has_a_light_and_a_dark_scheme():
    css = code_stylesheet("xcode", "monokai")
    light, dark = re.findall(r"@media ([^{]+)\{", css)
    assert light.strip() == "not screen and (prefers-color-scheme: dark)"
    assert dark.strip() == "screen and (prefers-color-scheme: dark)"
    assert ".highlight pre{background:#ffffff}" in css
    assert ".highlight pre{background:#272822;color:#f8f8f2}" in css
    assert "line-height" not in css  # Pygments' global pre rule is left out


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("style", ["xcode", "monokai"])
def test_every_token_colour_of_the_default_styles_passes_wcag_aa(style):
    found = get_style_by_name(style)
    for token, rule in found:
        if not rule["color"]:
            continue
        background = (
            f"#{rule['bgcolor']}" if rule["bgcolor"] else found.background_color
        )
        lighter, darker = sorted(
            (luminance(rule["color"]), luminance(background)), reverse=True
        )
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, token
