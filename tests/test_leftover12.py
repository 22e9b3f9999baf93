"""Defects this evening's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import CONTENT, copy_project, lint_in_process
from test_reflect_desk import SETTINGS, run

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
    "text",
    ["price-the-pay-cut:\n", "price-the-pay-cut: 2026-01-01\n", "other: {x: 1}\n"],
)
def test_review_done_still_adds_to_an_empty_or_single_day_entry(blog, capsys, text):
    """What the command does understand still takes the day: no entry yet,
    one day written alone, and an entry of another lesson it does not edit."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 0, err
    assert reviews.read_text(encoding="utf-8") != text
    assert "2026-12-04" in reviews.read_text(encoding="utf-8")


# --- 2. A tag is read as HTML reads it: a quoted value may hold `>` ----------------


def quoted(value: str, quote: str) -> str:
    return f"{quote}{value}{quote}"


#: Attributes before the links, some shown as text (alt, title), their
#: values holding `>` and the other kind of quote, as HTML allows.
ATTRIBUTES = st.lists(
    st.tuples(
        st.sampled_from(["alt", "title", "class", "id", "style", "data-note"]),
        st.sampled_from(['"', "'"]),
        st.text(alphabet="ab >/.\"'", max_size=8),
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
    linted = lint_in_process("lint", cwd=project)
    said = [line for line in linted.stdout.splitlines() if "2026-03-05-gt.md" in line]
    assert len(said) == 1, linted.stdout
    assert "{static}/images/zq-wide.png" in said[0]
    assert said[0].endswith("[broken-link]")


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
