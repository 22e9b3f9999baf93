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

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

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
        _stop_group(process)
        raise


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


def pelican_in_child(parent: int, arguments: list[str]) -> None:
    """The child's side: tie its life to ``parent``'s, then run Pelican."""

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
    from pelican import main as pelican_main

    sys.argv[0] = "pelican"
    pelican_main(arguments)


if __name__ == "__main__":
    pelican_in_child(int(sys.argv[1]), sys.argv[2:])
