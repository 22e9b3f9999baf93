"""When the link rule refuses every entry of ``ARTICLE_PATHS`` (or
``PAGE_PATHS``), nothing is left to read posts (or pages) from: the build
and every ``reflect`` command stop in one line naming the setting, rather
than build a site with no posts, or fail on the empty list with a
traceback (``reflect new`` wrote into ``ARTICLE_PATHS[0]``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sitebuild import (
    REFLECT,
    copy_content,
    copy_project,
    run_pelican,
    the_line_a_stopped_build_said,
)

BUILD_TIMEOUT = 120

COMMANDS = (
    ("lint",),
    ("new", "A conversation"),
    ("due",),
    ("prep", "--kind", "Informational interviews"),
)


def outside_folder(tmp_path: Path) -> Path:
    """A folder beside the content holding a post and a page a person keeps
    out of the site."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "offer.md").write_text(
        "Title: Offer\nDate: 2026-12-01\n\nSalary notes.\n", encoding="utf-8"
    )
    return outside


def linked_project(tmp_path: Path, setting: str) -> Path:
    """A project whose only ``setting`` entry is ``linked``, a link to a
    folder outside the project that ``ALLOWED_OUTSIDE_PATHS`` does not allow."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "linked").symlink_to(outside_folder(tmp_path))
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + f'\n{setting} = ["linked"]\n',
        encoding="utf-8",
    )
    return project


@pytest.mark.parametrize("setting", ["ARTICLE_PATHS", "PAGE_PATHS"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_every_command_stops_in_one_line_when_the_only_entry_is_refused(
    tmp_path, setting, command
):
    project = linked_project(tmp_path, setting)
    before = sorted(path.name for path in (project / "content").rglob("*"))
    ran = subprocess.run(
        [str(REFLECT), *command],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr, ran.stderr
    said = [line for line in (ran.stdout + ran.stderr).splitlines() if setting in line]
    assert len(said) == 1, ran.stdout + ran.stderr
    kind = "post" if setting == "ARTICLE_PATHS" else "page"
    assert "names only 'linked'" in said[0], said[0]
    assert f"no {kind} would be read" in said[0], said[0]
    assert sorted(path.name for path in (project / "content").rglob("*")) == before


@pytest.mark.parametrize("setting", ["ARTICLE_PATHS", "PAGE_PATHS"])
def test_the_build_stops_in_one_line_and_writes_nothing(tmp_path, setting):
    """A build that read no post (or no page) from where the writer said
    they are cannot be trusted: it stops before anything is written."""
    content = copy_content(tmp_path / "content")
    (content / "linked").symlink_to(outside_folder(tmp_path))
    output = tmp_path / "out"
    ran = run_pelican(
        content, output, "-e", f'{setting}=["linked"]', timeout=BUILD_TIMEOUT
    )
    line = the_line_a_stopped_build_said(ran, f"{setting} names only")
    assert "'linked'" in line
    assert not output.exists() or not any(output.iterdir())


def test_an_entry_left_beside_the_refused_one_is_read_as_before(tmp_path):
    """Only when nothing is left does the build stop: ``["posts",
    "linked"]`` drops ``linked`` with its warning and reads ``posts``."""
    content = copy_content(tmp_path / "content")
    (content / "linked").symlink_to(outside_folder(tmp_path))
    output = tmp_path / "out"
    ran = run_pelican(
        content,
        output,
        "-e",
        'ARTICLE_PATHS=["posts", "linked"]',
        timeout=BUILD_TIMEOUT,
    )
    said = ran.stdout + ran.stderr
    assert ran.returncode == 0, said
    assert "[outside-link]" in said
    assert "ARTICLE_PATHS names only" not in said
    assert not list(output.rglob("offer*"))


def test_reflect_new_names_an_empty_article_paths_in_one_line(tmp_path):
    """``ARTICLE_PATHS = []`` (a site of pages only) lints and builds, but
    ``reflect new`` has nowhere to write: it said so with an
    ``IndexError`` traceback."""
    project = copy_project(tmp_path / "project")
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + "\nARTICLE_PATHS = []\n", encoding="utf-8"
    )
    ran = subprocess.run(
        [str(REFLECT), "new", "A conversation"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr, ran.stderr
    (line,) = ran.stderr.strip().splitlines()
    assert "ARTICLE_PATHS names no folder" in line, line
    assert "nowhere to write a new post" in line, line
