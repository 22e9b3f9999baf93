"""sitemap.xml with dates that say when a page last changed.

pelican-sitemap (1.2.2) queues every page Pelican writes and dates it from
the article or page being shown, ``modified`` or else ``date``; a page with
neither (the home page, archives, tag, category, lesson and index pages) it
dates with the time of the build. Search engines ignore a ``lastmod`` that
is not accurate, and two builds of the same content differed.

Its extension point is the object it queues with each page: anything with
``url``, ``status`` and ``modified``. So this subclass of its generator
queues, for a page that shows no single article or page, a ``Listing``
dated by the newest post it lists (Pelican hands each listing its posts as
``articles``: a tag's, a period's, a lesson's sources, every post for the
home page), and gives an undated page the newest date of the site. Nothing
is dated with the clock, so two builds of unchanged content write the same
bytes. The XML, the SITEMAP setting (format, exclude, priorities,
changefreqs) and translations are pelican-sitemap's own.

Two things it has no setting for are done here: with a relative SITEURL
(a local build) no sitemap is written, since no sitemap reader accepts
``<loc>/</loc>``; and the written file is announced with ``content_written``,
as every file a build writes is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from pelican import signals
from pelican.plugins.sitemap.sitemap import SitemapGenerator

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Listing:
    """A page that lists posts, as pelican-sitemap reads a queued object."""

    url: str
    modified: datetime
    status: str = "published"


def newest_date(items: Iterable[Any]) -> datetime | None:
    """The newest ``modified`` (else ``date``) among posts or pages."""
    dates = [
        getattr(item, "modified", None) or getattr(item, "date", None) for item in items
    ]
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


def is_absolute(site_url: str) -> bool:
    return site_url.startswith(("https://", "http://"))


class DatedSitemap(SitemapGenerator):
    """pelican-sitemap's generator, dating each page by its content."""

    def __init__(self) -> None:
        super().__init__()
        self.site_newest: datetime | None = None
        self._newest: dict[int, tuple[Any, int, datetime | None]] = {}

    def init(self, pelican) -> None:
        """Each run starts afresh: a run that failed before ``finalized``
        must not leave its queue, or itself as the main run, to the next."""
        self._main_pelican = pelican
        self.page_queue = []
        self.site_newest = None
        self._newest = {}

    def will_write(self, settings: Mapping[str, Any]) -> bool:
        return is_absolute(settings.get("SITEURL") or "")

    def queue_page(self, path, context) -> None:
        output = Path(context.get("OUTPUT_PATH") or ".")
        if Path(path).name.startswith("sitemap."):
            return  # the sitemap announcing itself
        newest = self._newest_listed(context.get("articles") or ())
        if newest is not None and (
            self.site_newest is None or newest > self.site_newest
        ):
            self.site_newest = newest
        # An undated article or page is queued as it is: pelican-sitemap
        # dates it with ``now``, which ``finalize`` sets to the site's newest.
        shown = context.get("article") or context.get("page")
        if shown is None and newest is not None:
            relative = Path(path).resolve().relative_to(output.resolve())
            shown = Listing(pathname2url(relative.as_posix()), newest)
        self.page_queue.append((path, shown))

    def _newest_listed(self, articles: Iterable[Any]) -> datetime | None:
        """``newest_date(articles)``, found once per list: every post's page
        is written with the whole site's list of posts in its context, so
        looking through it again for each page made the sitemap's cost grow
        with the square of the posts (a second of CPU at 1,000 posts). The
        list itself is kept with its date, so its id cannot be reused by
        another list, and its length is compared, so a list that grew is
        looked through again."""
        if not isinstance(articles, list | tuple):
            return newest_date(articles)
        kept = self._newest.get(id(articles))
        if kept is not None and kept[0] is articles and kept[1] == len(articles):
            return kept[2]
        newest = newest_date(articles)
        self._newest[id(articles)] = (articles, len(articles), newest)
        return newest

    def finalize(self, pelican) -> None:
        if pelican is not self._main_pelican:
            return
        if not self.will_write(pelican.settings):
            logger.info("sitemap: not written, SITEURL is not an absolute address")
        elif self.site_newest is None:
            logger.info("sitemap: not written, no page has a date")
        else:
            # A page or listing without a date of its own takes the site's
            # newest; the clock is never read.
            self.now = self.site_newest
            fmt = pelican.settings.get("SITEMAP", {}).get("format", "xml")
            super().finalize(pelican)
            written = Path(pelican.output_path) / f"sitemap.{fmt}"
            signals.content_written.send(str(written), context=pelican.settings)
        self._main_pelican = None
        self.page_queue = []
        self.site_newest = None
        self._newest = {}
