"""Use every core: posts converted and article pages rendered in workers.

Converting posts:

Convert posts in other processes while Pelican reads them one by one.

Pelican reads articles one at a time, and Markdown is most of a build's
time. When a build starts, the posts that need converting (those not in the
content cache) are handed out in batches to worker processes, in the order
Pelican will ask for them; the reader then takes each post's finished
conversion instead of converting it itself. A few batches are in flight at
a time, so finished work never piles up in memory. The output is the same,
byte for byte: each worker runs the same reader.

Workers are forked, so they start at once and share the settings without
copying them; where fork is not available, reading stays in one process.
Small sites are read in one process too: starting workers would cost more
than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from pelican.utils import sanitised_join

from . import pagecache
from .cachedwrites import CachedWrites, follow_relative_urls

logger = logging.getLogger(__name__)

#: Below this many posts to convert, one process is faster.
MINIMUM_POSTS = 40
BATCH_SIZE = 16
BATCHES_PER_WORKER = 3

_worker_reader = None


class Prefetcher:
    """Batches of posts converted ahead, in the order they will be read."""

    def __init__(self, paths: list[str], settings: dict[str, Any], workers: int):
        self._queue = deque(
            paths[i : i + BATCH_SIZE] for i in range(0, len(paths), BATCH_SIZE)
        )
        self._pending: dict[str, Future] = {}
        self._left: dict[Future, int] = {}
        self._limit = workers * BATCHES_PER_WORKER
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(settings,),
        )
        while self._queue and len(self._left) < self._limit:
            self._submit()

    def take(self, path: str):
        """The worker's conversion, or None: then the reader converts it here.

        A file a worker could not convert (or a worker that died) is
        converted again in this process, so its error names the right file.
        """
        future = self._pending.pop(path, None)
        if future is None:
            return None
        try:
            conversion = future.result().get(path)
        except Exception:  # a broken pool: every post falls back to in-process
            conversion = None
        self._left[future] -= 1
        if not self._left[future]:
            del self._left[future]  # the batch is read: its results can go
            if self._queue:
                self._submit()
        return conversion

    def close(self) -> None:
        self._pending.clear()
        self._queue.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self) -> None:
        batch = self._queue.popleft()
        future = self._pool.submit(_convert_batch, batch)
        self._left[future] = len(batch)
        for path in batch:
            self._pending[path] = future


_prefetcher: Prefetcher | None = None


def worker_count(settings: dict[str, Any]) -> int:
    configured = settings.get("REFLECTIONS_READ_WORKERS")
    return configured if configured is not None else (os.cpu_count() or 1)


def prefetch(paths: list[str], settings: dict[str, Any]) -> None:
    """Start converting ``paths`` (in reading order) in workers, if worth it."""
    global _prefetcher
    close()
    workers = min(worker_count(settings), len(paths) // BATCH_SIZE or 1)
    if workers < 2 or len(paths) < MINIMUM_POSTS:
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    _prefetcher = Prefetcher(paths, settings, workers)


def converted(path: str):
    """The conversion of ``path`` done by a worker, or None if none was asked."""
    return None if _prefetcher is None else _prefetcher.take(path)


def close() -> None:
    """Stop the workers; anything not yet taken is converted in-process."""
    global _prefetcher
    if _prefetcher is not None:
        _prefetcher.close()
        _prefetcher = None


def _start_worker(settings: dict[str, Any]) -> None:
    from .reader import ReflectionsMarkdownReader

    global _worker_reader
    _worker_reader = ReflectionsMarkdownReader(settings)


def _convert_batch(paths: list[str]) -> dict[str, Any]:
    """Each post's conversion; a post that fails is left out of the answer."""
    converted = {}
    for path in paths:
        try:
            converted[path] = _worker_reader.convert_file(path)
        except Exception:  # the reader converts it again, and reports it
            continue
    return converted


class ParallelArticlePages(CachedWrites):
    """A Writer mixin: article pages rendered by forked processes.

    Pelican writes article pages one by one, and they are a third of a
    build's time. Their write calls are kept as they come, and when the
    articles' output is done (``article_writer_finalized``) they are shared
    out: forked workers render some, this process renders the rest, all from
    the same finished context, so each page is what it would have been.
    A page unchanged since the last build is linked from the page cache
    instead (cachedwrites.py). Pages, lists and feeds are written as usual.
    """

    #: Tests turn this off to show that the pages come out the same.
    render_articles_in_workers = True
    MINIMUM_PAGES = 40

    def write_file(self, name, template, context, *args, **kwargs):
        deferring = self.render_articles_in_workers and "article" in kwargs
        if not deferring:
            return super().write_file(name, template, context, *args, **kwargs)
        self.__dict__.setdefault("_deferred_pages", []).append(
            (name, template, context, args, kwargs)
        )
        return None

    def flush_article_pages(self) -> None:
        """Write the kept article pages: linked from the page cache where
        unchanged (cachedwrites.py), rendered (in workers if it pays) where
        not."""
        calls = self.__dict__.pop("_deferred_pages", [])
        paths = [sanitised_join(self.output_path, call[0]) for call in calls]
        clash = len(set(paths)) < len(paths) or not self._written_files.isdisjoint(
            paths
        )
        if clash:
            # Two pages for one file is Pelican's error to report, in order.
            self._render(calls)
            return
        cache = pagecache.active()
        pending = [
            call for call in calls if cache is None or not self.reuse_page(cache, *call)
        ]
        if cache is not None:
            logger.info(
                "Article pages: %d unchanged, %d rendered",
                len(calls) - len(pending),
                len(pending),
            )
        self._render_shared(pending)
        # As if this process had written them: later writes are checked too.
        self._written_files.update(paths)
        for call, path in zip(calls, paths, strict=True):
            if call[4].get("override_output"):
                self._overridden_files.add(path)
        if calls and calls[-1][4].get("relative_urls"):
            follow_relative_urls(calls[-1][2], calls[-1][0])

    def _render_shared(self, pending) -> None:
        """Render in this process and in forked workers, when it pays."""
        workers = min(worker_count(self.settings), len(pending) // self.MINIMUM_PAGES)
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._render(pending)
            return
        context = multiprocessing.get_context("fork")
        slices = [pending[start::workers] for start in range(workers)]
        children = [
            context.Process(target=self._render_in_child, args=(part,))
            for part in slices[1:]
        ]
        for child in children:
            child.start()
        try:
            self._render(slices[0])
        finally:
            for child in children:
                child.join()
        if any(child.exitcode for child in children):
            raise RuntimeError(
                "a worker rendering article pages failed; see the error above"
            )

    def _render(self, calls) -> None:
        for name, template, context, args, kwargs in calls:
            super().write_file(name, template, context, *args, **kwargs)

    def _render_in_child(self, calls) -> None:
        try:
            self._render(calls)
            cache = pagecache.active()
            if cache is not None:
                cache.save_worker_index()
        except Exception:
            logging.getLogger(__name__).exception("rendering article pages failed")
            raise
