"""Every setting of the series plugin: its default, type and meaning."""

from __future__ import annotations

from functools import partial

from sitekit import settings as declared
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
        "Where a series' page is written; empty writes none.",
        needs_slug=True,
    ),
)

check_settings = settings_checker(SETTINGS)
apply_defaults = partial(declared.apply_defaults, SETTINGS)
validate = partial(declared.validate, SETTINGS)
