"""Posts converted by forked workers while Pelican reads them one by one.

Markdown is most of a cold build's time, and Pelican reads articles one at
a time. When the article generator starts, the posts it will read (those
not in the content cache) are handed out in batches to worker processes,
in the order Pelican will ask for them. Each worker runs the site's own
reader class, whichever plugin registered it, so the result is the one
Pelican would have had; the reader in this process then takes it instead
of reading the file itself. A post whose reading failed or logged a
warning is read again here, so every message is logged, and counted by
``--fatal``, exactly once, by this process.

Public API only: ``readers_init`` to wrap the reader class, the generator's
``get_files`` and cache lookups to know what will be read.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix

from .settings import worker_count

BATCH_SIZE = 16
BATCHES_PER_WORKER = 3

logger = logging.getLogger(__name__)

_prefetcher: Prefetcher | None = None
_worker_reader: Any = None


def wrap_readers(readers) -> None:
    """Let every reader class the site uses take a worker's result."""
    settings = readers.settings
    if not settings.get("FASTBUILD_PREFETCH", True) or not _can_fork():
        return
    wrapped: dict[type, type] = {}
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is None or issubclass(reader_class, Prefetched):
            continue
        if reader_class not in wrapped:
            wrapped[reader_class] = _prefetched(reader_class, settings)
        readers.reader_classes[extension] = wrapped[reader_class]


class Prefetched:
    """Marks a reader class that takes workers' results."""

    unwrapped: type


def _prefetched(reader_class: type, settings: dict[str, Any]) -> type:
    """``reader_class``, taking a worker's result when there is one.

    Categories, tags and authors in a result are made again here with the
    site's settings, as the reader makes them.
    """

    def read(self, source_path: str):
        done = None if _prefetcher is None else _prefetcher.take(source_path)
        if done is not None:
            return done.thaw(settings)
        return reader_class.read(self, source_path)

    return type(
        reader_class.__name__,
        (reader_class, Prefetched),
        {"read": read, "unwrapped": reader_class, "__module__": __name__},
    )


def start(generator) -> None:
    """Hand the article generator's posts to workers, if it pays."""
    stop()
    settings = generator.settings
    if not settings.get("FASTBUILD_PREFETCH", True) or not _can_fork():
        return
    names = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    )
    jobs: list[tuple[str, int]] = []
    classes: list[type] = []
    for name in names:  # the order Pelican will read them in
        path = os.path.abspath(os.path.join(generator.path, name))  # noqa: PTH100, PTH118
        reader = generator.readers.readers.get(file_suffix(path))
        if not isinstance(reader, Prefetched):
            continue
        if generator.get_cached_data(name, None) is not None:
            continue
        if generator.readers.get_cached_data(path, None) is not None:
            continue
        reader_class = type(reader).unwrapped
        if reader_class not in classes:
            classes.append(reader_class)
        jobs.append((path, classes.index(reader_class)))
    workers = min(worker_count(settings), len(jobs))
    if workers < 2 or len(jobs) < settings.get("FASTBUILD_MIN_POSTS", 40):
        return
    global _prefetcher, _reader_classes
    # Jobs name their reader class by its place in this list, which the
    # forked workers inherit: a class made at run time (the kept Markdown's
    # reader) cannot be pickled by name, and a job that cannot be sent
    # fails quietly, every post then read here, one at a time.
    _reader_classes = classes
    _prefetcher = Prefetcher(jobs, settings, workers)
    logger.info("fastbuild: %d posts read ahead by %d workers", len(jobs), workers)


def stop(*_: Any) -> None:
    """Stop the workers; a post not yet taken is read in this process."""
    global _prefetcher
    if _prefetcher is not None:
        _prefetcher.close()
        _prefetcher = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class _Wrapper:
    """A Category, Tag or Author, without the settings it holds: made
    again in this process with this process's settings, and with the slug
    the reader gave it (a fallback for a name without letters is set on the
    object, not made from its name)."""

    kind: type
    name: str
    slug: str


@dataclass(frozen=True)
class ReadResult:
    """A reader's (content, metadata), as it travels between processes."""

    content: str
    metadata: dict[str, Any]

    @classmethod
    def freeze(cls, content: str, metadata: dict[str, Any]) -> ReadResult:
        return cls(content, {key: _freeze(value) for key, value in metadata.items()})

    def thaw(self, settings: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return self.content, {
            key: _thaw(value, settings) for key, value in self.metadata.items()
        }


def _freeze(value: Any) -> Any:
    if isinstance(value, URLWrapper):
        return _Wrapper(type(value), value.name, value.slug)
    if type(value) is list:
        return [_freeze(item) for item in value]
    return value


def _thaw(value: Any, settings: dict[str, Any]) -> Any:
    if isinstance(value, _Wrapper):
        wrapper = value.kind(value.name, settings)
        if wrapper.slug != value.slug:
            wrapper.slug = value.slug
        return wrapper
    if type(value) is list:
        return [_thaw(item, settings) for item in value]
    return value


class Prefetcher:
    """Batches of posts read ahead, in the order they will be asked for.

    A few batches per worker are in flight at a time, so finished work
    never piles up in memory.
    """

    def __init__(self, jobs: list[tuple[str, int]], settings: dict, workers: int):
        # Small batches on a small site, so that every worker has some.
        size = max(1, min(BATCH_SIZE, len(jobs) // (workers * BATCHES_PER_WORKER)))
        self._queue = deque(jobs[i : i + size] for i in range(0, len(jobs), size))
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

    def take(self, path: str) -> ReadResult | None:
        """The worker's result, or None: then the post is read here."""
        future = self._pending.pop(path, None)
        if future is None:
            return None
        try:
            result = future.result().get(path)
        except Exception:  # a broken pool: every post is read here instead
            result = None
        self._left[future] -= 1
        if not self._left[future]:
            del self._left[future]  # the batch is read: its results can go
            if self._queue:
                self._submit()
        return result

    def close(self) -> None:
        self._pending.clear()
        self._queue.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self) -> None:
        batch = self._queue.popleft()
        future = self._pool.submit(_read_batch, batch)
        self._left[future] = len(batch)
        for path, _ in batch:
            self._pending[path] = future


class _Heard(logging.Handler):
    """Counts what a worker's reader logged at warning level or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_heard: _Heard | None = None
_readers: dict[type, Any] = {}
#: The reader classes of the running prefetch, as jobs number them.
_reader_classes: list[type] = []


def _start_worker(settings: dict[str, Any]) -> None:
    """In a worker: readers log nowhere; what they say is only counted."""
    global _heard, _worker_settings
    _worker_settings = settings
    _heard = _Heard()
    for name in [None, *logging.root.manager.loggerDict]:
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.filters = []
    logging.root.addHandler(_heard)


_worker_settings: dict[str, Any] = {}


def _read_batch(batch: list[tuple[str, int]]) -> dict[str, ReadResult]:
    """Each post's result; a post that failed or logged is left out."""
    done: dict[str, ReadResult] = {}
    for path, class_number in batch:
        reader_class = _reader_classes[class_number]
        reader = _readers.get(reader_class)
        if reader is None:
            reader = _readers[reader_class] = reader_class(_worker_settings)
        before = _heard.count
        try:
            content, metadata = reader.read(path)
        except Exception:  # read again by the build, which reports it
            continue
        if _heard.count == before:
            done[path] = ReadResult.freeze(content, metadata)
    return done
