"""Every setting of the feeds plugin: its default and its check.

Pelican's own feed settings (FEED_ALL_ATOM, TAG_FEED_RSS, FEED_MAX_ITEMS...)
keep their meaning; these are the plugin's additions.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from reflections.errors import SettingsError

DEFAULTS: dict[str, Any] = {
    # JSON Feed 1.1 of the whole site; None for none.
    "FEED_ALL_JSON": None,
    # The page listing every feed a reader can subscribe to; written only
    # when the site has feeds. Empty to skip it.
    "FEEDS_PAGE_URL": "feeds/",
    "FEEDS_PAGE_SAVE_AS": "feeds/index.html",
}


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)
    for name in DEFAULTS:
        value = settings[name]
        if value is not None and not isinstance(value, str):
            raise SettingsError(
                f"setting {name} must be a path (str) or None, not "
                f"{type(value).__name__} ({value!r})"
            )
