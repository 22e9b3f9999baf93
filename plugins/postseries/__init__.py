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

from typing import Any

from pelican import signals
from pelican.contents import Article

from sitekit.contents import every_content
from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError
from sitekit.fallbackslugs import INVISIBLE_NAME, UNSLUGGABLE_NAME
from sitekit.rules import Finding, report_findings
from sitekit.settings import slugifier

from .assemble import assemble_series
from .generator import SeriesPageGenerator
from .model import SeriesPart
from .rules import RULES
from .settings import SETTINGS, check_settings


class SeriesError(SiteError):
    """Series that cannot be written as asked."""


def series_stage(context: dict[str, Any]) -> list[Finding]:
    """Every published post of a series gets its part, and so do its
    published translations; the context gets ``series_list``. The build
    runs it when the articles are read, and ``reflect lint`` on the same
    posts."""
    for content in every_content(context):
        if isinstance(content, Article):
            content.series = None
    found, findings = assemble_series(
        context["articles"],
        slugifier(context),
        context["SERIES_URL"],
        context["SERIES_SAVE_AS"],
    )
    for series in found:
        for index, post in enumerate(series.posts, start=1):
            post.series = SeriesPart(series, index)
            # A translation is its post in another language: the same part.
            for translation in getattr(post, "translations", ()):
                if translation.status == "published":
                    translation.series = post.series
    context["series_list"] = found
    return findings


PLUGIN = Declaration(
    "postseries",
    settings=SETTINGS,
    rules=(*RULES, UNSLUGGABLE_NAME, INVISIBLE_NAME),
    strict_setting="SERIES_STRICT",
    content_stage=series_stage,
)


def add_series(generator) -> None:
    findings = series_stage(generator.context)
    strict = generator.settings["SERIES_STRICT"]
    report_findings(findings, strict, SeriesError, "series")


def add_generator(pelican):
    return SeriesPageGenerator


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_series)
    signals.get_generators.connect(add_generator)
