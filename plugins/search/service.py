"""Pagefind's indexing service, answering as soon as it has answered.

Pagefind's Python package (``pagefind``, pinned in requirements.txt) runs
the Pagefind binary as a service and talks to it over its standard input
and output: base64 JSON messages, each ended by a comma.

Its memory: Pagefind keeps every page it has parsed (each word's positions,
the text for excerpts, the anchors) until it writes the bundle, then copies
them into the index it builds; the process peaks at about 100 KB per post,
whatever bytes each page is sent as (docs/performance.md, "Search's
memory"). The binary allocates with jemalloc, which by default keeps freed
memory for ten seconds in case it is wanted again: while the index is
built, memory freed by one step is held beside what the next allocates.
The service is started with jemalloc told to give freed pages back at once
(``ALLOCATOR``), which lowers its peak by about a seventh for a tenth more
of its CPU time; what it writes is the same.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from importlib.metadata import version
from pathlib import Path

from pagefind.service import PagefindService

from sitekit.diagnostics import SiteError

#: Seconds the service has to end once its input is closed.
STOP_WAIT = 30
#: The wrapper version whose service internals ``PromptService`` uses.
TESTED_WRAPPER = "1.5.2"
#: The environment variable the Pagefind binary's jemalloc reads its
#: options from (the Rust crate's prefixed name, tikv-jemallocator's).
ALLOCATOR_VARIABLE = "_RJEM_MALLOC_CONF"
#: jemalloc's options for the service: freed pages go back to the system
#: at once instead of after ten seconds.
ALLOCATOR = "dirty_decay_ms:0,muzzy_decay_ms:0"


class SearchIndexError(SiteError):
    """Pagefind could not index the site; the build must not succeed."""


class PromptService(PagefindService):
    """Pagefind's service, with its responses read as soon as they come.

    The pinned wrapper (``pagefind`` 1.5.2) sleeps a tenth of a second
    before reading each response, so a thousand pages would take over a
    hundred seconds, and a service that dies leaves its requests waiting
    forever. This reads the same messages (base64 JSON, each ended by a
    comma) without the pause, and when the process ends, fails every
    request still waiting with the last thing it said.
    """

    async def launch(self) -> PromptService:
        """Start the service as the wrapper does, with ``ALLOCATOR`` in its
        environment (options the user set there come after, so win)."""
        environment = dict(os.environ)
        chosen = environment.get(ALLOCATOR_VARIABLE)
        environment[ALLOCATOR_VARIABLE] = ",".join(filter(None, (ALLOCATOR, chosen)))
        self._backend = await asyncio.create_subprocess_exec(
            self._bin,
            "--service",
            cwd=Path.cwd(),
            env=environment,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=2**21,  # the wrapper's: a response never outgrows the buffer
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        while True:
            try:
                message = await stdout.readuntil(b",")
            except asyncio.IncompleteReadError as ended:
                self._fail_waiting(ended.partial)
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:  # any way the pipe breaks
                self._fail_waiting(str(error).encode())
                return
            try:
                response = json.loads(base64.b64decode(message[:-1], validate=True))
            except ValueError:
                self._fail_waiting(message)
                return
            payload = response.get("payload") or {}
            # Taken out once answered: the wrapper keeps every request's
            # future, and its answer, for the life of the service.
            future = self._responses.pop(response.get("message_id"), None)
            if future is None:
                if payload.get("type") == "Error":
                    self._fail_waiting(str(payload.get("message")).encode())
                continue
            if future.done():
                continue
            if payload.get("type") == "Error":
                future.set_exception(SearchIndexError(str(payload.get("message"))))
            else:
                future.set_result(payload)

    #: The last thing the service said before it stopped answering.
    last_words = "it stopped"

    def _fail_waiting(self, said: bytes) -> None:
        lines = [line.strip() for line in said.decode(errors="replace").splitlines()]
        self.last_words = ([line for line in lines if line] or [self.last_words])[-1]
        for future in self._responses.values():
            if not future.done():
                future.set_exception(SearchIndexError(self.last_words))

    async def files_written(self, folder: Path) -> None:
        """Wait until the service has finished writing into ``folder``.

        It answers a request to write its files before the last write of
        each file is done (tokio runs them in the background), and it exits
        as soon as its input closes, cutting them short: the bundle would
        have empty files. On Linux the files it still holds open are in
        /proc; elsewhere, a file still being written is empty (every file
        of a bundle is written in one piece).
        """
        deadline = asyncio.get_running_loop().time() + STOP_WAIT
        while asyncio.get_running_loop().time() < deadline:
            if not self._still_writing(folder):
                return
            await asyncio.sleep(0.005)
        raise SearchIndexError(f"Pagefind did not finish writing {folder}")

    def _still_writing(self, folder: Path) -> bool:
        descriptors = Path(f"/proc/{self._backend.pid}/fd")
        if not descriptors.is_dir():  # not Linux, or the process has ended
            return self._backend.returncode is None and any(
                path.is_file() and path.stat().st_size == 0
                for path in folder.rglob("*")
            )
        try:
            held = [str(fd.readlink()) for fd in descriptors.iterdir()]
        except OSError:  # a descriptor closed while it was listed
            return True
        inside = f"{folder}{os.sep}"
        return any(target.startswith(inside) for target in held)

    async def close(self) -> None:
        """End the service by closing its input, as a finished command ends."""
        backend = self._backend
        if backend.stdin is not None and not backend.stdin.is_closing():
            backend.stdin.close()
        try:
            await asyncio.wait_for(backend.wait(), timeout=STOP_WAIT)
        except TimeoutError:
            backend.terminate()
            await backend.wait()
        self._poll_task.cancel()

    async def end_now(self) -> None:
        """End the service at once, its work unwanted (a build that failed).
        Closing its input is not enough: a process forked while it ran (a
        build's workers, which a failed build may leave running) holds the
        other end of that input open, and the service waits for an end of
        input that does not come until they end."""
        backend = self._backend
        if backend.returncode is None:
            backend.terminate()
        await backend.wait()
        self._poll_task.cancel()


def check_wrapper() -> None:
    installed = version("pagefind")
    if installed != TESTED_WRAPPER:
        raise SearchIndexError(
            f"the search plugin was tested with the pagefind package "
            f"{TESTED_WRAPPER}, not {installed}: install the pinned one with "
            "pip install -r requirements.txt"
        )
