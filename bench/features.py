"""Where the time goes: each feature's own CPU cost, per post.

The site is built in one process (fastbuild out), with everything and once
without each feature in turn; a feature's cost is the CPU time (every
process) it adds.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from measure import (
    SITE_CONF,
    BuildFailed,
    Figures,
    pelican_build,
    site_settings,
    without_fastbuild,
)


@dataclass(frozen=True)
class Feature:
    """Something this site does that stock Pelican does not, and the
    settings that build the site without it."""

    name: str
    without: dict


def _markdown_without(*extensions: str) -> dict:
    from pelican.settings import read_settings

    markdown = read_settings(str(SITE_CONF))["MARKDOWN"]
    configs = {
        name: config
        for name, config in markdown["extension_configs"].items()
        if name.rsplit(".", 1)[-1] not in extensions
    }
    return {**markdown, "extension_configs": configs}


def _plugins_without(*names: str) -> list[str]:
    return [p for p in without_fastbuild()["PLUGINS"] if p not in names]


FEED_SETTINGS = (
    *(
        f"{prefix}_{kind}"
        for prefix in (
            "FEED", "FEED_ALL", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED",
            "LESSON_FEED",
        )
        for kind in ("ATOM", "RSS")
    ),
    "FEED_ALL_JSON", "COMMENT_FEED_ATOM", "COMMENTS_FEED_ATOM",
)  # fmt: skip


def features() -> list[Feature]:
    return [
        Feature(
            "Preview images (a PNG per post)",
            {"SOCIAL_IMAGE_SAVE_AS": None, "SOCIAL_IMAGE_DEFAULT_SAVE_AS": None},
        ),
        Feature("Search: Pagefind's index and the filters", {"SEARCH_SAVE_AS": ""}),
        Feature(
            "`smarty` and `toc` Markdown extensions",
            {"MARKDOWN": _markdown_without("smarty", "toc")},
        ),
        # Lesson callouts are read with each post, and the other plugins
        # build on them: what can be left out is what they produce.
        Feature(
            "Lesson pages, the reflection index and reflections.json",
            {
                "LESSON_SAVE_AS": "",
                "REFLECTIONS_INDEX_SAVE_AS": "",
                "REFLECTIONS_JSON_SAVE_AS": "",
            },
        ),
        Feature(
            "Comments (files read, sanitised, threaded, shown)",
            {"COMMENTS_PATH": "no-comments-here"},
        ),
        Feature(
            "Feeds: site, category, tag, lesson and comment feeds, JSON Feed",
            dict.fromkeys(FEED_SETTINGS),
        ),
        Feature(
            "Sitemap (pelican-sitemap)",
            {"PLUGINS": _plugins_without("pelican.plugins.sitemap")},
        ),
    ]


def one_process(content: Path, name: str, settings: dict) -> Figures:
    return pelican_build(
        SITE_CONF, content, name, site_settings(**{**without_fastbuild(), **settings})
    )


def where_the_time_goes(content: Path, rounds: int) -> dict:
    """Each feature's own CPU time: the one-process build with everything,
    less the one-process build without the feature (medians of rounds)."""
    whole: list[float] = []
    without: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    for round_number in range(rounds):
        whole.append(one_process(content, "profile", {}).cpu)
        for feature in features():
            if feature.name in failed:
                continue
            try:
                cpu = one_process(content, "profile", feature.without).cpu
            except BuildFailed as error:
                failed[feature.name] = str(error).splitlines()[-1][:200]
                continue
            without.setdefault(feature.name, []).append(cpu)
        print(f"profile round {round_number + 1}: one process {whole[-1]:.1f} s CPU")
    everything = statistics.median(whole)
    costs = {
        name: everything - statistics.median(cpus) for name, cpus in without.items()
    }
    # The same build's CPU varies from round to round; a feature's cost no
    # larger than that variation cannot be told from zero, and the report
    # says so rather than print a negative cost as if it were a saving.
    # Every one-process build is measured as often, so the widest spread
    # of any of them is the noise (the whole build's alone understated it).
    noise = max(max(cpus) - min(cpus) for cpus in [whole, *without.values()])
    return {"whole": everything, "noise": noise, "costs": costs, "failed": failed}
