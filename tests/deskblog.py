"""The writer's site for `reflect` tests: a copy of the sample content in a
folder of its own, as the working directory, its desk counting from
December 4, 2026; and the command run in this process.

Shared by the desk's, the review's and the command line's tests (import
``blog`` as a fixture, ``run`` to call `reflect`), so that each file does
not keep its own copy of the settings and drift from the others."""

from __future__ import annotations

import shutil

import pytest
from sitebuild import CONTENT

from reflect.cli import main

SETTINGS = """\
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
TIMEZONE = "America/Chicago"
AUTHOR = "Priya"
ARTICLE_URL = "{date:%Y}/{slug}/"
PLUGINS = ["sourceguard", "comments", "postseries", "reflections", "desk"]
DESK_TODAY = "2026-12-04"
"""


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """A copy of the sample content in a site of its own, as the working
    directory, its desk counting from December 4, 2026."""
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def empty_blog(tmp_path, monkeypatch):
    """The same site with no content yet, as the working directory."""
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "pages").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`reflect ARGS` in this process: its exit status, output and errors."""
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err
