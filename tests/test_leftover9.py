"""Five defects today's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import pytest
from markdown import Markdown
from pelican.settings import read_settings
from sitebuild import ROOT, copy_project, linted_and_built, passing_build

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


# --- 2. A `{filename}` link in a lesson's description ---------------------------

#: A description linking a file of the site as a post does; (YAML, its line).
DESCRIPTION_LINKS = {
    "a post, inline": (
        "listen:\n  title: Listen\n"
        "  description: See [the offer]({filename}/posts/2025-10-02-offer.md).\n",
        3,
    ),
    "an image in a block": (
        "listen:\n  title: Listen\n  description: |\n    First line.\n\n"
        "    ![chart]({static}/images/chart.png)\n",
        6,
    ),
    "an attachment, by reference": (
        "listen:\n  title: Listen\n  description: |\n    [the letter][l]\n\n"
        "    [l]: {attach}files/letter.pdf\n",
        6,
    ),
    "raw HTML": (
        'listen:\n  title: Listen\n  description: <a href="{filename}/a.md">a</a>\n',
        3,
    ),
    "Pelican's older spelling": (
        "listen:\n  title: Listen\n  description: '[a](|filename|/posts/a.md)'\n",
        3,
    ),
    "a folded block": (
        "listen:\n  title: Listen\n  description: >\n    See [the\n"
        "    offer]({filename}/posts/offer.md).\n",
        3,
    ),
}


@pytest.mark.parametrize("case", sorted(DESCRIPTION_LINKS))
def test_a_site_file_link_in_a_description_is_refused_at_its_line(case, tmp_path):
    from reflections.errors import VocabularyError
    from reflections.resolve.vocabulary import load_vocabulary

    text, line = DESCRIPTION_LINKS[case]
    path = tmp_path / "lessons.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as refused:
        load_vocabulary(path)
    said = str(refused.value)
    assert said.startswith(f"{path}:{line}: "), said
    assert "listen" in said and "lesson pages" in said
    assert len(said.splitlines()) == 1


def test_a_description_may_show_the_syntax_as_code_and_link_addresses(tmp_path):
    from reflections.resolve.vocabulary import load_vocabulary

    path = tmp_path / "lessons.yml"
    path.write_text(
        "listen:\n  title: Listen\n  description: |\n"
        "    Write `[x]({filename}/posts/x.md)` in a post; read\n"
        "    [the guide](https://example.org/guide) or [mine](/2025/offer/).\n",
        encoding="utf-8",
    )
    assert "{filename}" in load_vocabulary(path).lessons["listen"].description


# --- 3. One tag, category or author spelt two ways ------------------------------


def test_a_name_spelt_two_ways_is_one_name_with_a_warning_naming_both(tmp_path):
    """`Tags: Networking, networking` showed the tag twice on the post; a
    category spelt `Mentoring` in one post and `mentoring` in another merged
    without a word. Each is one warning at the field's line naming both
    spellings, and the post shows each tag once."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-01-first.md").write_text(
        "Title: First\nDate: 2026-03-01\nCategory: Zq Mentoring\n"
        "Tags: Zq Networking, zq networking, Zq Salary, ZQ NETWORKING\n"
        "Authors: Zq Ann, zq ann\n"
        "Lessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )
    (posts / "2026-03-02-second.md").write_text(
        "Title: Second\nDate: 2026-03-02\nCategory: zq mentoring\n"
        "Tags: zq salary\nLessons: Learn adjacent functions\n\nText.\n",
        encoding="utf-8",
    )

    linted, said = linted_and_built(project, tmp_path / "out")
    first, second = (
        "content/posts/2026-03-01-first.md",
        "content/posts/2026-03-02-second.md",
    )
    expected = [
        (f"{first}:4: ", "'zq networking'", "'Zq Networking'"),
        (f"{first}:4: ", "'ZQ NETWORKING'", "'Zq Networking'"),
        (f"{first}:5: ", "'zq ann'", "'Zq Ann'"),
        (f"{second}:3: ", "'zq mentoring'", "'Zq Mentoring'"),
        (f"{second}:4: ", "'zq salary'", "'Zq Salary'"),
    ]
    for output in (linted, said):
        for where, other, kept in expected:
            (line,) = [
                line for line in output.splitlines() if where in line and other in line
            ]
            assert kept in line and "warning" in line.lower(), line
    page = (tmp_path / "out" / "2026" / "first" / "index.html").read_text("utf-8")
    assert page.count('href="/tag/zq-networking/"') == 1, page
    assert page.count('href="/tag/zq-salary/"') == 1


# --- 5. A missing `{static}` file said once ------------------------------------


def test_a_missing_static_file_is_said_once_in_one_line(tmp_path):
    """Pelican printed its own two lines ("Cannot get modification stamp",
    the absolute path, the OS error) beside sourceguard's broken-link line
    naming the post. A published post's link is said once, by sourceguard;
    a draft's, which sourceguard does not check, in one line of its own."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-05-pic.md").write_text(
        "Title: Pic\nDate: 2026-03-05\nLessons: Learn adjacent functions\n\n"
        "![a chart]({static}/images/zq-nowhere.png)\n",
        encoding="utf-8",
    )
    (posts / "2026-03-06-draft.md").write_text(
        "Title: Later\nDate: 2026-03-06\nStatus: draft\n"
        "Lessons: Learn adjacent functions\n\n"
        "![a chart]({static}/images/zq-gone.png)\n",
        encoding="utf-8",
    )

    said = passing_build(project / "content", tmp_path / "out")
    assert "modification stamp" not in said
    assert "No such file or directory:" not in said
    (published,) = [line for line in said.splitlines() if "zq-nowhere.png" in line]
    assert "2026-03-05-pic.md:5:" in published and "broken" in published
    (draft,) = [line for line in said.splitlines() if "zq-gone.png" in line]
    assert "content/images/zq-gone.png" in draft and "no such file" in draft, draft
