"""Plugins' independent work (``sitekit.work.map_work``) shared among
forked worker processes, when there is enough of it to pay."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
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
        share = max(1, min(len(items) // (workers * 4), MOST_AT_ONCE))
        logger.info(
            "fastbuild: %d pieces of %s shared by %d workers",
            len(items),
            getattr(function, "__name__", None)
            or getattr(getattr(function, "func", None), "__name__", "work"),
            workers,
        )
        with ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            yield from pool.map(function, items, chunksize=share)

    install_runner(run)


def remove(*_: Any) -> None:
    install_runner(None)
