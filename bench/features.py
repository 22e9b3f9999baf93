"""Where the time goes: each feature's own CPU cost, per post.

The site is built in one process (fastbuild out), with everything and once
without each feature in turn, each such build between two builds with
everything; a feature's cost is the CPU time (every process) it adds.
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
    """Each feature's own CPU time: the one-process build without the
    feature against the builds with everything made just before and just
    after it (medians of rounds).

    The machine's speed drifts while the bench runs (identical builds made
    one after another have grown 10% dearer in a few minutes, the machine's
    neighbours and not the build), so a feature's build is compared with
    its neighbours, not with a median of builds made minutes apart: each
    round runs everything, a feature, everything, the next feature, ...,
    everything, the features' order turned by one from round to round.
    """
    names = [feature.name for feature in features()]
    whole: list[float] = []
    paired: dict[str, list[float]] = {}
    drift: list[float] = []
    failed: dict[str, str] = {}
    for round_number in range(rounds):
        turned = features()
        turned = (
            turned[round_number % len(turned) :] + turned[: round_number % len(turned)]
        )
        before = one_process(content, "profile", {}).cpu
        whole.append(before)
        for feature in turned:
            if feature.name in failed:
                continue
            try:
                cpu = one_process(content, "profile", feature.without).cpu
            except BuildFailed as error:
                failed[feature.name] = str(error).splitlines()[-1][:200]
                continue
            after = one_process(content, "profile", {}).cpu
            whole.append(after)
            drift.append(abs(after - before))
            paired.setdefault(feature.name, []).append((before + after) / 2 - cpu)
            before = after
        print(f"profile round {round_number + 1}: one process {whole[-1]:.1f} s CPU")
    costs = {name: statistics.median(paired[name]) for name in names if name in paired}
    # A feature's cost no larger than the noise cannot be told from zero,
    # and the report says so rather than print a negative cost as if it
    # were a saving. The noise is the larger of two things measured: how
    # far the same feature's cost moved from round to round, and how far
    # two builds with everything, made one feature's build apart, differed
    # (what the machine alone moves a build by, which the pairing takes
    # out only when it is steady).
    typical_drift = statistics.median(drift) if drift else 0.0
    noise_by_feature = {
        name: max(max(cpus) - min(cpus), typical_drift) for name, cpus in paired.items()
    }
    return {
        "whole": statistics.median(whole),
        "noise": max(noise_by_feature.values(), default=0.0),
        "noise_by_feature": noise_by_feature,
        "costs": costs,
        "failed": failed,
    }
