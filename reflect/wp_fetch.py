"""Fetching one file from the old blog's server, with bounds on size and time.

A socket timeout bounds one wait for a byte, not a download: a server that
sends one byte every few seconds never trips it and holds the import for
ever. So each download runs in a worker thread while the caller waits on a
deadline (the image's own, or what is left of the run's, whichever comes
first); when it passes, the caller shuts the connection down, which ends
the worker's wait at once.

urllib does the HTTP (redirects, proxies from the environment) through an
opener with only the http and https handlers: a redirect to ``file:``,
``ftp:`` or ``data:`` is refused.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.request
from dataclasses import dataclass
from urllib.error import HTTPError, URLError

USER_AGENT = "reflect-import"
ACCEPT = "image/png, image/jpeg, image/gif, image/webp"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """How much one image may cost, and all of them together."""

    max_bytes: int = 20 * 1024 * 1024
    seconds_per_image: float = 30.0
    seconds_per_run: float = 300.0
    # One wait for the server (connecting, or a silence between bytes).
    socket_timeout: float = 10.0


DEFAULT_LIMITS = FetchLimits()


class FetchError(Exception):
    """The file was not fetched; the message says why, in a few words."""


class RunOutOfTime(FetchError):
    """The run's deadline has passed: later images are not tried."""


def fetch(url: str, limits: FetchLimits, run_deadline: float) -> bytes:
    """The body of ``url``; ``run_deadline`` is a ``time.monotonic()`` value.

    Raises FetchError when the server refuses, the body is larger than
    ``limits.max_bytes``, or the download takes longer than the image's or
    the run's time.
    """
    left = run_deadline - time.monotonic()
    if left <= 0:
        raise RunOutOfTime(
            f"not tried: the {limits.seconds_per_run:g} s for downloading images "
            "had run out"
        )
    transfer = _Transfer(url, limits)
    worker = threading.Thread(target=transfer.run, daemon=True)
    worker.start()
    worker.join(min(limits.seconds_per_image, left))
    if worker.is_alive():
        transfer.cancel()
        worker.join(limits.socket_timeout)
        if limits.seconds_per_image <= left:
            raise FetchError(
                f"took longer than {limits.seconds_per_image:g} s; stopped"
            )
        raise RunOutOfTime(
            f"stopped: the {limits.seconds_per_run:g} s for downloading images ran out"
        )
    if transfer.error is not None:
        raise transfer.error
    return transfer.body


class _Transfer:
    """One download in a worker thread; ``cancel`` ends it from another."""

    def __init__(self, url: str, limits: FetchLimits):
        self.url = url
        self.limits = limits
        self.body = b""
        self.error: FetchError | None = None
        self._lock = threading.Lock()
        self._connections: list[http.client.HTTPConnection] = []
        self._cancelled = False

    def run(self) -> None:
        try:
            self.body = self._download()
        except FetchError as error:
            self.error = error
        except HTTPError as error:
            self.error = FetchError(f"HTTP {error.code} {error.reason}")
        except URLError as error:
            self.error = FetchError(_first_line(error.reason))
        except (OSError, ValueError, http.client.HTTPException) as error:
            self.error = FetchError(_first_line(error) or type(error).__name__)
        finally:
            self._close_all()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            for connection in self._connections:
                if connection.sock is not None:
                    with contextlib.suppress(OSError):
                        connection.sock.shutdown(socket.SHUT_RDWR)

    def _download(self) -> bytes:
        request = urllib.request.Request(
            self.url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}
        )
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            _Handler(self),
            _SecureHandler(self),
            urllib.request.HTTPRedirectHandler(),
            urllib.request.HTTPDefaultErrorHandler(),
            urllib.request.HTTPErrorProcessor(),
        ):
            opener.add_handler(handler)
        limit = self.limits.max_bytes
        with opener.open(request, timeout=self.limits.socket_timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise FetchError(f"larger than {_size(limit)} ({_size(int(length))})")
            chunks: list[bytes] = []
            received = 0
            while chunk := response.read1(_CHUNK):
                if self._cancelled:
                    raise FetchError("stopped")
                received += len(chunk)
                if received > limit:
                    raise FetchError(f"larger than {_size(limit)}")
                chunks.append(chunk)
        return b"".join(chunks)

    def connection(self, connection_class, host: str, **arguments):
        """Make a connection the caller can shut down (urllib calls this)."""
        connection = connection_class(host, **arguments)
        with self._lock:
            if self._cancelled:
                raise FetchError("stopped")
            self._connections.append(connection)
        return connection

    def _close_all(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, transfer: _Transfer):
        super().__init__()
        self.transfer = transfer

    def http_open(self, request):
        def connect(host, **arguments):
            return self.transfer.connection(
                http.client.HTTPConnection, host, **arguments
            )

        return self.do_open(connect, request)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, transfer: _Transfer):
        super().__init__()
        self.transfer = transfer
        self.ssl_context = ssl.create_default_context()  # certificates checked

    def https_open(self, request):
        def connect(host, **arguments):
            return self.transfer.connection(
                http.client.HTTPSConnection, host, **arguments
            )

        return self.do_open(connect, request, context=self.ssl_context)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MiB" if count >= 1024 * 1024 else f"{count} B"


def _first_line(error: object) -> str:
    text = str(error)
    return text.splitlines()[0] if text else ""
