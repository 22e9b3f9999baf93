"""Defects this evening's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import os
import shutil

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import CONTENT, copy_project, the_line_lint_said
from test_leftover9 import render_as_a_post
from test_reflect_desk import SETTINGS, run
from test_wordpress_import import article_of, imported_page

from reflect.wp_markdown import html_to_markdown
from reflect.wp_numbered_lists import start_of
from sitekit.sitelinks import site_file_links, unrewritten_site_file_links

# --- 1. An edit refuses a file whose structure it did not read as expected ---------


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """The sample content in a site of its own, as the working directory,
    its desk counting from December 4, 2026 (as tests/test_reflect_desk.py)."""
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: reviews.yml texts whose entry for price-the-pay-cut is no list of days,
#: and the line at fault.
MISSHAPEN_REVIEW_LOGS = [
    ("price-the-pay-cut:\n  when: 2026-01-01\n", 1),
    ("# mine\nprice-the-pay-cut:\n  on: 2026-01-01\n  again: 2026-02-01\n", 2),
    ("price-the-pay-cut:\n  - 2026-01-01\n  - [2026-02-01, 2026-03-01]\n", 3),
    ("price-the-pay-cut:\n  - on: 2026-01-01\n", 2),
    ("a: [2026-01-01]\nprice-the-pay-cut: {on: 2026-01-01}\n", 2),
    ("- price-the-pay-cut: [2026-01-01]\n", 1),
    ("just some words\n", 1),
]


@pytest.mark.parametrize(("text", "line"), MISSHAPEN_REVIEW_LOGS)
def test_review_done_refuses_a_log_entry_of_the_wrong_shape(blog, capsys, text, line):
    """A lesson's entry that was a mapping (or a list holding one) got the
    day appended as a list item beside what the writer wrote: a file the
    command could not read as a log, changed. Now it is one line naming the
    file and line, and the file is left byte for byte."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    said = [said for said in err.splitlines() if "reflect review done" in said]
    assert len(said) == 1, err
    assert f"content/reviews.yml:{line}: " in said[0]
    assert "left as it was" in said[0]
    assert "Traceback" not in err
    assert reviews.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("price-the-pay-cut:\n", "price-the-pay-cut:\n  - 2026-12-04\n"),
        (
            "price-the-pay-cut: 2026-01-01\n",
            "price-the-pay-cut:\n  - 2026-01-01\n  - 2026-12-04\n",
        ),
        ("other: {x: 1}\n", "other: {x: 1}\nprice-the-pay-cut:\n  - 2026-12-04\n"),
    ],
)
def test_review_done_still_adds_to_an_entry_it_understands(blog, capsys, text, after):
    """What the command does understand still takes the day: no entry yet,
    one day written alone; an entry of another lesson it does not edit,
    whatever its shape, is kept as written."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 0, err
    assert reviews.read_text(encoding="utf-8") == after


# --- 2. A tag is read as HTML reads it: a quoted value may hold `>` ----------------


def quoted(value: str, quote: str) -> str:
    return f"{quote}{value}{quote}"


#: Attributes before the links, some shown as text (alt, title), their
#: values holding `>`, `<`, `=` and the other kind of quote, as HTML allows.
ATTRIBUTES = st.lists(
    st.tuples(
        st.sampled_from(["alt", "title", "class", "id", "style", "data-note"]),
        st.sampled_from(['"', "'"]),
        st.text(alphabet="ab <>/=.\"'", max_size=8),
    ).map(lambda a: f"{a[0]}={quoted(a[2].replace(a[1], ''), a[1])}"),
    max_size=4,
)


@given(
    name=st.sampled_from(["img", "source", "video", "a"]),
    before=ATTRIBUTES,
    after=ATTRIBUTES,
)
def test_a_link_after_a_quoted_gt_is_still_read_inside_its_tag(name, before, after):
    """``alt="a > b"`` ended the tag at its `>` for broken-link's "left as
    written" check, so a ``{static}`` link in ``srcset`` after it was never
    seen, and the page was published with its source path. Every link in
    a tag's addresses is now either one Pelican rewrites or one noted as
    left as written, whatever the attributes around it hold."""
    tag = (
        f'<{name} {" ".join(before)} src="{{static}}/images/zq-a.png"'
        f' srcset="{{static}}/images/zq-b.png 2x" {" ".join(after)}>'
    )
    rewritten = {path for path, _, _ in site_file_links(tag, {})}
    left = set(unrewritten_site_file_links(f"<p>x</p>{tag}<p>y</p>", {}))

    assert "{static}/images/zq-b.png" in left
    assert rewritten | left >= {"{static}/images/zq-a.png"}
    assert not rewritten & left


@pytest.mark.parametrize(
    "tag",
    [
        '<img alt="a > b" srcset="{static}/images/zq-b.png 2x" src="/a.png">',
        "<img title='x >> y' srcset=\"{static}/images/zq-b.png 2x\">",
        '<img alt="a < b > c" srcset="{static}/images/zq-b.png 2x">',
        '<img alt = "a > b" srcset={static}/images/zq-b.png>',
        '<input title="type=hidden > x" value="{static}/images/zq-b.png" type=hidden>',
    ],
)
def test_the_examples_are_noted(tag):
    assert unrewritten_site_file_links(tag, {}) == ("{static}/images/zq-b.png",)


def test_lint_names_a_link_after_a_quoted_gt_in_a_post(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "content" / "posts" / "2026-03-05-gt.md").write_text(
        "Title: Gt\nDate: 2026-03-05\nLessons: Learn adjacent functions\n\n"
        "Text.\n\n"
        '<img alt="a > b" src="/i.png" srcset="{static}/images/zq-wide.png 2x">\n',
        encoding="utf-8",
    )
    line = the_line_lint_said(project, "2026-03-05-gt.md")
    assert "{static}/images/zq-wide.png" in line
    assert line.endswith("[broken-link]")


# --- 3. A file argument that is no file is said to be what it is ------------------

#: Each command that reads a file it is given, as typed before the file.
FILE_COMMANDS = {
    "import-wordpress": ("import-wordpress",),
    "mentions import": ("mentions", "import"),
}


def not_a_file(kind: str, folder):
    """A path of ``kind`` under ``folder`` that is no regular file."""
    path = folder / f"export-{kind}"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "dangling link":
        path.symlink_to(folder / "nowhere.xml")
    return path


@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("folder", "is a folder, not"),
        ("pipe", "is not a regular file (a pipe or a device)"),
        ("dangling link", "is a symbolic link to nothing"),
        ("missing", "no such file"),
    ],
)
def test_a_file_argument_that_is_no_file_is_named_for_what_it_is(
    blog, capsys, command, kind, says
):
    """`reflect import-wordpress FOLDER` said "no such file"; `mentions
    import` said the system's "Is a directory", and would have read a pipe
    until it closed. Both say what the path is, in one line, exit 1, and
    write nothing."""
    path = not_a_file(kind, blog)
    before = {p: p.read_bytes() for p in (blog / "content").rglob("*") if p.is_file()}

    status, _, err = run(capsys, *FILE_COMMANDS[command], str(path))

    assert status == 1
    (line,) = err.splitlines()
    assert line.startswith(f"reflect {command}: {path}: "), line
    assert says in err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in (blog / "content").rglob("*") if p.is_file()}
    assert after == before


# --- 4. An imported numbered list keeps the number it starts at ---------------------


def numbered_lists(page: str) -> list[tuple[int, list[str]]]:
    """Each numbered list of ``page`` in order: the number it starts at, and
    its items' own text (nested lists left out), spaces collapsed."""
    found = []
    for numbered in BeautifulSoup(page, "html.parser").find_all("ol"):
        items = []
        for item in numbered.find_all("li", recursive=False):
            own = [
                part
                for part in item.find_all(string=True)
                if not any(
                    p.name in ("ol", "ul") for p in part.parents if p is not item
                )
                or part.find_parent("li") is item
            ]
            items.append(" ".join(" ".join(own).split()))
        found.append((start_of(numbered), items))
    return found


