"""`make serve` as a user runs it, on a content folder of a test's own.

``Preview`` starts ``tools/build.py serve`` (what ``make serve`` runs) on a
free port, or the port given, and reads what it says; ``OpenPage`` listens
to its build events as a page open in a browser does. The tests of live
reload and the save-to-reload benchmark (``bench/reload.py``) both use
them.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"^Serving .* on (http://127\.0\.0\.1:(\d+))/")


class Preview:
    """A running ``make serve`` of ``content`` into ``output``, with the
    settings file ``conf`` of a copy of the project (``sitebuild.copy_project``).

    ``make serve`` watches the content folder and the theme and plugins its
    settings file names; a preview of the project's own would rebuild, or
    fail, when the project is edited while it runs (a merge, another person
    at work), so it is refused.
    """

    def __init__(
        self,
        content: Path,
        output: Path,
        *options: str,
        conf: Path | str,
        port: int = 0,
        pelican: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ):
        refuse_the_project_itself(Path(content), Path(conf))
        self.output = output
        command = [
            sys.executable,
            str(ROOT / "tools" / "build.py"),
            "serve",
            "--input", str(content),
            "--output", str(output),
            "--settings", str(conf),
            "--port", str(port),
            *options,
            "--",
            "--cache-path", str(output.parent / f"{output.name}-cache"),
            *pelican,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "COLUMNS": "200", **(env or {})},
        )
        self.lines: list[str] = []
        self._ended = False
        self._said = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for_line(SERVING).group(1)
        self.port = int(self.url.rsplit(":", 1)[1])

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._said:
                self.lines.append(line.rstrip("\n"))
                self._said.notify_all()
        with self._said:
            self._ended = True
            self._said.notify_all()

    def wait_for_line(
        self, pattern: re.Pattern, after: int = 0, timeout: float = 300
    ) -> re.Match:
        """The first line from the ``after``-th on that matches ``pattern``."""
        deadline = time.monotonic() + timeout
        with self._said:
            while True:
                for line in self.lines[after:]:
                    found = pattern.search(line)
                    if found:
                        return found
                if self._ended:
                    raise AssertionError(
                        "make serve ended:\n" + "\n".join(self.lines[-30:])
                    )
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"make serve never said {pattern.pattern!r}:\n"
                        + "\n".join(self.lines[-30:])
                    )
                self._said.wait(1)

    def current_build(self) -> dict:
        """The first event of the server's stream: the build in place."""
        events = f"{self.url}/.preview/events"
        with urllib.request.urlopen(events, timeout=30) as stream:
            for raw in stream:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    return json.loads(line[len("data: ") :])
        raise AssertionError("the event stream ended without an event")

    def stop(self) -> None:
        """Stop it as `kill` would (SIGTERM), then wait."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *_) -> None:
        with contextlib.suppress(Exception):
            self.stop()


#: What ``make serve`` of the project itself would watch: its content, its
#: settings files (which name its theme and plugins). A copy made under the
#: project's folder (the benchmark's ``bench/work/``) is a copy all the same.
PROJECTS_OWN = (
    ("content folder", ROOT / "content"),
    ("settings file", ROOT / "pelicanconf.py"),
    ("settings file", ROOT / "publishconf.py"),
)


def refuse_the_project_itself(content: Path, conf: Path) -> None:
    """A ValueError if ``make serve`` of ``content`` with ``conf`` would
    watch the project's own files."""
    given = {"content folder": content, "settings file": conf}
    for what, own in PROJECTS_OWN:
        path = given[what]
        if path.resolve().is_relative_to(own):
            raise ValueError(
                f"the {what} {path} is the project's own: preview a copy of "
                "the project (sitebuild.copy_project), which an edit of the "
                "project leaves as it is"
            )


class OpenPage:
    """The build events, as the page ``page`` (its path in the site,
    "2025/a-post/index.html") receives them while it is open: its stream
    registers it with the server, as the reload script does."""

    def __init__(self, url: str, page: str | list[str]):
        self.page = page  # or the pages of every tab, as the shared worker
        self.events: list[dict] = []
        self._new = threading.Condition()
        query = urllib.parse.urlencode({"page": page}, doseq=True)
        address = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=600
        )
        connection.request("GET", f"{address.path}/.preview/events?{query}")
        # Kept to end the stream in ``close``: the response may let go of
        # the connection once its headers are read.
        self._socket = connection.sock
        self._stream = connection.getresponse()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            for raw in self._stream:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    with self._new:
                        self.events.append(json.loads(line[len("data: ") :]))
                        self._new.notify_all()

    def wait_for(
        self, found: Callable[[dict], bool], after: int = 0, timeout: float = 600
    ) -> dict:
        """The first event from the ``after``-th on (0-based) that ``found``
        accepts."""
        with self._new:
            if not self._new.wait_for(
                lambda: any(found(event) for event in self.events[after:]), timeout
            ):
                raise AssertionError(f"no such build event: {self.events}")
            return next(event for event in self.events[after:] if found(event))

    def close(self) -> None:
        """Close the page as a browser closes a tab: the connection ends at
        once. Closing the response alone waited for the reader thread's
        read to return, which the server's next heartbeat (15 s) did."""
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        self._reader.join(timeout=30)
        self._stream.close()
        self._socket.close()

    def __enter__(self) -> OpenPage:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def is_whole_build(event: dict) -> bool:
    """A whole build swapped in (not a first pass of the open pages)."""
    return "swapped" in event


def request(
    server: Any,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """The status, the headers (names in lower case) and the body of a
    request to a running preview ``server``, sent as written (no path or
    header cleaned up on the way; a ``Host`` given replaces the usual)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host="Host" in (headers or {}))
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        named = {name.lower(): value for name, value in response.getheaders()}
        return response.status, named, body
    finally:
        connection.close()


def write(folder: Path, files: dict[str, bytes]) -> Path:
    """``folder`` holding ``files`` (path in it -> bytes)."""
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder
