"""Plugins' independent work (``sitekit.work``) shared among forked worker
processes, when there is enough of it to pay.

``map_work`` and ``stream_work`` run while the caller waits for the results.
``work_ahead`` starts the work at once and the build goes on: after the
posts are read, much of a build is this process alone (listings, lesson
pages, feeds) and Pagefind's, and the workers take what the cores leave
idle. They run at a lower priority (``AHEAD_NICENESS``), so that they never
slow what the build waits for (its own process, the article pages'
workers, Pagefind), and take whole cores once the build waits for them.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sitekit.work import install_runner

from .settings import worker_count

logger = logging.getLogger(__name__)

#: Items a worker is given (and hands back) at once. A piece's results come
#: back together, and wait in this process until their turn: a hundred
#: preview images at once were megabytes of the build's peak memory, while
#: a message per few images costs nothing next to drawing them.
MOST_AT_ONCE = 8

#: How much lower work started ahead runs (``os.nice``): at 10 a process
#: gets about a tenth of a core another process wants.
AHEAD_NICENESS = 10

#: Pools of work started ahead and not yet taken to the end: shut down when
#: the build ends, whatever became of their results.
_started: list[ProcessPoolExecutor] = []
_shut_at_exit = False


def install(pelican: Any) -> None:
    settings = pelican.settings
    workers = worker_count(settings)
    least = settings.get("FASTBUILD_MIN_POSTS", 40)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return

    def run(function: Callable, items: Sequence[Any]):
        """The results in order, each as soon as it and those before it
        are done (the pool lives until the caller has taken the last)."""
        if len(items) < least:
            yield from (function(item) for item in items)
            return
        share = _share(len(items), workers)
        _say(function, items, workers)
        with ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            yield from pool.map(function, items, chunksize=share)

    def ahead(function: Callable, items: Sequence[Any]) -> Iterator[Any] | None:
        """Started now (``Executor.map`` hands every piece out at once), at
        a lower priority; the results in order as they are taken."""
        if len(items) < least or not settings.get("FASTBUILD_WORK_AHEAD", True):
            return None
        _say(function, items, workers, ahead=True)
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=os.nice,
            initargs=(AHEAD_NICENESS,),
        )
        _started.append(pool)
        _shut_down_at_exit()
        results = pool.map(function, items, chunksize=_share(len(items), workers))

        def taken() -> Iterator[Any]:
            try:
                yield from results
            finally:
                _shut_down(pool)

        return taken()

    install_runner(run, ahead=ahead)


def _share(items: int, workers: int) -> int:
    return max(1, min(items // (workers * 4), MOST_AT_ONCE))


def _say(
    function: Callable, items: Sequence[Any], workers: int, ahead: bool = False
) -> None:
    logger.info(
        "fastbuild: %d pieces of %s shared by %d workers%s",
        len(items),
        getattr(function, "__name__", None)
        or getattr(getattr(function, "func", None), "__name__", "work"),
        workers,
        ", started ahead" if ahead else "",
    )


def _shut_down(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    if pool in _started:
        _started.remove(pool)


def _shut_down_at_exit() -> None:
    """Shut the pools started ahead down when the process ends, however the
    build ended. A build that stops on an error never reaches ``finalized``
    (``remove``), and the build command's Pelican process ends without
    Python's teardown (``tools/pelican_child.py``), where
    ``concurrent.futures`` would have stopped the idle workers: then
    multiprocessing's own exit handler waited for them for ever. Registered
    once, after multiprocessing's handler, so it runs before it."""
    global _shut_at_exit
    if not _shut_at_exit:
        atexit.register(_shut_down_all)
        _shut_at_exit = True


def _shut_down_all() -> None:
    for pool in list(_started):
        _shut_down(pool)


def remove(*_: Any) -> None:
    install_runner(None)
    _shut_down_all()
