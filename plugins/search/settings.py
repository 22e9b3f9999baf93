"""Every setting of the search plugin: its default, type and meaning."""

from __future__ import annotations

from sitekit.settings import Setting, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting("SEARCH_URL", "search/", (str,), "URL of the search page."),
    Setting(
        "SEARCH_SAVE_AS",
        "search/index.html",
        (str,),
        "Where the search page is written; empty for no search page and no "
        "search index.",
    ),
)

check_settings = settings_checker(SETTINGS)
