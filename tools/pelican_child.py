"""Pelican in a child process that dies with the build command.

``tools/build.py`` runs Pelican through a ``PelicanChild``: this file, run as
a script, becomes the leader of a process group of its own (Pelican's
workers and Pagefind join it) and runs Pelican in that process. It asks the
kernel to send it SIGTERM when the build command's process dies, however
it dies, SIGKILL included (``PR_SET_PDEATHSIG``), and on SIGTERM, SIGHUP or
SIGINT it kills its whole group at once. So no Pelican process outlives the
build command and goes on writing into a scratch folder the next build is
about to remove.

The child is started before the build knows where Pelican will write: it
imports Pelican, reads the settings with Pelican's own code for the build
command's output-folder checks, and waits to be told the scratch folder.
So Pelican is imported once per build, in the process that builds, and the
build command itself stays small (it never imports Pelican).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

PR_SET_PDEATHSIG = 1  # linux/prctl.h


class SettingsUnreadable(Exception):
    """The settings file failed as Pelican read it: ``ExceptionName: first
    line of its message``."""


class PelicanEnded(Exception):
    """The child ended before it answered (Pelican refused its command
    line, say, and said why); ``code`` is its exit code."""

    def __init__(self, code: int):
        super().__init__(f"Pelican's process ended (exit {code})")
        self.code = code


class PelicanChild:
    """A fresh Pelican process, started at once, that reads the settings
    when asked (``settings``) and builds into the folder it is given
    (``run``); ``close`` ends it if it was never told to build.

    ``pelican`` is Pelican's command line without ``-o``."""

    def __init__(self, pelican: Sequence[str]):
        self.pelican = list(pelican)
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    str(os.getpid()),
                    str(theirs.fileno()),
                    *self.pelican,
                ],
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
            )
        finally:
            theirs.close()
        self._socket = ours
        self._channel = ours.makefile("rw", encoding="utf-8")

    def __enter__(self) -> PelicanChild:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def settings(self, names: Sequence[str]) -> dict[str, Any]:
        """The settings ``names`` as Pelican will build with them (``-e``
        and ``--cache-path`` included); raises ``SettingsUnreadable`` or
        ``PelicanEnded``."""
        answer = self._ask({"settings": list(names)})
        if "error" in answer:
            raise SettingsUnreadable(answer["error"])
        return answer["settings"]

    def run(self, pelican: Sequence[str], output: Path) -> int:
        """Run ``pelican <pelican...> -o <output>``; its exit code. An
        interrupt of this process (Ctrl-C, SIGTERM turned into SystemExit)
        stops the child's whole group before it goes on."""
        if list(pelican) != self.pelican:
            raise ValueError("this child was started for another command line")
        try:
            self._send({"output": str(output)})
            self._hang_up()
            return self.process.wait()
        except BrokenPipeError:
            return self.process.wait()
        except BaseException:
            stop_child_group(self.process)
            raise

    def close(self) -> None:
        """Stop the child, unless it has built and ended: one never told
        to build has nothing to finish."""
        self._hang_up()
        if self.process.returncode is None:
            stop_child_group(self.process)

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            self._send(request)
            answer = self._channel.readline()
        except OSError:  # the child has gone
            answer = ""
        except BaseException:
            stop_child_group(self.process)
            raise
        if not answer:
            raise PelicanEnded(self.process.wait())
        return json.loads(answer)

    def _send(self, request: dict[str, Any]) -> None:
        self._channel.write(json.dumps(request) + "\n")
        self._channel.flush()

    def _hang_up(self) -> None:
        with contextlib.suppress(OSError):
            self._channel.close()
        with contextlib.suppress(OSError):
            self._socket.close()


def run_pelican(pelican: list[str], output: Path) -> int:
    """Run ``pelican <pelican...> -o <output>`` in a fresh child; its exit
    code."""
    with PelicanChild(pelican) as child:
        return child.run(pelican, output)


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
    prctl = libc_function("prctl")
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        stop_group()  # the build command died before the kernel was asked


def libc_function(name: str) -> Any:
    """A C library function this process already has (Python is linked
    with the C library), or None; looked up without ``ctypes.util``,
    which starts ``ldconfig`` to find the library's file."""
    return getattr(ctypes.CDLL(None, use_errno=True), name, None)


def pelican_in_child(parent: int, channel_fd: int, command: list[str]) -> NoReturn:
    """The child's side: tie its life to ``parent``'s, import Pelican,
    answer for the settings, and build once told where."""
    tie_to_parent(parent)
    sys.argv[0] = "pelican"  # the name Pelican's own messages give
    import pelican  # noqa: F401  (first, as in a plain Pelican run)

    channel_socket = socket.socket(fileno=channel_fd)
    channel = channel_socket.makefile("rw", encoding="utf-8")
    for line in channel:
        request = json.loads(line)
        if "output" in request:
            channel.close()
            channel_socket.close()
            run_pelican_here([*command, "-o", request["output"]])
        channel.write(json.dumps(read_settings(command, request["settings"])) + "\n")
        channel.flush()
    end_without_teardown(0)  # the build command went on without a build


def read_settings(pelican: list[str], names: list[str]) -> dict[str, Any]:
    """The settings ``names`` that ``pelican <pelican...>`` would build with,
    read by Pelican's own code, as plain JSON values; or the error."""
    from pelican import get_config, parse_arguments
    from pelican.settings import read_settings as pelican_read_settings

    logging.disable(logging.CRITICAL)  # the Pelican run says it all again
    try:
        arguments = parse_arguments(pelican)
        settings = pelican_read_settings(
            arguments.settings, override=get_config(arguments)
        )
    except Exception as error:  # a settings file is Python: it can fail any way
        detail = str(error).splitlines()[0] if str(error) else ""
        return {"error": f"{type(error).__name__}: {detail}"}
    finally:
        logging.disable(logging.NOTSET)
    return {
        "settings": json.loads(
            json.dumps({name: settings.get(name) for name in names}, default=str)
        )
    }


def with_extras(
    arguments: list[str], settings: dict[str, Any], plugins: list[str]
) -> list[str]:
    """Pelican's command line ``arguments`` with ``settings`` set and
    ``plugins`` added after the site's own (``make serve``'s first pass).

    Pelican keeps only the last ``-e`` of a command line, so the settings
    already given with ``-e`` are repeated in the one added; ``PLUGINS`` is
    read as the build would read it, with Pelican's own code, then
    extended."""
    if not settings and not plugins:
        return arguments
    from pelican import get_config, parse_arguments
    from pelican.settings import read_settings as pelican_read_settings

    parsed = parse_arguments(arguments)
    overrides = dict(parsed.overrides or {})
    if plugins:
        site = pelican_read_settings(parsed.settings, override=get_config(parsed))
        overrides["PLUGINS"] = [*(site.get("PLUGINS") or ()), *plugins]
    overrides.update(settings)
    return [
        *arguments,
        "-e",
        *(f"{name}={json.dumps(value)}" for name, value in overrides.items()),
    ]


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
    pelican_in_child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])
