"""Article pages rendered by forked workers.

Pelican writes article pages one by one, and they are a third of a build's
time. This Writer keeps the article pages' ``write_file`` calls as they
come; when the articles' output is done (``article_writer_finalized``),
forked workers render a share each and this process renders the rest, all
from the same finished context, so each page is what it would have been.
Workers send no ``content_written``: this process sends it for their pages,
with the context Pelican would have sent, so listeners (a sitemap) see
every page once, here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import sys
from typing import Any

from jinja2 import TemplateError
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.templateerrors import describe_template_error

from .settings import worker_count

logger = logging.getLogger(__name__)


class WorkerFailed(SiteError):
    """A worker rendering article pages did not finish."""


class ParallelArticleWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._deferred: list[tuple[str, Any, dict, tuple, dict]] = []

    def write_file(self, name, template, context, *args, **kwargs):
        if self._defers(name, args, kwargs):
            self._deferred.append((name, template, context, args, kwargs))
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def _defers(self, name, args, kwargs) -> bool:
        """Only a plain article page: no pagination, no relative URLs (which
        change the shared context as each page is written)."""
        return (
            bool(name)
            and "article" in kwargs
            and not args
            and not kwargs.get("relative_urls")
            and not kwargs.get("paginated")
            and self.settings.get("FASTBUILD_RENDER", True)
        )

    def flush(self) -> None:
        calls, self._deferred = self._deferred, []
        paths = [sanitised_join(self.output_path, call[0]) for call in calls]
        workers = min(worker_count(self.settings), len(calls))
        if len(calls) < self.settings.get("FASTBUILD_MIN_POSTS", 40):
            workers = 1
        # Pelican 4.12 Writer._written_files: the pages Pelican has written
        # so far; a deferred page for one of them is a clash Pelican reports.
        written = self._written_files
        clash = len(set(paths)) < len(paths) or not written.isdisjoint(paths)
        if (
            clash
            or workers < 2
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            # Two pages for one file is Pelican's to report, in order.
            self._render(calls)
            return
        logger.info(
            "fastbuild: %d article pages rendered by %d processes", len(calls), workers
        )
        shares = [calls[start::workers] for start in range(workers)]
        context = multiprocessing.get_context("fork")
        children = [
            context.Process(target=self._render_in_worker, args=(share,))
            for share in shares[1:]
        ]
        for child in children:
            child.start()
        try:
            self._render(shares[0])
        finally:
            for child in children:
                child.join()
        failed = [child.exitcode for child in children if child.exitcode]
        if failed:
            raise log_and_raise(WorkerFailed(_worker_failure(failed[0])))
        for share in shares[1:]:
            for name, _template, page_context, _args, kwargs in share:
                path = sanitised_join(self.output_path, name)
                # Pelican 4.12 Writer._written_files: the set write_file checks
                # to refuse two pages for one file; the workers' pages must be
                # in it, and no public API adds to it.
                self._written_files.add(path)
                if kwargs.get("override_output"):
                    # Pelican 4.12 Writer._overridden_files, likewise.
                    self._overridden_files.add(path)
                signals.content_written.send(
                    path, context=_page_context(page_context, name, kwargs)
                )

    def _render(self, calls) -> None:
        for name, template, context, args, kwargs in calls:
            super().write_file(name, template, context, *args, **kwargs)

    def _render_in_worker(self, calls) -> None:
        """In a worker: render, with content_written sent by the parent."""
        try:
            with signals.content_written.muted():
                self._render(calls)
        except TemplateError as error:
            # The template's file and line, without a traceback (which the
            # worker would print if this raised); the parent stops the build.
            with contextlib.suppress(RuntimeError):  # what --fatal raises
                logger.error(describe_template_error(error, error.__traceback__))
            sys.exit(1)
        except BaseException:
            logger.exception("rendering article pages in a worker failed")
            raise


def _worker_failure(exitcode: int) -> str:
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
    else:
        how = f"stopped with exit code {exitcode} (its error is logged above)"
    return (
        f"a worker process rendering article pages {how}; the site was not "
        "written. Build again, or set FASTBUILD_WORKERS = 1 to render in one process"
    )


def _page_context(context: dict, name: str, kwargs: dict) -> dict:
    """The local context Pelican 4.12's write_file sends with a page
    written without pagination or relative URLs."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    local["output_file"] = name
    local.update(kwargs)
    return local


def flush_article_pages(generator, writer) -> None:
    if isinstance(writer, ParallelArticleWriter):
        writer.flush()
