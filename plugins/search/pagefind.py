"""Pagefind's index of the site, built while Pelican writes it.

Pagefind comes from PyPI (``pagefind`` with its binary, ``pagefind_bin``),
pinned in requirements.txt. Its Python indexing API runs the binary as a
service in its own process; each page is handed to it as soon as Pelican
has written it (``content_written``), so Pagefind parses the posts while
Pelican renders feeds, draws preview images and writes the rest, instead
of reading the whole site again once it is finished. The bundle is
written into the output's ``pagefind/``, the old bundle deleted first, so a
fragment from an earlier build (written before a note was made private) can
never be served again.

It is written early: as soon as the last post of the plan has been answered,
Pagefind builds and writes its index in its own process while Pelican
writes tags, categories, feeds and preview images (it took 1.1 s of a
6.0 s rebuild at 1,000 posts, alone at the end: docs/performance.md). At
``finalized`` the pages outside the plan are checked as before; if none of
them is marked, that bundle is the site's. If one is, it is sent to the
same index and the bundle written again: Pagefind's service keeps every
page it parsed after writing its files and builds its index afresh from
them on each write, so the second bundle is the one a single write at the
end would have made.

What is indexed is what the Pagefind command would index: only elements
marked ``data-pagefind-body`` (post bodies) when any page has one, every
page otherwise; so pages without the mark are held back until the end,
and sent only if no page had one. Pages are given to Pagefind in one fixed
order (the order Pelican writes posts in, then the rest by path), because
its index numbers pages in the order they come: the bundle is then the
same byte for byte however the pages were written (by fastbuild's workers
or not), but for the filter files Pagefind writes in hash-map order.

Every page goes into one index, in ``DEFAULT_LANG``: Pagefind would
otherwise split it by each page's ``<html lang>``, and the search page
(in ``DEFAULT_LANG``) loads only its own language's part, so a post in
another language (``Lang: fr``, a translation) could never be found.

Pagefind cannot update part of an index (its issue 71), so every build
indexes every page; the cost is hidden behind the rest of the build.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import threading
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex
from pelican import signals

from sitekit.diagnostics import display_path
from sitekit.outputpaths import output_file
from sitekit.selectedpages import writes_only_selected

from .service import STOP_WAIT, PromptService, SearchIndexError, check_wrapper

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"  # Pagefind's default folder, which search.js loads
#: Pages sent to Pagefind and not yet answered, at most.
IN_FLIGHT = 16
#: Write the bundle as soon as the plan is indexed (False: only at the end,
#: as before; the tests compare the two).
WRITE_EARLY = True
# A queue item: write the bundle once every page before it is answered.
_WRITE_BUNDLE = object()
# An element marked for indexing. (A page that only mentions the mark in a
# script would be sent too; Pagefind itself then decides.)
_BODY_MARK = re.compile(rb"<[a-zA-Z][^>]*\sdata-pagefind-body[\s=>/]")


class StreamingIndex:
    """Pagefind's index of one build, fed page by page.

    ``plan`` is the pages in the order Pagefind is given them when they
    are written (the posts, in the order Pelican writes them); a page of
    the plan written early waits for those before it. ``language`` (the
    site's ``DEFAULT_LANG``) is the one every page is indexed in. Pelican's thread
    decides what to send; an asyncio loop in a thread of its own talks to
    the service (a thread, not Pelican's, so that a build started from
    code that runs its own loop, as a test driving a browser does, still
    works), while Pagefind parses in its own process.
    """

    def __init__(self, site: Path | str, plan: list[str], language: str | None = None):
        self.site = Path(os.path.abspath(site))  # noqa: PTH100 (as Pelican names it)
        self.plan = list(plan)
        self.language = language
        self.planned = set(self.plan)
        self.arrived: set[str] = set()
        self.next = 0  # the first page of the plan not yet given to Pagefind
        self.seen: set[str] = set()
        self.held: list[str] = []  # written, not planned: sent at the end
        self.marked = False  # some page has a data-pagefind-body element
        # The bundle is written early (queued once the plan is sent) and no
        # page has been sent since: it is the site's bundle.
        self.write_queued = False
        self.sent_since_write = False
        self.written_early = threading.Event()  # set once it is on disk
        self.feeder: asyncio.Task | None = None  # sends the queue's pages, in order
        self.queue: asyncio.Queue[str | object | None] | None = None
        self.failure: str | None = None  # why the index cannot be made
        self.service: PromptService | None = None
        self.index: PagefindIndex | None = None
        self.loop = asyncio.new_event_loop()
        # Failures are reported once, by finish(); not by asyncio as well.
        self.loop.set_exception_handler(lambda loop, context: None)
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="pagefind", daemon=True
        )
        self.thread.start()
        try:
            self.bundle = output_file(self.site, BUNDLE, what="Pagefind's bundle")
            check_wrapper()
            self._run(self._start())
        except Exception as error:  # reported at finalized, in one line
            self._failed(error)

    def _run(self, coroutine, timeout: float | None = None):
        """Run ``coroutine`` on the loop's thread and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self) -> None:
        try:
            self.service = await PromptService().launch()
        except OSError as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.failure = (
                f"Pagefind could not start ({reason}); "
                "install it with: pip install -r requirements.txt"
            )
            return
        config = IndexConfig()
        if self.language:
            config["force_language"] = self.language
        self.index = await self.service.create_index(config)
        self.queue = asyncio.Queue()
        self.feeder = asyncio.ensure_future(self._feed())

    async def _feed(self) -> None:
        """Send each queued page, in the queue's order, with at most
        ``IN_FLIGHT`` waiting for Pagefind: the pages wait here as paths,
        not in a pipe's buffer (a thousand pages at once when fastbuild's
        workers finish); then wait for every answer. Only the requests
        still waiting are kept, and the first failure: not a thousand
        answers nobody reads. ``_WRITE_BUNDLE`` in the queue writes the
        bundle once every page before it is answered (the early write)."""
        slots = asyncio.Semaphore(IN_FLIGHT)
        waiting: set[asyncio.Future] = set()
        failures: list[BaseException] = []

        def answered(request: asyncio.Future) -> None:
            slots.release()
            waiting.discard(request)
            if not request.cancelled() and request.exception() is not None:
                failures.append(request.exception())

        while (page := await self.queue.get()) is not None:
            if page is _WRITE_BUNDLE:
                await asyncio.gather(*waiting)
                if failures:
                    raise failures[0]
                await self._write_bundle()
                self.written_early.set()
                continue
            await slots.acquire()
            content = Path(page).read_bytes().decode("utf-8", errors="replace")
            source = Path(page).relative_to(self.site).as_posix()
            # A task's first step writes its request: tasks start in order.
            request = asyncio.ensure_future(
                self.index.add_html_file(content=content, source_path=source)
            )
            request.add_done_callback(answered)
            waiting.add(request)
        if failures:
            raise failures[0]
        # The first failure ends the wait: after the service has died, a
        # request it never read is never answered.
        await asyncio.gather(*waiting)

    async def _write_bundle(self) -> None:
        """Write the index into a fresh bundle folder and wait until every
        file of it is whole."""
        shutil.rmtree(self.bundle, ignore_errors=True)
        await self.index.write_files(output_path=str(self.bundle))
        await self.service.files_written(self.bundle)

    def _failed(self, error: BaseException) -> None:
        """Keep the first reason the index cannot be made."""
        if self.failure is not None:
            return
        if isinstance(error, SearchIndexError):
            reason = str(error)
        else:  # the pipe broke: what did Pagefind say as it stopped?
            reason = self._last_words() or str(error) or type(error).__name__
        if not reason.startswith("Pagefind could not start"):
            site = display_path(str(self.site))
            reason = f"Pagefind could not index {site}: {reason}"
        self.failure = reason

    def _last_words(self) -> str | None:
        """What the service said before it stopped, once it has stopped
        (waiting a little for it to)."""
        service = self.service
        if service is None or not hasattr(service, "_poll_task"):
            return None

        async def stopped() -> None:
            await asyncio.wait_for(asyncio.shield(service._poll_task), timeout=2)

        try:
            self._run(stopped())
        except Exception:  # still running, or the reading stopped otherwise
            logger.debug("Pagefind's service did not stop", exc_info=True)
        return None if service.last_words == "it stopped" else service.last_words

    def written(self, path: str) -> None:
        """A file of the site was written (``content_written``)."""
        if self.failure is not None:
            return
        try:
            self._take(path)
        except Exception as error:  # reported by finish()
            self._failed(error)

    def _take(self, path: str) -> None:
        page = os.path.abspath(path)  # noqa: PTH100 (a str, compared with the plan)
        if not (page.endswith(".html") and page.startswith(f"{self.site}{os.sep}")):
            return
        self.seen.add(page)
        if page in self.planned:
            self.arrived.add(page)
            self._offer_ready()
        else:
            self.held.append(page)

    def _offer_ready(self) -> None:
        """Offer the pages of the plan that are written, up to the first
        that is not yet."""
        plan = self.plan
        while self.next < len(plan) and plan[self.next] in self.arrived:
            self._offer(plan[self.next])
            self.next += 1
        complete = plan and self.next == len(plan)
        if complete and self.marked and WRITE_EARLY and not self.write_queued:
            self._send(_WRITE_BUNDLE)
            self.write_queued = True

    def finish(self) -> list[Path]:
        """Give Pagefind the pages left and write the bundle, unless the
        early write holds every page already; the bundle's files."""
        try:
            if self.failure is None:
                self._send_the_rest()
                self._run(self._all_answered())
                if not self.write_queued or self.sent_since_write:
                    self._run(self._write_bundle())
                files = self.bundle.rglob("*")
                return sorted(path for path in files if path.is_file())
        except Exception as error:  # reported below, in one line
            self._failed(error)
        finally:
            self.abort()
        raise SearchIndexError(self.failure)

    async def _all_answered(self) -> None:
        await self.queue.put(None)
        await self.feeder

    def _send_the_rest(self) -> None:
        for page in self.plan[self.next :]:
            if page in self.arrived:
                self._offer(page)
        for path in sorted(self.site.rglob("*.html")):
            page = str(path)
            # A folder named so (a static bundle, ``images/demo.html/``) is
            # no page: reading it stopped the build, "Is a directory".
            if (
                page not in self.seen
                and path.is_file()
                and not _in_bundle(path, self.site)
            ):
                self.held.append(page)
        if self.marked:
            for page in sorted(self.held):
                self._offer(page)
        else:  # no page is marked: Pagefind indexes every page
            self.held += [page for page in self.plan if page in self.arrived]
            for page in sorted(set(self.held)):
                self._send(page)

    def abort(self) -> None:
        """Stop the service and the loop's thread; write nothing."""
        if not self.thread.is_alive():
            return
        if self.feeder is not None:
            self.loop.call_soon_threadsafe(self.feeder.cancel)
        if self.service is not None and hasattr(self.service, "_backend"):
            try:
                self._run(self.service.end_now(), timeout=STOP_WAIT)
            except Exception:  # stopping; the error is reported
                logger.debug("Pagefind's service did not stop cleanly", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

    def _offer(self, page: str) -> None:
        """Send ``page`` if it is marked for indexing; hold it back if not."""
        content = Path(page).read_bytes()
        if _BODY_MARK.search(content):
            self.marked = True
            self._send(page)

    def _send(self, page: str | object) -> None:
        """Queue ``page`` for the service; pages go out in this order."""
        if self.write_queued:
            self.sent_since_write = True
        self.loop.call_soon_threadsafe(self.queue.put_nowait, page)


def _in_bundle(path: Path, site: Path) -> bool:
    return path.relative_to(site).parts[0] == BUNDLE


def planned_pages(generator: Any) -> list[str]:
    """The posts the articles generator will write, in its order (Pelican
    4.12's ``generate_articles``: translations, posts, then hidden ones)."""
    groups = ("translations", "articles", "hidden_translations", "hidden_articles")
    return [
        os.path.abspath(os.path.join(generator.output_path, article.save_as))  # noqa: PTH100, PTH118
        for group in groups
        for article in getattr(generator, group, ())
        if article.save_as
    ]


# The index of the build under way: made when the posts are known, fed as
# files are written, written out and reset at ``finalized``.
_building: StreamingIndex | None = None


def start_indexing(generator: Any) -> None:
    """``article_generator_finalized``: Pagefind starts, the plan is known."""
    global _building
    stop_indexing()
    if generator.settings.get("SEARCH_SAVE_AS") and not writes_only_selected(
        generator.settings
    ):
        _building = StreamingIndex(
            generator.output_path,
            planned_pages(generator),
            generator.settings.get("DEFAULT_LANG"),
        )


def page_written(path: str, context: Any = None) -> None:
    """``content_written``."""
    if _building is not None:
        _building.written(path)


def finish_indexing(pelican: Any) -> None:
    """``finalized``: the bundle written, each of its files announced."""
    global _building
    building, _building = _building, None
    # A pass writing only selected pages (make serve's first) has no index:
    # the whole build that follows makes it.
    if not pelican.settings.get("SEARCH_SAVE_AS") or writes_only_selected(
        pelican.settings
    ):
        if building is not None:
            building.abort()
        return
    if building is None:  # no articles generator ran
        building = StreamingIndex(
            pelican.output_path, [], pelican.settings.get("DEFAULT_LANG")
        )
    for path in building.finish():
        relative = path.relative_to(building.site).as_posix()
        signals.content_written.send(str(path), context={"output_file": relative})


def stop_indexing(*_: Any) -> None:
    """Stop an index a failed build left (``make serve`` builds again)."""
    global _building
    if _building is not None:
        _building.abort()
        _building = None
