"""A post without a ``Summary:`` is summarised by its own words: the start
of its body, without the footnote numbers, footnotes, table of contents,
permalink marks and callout labels around them, on every listing, feed
and link preview."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sitebuild import CONTENT, read, run_pelican

from presentation.summaries import summary_from_body
from sitekit.text import as_text

SETTINGS = {"SUMMARY_MAX_LENGTH": 50, "SUMMARY_END_SUFFIX": "…"}

FURNISHED = {
    "callout.md": """Title: Callout first
Date: 2026-01-02
Category: Mentor chats

> [!lesson] Aim two levels up
> Ask someone who manages managers what the role really costs.

Afterwards I wrote down three questions for the next call.
""",
    "footnoted.md": """Title: Footnote first
Date: 2026-01-03
Category: Mentor chats

## What I asked

She said budgets decide more than titles[^1] and I believed her.

[TOC]

[^1]: She meant headcount budgets.
""",
    "story.md": """Title: Story first
Date: 2026-01-08
Category: Mentor chats

> [!story] The long call
> Lessons: Aim two levels up
> Situation: A vendor call ran two hours over.
> Task: Keep the launch date.
> Action: I cut the scope to three screens.
> Result: We shipped on the day.

That was the call she asked about.
""",
    "footnoted.rst": """Footnotes in reStructuredText
#############################

:date: 2026-01-04
:category: Mentor chats

.. contents::

Budgets
=======

