"""Hunting defects in `make serve`'s preview server and the guarded build
(tools/preview_server.py, tools/build.py): what a writer could plausibly
do (restore a stylesheet from a backup, keep a verification file, link a
folder into the output) and what the preview or the build must then do."""

from __future__ import annotations

import contextlib
import http.client
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))

from preview_events import BuildEvents  # tools/preview_events.py
from preview_server import PreviewServer  # tools/preview_server.py

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


def request(
    server: PreviewServer,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """The status, the headers (names in lower case) and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        named = {name.lower(): value for name, value in response.getheaders()}
        return response.status, named, body
    finally:
        connection.close()


def write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


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