#: WordPress HTML with numbered lists that start past 1.
NUMBERED_PAST_ONE = {
    "split by code": (
        "<ol><li>Clone it</li><li>Install</li></ol>\n<pre>make setup</pre>\n"
        '<ol start="3"><li>Run <em>it</em></li><li>Check</li></ol>'
    ),
    "split by a picture": (
        '<ol><li>a</li></ol><img src="https://x.org/a.png" alt="" />'
        '<ol start="2"><li>b</li><li>c<br>on two lines</li></ol>'
    ),
    "with a nested bullet list": (
        '<ol start="4"><li>four<ul><li>sub one</li><li>sub two</li></ul></li>'
        "<li>five</li></ol>"
    ),
    "with a nested list starting past 1": (
        '<ol start="7"><li>seven<ol start="3"><li>c</li><li>d</li></ol></li>'
        "<li>eight</li></ol>"
    ),
    "nested under bullets": (
        '<ul><li>steps<ol start="5"><li>five</li><li>six</li></ol></li></ul>'
    ),
    "with code in an item": (
        '<ol start="2"><li>Run:<pre>make zq-run</pre></li><li>Done</li></ol>'
    ),
    "starting at 0": '<ol start="0"><li>zero</li><li>one</li></ol>',
}


@pytest.mark.parametrize("case", sorted(NUMBERED_PAST_ONE))
def test_an_imported_numbered_list_starts_where_wordpress_starts_it(case):
    """``<ol start="3">``, WordPress's way of carrying a count past a code
    block, rendered from 1: Python-Markdown reads no start number without
    ``sane_lists``, which stays off. The page's numbered lists now start
    where WordPress's do and hold the same items."""
    source = NUMBERED_PAST_ONE[case]
    page = render_as_a_post(html_to_markdown(source))
    assert numbered_lists(page) == numbered_lists(source), page
    assert "markdown=" not in page
    assert page.count("<li>") + page.count("<li ") == source.count("<li>")


def test_a_list_numbered_from_1_is_written_as_markdown_still():
    markdown_text = html_to_markdown("<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>")
    assert "<ol" not in markdown_text
    assert markdown_text.startswith("1. a\n2. b\n")


