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


def install(pelican: Any) -> None:
    settings = pelican.settings
    workers = worker_count(settings)
    least = settings.get("FASTBUILD_MIN_POSTS", 40)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return

    def run(function: Callable, items: Sequence[Any]):
        if len(items) < least:
            return [function(item) for item in items]
        share = max(1, len(items) // (workers * 4))
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
            return list(pool.map(function, items, chunksize=share))

    install_runner(run)


def remove(*_: Any) -> None:
    install_runner(None)
