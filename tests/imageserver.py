"""A stand-in for an old blog's image server, on 127.0.0.1.

Each path is served as a test says: real images, files that only claim to
be images, and a slow server that sends one byte at a time. Every loop is
bounded, and ends when the client hangs up.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

DRIP_BYTES = 200  # the most a slow server sends before it gives up


def picture(kind: str, colour: str, size: tuple[int, int] = (12, 8)) -> bytes:
    """A real image of ``kind`` ("JPEG", "PNG"...), as a server would send it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


@dataclass
class Served:
    """What the test server sends for one path."""

    body: bytes
    content_type: str = "image/jpeg"
    drip_seconds: float = 0.0  # a pause before each byte: a slow server
    drip_headers: bool = False  # drip the status line and headers too
    length: int | None = None  # Content-Length to claim (None: the body's;
    # -1: none, the body ends when the connection closes)


class ImageServer(ThreadingHTTPServer):
    daemon_threads = True
    files: dict[str, Served]
    requests: list[str]

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Images(BaseHTTPRequestHandler):
    server: ImageServer

    def do_GET(self):
        self.server.requests.append(self.path)
        served = self.server.files.get(self.path)
        if served is None:
            self.send_error(404)
            return
        if served.drip_headers:
            self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n", served)
            return
        self.send_response(200)
        self.send_header("Content-Type", served.content_type)
        length = len(served.body) if served.length is None else served.length
        if length >= 0:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        if served.drip_seconds:
            self._drip(served.body, served)
        else:
            self.wfile.write(served.body)

    def _drip(self, data: bytes, served: Served) -> None:
        """One byte at a time; bounded, and over when the client hangs up."""
        for byte in data[:DRIP_BYTES]:
            time.sleep(served.drip_seconds)
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return

    def log_message(self, *args):
        pass


@contextmanager
def serving(files: dict[str, Served]) -> Iterator[ImageServer]:
    """A server for ``files`` (path -> what to send) while the block runs."""
    server = ImageServer(("127.0.0.1", 0), _Images)
    server.files = files
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
