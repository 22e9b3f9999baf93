"""Code walked, split or written twice, each made once: the cases the one
version must hold that no test held yet."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from bs4.element import PageElement, Tag
from pelican import Pelican
from pelican.settings import read_settings
from sitebuild import ROOT, copy_content, copy_project, lint_in_process

from reflect.file_replacing import FileNotReplaced, create_file, replace_file
from reflect.file_style import SourceLines, read_styled
from reflect.wp_markdown import html_to_markdown
from sitekit.diagnostics import display_path
from sitekit.walkfindings import (
    SpecialFileError,
    checked_content_folder,
    folders_named_as_files,
)

WORDPRESS = Path(__file__).parent / "fixtures" / "wordpress-export.xml"

# --- Writing a file: one set of steps, new or over an old one -------------------


def test_a_new_file_where_no_scratch_file_can_be_made_names_its_folder(
    tmp_path, monkeypatch
):
    """The scratch file goes beside the new one: when it cannot be made,
    the folder is at fault, and the line says so."""

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    folder = tmp_path / "posts"
    with pytest.raises(FileNotReplaced) as raised:
        create_file(folder / "2026-12-01-hello.md", "Title: Hello\n")
    assert str(raised.value) == (
        f"{display_path(str(folder))}: cannot write it (Permission denied); "
        "nothing was written"
    )
    assert list(folder.iterdir()) == []


def test_a_new_file_is_never_written_over_one_that_is_there(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("kept\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_file(path, "new\n")
    assert path.read_text(encoding="utf-8") == "kept\n"
    assert [entry.name for entry in tmp_path.iterdir()] == ["post.md"]


def test_a_check_that_stops_the_swap_leaves_the_file_and_no_scratch(tmp_path):
    path = tmp_path / "lessons.yml"
    path.write_text("old\n", encoding="utf-8")
    seen = []

    def check(scratch: Path) -> None:
        seen.append(scratch.read_text(encoding="utf-8"))
        raise ValueError("the new text does not read back")

    with pytest.raises(ValueError, match="read back"):
        replace_file(path, "new\n", check)
    assert seen == ["new\n"]
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [entry.name for entry in tmp_path.iterdir()] == ["lessons.yml"]


def test_a_new_file_takes_the_mode_the_umask_leaves_and_a_replaced_one_keeps_its_own(
    tmp_path,
):
    mask = os.umask(0o027)
    try:
        created = tmp_path / "new.md"
        create_file(created, "x\n")
        kept = tmp_path / "kept.md"
        kept.write_text("x\n", encoding="utf-8")
        kept.chmod(0o600)
        replace_file(kept, "y\n")
    finally:
        os.umask(mask)
    assert created.stat().st_mode & 0o777 == 0o640
    assert kept.stat().st_mode & 0o777 == 0o600
    assert kept.read_text(encoding="utf-8") == "y\n"


# --- --content: one refusal for lint and import-wordpress -----------------------


@pytest.mark.parametrize("arguments", [("lint",), ("import-wordpress", str(WORDPRESS))])
def test_a_content_folder_holding_a_named_pipe_is_refused_in_one_line(
    tmp_path, arguments
):
    folder = tmp_path / "elsewhere"
    (folder / "posts").mkdir(parents=True)
    os.mkfifo(folder / "posts" / "pipe.md")
    command = arguments[0]
    if command == "lint":
        ran = lint_in_process("lint", str(folder))
    else:
        ran = lint_in_process(*arguments, "--content", str(folder))
    assert ran.returncode == 2, ran.stdout + ran.stderr
    (line,) = ran.stderr.splitlines()
    assert line.startswith(f"reflect {command}: ")
    assert "pipe.md" in line and "a named pipe" in line
    assert sorted(path.name for path in folder.rglob("*")) == ["pipe.md", "posts"]


# --- A file's lines and endings: one splitting for posts and YAML files ----------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_file_read_in_its_style_is_written_back_byte_for_byte(tmp_path, ending, bom):
    """``read_styled`` splits as the build reads (``SourceLines``): the text
    has ``\\n`` lines, and the style puts back each ending and the BOM."""
    kept = bom + ending.join(["# Lessons", "a:", "  title: A", ""])
    path = tmp_path / "lessons.yml"
    path.write_bytes(kept.encode("utf-8"))
    text, style = read_styled(path)
    assert text == "# Lessons\na:\n  title: A\n"
    assert style.apply(text) == kept
    lines = SourceLines.of(kept)
    assert (lines.text, lines.style, lines.joined()) == (text, style, kept)


def test_lessons_add_keeps_a_files_old_mac_line_endings(tmp_path):
    """``lessons.yml`` saved with ``\\r`` alone between lines (as a post may
    be, and as the build reads both): it was read as one line and written
    back with ``\\n`` endings added, every line changed. Now the new lines
    are the only change, ended as the file's are."""
    project = copy_project(tmp_path / "site")
    vocabulary = project / "content" / "lessons.yml"
    kept = vocabulary.read_text(encoding="utf-8").replace("\n", "\r")
    vocabulary.write_bytes(kept.encode("utf-8"))
    ran = lint_in_process(
        "lessons", "add", "Sleep on an offer", "--theme", "Career moves", cwd=project
    )
    assert ran.returncode == 0, ran.stderr
    after = vocabulary.read_bytes().decode("utf-8")
    assert after.startswith(kept) and "\n" not in after
    assert after[len(kept) :] == (
        "\rsleep-on-an-offer:\r  title: Sleep on an offer\r  theme: Career moves\r"
    )


