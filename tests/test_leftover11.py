"""Defects earlier helpers saw and left, each fixed at its root."""

from __future__ import annotations

import html
import io
import re
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from sitebuild import copy_project, lint_in_process, passing_build, run_pelican
from test_leftover9 import BLANK_OPTIONS, render_as_a_post
from test_rules import documented_rules
from test_wordpress_import import article_of, imported_page

from reflect.wp_markdown import html_to_markdown
from sitekit import pictureends, subifds
from sitekit.imagemarkers import UnreadableImage, image_marker
from sitekit.pictureends import picture_end
from sitekit.sitelinks import unrewritten_site_file_links
from sitekit.staticmarkers import static_file_findings
from sitekit.text import draws_nothing, shows_nothing

# --- 1. Every problem names the rule that judged it ------------------------------

#: A post breaking three rules, one a line: (line, rule).
PROBLEM_POST = (
    "Title: Probe\nDate: 2026-03-05\nLessons: A lesson nobody listed\n\n"
    "Some [!privte] text.\n\n"
    "[gone]({filename}/posts/zq-nowhere.md)\n"
)
PROBLEMS = {3: "ad-hoc-lesson", 5: "misspelt-private-marker", 7: "broken-link"}

#: Rich's log line: "[time] LEVEL  message      module.py:line".
_LOGGED = re.compile(r"(?:WARNING|ERROR)\s+(?P<message>.*?)\s{2,}\S+\.py:\d+\s*$")


def logged_messages(said: str) -> list[str]:
    return [m["message"] for line in said.splitlines() if (m := _LOGGED.search(line))]


def after(place: str, lines: list[str]) -> str:
    """The one line naming ``place`` (``file:line:``), from what follows it."""
    (line,) = [line for line in lines if place in line]
    return line.split(place, 1)[1].strip()


def test_the_build_and_lint_end_each_problem_with_its_rule(tmp_path):
    """Lint printed ``file:line: level: message`` and the build logged
    ``file:line: message``: neither said which rule of the table judged it,
    so a writer could not look the problem up nor see where its level
    came from. Both now end the line with ``[rule]``, the same line."""
    project = copy_project(tmp_path / "site")
    post = project / "content" / "posts" / "2026-03-05-probe.md"
    post.write_text(PROBLEM_POST, encoding="utf-8")

    built = run_pelican(project / "content", tmp_path / "out")
    assert built.returncode == 0, built.stdout + built.stderr
    logged = logged_messages(built.stdout + built.stderr)
    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode == 0, linted.stdout

    table = documented_rules()
    for line, rule in PROBLEMS.items():
        place = f"2026-03-05-probe.md:{line}:"
        from_lint = after(place, linted.stdout.splitlines())
        assert from_lint == "warning: " + after(place, logged)
        assert from_lint.endswith(f" [{rule}]"), from_lint
        assert from_lint.count(f"[{rule}]") == 1, from_lint
        assert rule in table


def test_a_problem_that_stops_the_build_names_its_rule(tmp_path):
    """A problem that stops the build (a private marker no rule can hide)
    names its rule too, in the build and in lint."""
    project = copy_project(tmp_path / "site")
    post = project / "content" / "posts" / "2026-03-06-abbr.md"
    post.write_text(
        "Title: Abbr\nDate: 2026-03-06\nLessons: Learn adjacent functions\n\n"
        "The HTML spec.\n\n*[HTML]: [!private] my old employer's name\n",
        encoding="utf-8",
    )
    rule = "[private-marker-not-hidden]"

    built = run_pelican(project / "content", tmp_path / "out")
    said = built.stdout + built.stderr
    assert built.returncode != 0
    (stopped,) = [
        line for line in logged_messages(said) if "2026-03-06-abbr.md:7:" in line
    ]
    assert stopped.endswith(rule) and stopped.count(rule) == 1, stopped

    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode == 1
    (found,) = [line for line in linted.stdout.splitlines() if "abbr.md:7:" in line]
    assert found.endswith(rule) and found.count(rule) == 1, found


# --- 2. Text that holds only invisible characters is blank -----------------------

