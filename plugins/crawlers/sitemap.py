"""sitemap.xml with dates that say when a page last changed.

pelican-sitemap (1.2.2) queues every page Pelican writes and dates it from
the article or page being shown, ``modified`` or else ``date``; a page with
neither (the home page, archives, tag, category, lesson and index pages) it
dates with the time of the build. Search engines ignore a ``lastmod`` that
is not accurate, and two builds of the same content differed.

Its extension points are public: the generator's ``init``, ``queue_page``
and ``finalize``, and the object queued with each page (anything with
``url``, ``status`` and ``modified``). So ``DatedSitemap`` notes each page
Pelican writes with the newest post it lists (Pelican hands each listing its
posts as ``articles``: a tag's, a period's, a lesson's sources, every post
for the home page) and, when the build ends, hands a fresh pelican-sitemap
generator every page with a date: a listing as a ``Listing`` dated by its
newest post, an undated page or file by the site's newest. None of its
private state (the queue, the main run, ``now``) is touched, and nothing is
dated with the clock, so two builds of unchanged content write the same
bytes. The XML, the SITEMAP setting (format, exclude, priorities,
changefreqs) and translations are pelican-sitemap's own.

Three things it has no setting for are done here: with a relative SITEURL
(a local build) no sitemap is written, since no sitemap reader accepts
``<loc>/</loc>``; the written file is announced with ``content_written``,
as every file a build writes is; and every address is handed to it as a
URI escaped for XML (``sitemap_address``), since it writes ``SITEURL`` and
each page's ``url`` into ``<loc>`` as they are: a slug holding "&" (``Slug:
q&a-with-a-recruiter``) made a sitemap no XML parser reads, and an accented
one or host an address the protocol asks to be escaped.

A post with translations (``Lang:``, one slug) names them in its
``<xhtml:link rel="alternate" hreflang>`` lines, pelican-sitemap's own. Two
things are put right in them (``alternates_linked``, ``with_alternates``):
pelican-sitemap 1.2.2 writes their address as ``ref=`` where the protocol
asks for ``href=`` (so no search engine read a translation from the
sitemap), and leaves the page itself out of its own set, which hreflang
sets must hold; their addresses are escaped as every ``<loc>`` is.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.request import pathname2url
from xml.sax.saxutils import escape

from pelican import signals
from pelican.plugins.sitemap import sitemap as pelican_sitemap
from pelican.plugins.sitemap.sitemap import SitemapGenerator

from sitekit.outputpaths import place_in
from sitekit.selectedpages import writes_only_selected
from sitekit.uris import as_uri

from .fields import without_bad_fields
from .settings import sitemap_for_writing

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


class DatedSitemap:
    """pelican-sitemap's generator, each page dated by its content.

    Only pelican-sitemap's public face is used: a fresh ``SitemapGenerator``
    per run, its ``init``, ``queue_page`` and ``finalize``, and the objects
    it is handed. Each queued page carries a date, so its build-time
    fallback (``now``) is never reached.
    """

    def __init__(self) -> None:
        self.pelican: Any = None
        self.queue: list[tuple[str, Any, datetime | None]] = []
        self.newest_by_list: dict[int, tuple[Any, int, datetime | None]] = {}

    def init(self, pelican) -> None:
        """Each run starts afresh: a run that failed before ``finalized``
        must not leave its queue, or itself as the main run, to the next."""
        self.pelican = pelican
        self.queue = []
        self.newest_by_list = {}

    def will_write(self, settings: Mapping[str, Any]) -> bool:
        return is_absolute(settings.get("SITEURL") or "")

    def queue_page(self, path, context) -> None:
        if Path(path).name.startswith("sitemap."):
            return  # the sitemap announcing itself
        newest = self.newest_listed(context.get("articles") or ())
        shown = context.get("article") or context.get("page")
        if shown is None and newest is not None:
            output = context.get("OUTPUT_PATH") or "."
            shown = Listing(pathname2url(address_in(path, output)), newest)
        self.queue.append((path, shown, newest))

    def newest_listed(self, articles: Iterable[Any]) -> datetime | None:
        """``newest_date(articles)``, found once per list: every post's page
        is written with the whole site's list of posts in its context, so
        looking through it again for each page made the sitemap's cost grow
        with the square of the posts (a second of CPU at 1,000 posts). The
        list itself is kept with its date, so its id cannot be reused by
        another list, and its length is compared, so a list that grew is
        looked through again."""
        if not isinstance(articles, list | tuple):
            return newest_date(articles)
        kept = self.newest_by_list.get(id(articles))
        if kept is not None and kept[0] is articles and kept[1] == len(articles):
            return kept[2]
        newest = newest_date(articles)
        self.newest_by_list[id(articles)] = (articles, len(articles), newest)
        return newest

    def finalize(self, pelican) -> None:
        if pelican is not self.pelican:
            return
        queue, self.queue, self.pelican = self.queue, [], None
        self.newest_by_list = {}
        dates = [newest for _, _, newest in queue if newest is not None]
        if not self.will_write(pelican.settings):
            logger.info("sitemap: not written, SITEURL is not an absolute address")
            return
        if writes_only_selected(pelican.settings):
            return  # make serve's first pass: the whole build writes it
        if not dates:
            logger.info("sitemap: not written, no page has a date")
            return
        # A page or listing without a date of its own takes the site's
        # newest post's; the clock is never read.
        site_newest = max(dates)
        output = Path(pelican.output_path)
        # pelican-sitemap reads only these two of the Pelican object it is
        # handed; its SITEURL is the site's address as a URI, escaped.
        site = SimpleNamespace(
            output_path=pelican.output_path,
            settings={
                **pelican.settings,
                "SITEURL": sitemap_address(pelican.settings["SITEURL"]),
                "SITEMAP": sitemap_for_writing(pelican.settings.get("SITEMAP", {})),
            },
        )
        sitemap = SitemapGenerator()
        sitemap.init(site)
        for path, shown, _ in queue:
            page = addressed(
                with_alternates(
                    without_bad_fields(dated(shown, path, output, site_newest))
                )
            )
            sitemap.queue_page(path, {"page": page})
        with alternates_linked():
            sitemap.finalize(site)
        fmt = pelican.settings.get("SITEMAP", {}).get("format", "xml")
        written = output / f"sitemap.{fmt}"
        signals.content_written.send(str(written), context=pelican.settings)


def dated(shown: Any, path: str, output: Path, newest: datetime) -> Any:
    """``shown`` as queued, given ``newest`` when it has no date of its own:
    an undated page (a copy of it, so the page itself keeps no date), or a
    file that shows nothing, as a ``Listing``."""
    if shown is None:
        return Listing(pathname2url(address_in(path, output)), newest)
    if getattr(shown, "modified", None) or getattr(shown, "date", None):
        return shown
    undated = copy.copy(shown)
    undated.modified = newest
    return undated


def sitemap_address(address: str) -> str:
    """``address`` as the sitemap protocol asks: a URI (``sitekit.uris``),
    escaped for XML ("&" as "&amp;")."""
    return escape(as_uri(address))


def addressed(shown: Any) -> Any:
    """``shown`` with its ``url`` as ``sitemap_address`` gives it: a copy of
    a post or page (Pelican's ``override_url``), a ``Listing`` remade."""
    url = sitemap_address(shown.url)
    if url == shown.url:
        return shown
    if isinstance(shown, Listing):
        return Listing(url, shown.modified, shown.status)
    shown = copy.copy(shown)
    shown.override_url = url
    return shown


@dataclass(frozen=True)
class Alternate:
    """A version of a page in a language, as pelican-sitemap reads one
    from ``translations``: its language and its address."""

    lang: str
    url: str


def with_alternates(shown: Any) -> Any:
    """``shown`` (a post or page with translations) with every version of
    it, itself first, as its ``translations``, each address escaped."""
    translations = getattr(shown, "translations", None)
    if not translations:
        return shown
    shown = copy.copy(shown)
    shown.translations = [
        Alternate(version.lang, sitemap_address(version.url))
        for version in (shown, *translations)
    ]
    return shown


@contextlib.contextmanager
def alternates_linked():
    """pelican-sitemap's alternate line with ``href=`` for its ``ref=``
    while it writes (1.2.2's typo; nothing changes once it is fixed)."""
    written = pelican_sitemap.XML_TRANSLATION
    pelican_sitemap.XML_TRANSLATION = written.replace(' ref="', ' href="')
    try:
        yield
    finally:
        pelican_sitemap.XML_TRANSLATION = written


def address_in(path: str | Path, output: str | Path) -> str:
    """``path``'s place in the output folder (``tags/x.html``), links
    resolved as ``realpath`` resolves them; a ``ValueError`` for a file
    outside it. Looked at part by part below the folder
    (``sitekit.outputpaths.place_in``): this runs for every listing the
    build writes."""
    folder = os.path.abspath(output)  # noqa: PTH100 (strings)
    file = os.path.abspath(path)  # noqa: PTH100
    place = place_in(folder, file)
    if place is None:
        real = os.path.realpath(file)
        real_folder = os.path.realpath(folder).rstrip("/")
        if not real.startswith(real_folder + "/"):
            raise ValueError(f"{file!r} is not in {folder!r}")
        place = real[len(real_folder) + 1 :]
    return place
