"""Leftover 17: a special file stops the build only if Pelican would open it.

Where posts and pages are looked for, Pelican opens a file only if its
ending is exactly one its readers read (``Generator._include_path``, 4.12:
case and all, and ``static``, ``BaseReader``'s own, among them), as
``READERS`` and the plugins' ``readers_init`` leave them. The start-up
guard took any ending a reader's but for case as read, and knew nothing of
``static`` or ``READERS``: a named pipe at ``posts/x.MD`` stopped a build
that would never open it, and one at ``posts/x.static`` let the build wait
on it for ever."""

from __future__ import annotations

import os

import pytest
from pelican import signals
from pelican.readers import HTMLReader
from sitebuild import (
    ROOT,
    copy_content,
    copy_project,
    lint_in_process,
    run_pelican,
    site_settings,
    the_line_a_stopped_build_said,
)

from sitekit.walkfindings import SpecialFileError, checked_content_folder

BUILD_TIMEOUT = 120
#: The ``pelican`` command finds the plugins in ``PLUGIN_PATHS``, but what
#: they import (``sitekit``) where the environment's install put it: this
#: checkout's, so a build tests the code beside the test.
THIS_CHECKOUT = {"PYTHONPATH": str(ROOT / "plugins")}


# --- Names no reader reads: no stop ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "warned"),
    [("x.MD", True), ("about.Html", True), ("notes.RST", True), ("x.mkdn", False)],
)
def test_a_named_pipe_whose_ending_no_reader_reads_does_not_stop_the_build(
    tmp_path, name, warned
):
    """Pelican's readers read ``md``, not ``MD``, and no reader reads
    ``mkdn``: Pelican never lists the pipe, so nothing waits on it. The
    ending spelt otherwise is still said, as for a regular file."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / name)
    findings = checked_content_folder(site_settings(content))
    assert [finding.rule for finding in findings] == (
        ["path-spelt-otherwise"] if warned else []
    )


def test_a_build_beside_a_named_pipe_named_x_MD_passes_with_the_endings_warning(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / "x.MD")
    ran = run_pelican(
        content, tmp_path / "out", env=THIS_CHECKOUT, timeout=BUILD_TIMEOUT
    )
    printed = (ran.stdout + ran.stderr).splitlines()
    assert ran.returncode == 0, printed
    said = [line for line in printed if "x.MD" in line]
    assert len(said) == 1 and "[path-spelt-otherwise]" in said[0], printed
    assert not any("named pipe" in line for line in printed), printed


def test_reflect_lint_beside_a_named_pipe_named_x_MD_warns_of_the_ending(tmp_path):
    project = copy_project(tmp_path / "project")
    os.mkfifo(project / "content" / "posts" / "x.MD")
    ran = lint_in_process("lint", cwd=project)
    printed = (ran.stdout + ran.stderr).splitlines()
    assert ran.returncode == 0, printed
    assert not any("named pipe" in line for line in printed), printed
    assert any("x.MD" in line and "path-spelt-otherwise" in line for line in printed)


def test_a_named_pipe_whose_reader_the_settings_take_away_does_not_stop_it(tmp_path):
    """``READERS = {"html": None}``: Pelican reads no ``.html`` page."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "pages" / "old.html")
    settings = site_settings(content, READERS={"html": None})
    assert checked_content_folder(settings) == []


# --- Names a reader reads: still stopped ------------------------------------------


def test_a_named_pipe_ending_in_static_stops_the_build_in_one_line(tmp_path):
    """``static`` is the ending of Pelican's ``BaseReader``: the file is
    listed among the posts and hashed for the cache, which waited on the
    pipe for ever."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / "x.static")
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(content))
    ran = run_pelican(
        content, tmp_path / "out", env=THIS_CHECKOUT, timeout=BUILD_TIMEOUT
    )
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(ran, "x.static")


def test_a_named_pipe_a_reader_the_settings_add_reads_is_refused(tmp_path):
    """``READERS = {"txt": HTMLReader}``: Pelican reads ``posts/x.txt``."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / "x.txt")
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(content, READERS={"txt": HTMLReader}))


def test_a_named_pipe_a_plugins_reader_reads_is_refused(tmp_path):
    """A plugin that gives a reader an ending at ``readers_init`` (as the
    reflections plugin gives its own the Markdown endings)."""

    def read_txt(readers) -> None:
        readers.reader_classes["txt"] = HTMLReader

    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / "x.txt")
    signals.readers_init.connect(read_txt)
    try:
        with pytest.raises(SpecialFileError):
            checked_content_folder(site_settings(content))
    finally:
        signals.readers_init.disconnect(read_txt)


# --- A folder Pelican copies under a name the walk did not list it by ------------


def test_a_named_pipe_a_static_folders_link_leads_to_stops_the_build(tmp_path):
    """``images/pics -> ../art/pics``: Pelican copies ``images/pics/chart.pdf``
    (``STATIC_PATHS = ["images"]``, links followed), but the walk lists each
    real folder once, under the first name it meets (``art/pics``, outside
    ``STATIC_PATHS``), and the guard let the pipe be: the build waited on
    it for ever."""
    content = copy_content(tmp_path / "content")
    (content / "art" / "pics").mkdir(parents=True)
    os.mkfifo(content / "art" / "pics" / "chart.pdf")
    (content / "images" / "pics").symlink_to("../art/pics")
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(content))
    ran = run_pelican(
        content, tmp_path / "out", env=THIS_CHECKOUT, timeout=BUILD_TIMEOUT
    )
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(ran, "chart.pdf")


def test_a_named_pipe_behind_a_link_no_static_folder_holds_is_let_be(tmp_path):
    """The same folder linked only from where nothing is copied
    (``notes/pics -> ../art/pics``): Pelican never opens the pipe."""
    content = copy_content(tmp_path / "content")
    (content / "art" / "pics").mkdir(parents=True)
    os.mkfifo(content / "art" / "pics" / "chart.pdf")
    (content / "notes").mkdir()
    (content / "notes" / "pics").symlink_to("../art/pics")
    assert checked_content_folder(site_settings(content)) == []
