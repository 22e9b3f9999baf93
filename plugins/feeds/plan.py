"""Which feeds the site has: Pelican's feed settings, read once.

Pelican writes its own feeds whenever its feed settings are set; this
plugin writes every feed instead, in one place and one shape, so at start-up
it takes Pelican's feed settings over: their values are kept here and the
settings are cleared, so that Pelican writes none twice. Everything else
(templates, the feeds page, autodiscovery) reads the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

#: Pelican's feed settings, each with an optional ``_URL`` twin.
PELICAN_FEEDS = tuple(
    f"{prefix}_{kind}"
    for prefix in ("FEED", "FEED_ALL", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED")
    for kind in ("ATOM", "RSS")
)
#: Pelican's feeds of each language other than the site's (``{lang}``):
#: this plugin writes them with every post in that language, originals
#: and translations.
TRANSLATION_FEEDS = ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS")
PLAN = "FEEDS_PLAN"


def take_over(settings: MutableMapping[str, Any]) -> None:
    """Keep Pelican's feed settings in the plan, and clear them."""
    if PLAN in settings:
        return
    plan: dict[str, Any] = {}
    for name in (*PELICAN_FEEDS, *TRANSLATION_FEEDS):
        plan[name] = settings.get(name)
        plan[f"{name}_URL"] = settings.get(f"{name}_URL")
        settings[name] = None
    settings[PLAN] = plan


def feed_setting(settings: Mapping[str, Any], name: str) -> Any:
    """A feed setting's value: from the plan for Pelican's own, else as set."""
    plan = settings.get(PLAN) or {}
    return plan[name] if name in plan else settings.get(name)


def feed_paths(
    settings: Mapping[str, Any], setting: str, **fields: str
) -> tuple[str, str] | None:
    """(save_as, url) of a feed setting, formatted with ``fields``, if set."""
    path = feed_setting(settings, setting)
    if not path:
        return None
    url = feed_setting(settings, f"{setting}_URL") or path
    return str(path).format(**fields), str(url).format(**fields)
