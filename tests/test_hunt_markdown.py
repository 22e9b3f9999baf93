"""Markdown a writer could plausibly write, read as Python-Markdown reads it.

Each post is read in process by the site's own reader, with the site's
Markdown settings (pelicanconf.py, or publishconf.py for what a published
build withholds), and compared with what Python-Markdown itself makes of
the same text: the truth for where a quote, a list or a table ends.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import markdown
import pytest
from pelican.settings import read_settings
from sitebuild import ROOT

from reflections.parse.carried import BlockProbe
from reflections.parse.reader import PARSED, ReflectionsMarkdownReader

HEADER = "Title: A conversation\nDate: 2025-09-14\n\n"


@functools.cache
def _settings(conf: str, content: str) -> dict:
    return read_settings(str(ROOT / conf), override={"PATH": content})


def read_post(tmp_path: Path, body: str, conf: str = "pelicanconf.py"):
    """The HTML and the ParsedPost of a post with ``body``, as the build
    reads it."""
    posts = tmp_path / "posts"
    posts.mkdir(exist_ok=True)
    path = posts / "2025-09-14-a-conversation.md"
    path.write_text(HEADER + body, encoding="utf-8")
    settings = copy.deepcopy(_settings(conf, str(tmp_path)))
    html, metadata = ReflectionsMarkdownReader(settings).read(str(path))
    return html, metadata[PARSED]


def plain_markdown(body: str) -> str:
    """What Python-Markdown, with the site's extensions and none of ours,
    makes of ``body``."""
    configs = _settings("pelicanconf.py", str(ROOT / "content"))["MARKDOWN"]
    md = markdown.Markdown(
        extensions=list(configs["extension_configs"]),
        extension_configs=configs["extension_configs"],
        output_format="html5",
    )
    return md.convert(body)


def rules(parsed) -> list[tuple[str, int | None]]:
    return [(finding.rule, finding.line) for finding in parsed.findings]


# A lazy continuation line: Markdown carries the quote's paragraph on over a
# line without `>`, so the line is part of the callout's note.


def test_a_lazy_line_after_a_callouts_note_is_part_of_the_note(tmp_path):
    body = "> [!lesson] Ask early\n> He told me to ask early\nand often.\n\nAfter.\n"
    assert "early\nand often." in plain_markdown(body)

    html, parsed = read_post(tmp_path, body)

    [callout] = parsed.callouts
    assert callout.note_text == "He told me to ask early and often."
    aside = html[html.index("<aside") : html.index("</aside>")]
    assert "and often." in aside
    assert "<p>After.</p>" in html


def test_a_lazy_line_carries_a_story_part_on(tmp_path):
    body = (
        "> [!story] The reorder report\n"
        "> Situation: Stores ran out.\n"
        "> Task: Find why.\n"
        "> Action: Rebuilt the report.\n"
        "> Result: Rush orders fell\n"
        "by 31% in a quarter.\n"
    )

    _, parsed = read_post(tmp_path, body)

    [story] = parsed.stories
    assert story.part("Result").text == "Rush orders fell by 31% in a quarter."


def test_a_lazy_line_of_a_private_note_in_a_callout_is_hidden_with_it(tmp_path):
    body = (
        "> [!lesson] Ask early\n> Public note.\n>\n"
        "> [!private] SECRET figure\nSECRET lazy line\n\nAfter.\n"
    )
    assert "SECRET figure\nSECRET lazy line</p>" in plain_markdown(body)

    html, parsed = read_post(tmp_path, body, "publishconf.py")

    assert "SECRET" not in html
    assert "Public note." in html and "After." in html
    assert parsed.left_out == ()


@pytest.mark.parametrize(
    "after",
    ["# A heading", "***", "```\ncode\n```", "<div>html</div>"],
    ids=["heading", "rule", "fenced code", "raw HTML block"],
)
def test_a_line_markdown_starts_a_block_with_ends_the_callout(tmp_path, after):
    body = f"> [!lesson] Ask early\n> The note.\n{after}\n"
    assert "The note.</p>\n</blockquote>" in plain_markdown(body)

    _, parsed = read_post(tmp_path, body)

    [callout] = parsed.callouts
    assert callout.note_text == "The note."


# A callout counts where Markdown makes its marker line the start of a quote
# of its own at the top level. Right after a list item, a table row or a
# definition, with no blank line between, Markdown makes the line more of
# that block: a plain quote inside the list item or definition, a row of
# the table.


@pytest.mark.parametrize(
    ("before", "inside"),
    [
        ("- Prepare questions", "<li>"),
        ("1. Prepare questions", "<li>"),
        ("Preparation\n: questions first", "<dd>"),
        ("| Step | Why |\n| --- | --- |\n| Ask | To learn |", "<td>"),
        ('<div markdown="1">\n- Prepare questions', "<li>"),
    ],
    ids=["bulleted list", "numbered list", "definition", "table", "in an HTML block"],
)
def test_a_callout_markdown_reads_as_part_of_the_block_above_is_no_callout(
    tmp_path, before, inside
):
    body = f"{before}\n> [!lesson] Ask early\n> The note.\n"
    if before.startswith("<div"):
        body += "</div>\n"
    plain = plain_markdown(body)
    assert plain.index(inside) < plain.index("[!lesson] Ask early")

    html, parsed = read_post(tmp_path, body)

    assert parsed.callouts == ()
    assert "<aside" not in html
    assert ("nested-callout", 5 + before.count("\n")) in rules(parsed)
    [finding] = parsed.findings
    assert "a table, a definition" in finding.message


@pytest.mark.parametrize(
    "before",
    [
        "A paragraph.",
        "# A heading",
        "[a]: https://example.org",
        "> A quote.\n```\ncode\n```",
        "- An item\n<div>An HTML block</div>",
        "- An item\n### A heading",
    ],
    ids=[
        "paragraph",
        "heading",
        "link definition",
        "fenced code after a quote",
        "HTML block after a list",
        "heading after a list",
    ],
)
def test_a_callout_right_after_a_block_markdown_ends_there_counts(tmp_path, before):
    body = f"{before}\n> [!lesson] Ask early\n> The note.\n"
    assert "<blockquote>\n<p>[!lesson] Ask early" in plain_markdown(body)

    _, parsed = read_post(tmp_path, body)

    assert [callout.statement for callout in parsed.callouts] == ["Ask early"]


# A callout's note, a story's parts and an answer are quoted away from the
# post: on the lesson's page, the banks, the desk. What belongs to the
# post's own page (its ids, its links within the page, its table of
# contents) would repeat an id for every post quoted, or lead nowhere.


def test_a_note_quoted_away_from_its_post_keeps_no_id_or_link_within_the_post(
    tmp_path,
):
    body = (
        "## Why\n\n"
        "> [!lesson] Ask early\n"
        "> #### What it changed\n"
        "> See [why](#why), and the list below.\n"
        ">\n> [TOC]\n"
    )

    html, parsed = read_post(tmp_path, body)

    assert '<h4 id="what-it-changed">' in html  # the post keeps its anchors
    [callout] = parsed.callouts
    assert callout.note_html == (
        "<h4>What it changed</h4>\n<p>See why, and the list below.</p>"
    )
    assert callout.note_text == "What it changed See why, and the list below."


def test_a_story_part_and_an_answer_quoted_away_keep_no_id(tmp_path):
    body = (
        "> [!story] The reorder report\n"
        "> Situation: Stores ran out.\n"
        "> Task: Find why.\n"
        "> Action: Rebuilt it.\n"
        "> Result:\n"
        "> #### Rush orders fell\n\n"
        "> [!asked] What went wrong?\n"
        "> #### The lead times\n"
    )

    _, parsed = read_post(tmp_path, body)

    [story], [asked] = parsed.stories, parsed.asked
    assert "id=" not in story.part("Result").html
    assert asked.answer_html == "<h4>The lead times</h4>"


# A private marker the page draws (through a character reference, say) is
# a private marker wherever it is: on a callout's marker line, the callout
# is a private quote, and its title goes nowhere; on a Lessons: line, the
# line is hidden, and names no lesson.


@pytest.mark.parametrize(
    "marker", ["[!priv&#97;te]", "[!priv&#x61;te]", "[!&#112;rivate]"]
)
def test_a_drawn_private_marker_on_a_callouts_line_keeps_its_title_out(
    tmp_path, marker
):
    body = f"> [!lesson] Aim high {marker} SECRET\n> A note.\n\nPublic.\n"

    html, parsed = read_post(tmp_path, body, "publishconf.py")

    assert parsed.callouts == ()
    assert "SECRET" not in html and "secret" not in html
    assert "<p>Public.</p>" in html


def test_a_drawn_private_marker_on_a_lessons_line_names_no_lesson(tmp_path):
    body = (
        "> [!asked] What went wrong?\n"
        "> Lessons: Aim high; [!priv&#97;te] SECRET\n"
        "> The lead times.\n\nPublic.\n"
    )

    html, parsed = read_post(tmp_path, body, "publishconf.py")

    [asked] = parsed.asked
    assert [mention.statement for mention in asked.lessons] == []
    assert "SECRET" not in html and "SECRET" not in asked.answer_text


# A footnote whose text is private goes whole, with its references: an
# empty footnote, numbered and linked from the text, would tell a reader
# that something was hidden there.


def test_a_private_footnote_goes_with_its_references(tmp_path):
    body = (
        "He quoted a figure[^fig], and a source[^src].\n\n"
        "[^fig]: [!private] SECRET 85k\n"
        "[^src]: The annual report.\n"
    )

    html, parsed = read_post(tmp_path, body, "publishconf.py")

    assert "SECRET" not in html and "[^fig]" not in html
    assert 'href="#fn:fig"' not in html and 'id="fn:fig"' not in html
    assert (
        '<p>He quoted a figure, and a source<sup id="fnref:src">'
        '<a class="footnote-ref" href="#fn:src">1</a></sup>.</p>'
    ) in html
    assert html.count("<li") == 1
    assert parsed.left_out == ()


@pytest.mark.parametrize(
    "note", ["> [!private] SECRET quoted", "- [!private] SECRET listed"]
)
def test_a_private_footnote_in_a_quote_or_a_list_goes_too(tmp_path, note):
    body = f"He quoted a figure[^fig].\n\n[^fig]: {note}\n"

    html, _ = read_post(tmp_path, body, "publishconf.py")

    assert "SECRET" not in html and 'href="#fn:fig"' not in html
    assert 'class="footnote"' not in html


def test_a_footnote_that_keeps_a_public_paragraph_stays(tmp_path):
    body = (
        "A figure[^fig].\n\n"
        "[^fig]: The annual report.\n\n"
        "    [!private] SECRET page 12\n"
    )

    html, _ = read_post(tmp_path, body, "publishconf.py")

    assert "SECRET" not in html
    assert 'href="#fn:fig"' in html and "The annual report." in html


def test_a_private_footnotes_label_in_code_is_left_as_code(tmp_path):
    body = "A figure[^fig], written `[^fig]`.\n\n[^fig]: [!private] SECRET 85k\n"

    html, _ = read_post(tmp_path, body, "publishconf.py")

    assert "<p>A figure, written <code>[^fig]</code>.</p>" in html
    assert "footnote" not in html


def test_markdown_is_asked_once_for_a_block_of_many_marker_lines(tmp_path, monkeypatch):
    asked: list[int] = []
    carries_on = BlockProbe.carries_on

    def counted(probe, before):
        asked.append(len(before))
        return carries_on(probe, before)

    monkeypatch.setattr(BlockProbe, "carries_on", counted)
    body = "- Prepare\n" + "".join(f"> [!lesson] Lesson {n}\n" for n in range(300))

    _, parsed = read_post(tmp_path, body)

    assert parsed.callouts == ()
    assert len(parsed.findings) == 300  # each a nested-callout warning
    assert asked == [1]


@pytest.mark.parametrize(
    "inner",
    ["> > [!lesson] Inner lesson", ">\n> > [!story] Inner story", "> [!asked] Why?"],
    ids=["quoted in the note", "after a blank quoted line", "same quote"],
)
def test_a_callout_inside_another_callouts_note_is_warned_about(tmp_path, inner):
    body = f"> [!lesson] Outer\n> The note.\n{inner}\n> > more\n"

    _, parsed = read_post(tmp_path, body)

    assert [callout.statement for callout in parsed.callouts] == ["Outer"]
    assert parsed.stories == () and parsed.asked == ()
    assert ("nested-callout", 6 + inner.count("\n")) in rules(parsed)


# A post that shows how a callout is written, in indented code: code, as a
# `[TOC]` in code is, with no finding; an indented callout Markdown makes
# more of a list item is still told about.


@pytest.mark.parametrize(
    "indent", ["    ", "\t", "      "], ids=["four spaces", "a tab", "six spaces"]
)
def test_a_callout_shown_as_indented_code_is_code_and_no_finding(tmp_path, indent):
    body = (
        f"How I write one:\n\n{indent}> [!lesson] Ask two levels up\n"
        f"{indent}> The note.\n\n{indent}> [!story] Another\n\nAfter.\n"
    )

    html, parsed = read_post(tmp_path, body)

    assert re.search(r"<code>\s*&gt; \[!lesson\] Ask two levels up", html)
    assert parsed.callouts == () and parsed.stories == ()
    assert rules(parsed) == []


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Intro.\n\n<div>\n\n    > [!lesson] Ask early\n    > note\n\n</div>\n", [8]),
        ("```\n\n- item\n```\n\n    > [!lesson] Ask early\n    > note\n", []),
    ],
    ids=["in a raw HTML block: no code", "after fenced code: code"],
)
def test_markdown_decides_whether_an_indented_callout_is_code(tmp_path, body, found):
    _, parsed = read_post(tmp_path, body)

    assert parsed.callouts == ()
    assert rules(parsed) == [("nested-callout", line) for line in found]


def test_an_indented_callout_in_a_list_item_is_still_told_about(tmp_path):
    body = (
        "- An item.\n\n    > [!lesson] Inside the item\n\n"
        "    Code:\n\n        > [!lesson] Code in the item\n"
    )

    _, parsed = read_post(tmp_path, body)

    assert parsed.callouts == ()
    assert rules(parsed) == [("nested-callout", 6)]


# A table of contents asked for where there is no heading to list.


@pytest.mark.parametrize(
    "headings", ["", "# A part\n\nText.\n\n# Another\n"], ids=["none", "level 1 only"]
)
def test_a_toc_with_no_heading_to_list_shows_nothing_and_is_told(tmp_path, headings):
    body = f"Intro.\n\n[TOC]\n\n{headings}"
    upstream = markdown.markdown(
        body, extensions=["toc"], extension_configs={"toc": {"toc_depth": "2-3"}}
    )
    assert '<div class="toc">\n<ul></ul>\n</div>' in upstream  # an empty box

    html, parsed = read_post(tmp_path, body)

    assert "toc" not in html and "[TOC]" not in html and "Contents" not in html
    assert "<p>Intro.</p>" in html
    assert rules(parsed) == [("toc-without-headings", 6)]


def test_a_toc_marker_in_code_is_code_and_no_finding(tmp_path):
    body = "Intro.\n\n```\n[TOC]\n```\n\n    [TOC]\n"

    html, parsed = read_post(tmp_path, body)

    assert html.count("TOC") == 2
    assert rules(parsed) == []


def test_a_toc_with_headings_lists_them(tmp_path):
    html, parsed = read_post(tmp_path, "[TOC]\n\n## A part\n\n### A step\n")

    assert '<a href="#a-part">A part</a>' in html
    assert rules(parsed) == []


# Stories withheld from a published build (REFLECTIONS_STORIES_LOCAL_ONLY):
# the lines taken out end where Markdown ends the story, so a block of its
# own right after it (a closing tag, a heading) stays, as it does locally.


def read_published_without_stories(tmp_path: Path, body: str):
    posts = tmp_path / "posts"
    posts.mkdir(exist_ok=True)
    path = posts / "2025-09-14-a-conversation.md"
    path.write_text(HEADER + body, encoding="utf-8")
    settings = copy.deepcopy(_settings("publishconf.py", str(tmp_path)))
    settings["REFLECTIONS_STORIES_LOCAL_ONLY"] = True
    html, metadata = ReflectionsMarkdownReader(settings).read(str(path))
    return html, metadata[PARSED]


@pytest.mark.parametrize(
    "after",
    ["</div>\n\n## Later\n\n*Public* text.", "## Later\n\n*Public* text."],
    ids=["the closing tag of its block", "a heading"],
)
def test_a_withheld_story_leaves_the_block_after_it(tmp_path, after):
    opening = "<div>\n" if after.startswith("</div>") else ""
    body = f"{opening}> [!story] The report\n> Situation: SECRET figures\n{after}\n"

    html, parsed = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and parsed.stories == ()
    assert '<h2 id="later">Later</h2>' in html
    assert "<p><em>Public</em> text.</p>" in html


def test_a_withheld_story_in_a_list_item_leaves_the_next_item(tmp_path):
    body = "- Item one\n- > [!story] T\n  > Situation: SECRET\n- Item three\n"
    assert "<li>Item three</li>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html
    assert "<li>Item one</li>" in html and "<li>Item three</li>" in html


@pytest.mark.parametrize(
    "body",
    [
        "- Item one\n> [!story] T\n> Situation: SECRET\n- Item three\n",
        "- Item one\n  > [!story] T\n  > Situation: SECRET\n- Item three\n",
        "- Top\n    - Item one\n        > [!story] T\n    - Item three\n- Last\n",
    ],
    ids=["unindented", "within the item", "within a nested item"],
)
def test_a_withheld_story_within_an_item_leaves_the_next_item(tmp_path, body):
    # Markdown makes a quote written on a line of an item part of the item,
    # and starts the next item at the next line less indented than it.
    assert "<li>Item three</li>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "[!story]" not in html
    assert "Item one" in html and "<li>Item three</li>" in html


@pytest.mark.parametrize(
    "ended_by",
    ["## What happened", "```\ncode\n```", "***", "What happened\n---", "<div>x</div>"],
    ids=["a heading", "fenced code", "a rule", "a setext heading", "an HTML line"],
)
@pytest.mark.parametrize("indent", ["", "  "], ids=["unindented", "indented"])
def test_a_story_after_a_list_has_ended_keeps_its_item_like_lazy_line(
    tmp_path, ended_by, indent
):
    # The list ended at the block above the story, so to Markdown the
    # `- Situation:` line is a lazy line of the story's quote, not an item.
    body = (
        f"- First point\n{ended_by}\n{indent}> [!story] The reorg\n"
        "- Situation: SECRET\n\nAfter.\n"
    )
    assert "<li>Situation: SECRET</li>" not in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<p>After.</p>" in html


@pytest.mark.parametrize("rule", ["---", "***", "- - -"])
def test_a_withheld_story_before_a_rule_leaves_the_paragraph_above_a_paragraph(
    tmp_path, rule
):
    # The quote ended the paragraph; without it the rule would underline it.
    body = f"Para above.\n> [!story] T\n> Situation: SECRET\n{rule}\n\nAfter.\n"
    assert "<p>Para above.</p>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<h2" not in html
    assert "<p>Para above.</p>\n<hr" in html and "<p>After.</p>" in html


@pytest.mark.parametrize(
    ("above", "shown"),
    [
        ("Para above.\n  ", "<p>Para above.</p>\n<hr"),
        ("1) Not a list to Markdown.\n", "<p>1) Not a list to Markdown.</p>\n<hr"),
        ("- The one item\n", "<ul>\n<li>The one item</li>\n</ul>\n<hr"),
    ],
    ids=["an indented quote", "a paragraph like an item", "a list's last item"],
)
def test_a_withheld_story_before_a_rule_leaves_the_block_above_as_it_was(
    tmp_path, above, shown
):
    body = f"{above}> [!story] T\n> Situation: SECRET\n---\n\nAfter.\n"

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<h2" not in html
    assert shown in html


def test_a_withheld_storys_lazy_line_that_looks_like_an_item_goes_with_it(tmp_path):
    body = "> [!story] T\n> Situation: SECRET\n- SECRET lazy line\n\nPublic.\n"
    assert "SECRET lazy line</p>\n</blockquote>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<p>Public.</p>" in html


@pytest.mark.parametrize(
    "line",
    [
        "</div> SECRET2 after a stray closing tag",
        "</li>",
        "<!-- SECRET2 in a comment that never closes",
        "<section SECRET2 in a tag that never closes",
        "<!DOCTYPE SECRET2 that never closes",
        '<div class="x> SECRET2 in a quote that never closes',
        "<div title='a> SECRET2",
    ],
)
def test_a_line_markdown_carries_on_stays_with_the_withheld_story(tmp_path, line):
    # Markdown reads each as a lazy line of the quote (a stray closing tag is
    # text), so a story withheld from a published build takes it too.
    body = f"> [!story] T\n> Situation: SECRET1\n{line}\nSECRET3 lazy\n\nPublic.\n"
    assert "SECRET3 lazy</p>\n</blockquote>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<p>Public.</p>" in html


def test_a_withheld_storys_deeper_items_stay_hidden(tmp_path):
    # Python-Markdown nests at four spaces, so two-space items are the list's
    # next items; a writer used to two meant them inside the story.
    body = "- [!story] T\n  - Situation: SECRET1\n  - Action: SECRET2\n- Public item\n"

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<li>Public item</li>" in html


@pytest.mark.parametrize(
    "before", ["<div>\ntext</div>\n\n", "<div>\ntext\n    </div>\n\n", ""]
)
def test_a_closing_tag_of_a_block_markdown_closed_ends_no_withheld_story(
    tmp_path, before
):
    # The raw block above closed already (a closing tag after text, or
    # indented), so Markdown reads the stray </div> as a lazy line of the
    # quote, and the line after it too.
    body = (
        f"{before}> [!story] T\n> Situation: SECRET1\n</div>\nSECRET3 lazy\n\nPublic.\n"
    )
    assert "SECRET3 lazy</p>\n</blockquote>" in plain_markdown(body)

    html, _ = read_published_without_stories(tmp_path, body)

    assert "SECRET" not in html and "<p>Public.</p>" in html
