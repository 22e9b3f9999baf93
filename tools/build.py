"""Build the site into a scratch folder and swap it in whole, under a lock.

``make html``, ``make publish`` and ``make serve`` run this. Pelican writes
into a new folder beside the output (``.output.build-*``); only when Pelican
(and every plugin, search indexing included) has succeeded does that folder
take the output's place, in one atomic exchange of the two names. So:

* a failed or interrupted build never removes or truncates the last good
  ``output/``, and a reader or a deploy never sees half a site;
* ``output/`` holds exactly what the build wrote: no files of deleted posts,
  no hidden leftovers;
* one build at a time per output folder: a second waits for the lock
  (``BUILD_LOCK_WAIT`` seconds, 600 by default), then refuses with a clear
  message.

``serve`` holds the lock while it runs, rebuilds the same way whenever the
content, theme, plugins or settings change, and serves the output folder.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SCRATCH_PREFIX = ".output.build-"
RENAME_EXCHANGE = 2  # linux/fs.h


class BuildError(Exception):
    """Why the build did not replace the output; printed as one line."""


@contextlib.contextmanager
def build_lock(output: Path, wait: float) -> Iterator[None]:
    """Hold ``<output>.lock`` for this build; wait for another build's."""
    lock_path = output.with_name(f".{output.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Another build of {output}/ is running; waiting for it to finish…",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildError(
                            f"another build of {output}/ has held its lock for over "
                            f"{wait:.0f} s (a `make serve`?); stop it or try again"
                        ) from None
                    time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_scratch(output: Path) -> None:
    """Scratch folders of builds that were killed: nobody holds them now."""
    for stale in output.parent.glob(f"{SCRATCH_PREFIX}{output.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE
    )
    return result == 0


def swap_in(scratch: Path, output: Path) -> None:
    """Put the finished site in the output's place; the old one goes."""
    if output.exists() and not output.is_dir():
        raise BuildError(f"{output} is not a folder; move it away and build again")
    if output.is_dir() and exchange(scratch, output):
        shutil.rmtree(scratch, ignore_errors=True)  # now holds the old site
        return
    old = scratch.with_name(scratch.name + ".old")
    if output.is_dir():
        output.rename(old)
    scratch.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def run_pelican(pelican: list[str], scratch: Path) -> None:
    """Run Pelican in a process group of its own: an interrupt of this
    command stops Pelican and every worker it started, none left behind."""
    process = subprocess.Popen([*pelican, "-o", str(scratch)], start_new_session=True)
    try:
        code = process.wait()
    except BaseException:
        _stop_group(process)
        raise
    if code != 0:
        raise BuildError(
            f"Pelican stopped (exit {code}); the last good site is left as it was"
        )


def _stop_group(process: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def build_once(pelican: list[str], output: Path) -> None:
    """One build into a scratch folder, swapped in on success."""
    remove_stale_scratch(output)
    scratch = Path(
        tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{output.name}-", dir=output.parent)
    )
    scratch.chmod(0o755)
    try:
        run_pelican(pelican, scratch)
        swap_in(scratch, output)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def watched_paths(project: Path, content: Path, settings: Path) -> list[Path]:
    return [
        path
        for path in (content, project / "theme", project / "plugins", settings)
        if path.exists()
    ]


def serve(pelican: list[str], output: Path, host: str, port: int, watch: list[Path]):
    """Build, serve the output, and rebuild whenever a watched file changes."""
    from watchfiles import watch as watch_changes

    try:
        build_once(pelican, output)
    except BuildError as error:
        print(f"build: {error}", file=sys.stderr, flush=True)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(output)
    )
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {output}/ on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        for _ in watch_changes(*watch):
            try:
                build_once(pelican, output)
            except BuildError as error:
                print(f"build: {error}", file=sys.stderr, flush=True)
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "serve"))
    parser.add_argument("--input", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.epilog = "Options after -- go to pelican as they are."
    argv = sys.argv[1:] if argv is None else argv
    ours, pelican_options = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :])
        if "--" in argv
        else (argv, [])
    )
    args = parser.parse_args(ours)
    output = args.output.absolute()
    pelican = [
        str(Path(sys.executable).with_name("pelican")),
        str(args.input),
        "-s",
        str(args.settings),
        "--fatal",
        "errors",
        *pelican_options,
    ]
    wait = float(os.environ.get("BUILD_LOCK_WAIT", "600"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with build_lock(output, wait):
            if args.command == "build":
                build_once(pelican, output)
            else:
                project = Path(__file__).resolve().parent.parent
                watch = watched_paths(project, args.input, args.settings)
                serve(pelican, output, args.host, args.port, watch)
    except BuildError as error:
        print(f"build: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "build: interrupted; the last good site is left as it was", file=sys.stderr
        )
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