#: Texts a reader sees nothing of: (name, text).
INVISIBLE = {
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "variation selector": "\ufe0f",
    "no-break space": "\u00a0",
    "ideographic space": "\u3000",
    "Hangul filler": "\u3164",
    "braille blank": "\u2800",
    "a tag character": "\U000e0041",
    "several, spaces between": " \u200b \u2060\u00ad\ufeff ",
    "markup alone": "<b>\u200b</b>",
    "a character reference": "&#8203;",
}

#: Real text in several scripts, some with invisible characters inside.
REAL = {
    "Latin": "Listen first",
    "decomposed accent": "Cafe\u0301",
    "Arabic": "استمع أولاً",
    "Hebrew": "הקשב קודם",
    "Devanagari": "पहले सुनो",
    "Thai": "ฟังก่อน",
    "Chinese": "先听",
    "Korean": "먼저 들어라",
    "Tamil": "முதலில் கேள்",
    "Khmer": "ស្តាប់",
    "an emoji with its selector": "\U0001f44d\ufe0f",
    "a family emoji (joiners)": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "a word with a soft hyphen": "listen\u00adfirst",
    "digits": "42",
    "a symbol": "\u2192",
    "Arabic number sign (a format character that draws)": "\u0600",
}


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_invisible_characters_alone_show_nothing(name):
    assert shows_nothing(INVISIBLE[name])


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_text_in_any_script_shows_something(name):
    assert not shows_nothing(REAL[name])
    assert not draws_nothing(REAL[name])


@given(
    st.text(
        st.characters(categories=("L", "N", "P", "S")).filter(
            lambda c: c not in "\u115f\u1160\u3164\uffa0"  # Hangul fillers
        ),
        min_size=1,
        max_size=1,
    ),
    st.text(st.sampled_from("".join(INVISIBLE.values())), max_size=6),
)
def test_a_letter_digit_punctuation_or_symbol_is_text(character, invisible):
    """Text of any script is never blank, whatever invisible characters
    surround it; a Hangul filler, a letter to Unicode, draws nothing."""
    assert not draws_nothing(invisible + character + invisible)


@pytest.mark.parametrize("option", sorted(BLANK_OPTIONS))
@pytest.mark.parametrize(
    "name", ["zero-width space", "word joiner", "several, spaces between"]
)
def test_an_invisible_text_option_is_refused_in_one_line(
    option, name, capsys, tmp_path, monkeypatch
):
    """`reflect new "\\u200b"` or `lessons add ... --theme "\\u200b"` wrote
    a title or theme no reader could see, as ``--theme ""`` once did."""
    from reflect.cli import main

    monkeypatch.chdir(tmp_path)  # nothing may be written, here or anywhere
    blank, option_name = BLANK_OPTIONS[option]
    arguments = [
        INVISIBLE[name] if not argument.strip() else argument for argument in blank
    ]
    with pytest.raises(SystemExit) as exit:
        main(arguments)
    said = capsys.readouterr()
    assert exit.value.code == 2
    (line,) = said.err.splitlines()
    assert f"argument {option_name}: " in line and "invisible characters" in line
    assert list(tmp_path.iterdir()) == []


def test_a_real_text_option_in_another_script_is_kept():
    from reflect.cli import parser

    arguments = parser().parse_args(
        ["lessons", "add", "先听", "--theme", "\u0645\u0647\u0627\u0631\u0629\u200c"]
    )
    assert (arguments.title, arguments.theme) == ("先听", "مهارة\u200c")


#: Files of a site whose only text is invisible, and the line each names.
INVISIBLE_FILES = {
    "post title": (
        "posts/2026-03-07-zw.md",
        "Title: \u200b\ufe0f\nDate: 2026-03-07\nLessons: Learn adjacent functions\n\n"
        "Text.\n",
        "2026-03-07-zw.md:1: error: Title: ",
        "[no-title]",
    ),
    "comment author": (
        "comments/two-levels-up/2025-09-20-zw.md",
        "Author: \u2060\u00ad\nDate: 2025-09-20 07:45\n\nNice.\n",
        "2025-09-20-zw.md:1: warning: Author: ",
        "[bad-comment]",
    ),
    "lesson of a post's Lessons:": (
        "posts/2026-03-08-zl.md",
        "Title: ZL\nDate: 2026-03-08\nLessons: Learn adjacent functions; \u200b\n\n"
        "Text.\n",
        "2026-03-08-zl.md:3: warning: empty item in Lessons",
        "[empty-lessons-item]",
    ),
    "lesson callout's statement": (
        "posts/2026-03-09-zc.md",
        "Title: ZC\nDate: 2026-03-09\nLessons: Learn adjacent functions\n\n"
        "> [!lesson] \u200b\u2060\n> Why it matters.\n",
        "2026-03-09-zc.md:5: error: lesson callout without",
        "[callout-without-statement]",
    ),
}


