"""Every setting of the series plugin: its default, type and meaning."""

from __future__ import annotations

from sitekit.settings import Setting, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SERIES_URL",
        "series/{slug}/",
        (str,),
        "Address of a series' page.",
        needs_slug=True,
    ),
    Setting(
        "SERIES_SAVE_AS",
        "series/{slug}/index.html",
        (str,),
        "Where a series' page is written; empty writes none, and nothing links one.",
        needs_slug=True,
    ),
    Setting(
        "SERIES_STRICT",
        False,
        (bool,),
        "Series problems are checked at their publish level (publishconf.py sets it).",
    ),
)

check_settings = settings_checker(SETTINGS)
