"""Hunting defects in `make serve`'s preview server and the guarded build
(tools/preview_server.py, tools/build.py): what a writer could plausibly
do (restore a stylesheet from a backup, keep a verification file, link a
folder into the output) and what the preview or the build must then do."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from preview import request, write
from sitebuild import ROOT, copy_content

sys.path.insert(0, str(ROOT / "tools"))

import build as build_command  # tools/build.py
from build import Build
from preview_events import BuildEvents  # tools/preview_events.py
from preview_server import PreviewServer  # tools/preview_server.py

from sitekit.outputfolder import (
    Marker,
    OutputRule,
    files_under,
    real,
    write_marker,
)

PAGE = b"<!DOCTYPE html>\n<html><head></head><body><p>Home</p></body></html>\n"
RELOAD_TAG = b'<script src="/.preview/reload.js"'


@contextlib.contextmanager
def serving(site: Path) -> Iterator[PreviewServer]:
    """The preview server of ``site``, as `make serve` runs it, on a free
    port; stopped however the test ends."""
    events = BuildEvents()
    events.publish(site)
    server = PreviewServer("127.0.0.1", 0, site, events)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def revalidated(server: PreviewServer, path: str, first: dict[str, str]) -> bytes:
    """The body a browser shows after revalidating what it cached from the
    ``first`` response: the new body, or the cached one on a 304."""
    validators = {}
    if "etag" in first:
        validators["If-None-Match"] = first["etag"]
    if "last-modified" in first:
        validators["If-Modified-Since"] = first["last-modified"]
    status, _, body = request(server, path, headers=validators)
    return body if status == 200 else b"<cached>"


def test_a_stylesheet_restored_with_an_older_time_is_not_served_stale(tmp_path):
    """A stylesheet put back from a backup (``mv style.css.bak style.css``,
    ``cp -p``, ``rsync -a``) keeps its older modification time: a browser
    asking whether its newer copy is still good must get the new bytes."""
    site = write(tmp_path / "output", {"index.html": PAGE, "theme/style.css": b"red"})
    with serving(site) as server:
        _, first, body = request(server, "/theme/style.css")
        assert body == b"red"
        css = site / "theme" / "style.css"
        css.write_bytes(b"blue")
        an_hour_ago = time.time() - 3600
        os.utime(css, (an_hour_ago, an_hour_ago))
        assert revalidated(server, "/theme/style.css", first) == b"blue"


def test_a_stylesheet_saved_twice_within_a_second_is_not_served_stale(tmp_path):
    """Two saves inside one second share an HTTP date (it counts whole
    seconds): the second save's bytes must still reach the browser."""
    site = write(tmp_path / "output", {"index.html": PAGE, "theme/style.css": b"red"})
    css = site / "theme" / "style.css"
    moment = int(time.time()) - 10
    os.utime(css, (moment + 0.1, moment + 0.1))
    with serving(site) as server:
        _, first, _ = request(server, "/theme/style.css")
        css.write_bytes(b"blu")  # the same size, the same second
        os.utime(css, (moment + 0.8, moment + 0.8))
        assert revalidated(server, "/theme/style.css", first) == b"blu"


def test_an_unchanged_stylesheet_is_revalidated_without_its_bytes(tmp_path):
    site = write(tmp_path / "output", {"index.html": PAGE, "theme/style.css": b"red"})
    with serving(site) as server:
        _, first, _ = request(server, "/theme/style.css")
        status, headers, body = request(
            server, "/theme/style.css", headers={"If-None-Match": first["etag"]}
        )
        assert (status, body) == (304, b"")
        assert headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "name, data",
    [
        ("google1234abcd.html", b"google-site-verification: google1234abcd.html"),
        ("snippets/signup.html", b'<form action="/join"><input name="e"></form>\n'),
    ],
)
def test_an_html_file_that_is_no_page_is_served_as_built(tmp_path, name, data):
    """A search engine's verification file, or a fragment a page fetches,
    ends in .html but is no page: the reload script would change what it
    says (a verification fails, a fragment gets a script)."""
    site = write(tmp_path / "output", {"index.html": PAGE, name: data})
    with serving(site) as server:
        status, headers, body = request(server, f"/{name}")
        assert (status, body) == (200, data)
        assert headers["content-length"] == str(len(data))
        status, _, body = request(server, "/")
        assert status == 200 and RELOAD_TAG in body


def test_a_page_without_a_closing_body_tag_still_gets_the_script(tmp_path):
    """HTML lets a page leave out ``</body>``: it is a page all the same."""
    page = b"<!doctype html>\n<title>Home</title>\n<p>Home\n"
    site = write(tmp_path / "output", {"index.html": page})
    with serving(site) as server:
        status, _, body = request(server, "/")
        assert status == 200 and body.startswith(page) and RELOAD_TAG in body


