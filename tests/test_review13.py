"""Review of hunt12's one walk of what Pelican reads (``sitekit.sourcewalk``):
what a valid site holds must not stop its build, and what Pelican opens
must still be judged."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from pelican.settings import read_settings
from sitebuild import ROOT, copy_content, run_pelican

from sitekit.sourcewalk import walk_sources
from sitekit.walkfindings import SpecialFileError, checked_content_folder

BUILD_TIMEOUT = 120


def site_settings(content: Path, **override) -> dict:
    """The site's own settings (pelicanconf.py) over ``content``."""
    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), **override},
    )


def unix_socket(path: Path) -> socket.socket:
    """A socket a running tool keeps open at ``path`` (bound, as a tool's
    is); the caller closes it."""
    held = socket.socket(socket.AF_UNIX)
    held.bind(os.fsdecode(path))
    return held


@pytest.fixture
def short_tmp() -> Path:
    """A folder with a short path: a socket's path is limited to 107 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="r13"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# --- Special files Pelican never opens -------------------------------------------


def test_a_tools_socket_in_a_hidden_folder_does_not_stop_the_build(short_tmp):
    """A tool running beside the writer keeps a socket in ``content/.cache/``
    (a language server, git's fsmonitor in ``.git/``): Pelican lists only
    the files a reader reads (``.md``, ``.html``, ``.rst``) outside
    ``STATIC_PATHS``, so it never opens it, yet the walk, which now
    enters hidden folders and lists every file, stopped the build."""
    content = copy_content(short_tmp / "c")
    (content / ".cache").mkdir()
    (content / "posts" / ".tool").mkdir()
    held = [
        unix_socket(content / ".cache" / "s.sock"),
        unix_socket(content / "posts" / ".tool" / "ipc"),
    ]
    os.mkfifo(content / "posts" / "notes.fifo")
    try:
        assert checked_content_folder(site_settings(content)) == []
        ran = run_pelican(content, short_tmp / "out", timeout=BUILD_TIMEOUT)
        assert ran.returncode == 0, ran.stdout + ran.stderr
    finally:
        for each in held:
            each.close()


def test_a_named_pipe_pelican_opens_is_still_refused_whatever_its_name(tmp_path):
    """What Pelican does open stays refused: a post's ending anywhere, and
    every file of a ``STATIC_PATHS`` folder whatever its ending, reached
    by its own name or through a link listed first (``a-pics -> images``)."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / "notes.md")
    with pytest.raises(SpecialFileError):
        checked_content_folder(site_settings(content))
    (content / "posts" / "notes.md").unlink()
    os.mkfifo(content / "images" / "chart.pdf")
    with pytest.raises(SpecialFileError) as raised:
        checked_content_folder(site_settings(content))
    assert raised.value.path == str(content / "images" / "chart.pdf")
    (content / "a-pics").symlink_to("images")
    with pytest.raises(SpecialFileError) as raised:
        checked_content_folder(site_settings(content))
    assert Path(raised.value.path).name == "chart.pdf"


# --- The walk's cost -------------------------------------------------------------


def folder_listings(content: Path, links: int, monkeypatch) -> int:
    """How many folders one walk lists (``scandir`` calls) with ``links``
    links to one archive of 100 folders under the posts."""
    for number in range(links):
        (content / "posts" / f"by-{number}").symlink_to("archive")
    listed = []
    real_scandir = os.scandir

    def counted(*args, **kwargs):
        listed.append(args)
        return real_scandir(*args, **kwargs)

    monkeypatch.setattr(os, "scandir", counted)
    walk_sources(site_settings(content))
    monkeypatch.undo()
    for number in range(links):
        (content / "posts" / f"by-{number}").unlink()
    return len(listed)


def test_links_to_one_archive_list_its_folders_once_not_once_a_link(
    tmp_path, monkeypatch
):
    """Whether a linked folder leads back in a ring was asked by listing
    everything behind it, once for every link: ten more links to an
    archive of 100 folders listed 1,000 more folders (twenty links to 200
    folders, 4,230 listings, where one walk needs 411)."""
    content = copy_content(tmp_path / "content")
    for year in range(100):
        (content / "posts" / "archive" / f"y{year}").mkdir(parents=True)
    ten = folder_listings(content, 10, monkeypatch)
    twenty = folder_listings(content, 20, monkeypatch)
    assert twenty - ten < 100, (ten, twenty)


# --- Folders named as files where no post is looked for --------------------------


def test_a_static_folder_named_as_a_page_is_not_reported(tmp_path):
    """An HTML bundle kept as it is among the static files
    (``images/demo.html/index.html``) is copied as it is: no post or page
    is looked for there (``ARTICLE_PATHS = ["posts"]``), yet it was
    reported as a folder named as a file, an error in ``make publish``.
    The same folder among the posts, or where posts are looked for
    everywhere (``ARTICLE_PATHS = [""]``), is still reported."""
    content = copy_content(tmp_path / "content")
    (content / "images" / "demo.html").mkdir()
    (content / "images" / "demo.html" / "index.html").write_text("<p>demo</p>")
    assert checked_content_folder(site_settings(content)) == []
    (content / "posts" / "2025-01-01-draft.md").mkdir()
    (found,) = checked_content_folder(site_settings(content))
    assert found.path == str(content / "posts" / "2025-01-01-draft.md")
    everywhere = site_settings(content, ARTICLE_PATHS=[""])
    assert {found.path for found in checked_content_folder(everywhere)} == {
        str(content / "images" / "demo.html"),
        str(content / "posts" / "2025-01-01-draft.md"),
    }


def test_a_static_folder_named_as_a_page_is_published_and_searched(tmp_path):
    """The bundle's folder is copied to ``output/images/demo.html/``: the
    search index took every ``*.html`` in the output for a page and
    stopped ``make publish`` reading the folder ("Is a directory")."""
    content = copy_content(tmp_path / "content")
    (content / "images" / "demo.html").mkdir()
    (content / "images" / "demo.html" / "index.html").write_text("<p>demo</p>")
    ran = run_pelican(
        content, tmp_path / "out", conf="publishconf.py", timeout=BUILD_TIMEOUT
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (tmp_path / "out" / "images" / "demo.html" / "index.html").is_file()
    assert (tmp_path / "out" / "pagefind" / "pagefind.js").is_file()