@pytest.mark.parametrize("case", sorted(INVISIBLE_FILES))
def test_a_field_of_invisible_characters_alone_is_reported_as_blank(tmp_path, case):
    project = copy_project(tmp_path / "site")
    name, text, said, rule = INVISIBLE_FILES[case]
    (project / "content" / name).write_text(text, encoding="utf-8")
    linted = lint_in_process("lint", cwd=project)
    (line,) = [
        line for line in linted.stdout.splitlines() if name.split("/")[-1] in line
    ]
    assert said in line and line.endswith(rule), line


def test_a_lesson_title_of_invisible_characters_stops_the_build_at_its_line(tmp_path):
    project = copy_project(tmp_path / "site")
    vocabulary = project / "content" / "lessons.yml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8")
        + '\nzq-invisible:\n  title: "\\u200b\\u2060"\n  theme: Mindset\n',
        encoding="utf-8",
    )
    line = len(vocabulary.read_text(encoding="utf-8").splitlines()) - 1
    linted = lint_in_process("lint", cwd=project)
    assert linted.returncode == 1
    assert f"lessons.yml:{line}: error: lesson 'zq-invisible' has a title that" in (
        linted.stdout
    )

    built = run_pelican(project / "content", tmp_path / "out")
    assert built.returncode != 0
    assert f"lessons.yml:{line}: lesson 'zq-invisible'" in built.stdout + built.stderr


def test_posts_titled_in_other_scripts_still_build(tmp_path):
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    titles = dict(enumerate(REAL.values(), start=10))
    for day, title in titles.items():
        (posts / f"2026-04-{day}-real.md").write_text(
            f"Title: {title}\nDate: 2026-04-{day}\nSlug: real-{day}\n"
            "Lessons: Learn adjacent functions\n\nText.\n",
            encoding="utf-8",
        )
    linted = lint_in_process("lint", cwd=project)
    assert "no-title" not in linted.stdout, linted.stdout
    built = run_pelican(project / "content", tmp_path / "out")
    assert built.returncode == 0, built.stdout + built.stderr
    for day, title in titles.items():
        page = (tmp_path / "out" / "2026" / f"real-{day}" / "index.html").read_text(
            encoding="utf-8"
        )
        assert html.escape(title, quote=False) in page, title


# --- 3. WordPress code inside a list item or a quote -----------------------------

#: WordPress HTML with code inside another block: (html, the code's lines).
CODE_INSIDE = {
    "after an item's text": (
        "<ul><li>Run it:<pre>zq-one = 1\n  zq-two = 2</pre></li><li>then</li></ul>",
        ("zq-one = 1", "  zq-two = 2"),
    ),
    "opening an item": (
        "<ul><li><pre>zq-first\nzq-second</pre></li><li>next</li></ul>",
        ("zq-first", "zq-second"),
    ),
    "a numbered item, a blank line inside": (
        "<ol><li>a</li><li>b<pre><code>zq-x = 1\n\nzq-y = 2</code></pre></li></ol>",
        ("zq-x = 1", "", "zq-y = 2"),
    ),
    "a nested list's item": (
        "<ol><li>outer<ul><li>inner<pre>zq-deep\n    zq-deeper</pre></li>"
        "<li>sibling</li></ul></li><li>after</li></ol>",
        ("zq-deep", "    zq-deeper"),
    ),
    "three lists deep, numbered from 9": (
        '<ol start="9"><li>nine</li><li>ten<ul><li>x<ul><li>y<pre>zq-3</pre>'
        "</li></ul></li></ul></li></ol>",
        ("zq-3",),
    ),
    "a quote": (
        "<blockquote><pre>zq-quoted\n  zq-more</pre></blockquote>",
        ("zq-quoted", "  zq-more"),
    ),
}


