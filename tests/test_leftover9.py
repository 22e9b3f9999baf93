"""Five defects today's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import pytest
from markdown import Markdown
from pelican.settings import read_settings
from sitebuild import ROOT

from reflect.wp_markdown import html_to_markdown
from sitekit.privateblocks import PrivateBlocksExtension

# --- 1. A private marker in code the WordPress import made a fence of --------


def render_as_a_post(markdown_text: str) -> str:
    """The HTML the site makes of a post's Markdown: its own Markdown
    settings, fenced code literal as in every post and page."""
    configured = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    configs = dict(configured.get("extension_configs") or {})
    extensions = [*configured.get("extensions", ()), *configs]
    converter = Markdown(
        extensions=[*dict.fromkeys(extensions), PrivateBlocksExtension()],
        extension_configs=configs,
    )
    return converter.convert(markdown_text)


#: WordPress HTML whose marker the writer never typed inside a fence: every
#: way the import writes one (``<pre>``, ``<pre><code>``, nested tags, a list
#: item's, a shortcode-like block, backticks typed as the post's text).
WORDPRESS_CODE = {
    "a pre block": "<p>Intro.</p>\n<pre>line one\n[!private] zqxcode1\n\nlast</pre>",
    "a pre around code": (
        '<pre><code class="lang-py">x = 1\n[!private] zqxcode2</code></pre>'
    ),
    "a pre with nested tags": "<pre>a <b>[!priv&#97;te]</b> <i>zqxcode3</i></pre>",
    "a pre in a list item": "<ul><li>step<pre>x\n[!private] zqxcode4</pre></li></ul>",
    "a shortcode block": "[code]\n[!private] zqxcode5\n[/code]",
    "backticks typed in a paragraph": "Before\n```\n[!private] zqxcode6\n```\nafter",
    "a tilde fence typed": "<p>~~~\n[!private] zqxcode7\n~~~</p>",
    "a code span": "<p>Run <code>[!private] zqxcode8</code> once.</p>",
    "a drawn marker in a pre": "<pre>[! Private ] zqxcode9</pre>",
}


@pytest.mark.parametrize("case", sorted(WORDPRESS_CODE))
def test_a_marker_in_imported_code_hides_it_on_the_page(case):
    html = render_as_a_post(html_to_markdown(WORDPRESS_CODE[case]))
    assert "zqxcode" not in html, html


def test_imported_code_without_a_marker_stays_a_fence_that_shows_markers():
    markdown_text = html_to_markdown(
        "<pre>public code\n\n    indented</pre>\n<pre>the syntax: [!private]</pre>"
    )
    assert "```\npublic code\n\n    indented\n```" in markdown_text
    html = render_as_a_post(html_to_markdown("<pre>public zqxshown</pre>"))
    assert "zqxshown" in html


# --- 4. Blank text options of `reflect` ----------------------------------------

#: Every text option of a `reflect` command, given blank; (arguments, name).
BLANK_OPTIONS = {
    "lessons add --theme": (["lessons", "add", "Listen", "--theme", ""], "--theme"),
    "lessons add --theme spaces": (
        ["lessons", "add", "Listen", "--theme", " \t"],
        "--theme",
    ),
    "lessons add title": (["lessons", "add", "  ", "--theme", "Mindset"], "title"),
    "lessons add --alias": (
        ["lessons", "add", "Listen", "--theme", "Mindset", "--alias", " "],
        "--alias",
    ),
    "new title": (["new", ""], "title"),
    "new --category": (["new", "Coffee", "--category", "\u3000"], "--category"),
    "suggest --lesson": (["suggest", "--lesson", ""], "--lesson"),
    "prep --kind": (["prep", "--kind", " "], "--kind"),
    "prep --person": (["prep", "--person", ""], "--person"),
    "prep --lesson": (["prep", "--lesson", ""], "--lesson"),
    "people rename old": (["people", "rename", "", "Ana"], "old"),
    "people rename new": (["people", "rename", "Ana", " "], "new"),
    "review done": (["review", "done", "listen", ""], "LESSON"),
}


@pytest.mark.parametrize("case", sorted(BLANK_OPTIONS))
def test_a_blank_text_option_is_refused_in_one_line(
    case, capsys, tmp_path, monkeypatch
):
    from reflect.cli import main

    monkeypatch.chdir(tmp_path)  # nothing may be written, here or anywhere
    arguments, name = BLANK_OPTIONS[case]
    with pytest.raises(SystemExit) as exit:
        main(arguments)
    said = capsys.readouterr()
    assert exit.value.code == 2
    assert said.out == ""
    (line,) = said.err.splitlines()
    assert line.startswith("reflect ")
    assert f"argument {name}: " in line and "is empty or blank" in line
    assert list(tmp_path.iterdir()) == []


def test_text_options_with_words_are_not_refused(capsys):
    from reflect.cli import parser

    arguments = parser().parse_args(["lessons", "add", " Listen ", "--theme", "Mind"])
    assert (arguments.title, arguments.theme) == (" Listen ", "Mind")
    assert (
        parser()
        .parse_args(["lessons", "add", "L", "--theme", "M", "--description", ""])
        .description
        == ""
    )
