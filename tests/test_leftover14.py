"""What the start-up walk (``sitekit.sourcewalk``) still missed or did
twice: a refused ``*_PATHS`` entry Pelican read all the same, the theme's
static files, a second walk in ``reflect lint``, and a post whose ending is
in capitals."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import (
    REFLECT,
    ROOT,
    copy_content,
    copy_project,
    output_files,
    passing_build,
    run_pelican,
    site_settings,
    the_line_a_stopped_build_said,
    the_line_lint_said,
)

from reflect.lint import lint
from reflect.site import load_site
from sitekit.sourcewalk import walk_sources
from sitekit.walkfindings import checked_content_folder

BUILD_TIMEOUT = 120
SECRET = "Salary notes from the offer call"


# --- A *_PATHS entry the link rule refuses is never walked ----------------------


@pytest.fixture
def outside_folder(tmp_path) -> Path:
    """A folder beside the content holding a page and a file a person keeps
    out of the site."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "offer.html").write_text(
        f"<html><head><title>Offer</title></head><body><p>{SECRET}</p></body></html>\n",
        encoding="utf-8",
    )
    (outside / "offer.txt").write_text(SECRET + "\n", encoding="utf-8")
    return outside


@pytest.mark.parametrize("entry", ["../outside", "linked"])
def test_a_refused_path_entry_is_neither_read_nor_published(
    tmp_path, outside_folder, entry
):
    """``PAGE_PATHS = ["pages", "../outside"]`` (not allowed), or
    ``["pages", "linked"]`` with ``linked -> ../outside``: the warning said
    the folder was left out, and sourceguard added it to Pelican's
    ``*_EXCLUDES``, but an exclude never matches the folder a walk starts
    from (Pelican 4.12 ``Generator.get_files``), so the page outside the
    content folder was read and published."""
    content = copy_content(tmp_path / "content")
    (content / "linked").symlink_to(outside_folder)
    paths = f'PAGE_PATHS=["pages", "{entry}"]'
    statics = f'STATIC_PATHS=["images", "{entry}"]'
    ran = run_pelican(
        content, tmp_path / "out", "-e", paths, statics, timeout=BUILD_TIMEOUT
    )
    said = ran.stdout + ran.stderr
    assert ran.returncode == 0, said
    assert "[outside-link]" in said
    published = [path for path, _ in output_files(tmp_path / "out")]
    assert not [path for path in published if "offer" in path.name], published
    for path, data in output_files(tmp_path / "out"):
        assert SECRET.encode() not in data, path