def code_blocks(page: str) -> list[str]:
    """The text of each code block of rendered HTML, highlighting off."""
    blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S)
    return [
        html.unescape(re.sub(r"<[^>]+>", "", block)).rstrip("\n") for block in blocks
    ]


@pytest.mark.parametrize("case", sorted(CODE_INSIDE))
def test_code_inside_a_list_item_or_quote_renders_as_code(case):
    """markdownify wrote a fence indented under its item, which
    Python-Markdown reads only at the margin: the page showed the backticks
    and ran the code into one line."""
    source, lines = CODE_INSIDE[case]
    page = render_as_a_post(html_to_markdown(source))
    assert "```" not in page, page
    (code,) = code_blocks(page)
    assert code == "\n".join(lines), page
    if "<li>" in source:  # inside its item, and every item still an item
        item = page[: page.index("<pre")].rsplit("<li>", 1)[1]
        assert "</li>" not in item, page
        assert page.count("<li>") == source.count("<li>"), page


def test_paragraphs_and_lists_inside_an_item_stay_inside_it():
    page = render_as_a_post(
        html_to_markdown(
            "<ol><li><p>zq-para one</p><p>zq-para two</p></li>"
            "<li>b<ol><li>zq-nested</li></ol></li></ol>"
        )
    )
    assert re.search(r"<li>\s*<p>zq-para one</p>\s*<p>zq-para two</p>\s*</li>", page)
    assert re.search(r"<li>\s*<p>b</p>\s*<ol>\s*<li>zq-nested</li>", page), page


#: Code holding a private marker inside a list item or quote.
PRIVATE_CODE_INSIDE = {
    "an item's code": "<ul><li>zq-shown<pre>x\n[!private] zq-hidden</pre></li></ul>",
    "code opening an item": "<ul><li><pre>[!private] zq-hidden\ny</pre></li></ul>",
    "a nested item's code": (
        "<ul><li>zq-shown<ol><li>b<pre>zq-hidden\n\n[! Private ] n</pre></li>"
        "</ol></li></ul>"
    ),
    "a quote's code": "<blockquote><pre>zq-hidden\n[!private]</pre></blockquote>",
}


@pytest.mark.parametrize("case", sorted(PRIVATE_CODE_INSIDE))
def test_a_marker_in_code_inside_a_list_item_hides_the_whole_code(case):
    markdown_text = html_to_markdown(PRIVATE_CODE_INSIDE[case])
    page = render_as_a_post(markdown_text)
    assert "zq-hidden" not in page, page
    assert "```" not in markdown_text
    if "zq-shown" in markdown_text:
        assert "zq-shown" in page


def test_imported_code_in_a_list_is_code_on_the_built_page(tmp_path):
    page = imported_page(
        tmp_path,
        "steps",
        "Steps",
        "<p>Steps:</p><ol><li>Install:<pre>pip install zq-tool\nzq-tool --init</pre>"
        "</li><li>Keep out:<pre>zq-secret-token\n[!private] mine</pre></li></ol>",
    )
    body = article_of(page)
    assert "```" not in body
    assert "pip install zq-tool\nzq-tool --init" in code_blocks(body)
    assert "zq-secret-token" not in page
    assert "Keep out:" in body


# --- 4. The link syntax in an attribute shown as text ----------------------------

#: HTML with the syntax in an attribute a reader is shown as text.
SYNTAX_AS_TEXT = {
    "a link's title (Markdown)": (
        '<a href="https://x.org" title="see {filename}/posts/b.md">a</a>'
    ),
    "an image's alt (Markdown)": (
        '<img alt="the {static}/images/x.png file" src="/i.png">'
    ),
    "alt, the syntax first": "<img alt='{static}/images/x.png' src=\"/i.png\">",
    "an aria-label": '<button aria-label="{attach}/f.txt">x</button>',
    "a placeholder": '<input placeholder="{filename}/posts/c.md">',
    "a title with a second link in it": (
        '<abbr title="{static}/a.png and {static}/b.png">ab</abbr>'
    ),
    "an unquoted title": "<abbr title={static}/a.png>ab</abbr>",
}


