"""`make serve`'s loop: watch the sources, rebuild, tell the open pages.

``tools/build.py serve`` builds once, starts the preview server
(``tools/preview_server.py``) and then, whenever a watched file changes,
rebuilds with the guarded atomic build (``build.Build``). After an edit of
the content, with pages open in a browser, a *first pass* comes before the
whole build: Pelican reads and generates the whole site but writes only
those pages (the ``openpages`` plugin, loaded for that pass only), into an
overlay folder beside the output that the server shows them from until the
whole build is swapped in. An edit of the theme, a plugin or the settings
changes the whole site: no first pass.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_error import BuildError  # tools/build_error.py

from sitekit.diagnostics import SiteError
from sitekit.selectedpages import SELECTED_PAGES
from sitekit.writeerrors import describe_os_error

if TYPE_CHECKING:
    from build import Build, BuildTimes, FirstPassRunner
    from preview_events import BuildEvents, FirstPass
    from preview_server import PreviewServer

#: The plugin a first pass adds to the site's (plugins/openpages/).
FIRST_PASS_PLUGIN = "openpages"


def drop(first_pass: FirstPass) -> None:
    shutil.rmtree(first_pass.site.parent, ignore_errors=True)


def watched_paths(
    content: Path, settings_file: Path, settings: Mapping[str, Any]
) -> list[Path]:
    """What an edit changes the site through: the content, the settings file,
    and the theme and plugin folders the settings name (Pelican has made
    them absolute, beside the settings file), which the build reads; not
    the folders beside these tools, another project's."""
    folders = [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or ())]
    return [
        path
        for path in (content, settings_file, *(Path(f) for f in folders if f))
        if path.exists()
    ]


def serve(
    build: Build,
    host: str,
    port: int,
    watch: list[Path],
    content: Path,
    allowed_hosts: frozenset[str] = frozenset(),
) -> None:
    """Build, serve the output, and rebuild whenever a watched file changes;
    pages open in a browser reload after each rebuild (``allowed_hosts``:
    names answered besides this machine's, ``preview_reach``)."""
    from preview_server import BuildEvents
    from watchfiles import watch as watch_changes

    events = BuildEvents()
    started = time.time()
    # The address is taken before the first build: one in use is said at
    # once, not after a whole build.
    server = listening(host, port, build.output, events, allowed_hosts)
    try:
        rebuild(build, events)
        server.start()
        print(
            f"Serving {build.output}/ on {served_address(host, server.port)} "
            "(Ctrl-C to stop)",
            flush=True,
        )
        # The watcher starts after the first build: an edit saved before it
        # was ready is found by its time, at the watcher's first idle turn.
        waiting_for_watcher = True
        for changes in watch_changes(*watch, yield_on_timeout=True):
            if not changes and waiting_for_watcher:
                # Saved while the watcher started: the same as any edit, a
                # first pass included when only content was saved.
                edited = saved_since(watch, started)
            else:
                edited = [Path(path) for _, path in changes]
            if edited:
                rebuild(
                    build,
                    events,
                    seen=time.time(),
                    first_pass=content_only(edited, content),
                )
            waiting_for_watcher = False
    finally:
        server.stop()