# --- An imported list: a step or so an element, not a search per item ------------


def _steps_to_import(monkeypatch, html: str) -> int:
    """The elements Beautiful Soup steps over (each element a walk down or
    up the tree reaches) while ``html`` is imported: the work, counted."""
    steps = 0

    def counted(walk):
        def stepping(self):
            nonlocal steps
            for element in walk.fget(self):
                steps += 1
                yield element

        return property(stepping)

    with monkeypatch.context() as patched:
        patched.setattr(Tag, "descendants", counted(Tag.descendants))
        patched.setattr(PageElement, "parents", counted(PageElement.parents))
        html_to_markdown(html)
    return steps


#: Lists an export may hold, of ``n`` items: each item was judged by
#: climbing to the outermost list and searching all of it for a numbered
#: list (``<ol start>``), so the work grew as the square of the items.
HOSTILE_LISTS = {
    "a numbered list starting past 1": lambda n: (
        '<ol start="3">' + "<li>item</li>" * n + "</ol>"
    ),
    "a list of items that each hold a list": lambda n: (
        "<ul>" + "<li>item<ol><li>inner</li></ol></li>" * n + "</ul>"
    ),
    "a long list deep inside lists": lambda n: (
        "<ol><li>a" * 20
        + '<ol start="2">'
        + "<li>b</li>" * n
        + "</ol>"
        + "</li></ol>" * 20
    ),
}


@pytest.mark.parametrize("shape", HOSTILE_LISTS)
def test_importing_a_list_twice_as_long_takes_twice_the_steps_not_four_times(
    monkeypatch, shape
):
    """Untrusted input has bounded cost: a list's items are judged once per
    list, not each with a search of the whole list (steps, never time)."""
    make = HOSTILE_LISTS[shape]
    shorter = _steps_to_import(monkeypatch, make(300))
    longer = _steps_to_import(monkeypatch, make(600))
    assert longer <= 2.3 * shorter, (shorter, longer)


# --- The content folder listed once as a build starts ---------------------------


def test_a_build_lists_its_content_folder_once_to_check_its_names(
    tmp_path, monkeypatch
):
    """Special files (which stop the build) and folders named as posts
    (which it reports) are found on one listing of the content folder as
    Pelican lists it, not one each; the links it refuses are judged on
    that same listing (``sitekit.sourcewalk``), which follows links as
    Pelican does. It walks each folder Pelican or a plugin reads once, and
    only those: the site's settings read ``posts/``, ``pages/``,
    ``images/`` and ``comments/``, never the whole content folder."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "zq-folder.md").mkdir()
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out")},
    )
    walked = []
    real_walk = os.walk

    def walk(top, *args, **kwargs):
        walked.append((str(top), bool(kwargs.get("followlinks"))))
        return real_walk(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    found = checked_content_folder(content)
    assert [finding.path for finding in found] == [
        str(content / "posts" / "zq-folder.md")
    ]
    assert folders_named_as_files(content) == found
    walked.clear()
    Pelican(settings)  # its ``initialized`` signal runs sourceguard's checks
    tops = [top for top, _ in walked if Path(top).is_relative_to(content)]
    assert sorted(tops) == sorted(
        str(content / name) for name in ("posts", "pages", "images", "comments")
    ), walked
    assert all(followed for top, followed in walked if top in tops), walked


def test_one_listing_still_stops_at_a_special_file(tmp_path):
    (tmp_path / "posts" / "zq-folder.md").mkdir(parents=True)
    os.mkfifo(tmp_path / "posts" / "pipe.md")
    with pytest.raises(SpecialFileError) as refused:
        checked_content_folder(tmp_path)
    assert refused.value.path == str(tmp_path / "posts" / "pipe.md")
