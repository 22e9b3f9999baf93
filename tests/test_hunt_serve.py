"""Hunting defects in `make serve`'s preview server (tools/preview_server.py)
with real HTTP requests. The preview serves the local build, desk and all
(follow-ups, people, review dates): only the writer may read it, and
otherwise it answers as a plain static web server does, whatever a
browser, another web page or a hostile request sends. One bad request
never stops it."""

from __future__ import annotations

import http.client
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from preview import OpenPage, request, write
from sitebuild import ROOT, copy_content

sys.path.insert(0, str(ROOT / "tools"))

from build_error import BuildError  # tools/build_error.py
from preview_events import BuildEvents  # tools/preview_events.py
from preview_loop import served_address  # tools/preview_loop.py
from preview_reach import refuse_network_host  # tools/preview_reach.py
from preview_server import PreviewServer  # tools/preview_server.py

DESK = b"<!DOCTYPE html><html><body><p>Follow up with Ada on Friday</p></body></html>"
PAGE = b"<!DOCTYPE html>\n<html><head></head><body><p>Home</p></body></html>\n"
MISSING = b"<!DOCTYPE html><html><body><p>Not found</p></body></html>"
SECRET = b"a file beside the output folder"
RELOAD_SRC = "/.preview/reload.js"
RELOAD_TAG = re.compile(rb'<script src="/\.preview/reload\.js"[^>]*></script>')

SITE = {
    "index.html": PAGE,
    "404.html": MISSING,
    "desk/index.html": DESK,
    "notes.txt": "Café au lait\n".encode(),
    "theme/css/site.css": b"body { content: '\xc3\xa9'; }\n",
    "theme/js/search.js": b"const e = '\xc3\xa9';\n",
    "feeds/all.atom.xml": b'<?xml version="1.0" encoding="utf-8"?>\n<feed>'
    b"<![CDATA[<html><body>a post</body></html>]]></feed>\n",
    "reflections.json": b'{"body": "<html><body>x</body></html>"}\n',
    "desk/reviews.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    "site.webmanifest": b'{"name": "Site"}\n',
    "favicon.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "theme/fonts/text.woff2": b"wOF2\x00\x01",
    "pagefind/pagefind.en_1.pf_meta": b"\x1f\x8b\x08",
    "pagefind/fragment/en_1.pf_fragment": b"\x1f\x8b\x08",
}


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[PreviewServer]:
    """One preview server for the module, as `make serve` runs it (host
    127.0.0.1), on a site with a desk and a file beside its folder."""
    root = tmp_path_factory.mktemp("serve")
    (root / "secret.txt").write_bytes(SECRET)
    site = write(root / "output", SITE)
    (site / "outside").symlink_to(root)
    events = BuildEvents()
    events.publish(site)
    server = PreviewServer("127.0.0.1", 0, site, events)
    server.site = site
    server.start()
    try:
        yield server
    finally:
        server.stop()


def still_answers(server: PreviewServer) -> None:
    status, _, body = request(server, "/")
    assert status == 200 and b"<p>Home</p>" in body


# Reach: only the writer reads the desk


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.evil.example:{port}",
        "localhost.evil.example:{port}",
        "evil.example:{port}@127.0.0.1",
    ],
)
def test_a_request_for_another_host_name_is_refused(preview, host):
    """DNS rebinding: a page the writer visits re-points its own name at
    127.0.0.1 and reads the desk as same-origin. The browser still sends
    that name as ``Host``: the preview answers only its own names."""
    status, headers, body = request(
        preview, "/desk/", headers={"Host": host.format(port=preview.port)}
    )
    assert status in (403, 421)
    assert b"Ada" not in body
    assert "access-control-allow-origin" not in headers
    still_answers(preview)


def test_a_request_naming_two_hosts_is_refused(preview):
    """HTTP allows one ``Host``: a request with another behind the
    preview's own is no browser's, and which one counts is not guessed."""
    for hosts in (["127.0.0.1", "evil.example"], ["evil.example", "127.0.0.1"]):
        raw = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
        with raw:
            raw.sendall(
                b"GET /desk/ HTTP/1.1\r\n"
                + b"".join(f"Host: {host}\r\n".encode() for host in hosts)
                + b"\r\n"
            )
            answer = b""
            while chunk := raw.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 400 "), answer[:40]
        assert b"Ada" not in answer
    still_answers(preview)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:{port}",
        "127.0.0.1",
        "localhost:{port}",
        "LOCALHOST:{port}",
        "localhost.:{port}",
        "blog.localhost:{port}",
        "[::1]:{port}",
        "127.1.2.3:{port}",
    ],
)
def test_this_machines_own_names_and_addresses_are_answered(preview, host):
    status, _, body = request(
        preview, "/desk/", headers={"Host": host.format(port=preview.port)}
    )
    assert (status, body.startswith(DESK[:-14])) == (200, True)


