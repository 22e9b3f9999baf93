"""`make serve`'s web server: the output folder as it is, and a live reload.

Each HTML page it serves (not a ``.html`` file that is no page:
``is_page``) gets one script tag before ``</body>``
(``tools/preview_reload.js``, at ``/.preview/reload.js``) naming the build
it was served from and the page's path in the site. The script listens to
``/.preview/events?page=<path>``, a stream of server-sent events that names
the build in place when the page connects and each new one as soon as it is
announced, and registers the page as open while it listens
(``tools/preview_events.py``); the page reloads when a build changed it.
After an edit, the pages open are served first from a first pass's overlay
(only those pages, rebuilt, and the other files that pass wrote, such as a
new image they show), then from the whole build. The tag is added
to the response only: the built files are
``make html``'s, byte for byte, and a published site never holds it. A
page read with JavaScript off is the page as built.

``/.preview/open`` lists the pages open now (those a first pass would
write). ``/.preview/`` can be no file of the site: a build publishes no hidden
file. A missing page (a folder without ``index.html`` too, as a web server
answers it) gets the site's ``404.html``, with the script, so a page open
on a post whose file was renamed comes back when it is built.

Every request passes one gate first (``parse_request``): a ``Host`` that is
the writer's own (``tools/preview_reach.py``: the preview holds the desk),
GET or HEAD (405 otherwise, as a static server), and for ``/.preview/`` no
other site's ``Origin``. Otherwise it is a plain static web server: a path
no file can have is a missing page, text says it is UTF-8, the type of
each kind of file a site writes is the same on every machine, and a file
is sent in the part a browser asks for (``tools/preview_ranges.py``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import io
import json
import os
import re
import socket
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from preview_events import (  # tools/preview_events.py
    BuildEvents,
    page_name,
    site_path,
)
from preview_ranges import (  # tools/preview_ranges.py
    ByteRange,
    FileSlice,
    Unsatisfiable,
    requested_range,
)
from preview_reach import answers_host, same_origin  # tools/preview_reach.py

from sitekit.outputfolder import real

PREFIX = "/.preview/"
RELOAD_SCRIPT = (Path(__file__).with_name("preview_reload.js")).read_bytes()
#: The shared worker that holds one event stream for every tab of the preview.
RELOAD_WORKER = (Path(__file__).with_name("preview_reload_worker.js")).read_bytes()
# A comment line on a quiet stream: it keeps the connection alive, and finds
# one that ended without a word (a machine asleep, a network gone). A tab
# closed is seen at once (``_connection_ended``).
HEARTBEAT_SECONDS = 15.0
#: An HTML document: one that opens with a doctype or ``<html>`` (after a
#: byte order mark, spaces or comments), or has a ``<body>``. A file named
#: ``.html`` that is none (a search engine's verification file, a fragment
#: a page fetches) is served as built, without the reload script.
HTML_DOCUMENT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html)[\s>]"
    rb"|<body[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def with_charset(kind: str) -> str:
    """``kind`` with ``charset=utf-8`` if it is text: the site is written
    in UTF-8, and a browser reads text that does not say so in its
    locale's older encoding (``CafÃ©``), as GitHub Pages' text does not."""
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def is_page(document: bytes) -> bool:
    """Whether ``document`` is an HTML page, one the reload script goes in."""
    return HTML_DOCUMENT.search(document) is not None


def entity_tag(handle: BinaryIO) -> str:
    """A validator made of an open file's bytes (read from the handle that
    sends them, so a swap in between cannot pair one file's tag with
    another's bytes): a file rebuilt with other bytes gets another,
    whatever its modification time says (a stylesheet put back from a
    backup keeps an older one; two saves in one second share an HTTP date,
    which counts whole seconds)."""
    digest = hashlib.file_digest(handle, "blake2b").hexdigest()
    handle.seek(0)
    return f'"{digest[:32]}"'


#: What a browser reads past without seeing a tag in it (a comment, the
#: text of an element whose content is text: a script's strings), or the
#: end tag the reload script goes before. One pass of a regular
#: expression: Python's HTMLParser took seconds on a page of megabytes.
HIDDEN_OR_BODY_END = re.compile(
    rb"<!--(?:-?>|.*?-->)"
    rb"|<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)"
    rb"[\s/>].*?</\1[\s/>]"
    rb"|(?P<end></body[\s/>])",
    re.IGNORECASE | re.DOTALL,
)


def body_end(page: bytes) -> int | None:
    """The offset of ``page``'s last ``</body>`` tag, read as a browser
    reads the page: one inside a comment or a script's text is no tag;
    None if it has none."""
    at = None
    for found in HIDDEN_OR_BODY_END.finditer(page):
        if found["end"]:
            at = found.start()
    return at


def with_reload_script(page: bytes, build: str, name: str) -> bytes:
    """``page`` with the reload script's tag before its ``</body>`` (at its
    end if it has none); the tag names the build it shows and the page (its
    path in the site), which the script registers as open."""
    tag = (
        f'<script src="{PREFIX}reload.js" data-build="{build}" '
        f'data-page="{html.escape(name)}"></script>'
    ).encode()
    at = body_end(page)
    return page + tag if at is None else page[:at] + tag + page[at:]


class PreviewHandler(SimpleHTTPRequestHandler):
    """Python's static file handler, plus the reload script, its event
    stream and the site's 404 page. It serves no file a link in the output
    leads out to (``ln -s ~/Photos output/photos``). Every response is
    revalidated by the browser (``Cache-Control``), against a tag of the
    file's bytes (not its modification time), so a reload shows the new
    stylesheets too."""

    server: PreviewServer
    #: The types of the files a site writes, whatever this machine's own
    #: table says (``/etc/mime.types``, which Python reads, differs between
    #: systems); any other ending is looked up there.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html",
        ".txt": "text/plain",
        ".css": "text/css",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
        ".ics": "text/calendar",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".ico": "image/vnd.microsoft.icon",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".wasm": "application/wasm",
        ".pdf": "application/pdf",
    }

    def parse_request(self) -> bool:
        """Python's reading of the request, then the preview's gate: the
        writer's own host names only (``preview_reach``), its channel to
        its own pages only, and GET and HEAD only, as a static server."""
        if not super().parse_request():
            return False
        if len(self.headers.get_all("Host") or ()) > 1:
            # One is HTTP's; which of two counts is not guessed.
            return self._refuse(HTTPStatus.BAD_REQUEST, "More than one Host.")
        host = self.headers.get("Host")
        if not answers_host(host, self.server.host, self.server.allowed_hosts):
            return self._refuse(
                HTTPStatus.FORBIDDEN,
                "This preview answers only this machine's own names "
                "(localhost, 127.0.0.1) or the HOST make serve was given; "
                "a name a tunnel or a forwarded port gives it is answered "
                "with make serve ALLOW_HOSTS=that-name.",
            )
        if self.command not in ("GET", "HEAD"):
            return self._refuse(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "The preview serves files: GET and HEAD only.",
                ("Allow", "GET, HEAD"),
            )
        # The path as routed (``urlsplit``): an absolute-form request
        # (``GET http://127.0.0.1:8000/.preview/open``) names it too.
        routed = urllib.parse.urlsplit(self.path).path
        if routed.startswith(PREFIX) and not same_origin(
            self.headers.get("Origin"), host, self.server.allowed_hosts
        ):
            return self._refuse(
                HTTPStatus.FORBIDDEN, "The preview's channel is its own pages'."
            )
        return True

    def _refuse(self, status: HTTPStatus, why: str, *headers: tuple[str, str]) -> bool:
        """Answer ``status`` with ``why`` as plain text; the request goes no
        further (False, as ``parse_request`` says it)."""
        body = f"{status.value} {status.phrase}: {why}\n".encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True
        return False

    def send_head(self) -> Any:
        try:
            return self._send_head(urllib.parse.urlsplit(self.path).path)
        except (OSError, ValueError):
            # A name no file can have (a NUL, a name or path too long for
            # the file system): a missing page, as for any other.
            self.send_error(HTTPStatus.NOT_FOUND)
            return None

    def _send_head(self, path: str) -> Any:
        if path == f"{PREFIX}reload.js":
            return self._send_bytes(RELOAD_SCRIPT, "text/javascript", HTTPStatus.OK)
        if path == f"{PREFIX}reload-worker.js":
            return self._send_bytes(RELOAD_WORKER, "text/javascript", HTTPStatus.OK)
        if path == f"{PREFIX}events":
            return self._send_events()
        if path == f"{PREFIX}open":  # the pages a first pass would write
            pages = sorted(self.server.events.open_pages())
            body = json.dumps(pages).encode()
            return self._send_bytes(body, "application/json", HTTPStatus.OK)
        name = page_name(path)
        if name is not None:
            overlay, build = self.server.events.page_source(name)
            if overlay is not None:
                with contextlib.suppress(OSError):  # dropped: the output's
                    return self._send_overlay_file(overlay, build, name)
        file = Path(self.translate_path(self.path))
        if not real(file).is_relative_to(real(self.directory)):
            # A link in the output that leads out of it: no file of the site.
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            if self.guess_type(str(file)) == "text/html":
                return self._send_page(file, HTTPStatus.OK, name=name)
            if not path.endswith("/"):  # else a 404, as Python's handler says
                return self._send_file(file)
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and not_found.is_file():
            name = page_name(urllib.parse.urlsplit(getattr(self, "path", "")).path)
            body = self._send_page(not_found, HTTPStatus.NOT_FOUND, name=name)
            if self.command != "HEAD":
                self.copyfile(body, self.wfile)
            return
        super().send_error(code, message, explain)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder with no ``index.html`` is a missing page, as a web
        server (GitHub Pages, nginx) answers it: no listing no reader sees."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def end_headers(self) -> None:
        if not getattr(self, "_cache_control_sent", False):
            self.send_header("Cache-Control", "no-cache")
        self._cache_control_sent = False
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "cache-control":
            self._cache_control_sent = True
        super().send_header(keyword, value)

    def log_message(self, format: str, *args: Any) -> None:
        # No path yet: a request line Python refused (too long, say).
        if not getattr(self, "path", "").startswith(PREFIX):
            super().log_message(format, *args)

    def _send_file(self, file: Path) -> BinaryIO | FileSlice | None:
        """A file of the site as built, tagged by its bytes: a browser's
        copy with the same tag is still good (304), any other is not."""
        handle = file.open("rb")
        tag = entity_tag(handle)
        asked = self.headers.get("If-None-Match", "")
        if tag in (part.strip() for part in asked.split(",")) or asked == "*":
            handle.close()
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", tag)
            self.end_headers()
            return None
        size = os.fstat(handle.fileno()).st_size
        kind = with_charset(self.guess_type(str(file)))
        try:
            part = self._range_asked(tag, size)
        except Unsatisfiable:
            handle.close()
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_response(
            HTTPStatus.OK if part is None else HTTPStatus.PARTIAL_CONTENT
        )
        self.send_header("Content-Type", kind)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", tag)
        if part is None:
            self.send_header("Content-Length", str(size))
            self.end_headers()
            return handle
        self.send_header("Content-Range", part.content_range())
        self.send_header("Content-Length", str(part.length))
        self.end_headers()
        handle.seek(part.first)
        return FileSlice(handle, part.length)

    def _range_asked(self, tag: str, size: int) -> ByteRange | None:
        """The part of the file asked for (None: all of it); with
        ``If-Range``, only while the file is still the one that tag names."""
        if self.headers.get("If-Range", tag) != tag:
            return None
        return requested_range(self.headers.get("Range"), size)

    def _send_overlay_file(self, file: Path, build: str, name: str) -> io.BytesIO:
        """A file of the first pass shown: a page with the reload script
        naming that pass, any other file (an image) as it was written."""
        kind = self.guess_type(str(file))
        if kind == "text/html":
            return self._send_page(file, HTTPStatus.OK, build, name)
        return self._send_bytes(file.read_bytes(), kind, HTTPStatus.OK)

    def _send_page(
        self,
        file: Path,
        status: HTTPStatus,
        build: str | None = None,
        name: str | None = None,
    ) -> io.BytesIO:
        """``file`` with the reload script; ``build`` is the build it shows
        (by default the site in place, named before the file is read)."""
        if build is None:
            build = self.server.events.site_build()
        document = file.read_bytes()
        if not is_page(document):
            return self._send_bytes(document, "text/html", status)
        body = with_reload_script(document, build, name or "")
        # The tag names the build, so the page is never reused from a cache.
        return self._send_bytes(body, self.guess_type(str(file)), status, "no-store")

    def _send_bytes(
        self, body: bytes, kind: str, status: HTTPStatus, caching: str = "no-cache"
    ) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", with_charset(kind))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", caching)
        self.end_headers()
        return io.BytesIO(body)

    def _send_events(self) -> None:
        """The build in place, then each new one, until the page goes."""
        events = self.server.events
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        # parse_qs has decoded them: the names as the pages' tags gave them.
        # One stream names every page open in the browser's tabs (the
        # reload script's shared worker), or one page (its own stream).
        pages = dict.fromkeys(site_path(page) for page in query.get("page", []))
        with contextlib.ExitStack() as open_pages:
            for page in pages:
                open_pages.enter_context(events.open_page(page))
            gone = open_pages.enter_context(self._connection_ended())
            self._stream_events(events, gone)

    def _stream_events(self, events: BuildEvents, gone: threading.Event) -> None:
        shown = None
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not events.closed and not gone.is_set():
                event = events.next_after(shown, HEARTBEAT_SECONDS, gone)
                if event is not None:
                    shown = event.build
                    self.wfile.write(f"event: build\ndata: {event.data()}\n\n".encode())
                elif not events.closed and not gone.is_set():
                    self.wfile.write(b": waiting for a build\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    @contextlib.contextmanager
    def _connection_ended(self) -> Iterator[threading.Event]:
        """An event set as soon as the page's side of the stream ends: a
        tab closed, a page left for another or put in the back-forward
        cache (the reload script closes its stream then). An EventSource
        sends nothing after its request, so reading the connection waits
        for its end; a write would find it only at the next heartbeat."""
        gone = threading.Event()
        connection = self.connection

        def watch() -> None:
            with contextlib.suppress(OSError):
                while connection.recv(4096):
                    pass
            gone.set()
            self.server.events.wake()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            yield gone
        finally:
            # The stream is over either way: end the watcher's read too.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            watcher.join(timeout=5)


def address_family(host: str) -> socket.AddressFamily:
    """IPv6 for an IPv6 address (``::1``, ``::``); IPv4 for any other host,
    a name included (``localhost`` stays 127.0.0.1, as it always was)."""
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class PreviewServer(ThreadingHTTPServer):
    """The output folder on ``host:port`` (port 0: a free one)."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        host: str,
        port: int,
        folder: Path,
        events: BuildEvents,
        allowed_hosts: frozenset[str] = frozenset(),
    ):
        self.events = events
        self.host = host  # the host it was told to serve on, also answered
        self.allowed_hosts = allowed_hosts  # and these (ALLOW_HOSTS)
        self.address_family = address_family(host)
        self._serving = False
        handler = functools.partial(PreviewHandler, directory=str(folder))
        super().__init__((host, port), handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that ends a connection mid-answer (a reload, a page
        left while an image loads) is no error: the terminal stays the
        build's. Any other still prints its traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> None:
        self._serving = True
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop serving and free the address; a server bound but never
        started (stopped during the first build) only frees it."""
        self.events.close()
        if self._serving:
            self.shutdown()
        self.server_close()