@pytest.mark.parametrize("case", sorted(SYNTAX_AS_TEXT))
def test_the_link_syntax_in_text_a_reader_is_shown_is_no_link(case):
    """broken-link said a ``{filename}`` in a link's title was a link
    Pelican leaves as written, a dead link: it is text, shown as typed,
    as the syntax is in a paragraph."""
    assert unrewritten_site_file_links(SYNTAX_AS_TEXT[case], {}) == ()


def test_a_link_beside_a_text_attribute_is_still_noted():
    html_text = (
        '<img alt="{static}/shown.png" srcset="{static}/zq-wide.png 2x" src="/a.png">'
        ' <a data-title="{filename}/posts/p.md" title="{filename}/t.md">x</a>'
    )
    assert unrewritten_site_file_links(html_text, {}) == (
        "{static}/zq-wide.png",
        "{filename}/posts/p.md",
    )


def test_a_title_or_alt_with_the_syntax_builds_quietly_and_shows_it(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / "2026-03-10-att.md").write_text(
        "Title: Att\nDate: 2026-03-10\nLessons: Learn adjacent functions\n\n"
        'See [a](https://x.org "see {filename}/posts/zq-b.md").\n\n'
        "![the {static}/images/zq-x.png file](https://x.org/i.png)\n\n"
        '<img src="/a.png" srcset="{static}/images/zq-wide.png 2x" alt="">\n',
        encoding="utf-8",
    )
    said = passing_build(project / "content", tmp_path / "out")
    linted = lint_in_process("lint", cwd=project)
    for words in (said, linted.stdout):
        assert "zq-b.md" not in words and "zq-x.png" not in words, words
        assert "zq-wide.png" in words  # the real dead link is still told
    page = (tmp_path / "out" / "2026" / "att" / "index.html").read_text("utf-8")
    assert 'title="see {filename}/posts/zq-b.md"' in page
    assert 'alt="the {static}/images/zq-x.png file"' in page


# --- 5. Images: a TIFF's sub-IFDs, a JPEG's text after its end -------------------

#: A folder to append to a TIFF: its ASCII tags, the folders (by index in
#: the list) its SubIFDs tag points to, and the folder its next pointer is.
Folder = tuple[dict[int, str], tuple[int, ...], int | None]


def _folder_size(folder: Folder) -> int:
    texts, subs, _ = folder
    entries = len(texts) + (1 if subs else 0)
    data = sum(len(t) + 1 + (len(t) + 1) % 2 for t in texts.values() if len(t) >= 4)
    data += 4 * len(subs) if len(subs) > 1 else 0
    return 2 + 12 * entries + 4 + data


def tiff_with_sub_ifds(folders: list[Folder], top: tuple[int, ...]) -> bytes:
    """A TIFF Pillow writes, its first page's SubIFDs tag (330) pointing to
    ``folders[i]`` for each ``i`` of ``top``; the folders appended after the
    picture, little-endian, as a raw converter or scanner writes them."""
    from PIL import TiffImagePlugin

    def saved(offsets: tuple[int, ...]) -> bytes:
        info = TiffImagePlugin.ImageFileDirectory_v2()
        info[330] = offsets
        info.tagtype[330] = 4
        buffer = io.BytesIO()
        Image.new("L", (4, 4), 9).save(buffer, "TIFF", tiffinfo=info)
        return buffer.getvalue()

    base = len(saved((0,) * len(top)))
    base += base % 2
    places, at = [], base
    for folder in folders:
        places.append(at)
        at += _folder_size(folder)
    data = bytearray(saved(tuple(places[i] for i in top)))
    data += b"\0" * (base - len(data))
    for place, (texts, subs, following) in zip(places, folders, strict=True):
        entries, extra = [], bytearray()
        end = place + 2 + 12 * (len(texts) + (1 if subs else 0)) + 4
        for tag, text in sorted(texts.items()):
            raw = text.encode() + b"\0"
            if len(raw) <= 4:
                entries.append(struct.pack("<HHI4s", tag, 2, len(raw), raw))
            else:
                entries.append(struct.pack("<HHII", tag, 2, len(raw), end + len(extra)))
                extra += raw + b"\0" * (len(raw) % 2)
        if subs:
            pointers = [places[i] for i in subs]
            if len(pointers) == 1:
                entries.append(struct.pack("<HHII", 330, 4, 1, pointers[0]))
            else:
                entries.append(
                    struct.pack("<HHII", 330, 4, len(pointers), end + len(extra))
                )
                extra += struct.pack(f"<{len(pointers)}I", *pointers)
        entries.sort(key=lambda entry: struct.unpack("<H", entry[:2])[0])
        following_at = places[following] if following is not None else 0
        data += struct.pack("<H", len(entries)) + b"".join(entries)
        data += struct.pack("<I", following_at) + extra
    return bytes(data)