def test_the_preview_channel_refuses_another_origin(preview):
    """A page of another site may open an event stream to the preview (it
    would register a page as open, and run first passes for nobody) or
    ask which pages are open: only the preview's own pages may."""
    other = {"Origin": "http://evil.example"}
    for path in ("/.preview/open", "/.preview/events?page=desk/index.html"):
        status, headers, _ = request(preview, path, headers=other)
        assert status == 403, path
        assert "access-control-allow-origin" not in headers
    assert "desk/index.html" not in preview.events.open_pages()
    own = {"Origin": f"http://127.0.0.1:{preview.port}"}
    assert request(preview, "/.preview/open", headers=own)[0] == 200
    # The channel named by an absolute address (absolute-form) is the same.
    absolute = f"http://127.0.0.1:{preview.port}/.preview/open"
    assert request(preview, absolute, headers=other)[0] == 403


def test_one_stream_counts_every_page_it_names_open_while_it_lasts(preview):
    """The reload script's shared worker holds one stream for every tab,
    naming each tab's page: each counts as open until the stream ends."""
    url = f"http://127.0.0.1:{preview.port}"
    with OpenPage(url, ["desk/index.html", "/", "desk/index.html"]) as stream:
        stream.wait_for(lambda event: True)
        assert preview.events.open_pages() >= {"desk/index.html", "index.html"}
    deadline = time.monotonic() + 30
    while preview.events.open_pages() & {"desk/index.html", "index.html"}:
        assert time.monotonic() < deadline, "a page counts as open after its stream"
        time.sleep(0.05)


def test_the_shared_worker_is_served_as_a_script(preview):
    status, headers, body = request(preview, "/.preview/reload-worker.js")
    assert status == 200
    assert headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in body


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/desk/",
        "/.preview/open",
        "/.preview/reload.js",
        "/.preview/reload-worker.js",
        "/nowhere/",
    ],
)
def test_no_response_lets_another_origin_read_it(preview, path):
    _, headers, _ = request(preview, path, headers={"Origin": "http://evil.example"})
    assert not [name for name in headers if name.startswith("access-control-")]


def test_a_host_for_the_whole_network_is_refused_in_one_line(tmp_path):
    """``make serve HOST=0.0.0.0`` would serve the desk to every machine on
    the network: refused before any build, unless the writer says so."""
    done = serve_command(tmp_path, "--host", "0.0.0.0", "--port", "0")
    assert done.returncode != 0
    (line,) = done.stderr.splitlines()
    assert line.startswith("build: ") and "NETWORK=1" in line
    assert "Traceback" not in done.stdout + done.stderr
    assert "Done: Processed" not in done.stdout
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("host", "network", "refused"),
    [
        ("127.0.0.1", False, False),
        ("localhost", False, False),
        ("::1", False, False),
        ("0.0.0.0", False, True),
        ("::", False, True),
        ("", False, True),
        ("0.0.0.0", True, False),
    ],
)
def test_only_a_host_of_this_machine_alone_is_served_without_network(
    host, network, refused
):
    if refused:
        with pytest.raises(BuildError, match="NETWORK=1"):
            refuse_network_host(host, network)
    else:
        refuse_network_host(host, network)


# Paths


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//../secret.txt",
        "/desk/../../secret.txt",
        "/outside/secret.txt",
        "/outside/",
    ],
)
def test_no_path_reads_a_file_outside_the_output_folder(preview, path):
    status, _, body = request(preview, path)
    assert status == 404
    assert SECRET not in body
    still_answers(preview)


