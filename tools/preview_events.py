"""What `make serve` tells the open pages: each build, and the pages open.

A build's name is the server's start time and the build's number, so a
page served before a restart of ``make serve`` reloads after it. Two kinds
of build are announced:

* a *first pass* (``show_first_pass``): after an edit, only the pages open
  in a browser, written into a scratch folder (the overlay) beside the
  output. Its event names those pages, and only those pages reload; the
  server serves every file the pass wrote from the overlay (a page's new or
  replaced image too, which the whole build then leaves as shown);
* a *whole build* (``publish``), swapped in as the site. The overlay is
  dropped, and the event names the pages whose new file is the one the
  overlay showed (``unchanged``, since the first pass ``follows``): a page
  showing the first pass's version of one of them does not reload again.

A whole build that fails after a first pass drops the overlay and announces
the whole build in place again (``drop_first_pass``): the pages that showed
the first pass reload to the site as it is; the others already show it.

Each page registers while its event stream is open (``open_page``): the
first pass writes the pages open now. A stream ends as soon as its page's
connection does (a tab closed, a page left), not at its next heartbeat:
the server wakes its wait (``wake``) when it sees the connection end.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class BuildEvent:
    """A build announced: its name, and (for the benchmark) when its
    changes were seen, its build started, Pelican finished and it was
    swapped in (seconds since the epoch; None where unknown). A first
    pass's event names its ``pages``; a whole build's, the first pass it
    ``follows`` and the pages it left ``unchanged``."""

    build: str
    times: dict[str, float | None]
    pages: tuple[str, ...] | None = None
    follows: str | None = None
    unchanged: tuple[str, ...] = ()

    def data(self) -> str:
        extra: dict[str, object] = {}
        if self.pages is not None:
            extra["pages"] = list(self.pages)
        if self.follows is not None:
            extra["follows"] = self.follows
            extra["unchanged"] = list(self.unchanged)
        return json.dumps({"build": self.build, **self.times, **extra})


@dataclass(frozen=True)
class FirstPass:
    """The overlay: ``site`` holds the files of a first pass. ``pages`` are
    the open pages it wrote, those its event reloads; ``files`` every file
    it wrote (those pages, and an image the content folder holds, new or
    replaced, that a page shows), each served from the overlay while it is
    shown, and no other."""

    site: Path
    pages: frozenset[str]
    files: frozenset[str]


class BuildEvents:
    """The builds announced so far, the overlay shown, and a wait for the
    next build; and the pages open in a browser."""

    def __init__(self) -> None:
        self._server = format(time.time_ns(), "x")
        self._number = 0
        self._event = BuildEvent(self._name(), {})
        self._whole_build = self._event  # the site in the output folder
        self._first_pass: FirstPass | None = None
        self._open: Counter[str] = Counter()
        self._changed = threading.Condition()
        self._closed = False

    def _name(self) -> str:
        return f"{self._server}-{self._number}"

    def current(self) -> BuildEvent:
        with self._changed:
            return self._event

    def show_first_pass(self, first_pass: FirstPass, **times: float | None) -> None:
        """A first pass is ready: its pages are served from its overlay."""
        with self._changed:
            self._number += 1
            self._first_pass = first_pass
            self._event = BuildEvent(
                self._name(), times, pages=tuple(sorted(first_pass.pages))
            )
            self._changed.notify_all()

    def publish(self, site: Path | None = None, **times: float | None) -> None:
        """A whole build is in place in ``site`` (the output folder); the
        overlay, if one was shown, is no longer served."""
        with self._changed:
            shown, self._first_pass = self._first_pass, None
            follows = self._event.build if shown is not None else None
            unchanged = (
                tuple(sorted(same_files(shown, site)))
                if shown is not None and site is not None
                else ()
            )
            self._number += 1
            self._event = BuildEvent(
                self._name(), times, follows=follows, unchanged=unchanged
            )
            self._whole_build = self._event
            self._changed.notify_all()

    def drop_first_pass(self) -> None:
        """Stop serving the overlay (a whole build that failed) and announce
        the whole build in place again: a page that showed the first pass
        shows an edit the site does not have, and reloads; a page that
        shows the whole build already has this build's name, and does not."""
        with self._changed:
            if self._first_pass is None:
                return
            self._first_pass = None
            self._event = self._whole_build
            self._changed.notify_all()

    def page_source(self, page: str) -> tuple[Path | None, str]:
        """Where ``page`` (any file of the site) is served from (the
        overlay's file, or None: the output folder) and the build it shows."""
        with self._changed:
            if self._first_pass is not None and page in self._first_pass.files:
                return self._first_pass.site / page, self._event.build
            return None, self._whole_build.build

    def site_build(self) -> str:
        """The name of the whole build in the output folder."""
        with self._changed:
            return self._whole_build.build

    def next_after(
        self,
        shown: str | None,
        timeout: float,
        gone: threading.Event | None = None,
    ) -> BuildEvent | None:
        """The build announced last once it is not ``shown``; None after
        ``timeout`` seconds, when the server stops or once ``gone`` (the
        page's connection ended) is set and ``wake`` called."""
        with self._changed:
            self._changed.wait_for(
                lambda: (
                    self._closed
                    or (gone is not None and gone.is_set())
                    or self._event.build != shown
                ),
                timeout,
            )
            if self._closed or (gone is not None and gone.is_set()):
                return None
            return self._event if self._event.build != shown else None

    def wake(self) -> None:
        """Wake every wait in ``next_after``: a page's connection ended."""
        with self._changed:
            self._changed.notify_all()

    @contextlib.contextmanager
    def open_page(self, page: str | None) -> Iterator[None]:
        """``page`` is open in a browser while this lasts."""
        if page is None:
            yield
            return
        with self._changed:
            self._open[page] += 1
        try:
            yield
        finally:
            with self._changed:
                self._open[page] -= 1
                if self._open[page] <= 0:
                    del self._open[page]

    def open_pages(self) -> frozenset[str]:
        with self._changed:
            return frozenset(self._open)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def same_files(first_pass: FirstPass, site: Path) -> Iterable[str]:
    """The overlay's pages whose file in ``site`` has the same bytes."""
    for page in first_pass.pages:
        try:
            if (first_pass.site / page).read_bytes() == (site / page).read_bytes():
                yield page
        except OSError:
            continue


def page_name(path: str) -> str | None:
    """A page's path inside the site ("2026/café/index.html") from a
    request's path as sent ("/2026/caf%C3%A9/"), decoded as the file it
    names is: the name a first pass writes and serves. None for one that
    leaves the site, ``%2e%2e`` as much as ``..``."""
    return site_path(urllib.parse.unquote(path))


def site_path(path: str) -> str | None:
    """A page's path inside the site ("2025/a-post/index.html") from a
    decoded path ("/2025/a-post/", or the page's own, as a page's reload
    script names it); None for one that leaves the site."""
    parts = PurePosixPath("/", path).parts[1:]
    if any(part in ("..", ".") for part in parts) or not parts:
        return "index.html" if not parts else None
    name = "/".join(parts)
    return f"{name}/index.html" if path.endswith("/") else name