def served_address(host: str, port: int) -> str:
    """The address a browser opens: an IPv6 address in brackets."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def port_number(text: str) -> int:
    """``make serve``'s ``PORT`` as a number, or a ``BuildError`` that says
    what a port is (before any build: a typo costs no build)."""
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and int(digits) <= 65535:
        return int(digits)
    raise BuildError(
        f"PORT={text} is no port: a number from 0 to 65535 (0: a free one), "
        "such as make serve PORT=8000"
    )


def listening(
    host: str,
    port: int,
    output: Path,
    events: BuildEvents,
    allowed_hosts: frozenset[str] = frozenset(),
) -> PreviewServer:
    """The preview server bound to ``host:port``, not yet serving; an
    address it cannot take is a ``BuildError`` that names it and what to do
    (another ``make serve`` holds the port, say)."""
    from preview_server import PreviewServer

    try:
        return PreviewServer(host, port, output, events, allowed_hosts)
    except OSError as error:
        advice = (
            f"another `make serve` or server uses it: stop it, or choose "
            f"another port (make serve PORT={port + 1})"
            if error.errno == errno.EADDRINUSE
            else "choose another HOST or PORT"
        )
        raise BuildError(
            f"cannot serve on {host}:{port} ({error.strerror or error}); {advice}"
        ) from None


def saved_since(watch: list[Path], moment: float) -> list[Path]:
    """The watched files (not hidden ones, nor Python's byte code, which the
    watcher ignores too) saved after ``moment``."""
    saved: list[Path] = []
    for root in watch:
        if root.is_file():
            if root.stat().st_mtime > moment:
                saved.append(root)
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = [
                name
                for name in folders
                if not name.startswith(".") and name != "__pycache__"
            ]
            for name in files:
                if name.startswith("."):
                    continue
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime > moment:
                        saved.append(path)
    return saved


def content_only(edited: list[Path], content: Path) -> bool:
    """Whether every file ``edited`` is in the content folder: an edit of
    the theme, a plugin or the settings may change every page, so a first
    pass of the open pages would only delay the whole build."""
    folder = content.absolute()
    return bool(edited) and all(
        path.absolute().is_relative_to(folder) for path in edited
    )


def rebuild(
    build: Build, events: BuildEvents, seen: float | None = None, first_pass=False
) -> None:
    """One build of ``make serve``: a failure is said, and serving goes on;
    a success is announced to the open pages. With ``first_pass`` (an edit
    of the content) and pages open, those pages are rebuilt and shown
    first; the whole build follows whatever that pass did."""
    shown = None
    pages = sorted(events.open_pages())
    if first_pass and pages and build.first_pass_runner is not None:
        shown = show_first_pass(build, events, pages, seen)

    def announce(times: BuildTimes) -> None:
        events.publish(
            build.target,
            seen=seen,
            started=times.started,
            built=times.built,
            swapped=times.swapped,
        )

    try:
        build.once(swapped=announce, shown=shown)
    except (BuildError, SiteError) as error:
        print(f"build: {error}", file=sys.stderr, flush=True)
    except OSError as error:
        print(f"build: {describe_os_error(error)}", file=sys.stderr, flush=True)
    finally:
        if shown is not None:
            events.drop_first_pass()  # a failed build: the site as it was
            drop(shown)


def show_first_pass(
    build: Build, events: BuildEvents, pages: list[str], seen: float | None
) -> FirstPass | None:
    """Rebuild the open ``pages`` alone and serve them; None if that pass
    failed (said in one line: the whole build's error is the one that
    counts, and it comes next)."""
    started = time.time()
    try:
        shown = build.first_pass(pages)
    except (BuildError, SiteError) as error:
        print(f"build: {error}", file=sys.stderr, flush=True)
        return None
    except OSError as error:
        print(
            f"build: the first pass failed ({describe_os_error(error)}); the "
            "whole build follows",
            file=sys.stderr,
            flush=True,
        )
        return None
    built = time.time()
    try:
        events.show_first_pass(shown, seen=seen, started=started, built=built)
        print(
            f"Shown first: {len(shown.pages)} open page(s) in "
            f"{built - started:.2f} s; building the whole site…",
            flush=True,
        )
    except BaseException:  # stopped (Ctrl-C, SIGTERM) before the caller has it
        events.drop_first_pass()
        drop(shown)
        raise
    return shown


def first_pass_in(warm: Any) -> FirstPassRunner:
    """A first pass forked from the warm builder: the site's settings and
    plugins, plus the openpages plugin and the pages it writes; Pelican says
    nothing (the pass's failure is one line, the whole build says why)."""

    def run(pelican: list[str], output: Path, pages: list[str]) -> int:
        return warm.run(
            pelican,
            output,
            settings={SELECTED_PAGES: pages},
            plugins=[FIRST_PASS_PLUGIN],
            quiet=True,
        )

    return run