#: TIFFs whose marker lies only in a sub-IFD: (folders, the first page's).
SUB_IFD_MARKERS = {
    "a sub-IFD's description": ([({270: "[!private] zq salary"}, (), None)], (0,)),
    "the second of two sub-IFDs' artist": (
        [({270: "reduced copy"}, (), None), ({315: "Zq [!private] name"}, (), None)],
        (0, 1),
    ),
    "a sub-IFD of a sub-IFD": (
        [({270: "raw"}, (1,), None), ({270: "[!Private] zq nested"}, (), None)],
        (0,),
    ),
    "the next folder after a sub-IFD": (
        [({270: "raw"}, (), 1), ({305: "［!private］ zq software"}, (), None)],
        (0,),
    ),
    "an invisible character inside": (
        [({270: "[!pri\u200bvate] zq"}, (), None)],
        (0,),
    ),
}


@pytest.mark.parametrize("case", sorted(SUB_IFD_MARKERS))
def test_a_marker_in_a_tiffs_sub_ifd_is_found(tmp_path, case):
    """Pillow reads a TIFF's pages, not the folders its SubIFDs tag points
    to (a DNG's raw picture, a scanner's reduced copy), each with tags of
    its own that exiftool shows."""
    folders, top = SUB_IFD_MARKERS[case]
    path = tmp_path / "scan.tif"
    path.write_bytes(tiff_with_sub_ifds(folders, top))
    found = image_marker(path)
    assert found is not None and "sub-IFD" in found.place, found
    (finding,) = static_file_findings(path, "content/images/scan.tif")
    assert finding.rule == "private-marker-in-static-file"


def test_sub_ifds_without_a_marker_are_read_quietly(tmp_path):
    path = tmp_path / "scan.tif"
    path.write_bytes(
        tiff_with_sub_ifds(
            [({270: "raw, public"}, (1,), None), ({315: "Ann"}, (), None)], (0, 1)
        )
    )
    assert image_marker(path) is None
    assert static_file_findings(path, "content/images/scan.tif") == []


def test_sub_ifds_that_point_at_one_another_are_each_read_once(tmp_path):
    """Two folders naming each other as sub-IFD and as next: a loop, read
    once round, never forever."""
    path = tmp_path / "loop.tif"
    path.write_bytes(
        tiff_with_sub_ifds([({270: "one"}, (1,), 1), ({270: "two"}, (0,), 0)], (0,))
    )
    assert image_marker(path) is None


def test_thousands_of_sub_ifds_make_the_image_unreadable(tmp_path, monkeypatch):
    """Past ``MAX_SUB_IFDS`` folders nothing can say the image holds no
    marker: it is unreadable, which stops a published build."""
    monkeypatch.setattr(subifds, "MAX_SUB_IFDS", 20)
    folders: list[Folder] = [({270: f"page {n}"}, (), None) for n in range(30)]
    path = tmp_path / "many.tif"
    path.write_bytes(tiff_with_sub_ifds(folders, tuple(range(30))))
    with pytest.raises(UnreadableImage, match="sub-IFDs"):
        image_marker(path)
    (finding,) = static_file_findings(path, "content/images/many.tif")
    assert finding.rule == "unreadable-static-image"


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_marker_in_an_exif_blocks_sub_ifd_is_found(tmp_path, kind):
    """EXIF is a TIFF inside the image: its SubIFDs tag points to folders
    counted from its own header."""
    block = tiff_with_sub_ifds([({270: "[!privаte] zq"}, (), None)], (0,))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, kind, exif=b"Exif\0\0" + block)
    path = tmp_path / f"photo.{kind.lower()}"
    path.write_bytes(buffer.getvalue())
    found = image_marker(path)
    assert found is not None and found.place.endswith("EXIF sub-IFD ImageDescription")


