"""Pelican in a child process that dies with the build command.

``tools/build.py`` runs Pelican through ``run_pelican``: this file, run as
a script, becomes the leader of a process group of its own (Pelican's
workers and Pagefind join it) and runs Pelican in that process. It asks the
kernel to send it SIGTERM when the build command's process dies, however
it dies, SIGKILL included (``PR_SET_PDEATHSIG``), and on SIGTERM, SIGHUP or
SIGINT it kills its whole group at once. So no Pelican process outlives the
build command and goes on writing into a scratch folder the next build is
about to remove.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def run_pelican(pelican: list[str], output: Path) -> int:
    """Run ``pelican <pelican...> -o <output>`` in the child; its exit code.
    An interrupt of this process (Ctrl-C, SIGTERM turned into SystemExit)
    stops the child's whole group before it goes on."""
    process = subprocess.Popen(
        [sys.executable, __file__, str(os.getpid()), *pelican, "-o", str(output)],
        start_new_session=True,
    )
    try:
        return process.wait()
    except BaseException:
        stop_child_group(process)
        raise


def stop_child_group(process: subprocess.Popen) -> None:
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


def tie_to_parent(parent: int) -> None:
    """Make this process, the leader of its group, stop the whole group
    when ``parent`` dies or when it is told to stop."""

    def stop_group(*_: Any) -> None:
        os.killpg(os.getpgrp(), signal.SIGKILL)

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, stop_group)
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    if libc is not None and hasattr(libc, "prctl"):
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        stop_group()  # the build command died before the kernel was asked


def pelican_in_child(parent: int, arguments: list[str]) -> None:
    """The child's side: tie its life to ``parent``'s, then run Pelican."""
    tie_to_parent(parent)
    run_pelican_here(arguments)


def run_pelican_here(arguments: list[str]) -> NoReturn:
    """Pelican's own command, in this process, which it then ends.
    ``tools/warm_pelican.py`` runs it the same way in each process it
    forks."""
    from pelican import main as pelican_main

    plain_messages_when_piped()
    sys.argv[0] = "pelican"
    try:
        pelican_main(arguments)
    except SystemExit as stop:
        end_without_teardown(stop.code)
    end_without_teardown(0)


def end_without_teardown(code: object) -> NoReturn:
    """End this process as ``sys.exit(code)`` would, but without Python's
    teardown: the exit handlers run (logging's flush, multiprocessing's
    wait for its workers, whatever a plugin registered) and the output is
    flushed, but the objects of a whole build are not freed one by one
    before the kernel frees the memory anyway (a tenth of a second of the
    sample site's one second; multiprocessing ends its forked workers the
    same way)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()  # what teardown would run first (CPython's own)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def plain_messages_when_piped() -> None:
    """Piped or redirected (a CI log, ``make html | less``), Pelican's
    messages are written one to a line, never wrapped: Pelican's rich
    console wraps at 80 columns when it is not writing to a terminal, which
    splits file paths. In a terminal nothing changes."""
    from pelican.log import console

    if console.is_terminal:
        return
    console.soft_wrap = True  # "Done: Processed ..." and the like
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    # Pelican's logging set-up is logging.basicConfig, which leaves a root
    # logger that has a handler as it is.
    logging.basicConfig(handlers=[handler])


if __name__ == "__main__":
    pelican_in_child(int(sys.argv[1]), sys.argv[2:])
