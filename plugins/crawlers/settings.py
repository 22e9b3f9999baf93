"""The crawlers plugin's one setting: pelican-sitemap's ``SITEMAP``.

pelican-sitemap reads it only when it writes the sitemap, at the very end
of a build with an absolute SITEURL (``make publish``), and checks it
there by logging: ``SITEMAP = "xml"``, ``"priorities": "high"`` or an
``exclude`` pattern that is no regular expression stopped the finished
build with a traceback, ``"format": "html"`` wrote a plain-text list as
``sitemap.html``, and ``"exclude": "404"`` (one text, not a list) left out
every address holding a 4 or a 0. It is checked here when every build
starts, local ones too, with the settings file's line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from pelican.plugins.sitemap.sitemap import (
    CHANGEFREQ_DEFAULTS,
    CHANGEFREQ_VALUES,
    PRIORITY_DEFAULTS,
)

from sitekit.settings import Setting, settings_checker

SITEMAP_KEYS = ("format", "exclude", "priorities", "changefreqs")
SITEMAP_FORMATS = ("xml", "txt")


def is_priority(value: Any) -> bool:
    """A priority the sitemap protocol allows: a number from 0.0 to 1.0."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= 1
    )


def sitemap_problem(config: Mapping[str, Any]) -> str | None:
    """What ``SITEMAP`` must be, when ``config`` is not that; else None."""
    unknown = [key for key in config if key not in SITEMAP_KEYS]
    if unknown:
        return (
            f"a dict of {', '.join(map(repr, SITEMAP_KEYS))} ({unknown[0]!r} is none)"
        )
    if config.get("format", "xml") not in SITEMAP_FORMATS:
        return "a dict whose 'format' is 'xml' or 'txt'"
    exclude = config.get("exclude", [])
    if not isinstance(exclude, list | tuple) or not all(
        isinstance(pattern, str) for pattern in exclude
    ):
        return "a dict whose 'exclude' is a list of regular expressions (text)"
    for pattern in exclude:
        try:
            re.compile(pattern)
        except re.error as error:
            return (
                f"a dict whose 'exclude' patterns are regular expressions "
                f"({pattern!r}: {error})"
            )
    for key, kinds, valid, what in (
        ("priorities", PRIORITY_DEFAULTS, is_priority, "a number from 0.0 to 1.0"),
        (
            "changefreqs",
            CHANGEFREQ_DEFAULTS,
            CHANGEFREQ_VALUES.__contains__,
            "one of " + ", ".join(sorted(CHANGEFREQ_VALUES)),
        ),
    ):
        given = config.get(key, {})
        if not isinstance(given, dict) or not all(kind in kinds for kind in given):
            return f"a dict whose {key!r} is a dict of {', '.join(kinds)}"
        for kind, value in given.items():
            if not valid(value):
                return f"a dict whose {key!r} are each {what} ({kind}: {value!r})"
    return None


def sitemap_for_writing(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` as pelican-sitemap takes it: a priority written as a
    whole number (``1``) as the float it asks for (``1.0``)."""
    priorities = {
        kind: float(value) for kind, value in config.get("priorities", {}).items()
    }
    return {**config, **({"priorities": priorities} if priorities else {})}


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SITEMAP",
        {},
        (dict,),
        "pelican-sitemap's setting: 'format' ('xml' or 'txt'), 'exclude' (a "
        "list of regular expressions), 'priorities' and 'changefreqs' (each a "
        "dict of 'articles', 'pages' and 'indexes').",
        check=sitemap_problem,
    ),
)

check_settings = settings_checker(SETTINGS)