@pytest.mark.parametrize(
    "path",
    [
        "/index.html%00.txt",
        "/%00",
        "/desk/%00/",
        "/" + "a" * 5000,
        "/" + "a" * 300 + "/",
        "/" + "a/" * 3000,
        "/" + "%C3" * 100,
    ],
)
def test_a_path_no_file_can_have_is_a_missing_page_and_the_server_answers_on(
    preview, path
):
    status, _, body = request(preview, path)
    assert status == 404
    assert body.startswith(MISSING[:-14])
    still_answers(preview)


def test_a_request_line_too_long_gets_an_answer(preview):
    """Python's handler refuses a request line over 64 KiB (414); the
    preview's own error page must not stop that answer."""
    status, _, _ = request(preview, "/" + "a" * 70_000)
    assert status == 414
    still_answers(preview)


def test_a_query_or_fragment_on_a_page_serves_the_page(preview):
    for path in ("/desk/?from=mail", "/desk/index.html?x=1", "/desk/#top"):
        status, _, body = request(preview, path)
        assert (status, b"Ada" in body) == (200, True), path


def test_a_folder_without_its_slash_is_redirected_as_a_web_server_does(preview):
    status, headers, _ = request(preview, "/desk?from=mail")
    assert (status, headers["location"]) == (301, "/desk/?from=mail")
    status, headers, _ = request(preview, "//evil.example/../desk")
    assert not headers.get("location", "/").startswith("//")


def test_head_answers_as_get_without_a_body(preview):
    for path in ("/", "/notes.txt", "/nowhere/"):
        got_status, got, _ = request(preview, path)
        status, headers, body = request(preview, path, method="HEAD")
        assert (status, body) == (got_status, b"")
        assert headers["content-type"] == got["content-type"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_a_method_other_than_get_or_head_is_not_allowed(preview, method):
    status, headers, _ = request(preview, "/desk/", method=method)
    assert status == 405
    assert headers["allow"] == "GET, HEAD"
    assert "access-control-allow-origin" not in headers
    still_answers(preview)


# What each file is


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/theme/css/site.css", "text/css; charset=utf-8"),
        ("/theme/js/search.js", "text/javascript; charset=utf-8"),
        ("/feeds/all.atom.xml", "application/xml"),
        ("/reflections.json", "application/json"),
        ("/desk/reviews.ics", "text/calendar; charset=utf-8"),
        ("/site.webmanifest", "application/manifest+json"),
        ("/favicon.svg", "image/svg+xml"),
        ("/theme/fonts/text.woff2", "font/woff2"),
        ("/pagefind/pagefind.en_1.pf_meta", "application/octet-stream"),
        ("/pagefind/fragment/en_1.pf_fragment", "application/octet-stream"),
        ("/.preview/reload.js", "text/javascript; charset=utf-8"),
    ],
)
def test_each_kind_of_file_is_served_with_its_type_and_text_with_its_charset(
    preview, path, kind
):
    """The site writes UTF-8: a text file without a charset is read by a
    browser in its locale's old encoding (``CafÃ©``)."""
    status, headers, _ = request(preview, path)
    assert (status, headers["content-type"]) == (200, kind)


@pytest.mark.parametrize(
    "path", ["/feeds/all.atom.xml", "/reflections.json", "/notes.txt"]
)
def test_a_file_that_is_no_page_never_gets_the_reload_script(preview, path):
    status, _, body = request(preview, path)
    assert status == 200 and RELOAD_SRC.encode() not in body