def test_a_head_request_for_a_missing_page_is_a_404_without_a_body(tmp_path):
    site = write(tmp_path / "output", {"index.html": PAGE, "404.html": PAGE})
    with serving(site) as server:
        status, _, body = request(server, "/gone/", "HEAD")
        assert (status, body) == (404, b"")
        status, _, body = request(server, "/gone/")
        assert status == 404 and RELOAD_TAG in body


@pytest.mark.parametrize(
    "path", ["/..%2f..%2fsecret.txt", "/%2e%2e/secret.txt", "/a/%2E%2E/../secret.txt"]
)
def test_an_encoded_path_cannot_leave_the_output_folder(tmp_path, path):
    write(tmp_path, {"secret.txt": b"SECRET"})
    site = write(tmp_path / "output", {"index.html": PAGE, "a/x.txt": b"x"})
    with serving(site) as server:
        status, _, body = request(server, path)
        assert status == 404 and b"SECRET" not in body


def test_a_link_inside_the_output_that_leads_out_is_not_served(tmp_path):
    """The preview serves only what is inside the output folder (as
    docs/publishing.md says): a link someone made in it to a folder
    elsewhere (``ln -s ~/Photos output/photos``) is a missing page."""
    write(tmp_path / "elsewhere", {"secret.txt": b"SECRET"})
    site = write(tmp_path / "output", {"index.html": PAGE, "404.html": PAGE})
    (site / "photos").symlink_to(tmp_path / "elsewhere")
    (site / "away.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    with serving(site) as server:
        for path in ("/photos/secret.txt", "/away.txt", "/photos/"):
            status, _, body = request(server, path)
            assert status == 404 and b"SECRET" not in body, path


def test_a_link_that_stays_inside_the_output_is_served(tmp_path):
    site = write(tmp_path / "output", {"index.html": PAGE, "theme/style.css": b"red"})
    (site / "style.css").symlink_to(site / "theme" / "style.css")
    with serving(site) as server:
        assert request(server, "/style.css")[::2] == (200, b"red")


def test_an_output_folder_that_is_a_link_is_served_through_it(tmp_path):
    """An output that is a link (a web server's document root) is served:
    its files lie inside the folder it points to."""
    real_site = write(tmp_path / "www", {"index.html": PAGE, "a.css": b"red"})
    (tmp_path / "output").symlink_to(real_site)
    with serving(tmp_path / "output") as server:
        assert request(server, "/a.css")[::2] == (200, b"red")
        status, _, body = request(server, "/")
        assert status == 200 and RELOAD_TAG in body


AWKWARD_FOLDER = "my site/Übersicht d'été"


def build_command_line(target: str, **variables: str) -> list[str]:
    """The words of the ``tools/build.py`` command ``make <target>`` runs,
    as the shell splits them (``make -n``: nothing runs)."""
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", target]
        + [f"{name}={value}" for name, value in variables.items()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [line for line in dry.stdout.splitlines() if "tools/build.py" in line]
    return shlex.split(line)


@pytest.mark.parametrize("target", ["html", "publish", "serve", "clean"])
def test_make_passes_folders_with_spaces_and_accents_as_one_path(tmp_path, target):
    """``make html OUTPUTDIR="my site/…"`` builds into that one folder; the
    recipe once split it into words (and ``make clean`` removed each)."""
    output = str(tmp_path / AWKWARD_FOLDER / "out")
    content = str(tmp_path / AWKWARD_FOLDER / "content")
    words = build_command_line(target, OUTPUTDIR=output, INPUTDIR=content)
    assert words[words.index("--output") + 1] == output
    assert words[words.index("--input") + 1] == content


def test_make_clean_removes_no_folder_but_the_output(tmp_path):
    """Only the build command removes the output folder: no ``rm`` in the
    recipe names it, split or whole."""
    output = str(tmp_path / "my site" / "out")
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "clean", f"OUTPUTDIR={output}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    removals = [line for line in dry.stdout.splitlines() if line.startswith("rm ")]
    assert removals and not any(str(tmp_path) in line for line in removals)


def clean(content: Path, output: Path) -> subprocess.CompletedProcess:
    """``make clean``'s removal of ``output``, with the sample settings."""
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build.py"),
            "clean",
            "--input",
            str(content),
            "--output",
            str(output),
            "--settings",
            str(ROOT / "pelicanconf.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def built_site(content: Path, output: Path) -> Path:
    """``output`` as a build of ``content`` leaves it: its files, its
    marker and lock beside it, and a killed build's scratch folder."""
    write(output, {"index.html": PAGE, "theme/style.css": b"red"})
    write_marker(output, Marker(str(real(content)), files_under(output)))
    target = real(output)
    target.with_name(f".{target.name}.lock").touch()
    write(target.parent / f".output.build-{target.name}-x1" / target.name, {"a": b""})
    return output


def test_make_clean_removes_an_output_with_spaces_and_what_lies_beside_it(tmp_path):
    content = copy_content(tmp_path / "content")
    parent = tmp_path / "my site"
    output = built_site(content, parent / "Übersicht d'été")
    write(tmp_path, {"my/keep.txt": b"kept", "site/keep.txt": b"kept"})
    done = clean(content, output)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in parent.iterdir()) == []
    assert (tmp_path / "my" / "keep.txt").exists()
    assert (tmp_path / "site" / "keep.txt").exists()


def test_make_clean_refuses_the_content_folder_as_a_build_does(tmp_path):
    content = copy_content(tmp_path / "content")
    before = files_under(content)
    done = clean(content, content)
    assert done.returncode == 1
    assert done.stderr.startswith("build: the output folder") and "content" in (
        done.stderr
    )
    assert files_under(content) == before


def test_make_clean_refuses_a_folder_no_build_of_this_site_made(tmp_path):
    content = copy_content(tmp_path / "content")
    output = write(tmp_path / "Documents", {"thesis.tex": b"years of work"})
    done = clean(content, output)
    assert done.returncode == 1 and "no build of this site" in done.stderr
    assert (output / "thesis.tex").read_bytes() == b"years of work"


def test_make_clean_of_an_output_that_is_a_link_removes_the_link_only(tmp_path):
    """The folder a link points to may be a web server's document root."""
    content = copy_content(tmp_path / "content")
    www = built_site(content, tmp_path / "www")
    (tmp_path / "output").symlink_to(www)
    done = clean(content, tmp_path / "output")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "output").is_symlink()
    assert (www / "index.html").read_bytes() == PAGE


def interrupted_while_removing(monkeypatch, signum: int) -> None:
    """The build command's removal of a scratch folder, with ``signum``
    arriving as it starts (a Ctrl-C pressed as the build ends, a second
    one while the first is being handled)."""
    remove = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        signal.raise_signal(signum)
        remove(path, *args, **kwargs)

    monkeypatch.setattr(build_command.shutil, "rmtree", rmtree)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("failing", [False, True], ids=["swapped", "failed"])
def test_a_signal_while_the_scratch_folder_goes_leaves_none_behind(
    tmp_path, monkeypatch, signum, failing
):
    """The scratch folder (the new site if the build failed, the old one
    once swapped) is removed whole, and the signal still ends the build."""
    content = write(tmp_path / "content", {"post.md": b"Title: A"})
    rule = OutputRule(real(content), (("content folder", real(content)),), ())
    output = tmp_path / "output"

    runs: list[Path] = []

    def pelican(_: list[str], scratch: Path) -> int:
        write(scratch, {f"{n}/index.html": PAGE for n in range(50)})
        runs.append(scratch)
        return 1 if failing and len(runs) > 1 else 0

    build = Build(output, rule, [], runner=pelican)
    build.once()
    before = files_under(output)
    previous = signal.signal(signal.SIGTERM, build_command._exit_on)
    try:
        interrupted_while_removing(monkeypatch, signum)
        with pytest.raises((KeyboardInterrupt, SystemExit)):
            build.once()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert list(tmp_path.glob(".output.build-*")) == []
    assert files_under(output) == before


def test_make_serve_on_a_port_in_use_says_so_in_one_line_before_building(tmp_path):
    """A second `make serve` (or any server) on the port: one line naming
    the address and what to do, exit 1, and no build spent first."""
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tools" / "build.py"),
                "serve",
                "--input",
                str(content),
                "--output",
                str(output),
                "--port",
                str(port),
                "--",
                "--cache-path",
                str(tmp_path / "cache"),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"build: cannot serve on 127.0.0.1:{port} ")
    assert f"PORT={port + 1}" in line
    assert "Done: Processed" not in done.stdout and not output.exists()


def test_a_folder_without_an_index_page_is_a_missing_page_not_a_listing(tmp_path):
    """A web server (GitHub Pages, a default nginx) answers 404 for a
    folder with no index.html: the preview says the same, with the site's
    404 page, not a listing of the folder no reader will ever see."""
    missing = b"<!DOCTYPE html><html><body>Not found</body></html>"
    site = write(
        tmp_path / "output",
        {"index.html": PAGE, "404.html": missing, "images/a.png": b"png"},
    )
    with serving(site) as server:
        status, _, body = request(server, "/images/")
        assert status == 404 and body.startswith(missing[:-14])
        assert b"a.png" not in body
