"""The start-up walk skips what Pelican never reads, as Pelican skips it.

The guard's walk entered the whole content folder: a writer who keeps
``content/`` in git has ``content/.git``, thousands of objects walked at
every build and every ``reflect`` command, and a pipe or socket there
(git's fsmonitor socket) could stop a build that never looks at it. It
counted a reader's ending anywhere, and knew nothing of ``*_EXCLUDES``.
Now it walks what each of Pelican's walks walks (each ``*_PATHS`` entry,
less what ``IGNORE_FILES`` and that setting's ``*_EXCLUDES`` leave out, as
``Generator.get_files`` in 4.12 does) and what the plugins read by name
(``sitekit.pelicanreads``); what a build reads is refused as before.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from sitebuild import (
    copy_content,
    copy_project,
    lint_in_process,
    run_pelican,
    site_settings,
    the_line_a_stopped_build_said,
)

from sitekit.sourcewalk import walk_sources
from sitekit.walkfindings import SpecialFileError, checked_content_folder

#: Only so that a build that would hang fails instead: nothing is timed.
BUILD_TIMEOUT = 300


def extra_settings(**settings) -> list[str]:
    """``pelican`` options that set ``settings`` over pelicanconf.py."""
    return [
        option
        for name, value in settings.items()
        for option in ("-e", f"{name}={json.dumps(value)}")
    ]


def bind_socket(folder: Path, name: str) -> socket.socket:
    """A listening Unix socket at ``folder/name``, bound by its short name
    (a socket's path is limited to about 100 bytes)."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(name)
    finally:
        os.chdir(here)
    return sock


def with_a_git_folder(content: Path) -> Path:
    """``content/.git`` as git leaves it while its fsmonitor runs: a socket
    and, for good measure, a named pipe whose ending a reader reads."""
    git = content / ".git"
    (git / "objects" / "ab").mkdir(parents=True)
    (git / "objects" / "ab" / "cdef").write_bytes(b"x")
    os.mkfifo(git / "notes.md")
    return git


# --- A content folder kept in git ----------------------------------------------


@pytest.fixture
def git_content(tmp_path):
    content = copy_content(tmp_path / "content")
    git = with_a_git_folder(content)
    sock = bind_socket(git, "fsmonitor--daemon.ipc")
    yield content
    sock.close()


def test_a_content_folder_s_git_folder_is_not_walked(git_content):
    """The site reads ``posts/``, ``pages/``, ``comments/`` and copies
    ``images/``: Pelican never looks at ``.git``, nor does the walk."""
    walked = walk_sources(site_settings(git_content))
    everything = [*walked.files, *walked.folders]
    assert not [path for path in everything if ".git" in path.parts]
    assert checked_content_folder(site_settings(git_content)) == []


def test_a_build_beside_a_git_folder_holding_a_pipe_and_a_socket_passes(
    git_content, tmp_path
):
    ran = run_pelican(git_content, tmp_path / "out", timeout=BUILD_TIMEOUT)
    printed = ran.stdout + ran.stderr
    assert ran.returncode == 0, printed
    assert ".git" not in printed, printed


def test_reflect_lint_beside_a_git_folder_holding_a_pipe_and_a_socket_passes(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    git = with_a_git_folder(project / "content")
    with bind_socket(git, "fsmonitor--daemon.ipc"):
        ran = lint_in_process("lint", cwd=project)
    printed = ran.stdout + ran.stderr
    assert ran.returncode == 0, printed
    assert ".git" not in printed, printed


# --- The whole content folder copied: Pelican's own ignores decide ---------------


@pytest.mark.parametrize(
    "ignore_files",
    [
        [".#*", ".gitkeep"],  # the site's own
        # Pelican 4.12's default: matched against a name alone, "**/.*"
        # asks for a "/" and so matches no name; Pelican copies .git.
        ["**/.*"],
    ],
)
def test_a_pipe_in_a_git_folder_pelican_copies_is_refused(tmp_path, ignore_files):
    content = copy_content(tmp_path / "content")
    with_a_git_folder(content)
    settings = site_settings(content, STATIC_PATHS=[""], IGNORE_FILES=ignore_files)
    with pytest.raises(SpecialFileError) as refused:
        checked_content_folder(settings)
    assert refused.value.path == str(content / ".git" / "notes.md")


def test_a_build_copying_the_whole_content_folder_stops_at_a_pipe_in_git(tmp_path):
    content = copy_content(tmp_path / "content")
    with_a_git_folder(content)
    ran = run_pelican(
        content,
        tmp_path / "out",
        *extra_settings(STATIC_PATHS=[""]),
        timeout=BUILD_TIMEOUT,
    )
    line = the_line_a_stopped_build_said(ran, "notes.md")
    assert ".git/notes.md" in line and "a named pipe, not a file" in line


@pytest.mark.parametrize("ignore_files", [[".*"], [".git"]])
def test_a_git_folder_pelican_s_ignores_name_is_not_walked(tmp_path, ignore_files):
    content = copy_content(tmp_path / "content")
    with_a_git_folder(content)
    settings = site_settings(content, STATIC_PATHS=[""], IGNORE_FILES=ignore_files)
    walked = walk_sources(settings)
    assert not [path for path in walked.files if ".git" in path.parts]
    assert checked_content_folder(settings) == []


# --- *_EXCLUDES --------------------------------------------------------------------


@pytest.fixture
def scratch_pipe(tmp_path) -> Path:
    """A named pipe ``posts/scratch/x.md``, where posts are looked for."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "scratch").mkdir()
    os.mkfifo(content / "posts" / "scratch" / "x.md")
    return content


EXCLUDED = ["comments", "posts/scratch"]


def test_a_pipe_in_a_folder_article_excludes_names_does_not_stop_the_build(
    scratch_pipe, tmp_path
):
    settings = site_settings(scratch_pipe, ARTICLE_EXCLUDES=EXCLUDED)
    assert checked_content_folder(settings) == []
    ran = run_pelican(
        scratch_pipe,
        tmp_path / "out",
        *extra_settings(ARTICLE_EXCLUDES=EXCLUDED),
        timeout=BUILD_TIMEOUT,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_the_same_pipe_where_posts_are_read_stops_the_build_in_one_line(
    scratch_pipe, tmp_path
):
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(scratch_pipe))
    ran = run_pelican(scratch_pipe, tmp_path / "out", timeout=BUILD_TIMEOUT)
    line = the_line_a_stopped_build_said(ran, "x.md")
    assert "posts/scratch/x.md" in line and "a named pipe, not a file" in line


@pytest.mark.parametrize(
    "excludes",
    [
        # An exclude never leaves out the folder a walk starts from.
        ["comments", "posts"],
        # Nor a file: Pelican leaves out only folders.
        ["comments", "posts/scratch/x.md"],
        # Nor a folder of the same name elsewhere: it is a path.
        ["comments", "scratch"],
    ],
)
def test_an_exclude_pelican_does_not_match_leaves_the_pipe_refused(
    scratch_pipe, excludes
):
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(scratch_pipe, ARTICLE_EXCLUDES=excludes))


def test_an_exclude_of_another_setting_leaves_the_pipe_refused(scratch_pipe):
    """``STATIC_EXCLUDES`` leaves the folder out of the static walk alone."""
    settings = site_settings(scratch_pipe, STATIC_EXCLUDES=["posts/scratch"])
    with pytest.raises(SpecialFileError):
        checked_content_folder(settings)


def test_a_folder_left_out_under_one_name_is_walked_under_another(tmp_path):
    """``posts/a/b`` is excluded, ``posts/c -> a`` is not: Pelican reads
    ``posts/c/b/x.md``. The walk lists each real folder once, but not one
    it walked with a part left out."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "a" / "b").mkdir(parents=True)
    os.mkfifo(content / "posts" / "a" / "b" / "x.md")
    (content / "posts" / "c").symlink_to("a")
    settings = site_settings(content, ARTICLE_EXCLUDES=["comments", "posts/a/b"])
    with pytest.raises(SpecialFileError) as refused:
        checked_content_folder(settings)
    assert refused.value.path == str(content / "posts" / "c" / "b" / "x.md")


# --- A reader's ending counts only where posts and pages are read ---------------


def test_a_pipe_named_as_a_post_where_nothing_is_read_is_let_be(tmp_path):
    """``notes/`` lies in no ``*_PATHS``: Pelican never looks there."""
    content = copy_content(tmp_path / "content")
    (content / "notes").mkdir()
    os.mkfifo(content / "notes" / "x.md")
    assert checked_content_folder(site_settings(content)) == []


def test_a_pipe_named_as_a_post_in_a_static_folder_is_refused(tmp_path):
    """``images/x.md``: a static folder's every file is copied, and the
    build reads each (its private-marker check), whatever its ending; the
    ending is not what counts there."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "images" / "x.md")
    with pytest.raises(SpecialFileError) as refused:
        checked_content_folder(site_settings(content))
    assert refused.value.path == str(content / "images" / "x.md")
    ran = run_pelican(content, tmp_path / "out", timeout=BUILD_TIMEOUT)
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(ran, "x.md")


# --- What a .git of 20,000 files costs -------------------------------------------


def entries_listed(settings: dict, monkeypatch) -> int:
    """How many folder entries the walk lists (``os.scandir``, which
    ``os.walk`` and the link checks use): its cost, counted, not timed."""
    listed = 0
    real_scandir = os.scandir

    class Counted:
        def __init__(self, path):
            self.entries = real_scandir(path)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.entries.close()

        def __iter__(self):
            return self

        def __next__(self):
            nonlocal listed
            entry = next(self.entries)
            listed += 1
            return entry

        def close(self):
            self.entries.close()

    with monkeypatch.context() as patched:
        patched.setattr(os, "scandir", Counted)
        walk_sources(settings)
    return listed


def fill_git_folder(content: Path, files: int = 20_000) -> None:
    for number in range(files):
        folder = content / ".git" / "objects" / f"{number % 200:02x}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:038x}").write_bytes(b"")


@pytest.mark.parametrize(
    "override",
    [
        {},  # the site's settings: .git lies in no *_PATHS
        {"STATIC_PATHS": [""], "IGNORE_FILES": [".*"]},  # Pelican's ignores
    ],
)
def test_a_git_folder_of_20000_files_costs_the_walk_nothing(
    tmp_path, monkeypatch, override
):
    content = copy_content(tmp_path / "content")
    settings = site_settings(content, **override)
    without = entries_listed(settings, monkeypatch)
    fill_git_folder(content)
    with_git = entries_listed(settings, monkeypatch)
    assert with_git <= without + 1, (without, with_git)  # the ".git" entry