He said budgets decide more than titles [#]_ and he kept saying it.
He said it twice [#]_.

.. [#] He meant headcount budgets.
.. [#] Once more.
""",
}

#: What a summary of those posts must never show.
FURNITURE_WORDS = (
    *("titles1", "titles 1", "Contents", "↩", "[1]", "Lesson Aim", "Story The"),
    "titles .",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("summaries")
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    shutil.copy(CONTENT / "lessons.yml", content / "lessons.yml")
    for name, text in FURNISHED.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    (content / "posts" / "own.md").write_text(
        "Title: Own summary\nDate: 2026-01-05\nCategory: Mentor chats\n"
        "Summary: Her words, footnote[^1] and all.\n\n"
        "Body with a note[^1].\n\n[^1]: The note.\n",
        encoding="utf-8",
    )
    (content / "posts" / "glued.html").write_text(
        "<html><head><title>Glued blocks</title>"
        '<meta name="date" content="2026-01-06">'
        '<meta name="category" content="Mentor chats"></head><body>'
        "<h2>The ask</h2><p>Twenty minutes.</p><ul><li>Her path</li><li>Her week</li>"
        "</ul><p>She said<br>yes.</p></body></html>",
        encoding="utf-8",
    )
    ran = run_pelican(content, folder / "output")
    assert ran.returncode == 0, ran.stderr
    return folder / "output"


def test_a_footnote_toc_and_callout_label_are_not_the_summary():
    html = (
        '<aside class="lesson-callout" id="lesson-x">'
        '<p class="lesson-callout__statement">'
        '<span class="lesson-callout__label">Lesson</span> Aim two levels up</p>'
        "</aside>\n"
        '<p>Budgets<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
        " decide.</p>"
        '<div class="toc"><ul><li><a href="#a">A</a></li></ul></div>'
        '<div class="footnote"><ol><li><p>Note.&#160;<a class="footnote-backref" '
        'href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )

    made = summary_from_body(html, SETTINGS)

    assert as_text(made) == "Aim two levels up Budgets decide."


def test_words_are_counted_after_the_furniture_goes():
    toc = '<div class="toc"><ul>' + "<li>Heading</li>" * 40 + "</ul></div>"
    html = f"{toc}<p>{' '.join(['word'] * 60)}</p>"

    made = summary_from_body(html, {**SETTINGS, "SUMMARY_MAX_LENGTH": 5})

    assert as_text(made) == "word word word word word …"


def test_every_callouts_label_is_furniture():
    html = (
        '<aside class="story-callout"><p><span class="story-callout__label">'
        "Story</span> The long call</p></aside>\n<p>We talked.</p>"
    )

    assert as_text(summary_from_body(html, SETTINGS)) == "The long call We talked."


@pytest.mark.parametrize(
    "html",
    [
        # reStructuredText wants a space before a footnote's reference.
        '<p>Budgets decide <a class="footnote-reference brackets" href="#f1">'
        "1</a>.</p>",
        # Markdown takes ``decide [^1].`` as the writer spaced it.
        '<p>Budgets decide <sup id="fnref:1"><a class="footnote-ref" '
        'href="#fn:1">1</a></sup>.</p>',
    ],
)
def test_a_footnotes_number_leaves_no_space_before_the_full_stop(html):
    assert as_text(summary_from_body(html, SETTINGS)) == "Budgets decide."


def test_the_summary_has_its_words_however_far_the_furniture_runs():
    toc = '<div class="toc"><ul>' + "<li>Heading</li>" * 900 + "</ul></div>"
    html = f"<p>First</p>{toc}<p>{' '.join(['word'] * 60)}</p>"

    for suffix in ("…", ""):
        settings = {**SETTINGS, "SUMMARY_END_SUFFIX": suffix}
        made = as_text(summary_from_body(html, settings))

        assert made == " ".join(["First", *["word"] * 49, suffix]).strip()


def test_a_body_with_no_furniture_keeps_pelicans_summary():
    assert summary_from_body("<p>A footnote-ref in prose.</p>", SETTINGS) is None
    assert summary_from_body('<p class="tocsin">Bells.</p>', SETTINGS) is None


def test_the_paragraph_limit_still_holds():
    html = '<div class="toc"><ul><li>A</li></ul></div><p>One.</p><p>Two.</p>'

    made = summary_from_body(html, {**SETTINGS, "SUMMARY_MAX_PARAGRAPHS": 1})

    assert as_text(made) == "One."


def _every_summary(output: Path) -> list[str]:
    """Each summary the built site shows: the home page's cards, each post
    page's description and hidden summary, the Atom feed's and JSON Feed's."""
    shown = re.findall(r'p-summary"[^>]*>(.*?)</div>', read(output / "index.html"))
    for page in output.glob("2026/*/index.html"):
        text = read(page)
        shown += re.findall(r'<meta name="description" content="([^"]*)"', text)
        shown += re.findall(r'class="p-summary" hidden>(.*?)</div>', text)
    atom = read(output / "feeds" / "all.atom.xml")
    shown += re.findall(r"<summary[^>]*>(.*?)</summary>", atom)
    feed = json.loads(read(output / "feeds/all.json"))
    shown += [item.get("summary", "") for item in feed["items"]]
    return shown


def test_no_listing_feed_or_preview_shows_the_furniture(built):
    shown = _every_summary(built)

    assert len(shown) >= 5 * 4, shown
    for summary in shown:
        for word in FURNITURE_WORDS:
            assert word not in summary, (word, summary)
    said = " ".join(shown)
    assert "decide more than titles and I believed her" in said
    assert "decide more than titles and he kept saying it" in said
    assert "Aim two levels up Ask someone who manages managers" in said
    assert "He said it twice." in said
    assert "The long call" in said


def test_a_summary_the_writer_gave_is_kept_as_written(built):
    page = read(built / "2026" / "own-summary" / "index.html")

    own = "Her words, footnote[^1] and all."
    assert f'<meta name="description" content="{own}">' in page


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One. Two."),
        ("<h2>Heading</h2><p>Body</p>", "Heading Body"),
        ("<ul><li>a</li><li>b</li></ul>", "a b"),
        ("Line<br>next<BR/>last", "Line next last"),
        ("<table><tr><td>1</td><td>2</td></tr></table>", "1 2"),
        ('<P CLASS="x">Up</P><div\nid="y">Down</div>', "Up Down"),
        # Inline markup joins nothing: a word split by it stays one word.
        ("R<b>&amp;</b>D, un<em>frozen</em>", "R&D, unfrozen"),
        ("<progress>7</progress>0", "70"),
    ],
)
def test_text_made_from_html_keeps_blocks_words_apart(html, text):
    assert as_text(html) == text


def test_a_post_written_in_html_is_summarised_with_its_words_apart(built):
    cards = read(built / "index.html")

    assert "The ask Twenty minutes. Her path Her week She said yes." in cards
