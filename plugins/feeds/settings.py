"""Every setting of the feeds plugin: its default, type and meaning.

Pelican's own feed settings (FEED_ALL_ATOM, TAG_FEED_RSS, FEED_MAX_ITEMS...)
keep their meaning; these are the plugin's additions.
"""

from __future__ import annotations

from sitekit.settings import Setting, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "WEBSUB_HUB",
        None,
        (str, type(None)),
        "URL of a WebSub hub to advertise in every feed (Atom, RSS, JSON Feed).",
    ),
    Setting(
        "FEED_ALL_JSON",
        None,
        (str, type(None)),
        "JSON Feed 1.1 of the whole site.",
    ),
    Setting(
        "FEEDS_PAGE_URL",
        "feeds/",
        (str, type(None)),
        "URL of the page listing every feed.",
    ),
    Setting(
        "FEEDS_PAGE_SAVE_AS",
        "feeds/index.html",
        (str, type(None)),
        "Where the feeds page is written, when the site has feeds; empty to skip it.",
    ),
)

check_settings = settings_checker(SETTINGS)