def test_a_refused_path_entry_is_not_walked_and_is_dropped_from_its_setting(
    tmp_path, outside_folder
):
    """What Pelican will not read, the guard does not judge: a named pipe
    in the refused folder holds no build, as one behind a refused link
    does not."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(outside_folder / "pipe.html")
    settings = site_settings(content, PAGE_PATHS=["pages", "../outside"])
    walked = walk_sources(settings)
    assert walked.refused_entries == (("PAGE_PATHS", "../outside"),)
    assert not [path for path in walked.files if "outside" in path.parts]
    (link,) = walked.refused
    assert link.reason == "named"
    project = copy_project(tmp_path / "project", content)
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + '\nPAGE_PATHS = ["pages", "../../outside"]\n',
        encoding="utf-8",
    )
    site = load_site(project)
    assert site.settings["PAGE_PATHS"] == ["pages"]
    assert "PAGE_PATHS names '../../outside'" in the_line_lint_said(project, "outside")


# --- The theme's static files ---------------------------------------------------


def test_a_named_pipe_in_the_themes_static_files_stops_the_build_in_one_line(
    tmp_path,
):
    """Pelican copies ``THEME_STATIC_PATHS`` whole, and the static check
    reads each file it copies: a named pipe there held the build for ever,
    as no walk covered the theme."""
    content = copy_content(tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    os.mkfifo(theme / "static" / "css" / "print.css")
    ran = run_pelican(
        content, tmp_path / "out", "-t", str(theme), timeout=BUILD_TIMEOUT
    )
    line = the_line_a_stopped_build_said(ran, "print.css")
    assert "a named pipe, not a file" in line
    assert "move it out of the theme" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_reflect_lint_stops_at_a_named_pipe_in_the_theme(tmp_path):
    project = copy_project(tmp_path / "project")
    os.mkfifo(project / "theme" / "static" / "print.css")
    ran = subprocess.run(
        [str(REFLECT), "lint"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert ran.returncode != 0
    assert "Traceback" not in ran.stderr, ran.stderr
    said = [
        line for line in (ran.stdout + ran.stderr).splitlines() if "print.css" in line
    ]
    assert len(said) == 1 and "a named pipe, not a file" in said[0], said


# --- One walk a reflect lint ----------------------------------------------------


def stat_calls(path: Path, action: Callable[[], object], monkeypatch) -> int:
    """How many times ``action`` asks the file system about ``path``
    (``os.stat`` and ``os.lstat``, which ``pathlib`` and ``os.path`` use)."""
    calls = []
    wanted = str(path)

    def counted(real: Callable) -> Callable:
        def asked(target, *args, **kwargs):
            if isinstance(target, (str, os.PathLike)) and os.fspath(target) == wanted:
                calls.append(target)
            return real(target, *args, **kwargs)

        return asked

    with monkeypatch.context() as patched:
        patched.setattr(os, "stat", counted(os.stat))
        patched.setattr(os, "lstat", counted(os.lstat))
        action()
    return len(calls)


def test_reflect_lint_asks_of_each_file_what_one_walk_does(tmp_path, monkeypatch):
    """``reflect lint`` walked the content folder as it prepared the
    settings and again in sourceguard's content stage: more ``stat`` calls
    for every file than the build's start-up guard, which walks once and
    judges that walk (``checked_content_folder``)."""
    project = copy_project(tmp_path / "project")
    # Listed where posts are looked for, and never opened: its ending is
    # no reader's.
    notes = project / "content" / "posts" / "notes.txt"
    notes.write_text("A note no build reads.\n", encoding="utf-8")
    settings = load_site(project).settings
    built = stat_calls(
        notes, lambda: checked_content_folder(walk_sources(settings)), monkeypatch
    )
    linted = stat_calls(notes, lambda: lint(load_site(project)), monkeypatch)
    assert built > 0
    assert linted == built


# --- A post whose ending Pelican does not read ----------------------------------

POST = (
    "Title: Capitals\nDate: 2026-12-01\nLessons: Prepare targeted questions\n\nText.\n"
)


@pytest.mark.parametrize(
    "name", ["posts/2026-12-01-capitals.MD", "pages/about-me.Md", "pages/cv.HTML"]
)
def test_a_post_whose_ending_is_in_capitals_is_named(tmp_path, name):
    """``posts/x.MD``: Pelican reads a file only when its ending is one a
    reader lists, and those are lower case, so the post was silently not
    one. A warning names it (``path-spelt-otherwise``), in the build and
    in lint alike; a published build stops."""
    project = copy_project(tmp_path / "project")
    post = project / "content" / name
    post.write_text(POST, encoding="utf-8")
    said = [
        line
        for line in passing_build(project / "content", tmp_path / "out").splitlines()
        if post.name in line
    ]
    assert len(said) == 1, said
    assert "[path-spelt-otherwise]" in said[0]
    assert f"rename it {post.stem}{post.suffix.lower()}" in said[0]
    linted = the_line_lint_said(project, post.name)
    assert "path-spelt-otherwise" in linted
    published = run_pelican(
        project / "content",
        tmp_path / "pub",
        conf="publishconf.py",
        timeout=BUILD_TIMEOUT,
    )
    assert "[path-spelt-otherwise]" in the_line_a_stopped_build_said(
        published, post.name
    )


def test_an_ending_in_capitals_where_no_post_is_looked_for_is_said_nothing_of(
    tmp_path,
):
    """Among the static files (``images/notes.MD``) the file is copied as
    it is; among the comments the comments plugin names it itself, once."""
    content = copy_content(tmp_path / "content")
    (content / "images" / "notes.MD").write_text("Notes.\n", encoding="utf-8")
    comment = content / "comments" / "how-resumes-get-read" / "2025-11-05-x.MD"
    comment.write_text("Author: X\nDate: 2025-11-05\n\nHi.\n", encoding="utf-8")
    said = passing_build(content, tmp_path / "out")
    assert "notes.MD" not in said
    assert (tmp_path / "out" / "images" / "notes.MD").is_file()
    lines = [line for line in said.splitlines() if comment.name in line]
    assert len(lines) == 1 and "path-spelt-otherwise" not in lines[0], lines
