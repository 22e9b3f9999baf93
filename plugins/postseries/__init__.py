"""Series: recurring conversations linked as "part 2 of 4".

A post joins a series with ``Series: Quarterly check-ins with Ruth`` and may
fix its place with ``Series_index: 2`` (pelican-series' fields). Each
published post of a series gets ``article.series`` (its part, the previous
and next parts); each series a page at SERIES_URL listing its parts; the
context ``series_list``. Drafts and hidden posts belong to no series: a
published page never links to them.

The Pelican glue only: the grouping is in ``assemble.py``, the data in
``model.py``. pelican-series (3.1.1) was not used: it puts drafts and
hidden posts in the same series as published ones (a published post would
link to a page the published site does not have), stops with a traceback on
a ``Series_index`` that is not a number, writes no series page, and keeps
its series in module globals across builds.
"""

from __future__ import annotations

from pelican import signals

from sitekit.contents import every_article
from sitekit.diagnostics import SiteError, report_diagnostics
from sitekit.settings import slugifier

from .assemble import assemble_series
from .generator import SeriesPageGenerator
from .model import SeriesPart
from .settings import check_settings


class SeriesError(SiteError):
    """Series that cannot be written as asked."""


def add_series(generator) -> None:
    settings = generator.settings
    for article in every_article(generator):
        article.series = None
    found, diagnostics = assemble_series(
        generator.articles,
        slugifier(settings),
        settings["SERIES_URL"],
        settings["SERIES_SAVE_AS"],
    )
    report_diagnostics(diagnostics, SeriesError, "series")
    for series in found:
        for index, post in enumerate(series.posts, start=1):
            post.series = SeriesPart(series, index)
    generator.context["series_list"] = found


def add_generator(pelican):
    return SeriesPageGenerator


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_series)
    signals.get_generators.connect(add_generator)