class ScriptsRun(HTMLParser):
    """The ``src`` of each script element a browser would run."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.sources.append(dict(attrs).get("src"))


def scripts_run(page: bytes) -> list[str | None]:
    parser = ScriptsRun()
    parser.feed(page.decode())
    parser.close()
    return parser.sources


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html><html><body><p>x</p></body></html>\n",
        b"<!DOCTYPE html><HTML><BODY><p>x</p></BODY></HTML>\n",
        b"<!DOCTYPE html><html><body><p>x</p>\n",
        b"<!DOCTYPE html><html><body><p>x</p></body></html>\n<!-- was </body> -->\n",
        b"<!DOCTYPE html><html><body><p>x</p>"
        b'<script>var end = "</body>";</script></body></html>\n',
        b"<!DOCTYPE html><html><body><p>x</p></body></html>\n"
        b'<script>var end = "</body>";</script>\n',
        b"<!DOCTYPE html><html><body><p>x</p><!-- </body> -->\n",
        b"<!DOCTYPE html><html><head><title>On </body> tags</title></head>"
        b"<body><p>x</p></body></html>\n",
        b"<!DOCTYPE html><html><body><style>p::after{content:'</body>'}</style>"
        b"<p>x</p></body></html>\n<style>/* </body> */</style>",
    ],
)
def test_the_reload_script_is_one_the_browser_runs_wherever_body_ends(preview, page):
    """Before the page's own ``</body>``, not one inside a comment or a
    script's string (where it would be commented out, or end that script
    early), and at the end of a page with none."""
    (preview.site / "odd.html").write_bytes(page)
    status, _, body = request(preview, "/odd.html")
    assert status == 200
    sources = scripts_run(body)
    assert sources.count(RELOAD_SRC) == 1
    assert RELOAD_TAG.sub(b"", body) == page


# The live-reload channel


def test_many_event_streams_at_once_each_get_the_build_and_the_site_answers_on(
    preview,
):
    streams = []
    try:
        for number in range(40):
            stream = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
            stream.sendall(
                f"GET /.preview/events?page=p{number}.html HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{preview.port}\r\n\r\n".encode()
            )
            streams.append(stream)
        for stream in streams:
            said = b""
            while b"event: build" not in said:
                said += stream.recv(4096)
        still_answers(preview)
    finally:
        for stream in streams:
            stream.close()


def test_a_huge_or_odd_page_name_on_the_stream_harms_nothing(preview):
    for page in ("a" * 60_000, "%00", "../../etc/passwd", "<script>", "%ZZ"):
        status, _, _ = request(preview, f"/.preview/events?page={page}", method="HEAD")
        assert status == 200
    still_answers(preview)


def test_a_stream_client_that_never_reads_does_not_hold_up_the_others(preview):
    silent = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
    silent.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    try:
        silent.sendall(
            b"GET /.preview/events HTTP/1.1\r\n"
            + f"Host: 127.0.0.1:{preview.port}\r\n\r\n".encode()
        )
        done = threading.Event()

        def fetch() -> None:
            still_answers(preview)
            done.set()

        threading.Thread(target=fetch, daemon=True).start()
        assert done.wait(30)
    finally:
        silent.close()


def test_a_download_the_browser_gives_up_says_nothing_in_the_terminal(
    preview, capfd, monkeypatch
):
    """A reload (live reload's own), or a page left while a large image
    loads, ends the connection mid-file: nothing went wrong, and a
    traceback there would bury the build's own messages."""
    (preview.site / "large.png").write_bytes(b"\0" * 20_000_000)
    ended = threading.Event()
    handle_error = preview.handle_error

    def handled(*args) -> None:
        handle_error(*args)
        ended.set()

    monkeypatch.setattr(preview, "handle_error", handled)
    capfd.readouterr()
    browser = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
    browser.sendall(
        b"GET /large.png HTTP/1.1\r\n"
        + f"Host: 127.0.0.1:{preview.port}\r\n\r\n".encode()
    )
    browser.recv(4096)
    browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    browser.close()  # a reset, as a browser's cancelled load
    assert ended.wait(30)
    assert "Traceback" not in capfd.readouterr().err
    still_answers(preview)


VIDEO = bytes(range(256)) * 40  # 10240 bytes


@pytest.mark.parametrize(
    ("asked", "part"),
    [
        ("bytes=0-", slice(0, None)),
        ("bytes=100-199", slice(100, 200)),
        ("bytes=10000-", slice(10000, None)),
        ("bytes=-16", slice(-16, None)),
        ("bytes=10000-99999", slice(10000, None)),
    ],
)
def test_a_video_is_served_in_the_parts_the_browser_asks_for(preview, asked, part):
    """Safari plays a ``<video>`` only from a server that answers a range,
    and no browser seeks past what it loaded without one."""
    (preview.site / "clip.mp4").write_bytes(VIDEO)
    status, headers, body = request(preview, "/clip.mp4", headers={"Range": asked})
    first, last = range(len(VIDEO))[part][0], range(len(VIDEO))[part][-1]
    assert status == 206
    assert body == VIDEO[part]
    assert headers["content-range"] == f"bytes {first}-{last}/{len(VIDEO)}"
    assert headers["content-length"] == str(len(body))
    still_answers(preview)


def test_a_range_past_the_end_is_refused_and_another_file_is_sent_whole(preview):
    (preview.site / "clip.mp4").write_bytes(VIDEO)
    status, headers, _ = request(
        preview, "/clip.mp4", headers={"Range": f"bytes={len(VIDEO)}-"}
    )
    assert (status, headers["content-range"]) == (416, f"bytes */{len(VIDEO)}")
    status, headers, body = request(preview, "/clip.mp4")
    assert (status, headers["accept-ranges"], body) == (200, "bytes", VIDEO)
    stale = {"Range": "bytes=0-9", "If-Range": '"an-older-file"'}
    assert request(preview, "/clip.mp4", headers=stale)[2] == VIDEO
    several = {"Range": "bytes=0-9,20-29"}
    assert request(preview, "/clip.mp4", headers=several)[:3:2] == (200, VIDEO)


# Bad input to the command


def serve_command(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    """``tools/build.py serve`` (what ``make serve`` runs) with ``options``,
    on a copy of the content; for an address it refuses before any build."""
    content = copy_content(tmp_path / "content")
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build.py"),
            "serve",
            "--input",
            str(content),
            "--output",
            str(tmp_path / "output"),
            *options,
            "--",
            "--cache-path",
            str(tmp_path / "cache"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("port", ["70000", "-1", "abc", "80.5", "", "\u00b2", "\u0668"])
def test_a_port_that_is_no_port_is_said_in_one_line(tmp_path, port):
    done = serve_command(tmp_path, f"--port={port}")
    assert done.returncode != 0
    (line,) = done.stderr.splitlines()
    assert line.startswith("build: ") and "PORT" in line and "65535" in line
    assert "Done: Processed" not in done.stdout
    assert not (tmp_path / "output").exists()


def test_an_ipv6_loopback_host_is_served(tmp_path):
    """``make serve HOST=::1``: the server listens on IPv6 when the host is
    an IPv6 address, and answers there."""
    site = write(tmp_path / "output", {"index.html": PAGE})
    events = BuildEvents()
    events.publish(site)
    server = PreviewServer("::1", 0, site, events)
    server.start()
    try:
        connection = http.client.HTTPConnection("::1", server.port, timeout=10)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert (response.status, b"Home" in response.read()) == (200, True)
        connection.close()
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("localhost", "http://localhost:8000/"),
        ("::1", "http://[::1]:8000/"),
        ("0.0.0.0", "http://0.0.0.0:8000/"),
    ],
)
def test_the_address_said_is_one_a_browser_opens(host, address):
    assert served_address(host, 8000) == address


# --- A name a tunnel or a forwarded port gives the preview ------------------------

FORWARDED = "blog-8000.example.dev"


@pytest.fixture(scope="module")
def forwarded(tmp_path_factory) -> Iterator[PreviewServer]:
    """A preview told to answer the name a cloud editor forwards it by."""
    site = write(tmp_path_factory.mktemp("forwarded") / "output", SITE)
    events = BuildEvents()
    events.publish(site)
    server = PreviewServer(
        "127.0.0.1", 0, site, events, allowed_hosts=frozenset({FORWARDED})
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_name_the_writer_allows_is_answered_and_no_other(forwarded):
    # A cloud editor's forwarded port or a tunnel reaches the preview by a
    # name of its own: refused with the rest, the preview could not be used
    # there at all.
    for host in (FORWARDED, f"{FORWARDED.upper()}:443", f"{FORWARDED}."):
        assert request(forwarded, "/desk/", headers={"Host": host})[0] == 200, host
    status, _, body = request(forwarded, "/desk/", headers={"Host": "evil.example"})
    assert status == 403 and b"ALLOW_HOSTS" in body
    own = {"Host": "127.0.0.1", "Origin": f"https://{FORWARDED}"}
    assert request(forwarded, "/.preview/open", headers=own)[0] == 200
    other = {"Host": "127.0.0.1", "Origin": "https://evil.example"}
    assert request(forwarded, "/.preview/open", headers=other)[0] == 403


def test_an_allowed_name_that_is_no_host_is_said_in_one_line(tmp_path):
    done = serve_command(tmp_path, "--allow-host", "two words")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("build: ALLOW_HOSTS names 'two words'")
    assert not (tmp_path / "output").exists()


def test_make_serve_passes_each_allowed_name_on():
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve", "ALLOW_HOSTS=a.dev b.dev"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '--allow-host "a.dev" --allow-host "b.dev"' in done.stdout