@pytest.mark.parametrize(
    "source",
    [
        '<ol start="3"><li>zq-shown<pre>x\n[!private] zq-hidden</pre></li></ol>',
        '<ol start="3"><li><pre>[!private] zq-hidden\ny</pre></li>'
        "<li>zq-shown</li></ol>",
        '<ul><li>zq-shown<ol start="2"><li>b<pre>zq-hidden\n[!private]</pre></li>'
        "</ol></li></ul>",
    ],
)
def test_private_code_in_a_list_starting_past_1_stays_hidden(source):
    page = render_as_a_post(html_to_markdown(source))
    assert "zq-hidden" not in page, page
    assert "zq-shown" in page


ITEM_TEXTS = ["alpha", "beta <em>b</em>", "g<br>h", "<code>x = 1</code>"]


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=30),
            st.lists(
                st.sampled_from(["alpha", "beta <em>b</em>", "g<br>h"]),
                min_size=1,
                max_size=3,
            ),
            st.booleans(),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_run_of_numbered_lists_keeps_its_starts(lists):
    """Lists one after another, split by code, each starting anywhere, some
    holding a nested list that starts past 1 too."""
    parts = []
    for start, items, nested in lists:
        inner = '<ol start="2"><li>inner</li></ol>' if nested else ""
        lis = "".join(
            f"<li>{text}{inner if n == 0 else ''}</li>" for n, text in enumerate(items)
        )
        parts.append(f'<ol start="{start}">{lis}</ol><pre>code</pre>')
    source = "".join(parts)
    page = render_as_a_post(html_to_markdown(source))
    assert numbered_lists(page) == numbered_lists(source), page


def test_an_imported_list_split_by_code_continues_its_count_on_the_built_page(
    tmp_path,
):
    page = imported_page(
        tmp_path,
        "steps",
        "Steps",
        "<p>Setup:</p><ol><li>Clone</li><li>Install</li></ol>"
        "<pre>make setup</pre>"
        '<ol start="3"><li>Run <strong>it</strong></li>'
        "<li>Keep out:<pre>zq-secret-token\n[!private] mine</pre></li></ol>",
    )
    article = article_of(page)
    assert numbered_lists(article) == [
        (1, ["Clone", "Install"]),
        (3, ["Run it", "Keep out:"]),
    ]
    assert "markdown=" not in article
    assert "zq-secret-token" not in page


@pytest.mark.parametrize(
    "source",
    [
        '<ol type="a"><li>first</li><li>second</li></ol>',
        '<ol type="I" start="4"><li>fourth</li></ol>',
        "<ol reversed><li>last</li><li>first</li></ol>",
        '<ul><li>x<ol type="i"><li>one</li></ol></li></ul>',
    ],
)
def test_a_list_counted_in_letters_numerals_or_down_keeps_its_counting(source):
    """The same class: a numbered list's ``type`` and ``reversed``, which
    Markdown cannot write at all, were dropped (letters became numbers)."""

    def counting(page: str) -> list[tuple[str | None, bool, int]]:
        soup = BeautifulSoup(page, "html.parser")
        return [
            (numbered.get("type"), numbered.has_attr("reversed"), start_of(numbered))
            for numbered in soup.find_all("ol")
        ]

    page = render_as_a_post(html_to_markdown(source))
    assert counting(page) == counting(source), page
    assert numbered_lists(page) == numbered_lists(source), page


@pytest.mark.parametrize(
    ("given", "says"),
    [("pelicanconf.py", "not a folder"), ("zq-nowhere", "no such folder")],
)
def test_a_project_that_is_no_folder_is_said_to_be_what_it_is(
    blog, capsys, given, says
):
    """``--project pelicanconf.py`` said "pelicanconf.py has no
    pelicanconf.py", and a folder not there was said to hold no settings:
    the same class as a file argument said wrongly."""
    status, _, err = run(capsys, "--project", given, "lint")

    assert status == 2
    assert err == (
        f"reflect: --project {given}: {says}; it names the site's folder, the "
        "one with its pelicanconf.py\n"
    )


def test_a_list_past_1_in_a_quote_stays_a_markdown_list():
    """Written as HTML inside a quote, the list was read as text in a
    paragraph, ``markdown="1"`` shown on the page. There it stays Markdown:
    its items intact, counted from 1 (Markdown can say no more there)."""
    source = (
        '<blockquote><p>q</p><ol start="3"><li>three</li><li>four</li></ol>'
        "</blockquote>"
    )
    page = render_as_a_post(html_to_markdown(source))
    assert "markdown=" not in page, page
    assert [items for _, items in numbered_lists(page)] == [["three", "four"]]


def test_a_list_past_1_in_a_table_cell_shows_no_markup():
    """A Markdown table cannot hold a list (its text stays, as before); the
    HTML form is not written there either."""
    source = '<table><tr><td><ol start="2"><li>zq-x</li></ol></td></tr></table>'
    page = render_as_a_post(html_to_markdown(source))
    assert "markdown=" not in page, page
    assert "zq-x" in page