def jpeg_then(trailing: bytes, kind: str = "JPEG") -> bytes:
    """A JPEG (or a phone's two-picture MPO) Pillow writes, ``trailing``
    appended after its last end-of-image marker."""
    buffer = io.BytesIO()
    extra = {"save_all": True, "append_images": [Image.new("RGB", (8, 8), "red")]}
    Image.effect_noise((64, 48), 60).convert("RGB").save(
        buffer, kind, **(extra if kind == "MPO" else {})
    )
    return buffer.getvalue() + trailing


#: Text after a JPEG's end, each with a marker only a reader's reading finds.
TRAILING_TEXT = {
    "a lookalike letter, UTF-8": "notes\n[!privаte] zq salary\n".encode(),
    "fullwidth brackets": "［!private］ zq\n".encode(),
    "an invisible character inside": "x\n\n[!pri\u00advate] zq\n".encode(),
    "other case and spaces": b"[! PRIVATE ] zq\n",
    "a slip": b"keep this [!privte] zq\n",
    "UTF-16 with its byte order mark": "[!privаte] zq\n".encode("utf-16"),
    "UTF-16 told by its NUL pattern": "Notes: [! Private ] zq\r\n".encode("utf-16-le"),
}


@pytest.mark.parametrize("case", sorted(TRAILING_TEXT))
@pytest.mark.parametrize("kind", ["JPEG", "MPO"])
def test_text_after_a_jpegs_end_is_read_as_text(tmp_path, case, kind):
    """Past the end-of-image marker only ``[!private]`` spelt exactly was
    found; text there is read with every spelling a reader reads."""
    path = tmp_path / "photo.jpg"
    path.write_bytes(jpeg_then(TRAILING_TEXT[case], kind))
    (finding,) = static_file_findings(path, "content/images/photo.jpg")
    assert finding.rule == "private-marker-in-static-file"
    assert "after the picture's end" in finding.message, finding.message


