"""The fastbuild plugin's settings: its switches, declared like every other
plugin's (``sitekit.settings``)."""

from __future__ import annotations

import os

from sitekit.settings import Setting, at_least, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "FASTBUILD_WORKERS",
        None,
        (int, type(None)),
        "Processes that convert posts and render article pages; None for one "
        "per CPU, 1 to build in one process.",
        check=at_least(1),
    ),
    Setting(
        "FASTBUILD_PREFETCH",
        True,
        (bool,),
        "Convert posts in worker processes while Pelican reads them.",
    ),
    Setting(
        "FASTBUILD_RENDER",
        True,
        (bool,),
        "Render article pages in worker processes.",
    ),
    Setting(
        "FASTBUILD_REUSE_MARKDOWN",
        True,
        (bool,),
        "Keep one Python-Markdown object per reader, reset between posts, "
        "instead of building one for every post.",
    ),
    Setting(
        "FASTBUILD_REMEMBER_URLS",
        True,
        (bool,),
        "Work out each post's URL and save_as again only when what they are "
        "made from changed.",
    ),
    Setting(
        "FASTBUILD_USUAL_DATES",
        True,
        (bool,),
        "Read dates written YYYY-MM-DD or YYYY-MM-DD HH:MM without dateutil's "
        "general parser (the same dates).",
    ),
    Setting(
        "FASTBUILD_SKIP_INLINE_PATTERNS",
        True,
        (bool,),
        "Let Python-Markdown skip an inline pattern (links, emphasis, code...) "
        "on text that lacks the character it needs (the same HTML).",
    ),
    Setting(
        "FASTBUILD_KEEP_TEMPLATES",
        True,
        (bool,),
        "Keep the templates' compiled code in the cache folder for the next "
        "build (when the build keeps and loads caches).",
    ),
    Setting(
        "FASTBUILD_WORK_AHEAD",
        True,
        (bool,),
        "Start plugins' independent work (preview images) in worker processes "
        "as soon as its items are known, while the build goes on.",
    ),
    Setting(
        "FASTBUILD_MIN_POSTS",
        40,
        (int,),
        "Below this many posts to convert or pages to render, one process is "
        "faster than starting workers.",
        check=at_least(0),
    ),
)

check_settings = settings_checker(SETTINGS)


def worker_count(settings) -> int:
    configured = settings.get("FASTBUILD_WORKERS")
    return configured if configured is not None else (os.cpu_count() or 1)