def test_text_after_a_jpegs_end_without_a_marker_is_no_finding(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(jpeg_then("Shot in Ljubljana, a privately owned café\n".encode()))
    assert static_file_findings(path, "content/images/photo.jpg") == []


def test_bytes_after_a_jpegs_end_that_are_not_text_are_searched_as_bytes(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(jpeg_then(b"\x00\x01\xfe[!private] zq\x00"))
    (finding,) = static_file_findings(path, "content/images/photo.jpg")
    assert "spelt out at byte" in finding.message
    path.write_bytes(jpeg_then(b"\x00\x01\xfe[!privte] zq\x00"))  # noise
    assert static_file_findings(path, "content/images/photo.jpg") == []


def test_text_after_a_jpegs_end_inside_a_zip_is_read_as_text(tmp_path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as packed:
        packed.writestr("a/photo.jpg", jpeg_then("[!privаte] zq\n".encode()))
    (finding,) = static_file_findings(path, "content/files/photos.zip")
    assert "after the picture's end" in finding.message
    assert "a/photo.jpg" in finding.message


def test_the_end_of_a_jpeg_is_found_in_every_kind_of_jpeg():
    """Progressive, baseline, with restart markers, and stuffed bytes: the
    scan is stepped over to the marker that ends it, never past it."""
    for save in ({}, {"progressive": True}, {"restart_marker_blocks": 1}):
        buffer = io.BytesIO()
        Image.effect_noise((96, 64), 90).convert("RGB").save(buffer, "JPEG", **save)
        data = buffer.getvalue()
        assert picture_end(io.BytesIO(data + b"tail")) == len(data)
    assert picture_end(io.BytesIO(data[:-40])) is None
    assert picture_end(io.BytesIO(b"\x89PNG\r\n\x1a\n")) is None


def test_a_published_build_stops_on_text_after_a_photos_end(tmp_path):
    project = copy_project(tmp_path / "site")
    photo = project / "content" / "images" / "zq-photo.jpg"
    photo.write_bytes(jpeg_then("\n[!privаte] zq-secret\n".encode()))
    local = run_pelican(project / "content", tmp_path / "out")
    said = local.stdout + local.stderr
    assert local.returncode == 0, said
    (line,) = [line for line in said.splitlines() if "zq-photo.jpg" in line]
    assert "after the picture's end" in line
    assert line.rstrip().split()[-2].endswith("[private-marker-in-static-file]"), line
    published = run_pelican(
        project / "content", tmp_path / "pub", conf="publishconf.py"
    )
    assert published.returncode != 0
    assert not (tmp_path / "pub" / "images" / "zq-photo.jpg").exists()


def test_a_jpeg_of_endless_segments_is_unreadable_not_slow(tmp_path, monkeypatch):
    """A few bytes a segment, a hostile file holds millions: past
    ``MAX_SEGMENTS`` the image is unreadable, which fails closed."""
    monkeypatch.setattr(pictureends, "MAX_SEGMENTS", 50)
    data = jpeg_then(b"")
    start = data.index(b"\xff\xdb")  # before the first quantisation table
    path = tmp_path / "photo.jpg"
    path.write_bytes(data[:start] + b"\xff\xfe\x00\x03x" * 60 + data[start:])
    (finding,) = static_file_findings(path, "content/images/photo.jpg")
    assert finding.rule == "unreadable-static-image"
    assert "segments" in finding.message


def test_sub_ifds_listing_too_many_tags_make_the_image_unreadable(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(subifds, "MAX_SUB_IFD_TAGS", 5)
    texts = {270: "a", 305: "b", 315: "c", 33432: "d"}
    path = tmp_path / "scan.tif"
    path.write_bytes(tiff_with_sub_ifds([(texts, (), None), (texts, (), None)], (0, 1)))
    with pytest.raises(UnreadableImage, match="tags"):
        image_marker(path)


def image_then(kind: str, trailing: bytes) -> bytes:
    """A PNG, GIF (animated, with a comment) or WebP Pillow writes, then
    ``trailing``."""
    buffer = io.BytesIO()
    frames = [Image.new("P", (8, 8), shade) for shade in (1, 2)]
    save = {"GIF": {"save_all": True, "append_images": frames, "comment": b"hi"}}
    Image.effect_noise((32, 24), 60).convert("RGB").save(
        buffer, kind, **save.get(kind, {})
    )
    return buffer.getvalue() + trailing


@pytest.mark.parametrize("kind", ["PNG", "GIF", "WEBP"])
def test_text_after_a_png_gif_or_webp_is_read_as_text(tmp_path, kind):
    """As after a JPEG's end: the class is bytes after an image's end."""
    path = tmp_path / f"picture.{kind.lower()}"
    path.write_bytes(image_then(kind, "\n[!privаte] zq\n".encode("utf-16")))
    (finding,) = static_file_findings(path, f"content/images/{path.name}")
    assert "after the picture's end" in finding.message, finding.message
    plain = image_then(kind, b"")
    assert picture_end(io.BytesIO(plain + b"tail")) == len(plain)
    assert picture_end(io.BytesIO(plain[:-3])) is None


def test_a_sub_ifd_listing_itself_many_times_is_read_once(tmp_path):
    """A folder whose SubIFDs tag gives its own offset 200,000 times, then
    the folder with the marker: each offset is read once, the repeats
    skipped one by one, and the marker after them found."""
    path = tmp_path / "loop.tif"
    folders: list[Folder] = [
        ({270: "raw"}, (0,) * 200_000 + (1,), None),
        ({270: "[!privаte] zq"}, (), None),
    ]
    path.write_bytes(tiff_with_sub_ifds(folders, (0,)))
    found = image_marker(path)
    assert found is not None and "sub-IFD" in found.place
