"""The rules the series plugin checks posts against, with their levels in
each kind of build (``sitekit.rules``); ``SERIES_STRICT`` (set by
publishconf.py) puts them at their publish level."""

from __future__ import annotations

from sitekit.rules import Rule, declare_rules

RULES: tuple[Rule, ...] = declare_rules(
    Rule(
        "series-index",
        "a `Series_index` that is not a whole number of 1 or more, or that "
        "another part of the series has (the post takes its place by date)",
        "warning",
        "warning",
    ),
    Rule(
        "series-clash",
        "two series whose names would share one page (the second is left out)",
        "error",
        "error",
    ),
    Rule(
        "series-too-long",
        "a series whose page a file system cannot name (`SERIES_SAVE_AS` made "
        "of its name; the series is left out)",
        "error",
        "error",
    ),
)
SERIES_INDEX, SERIES_CLASH, SERIES_TOO_LONG = (rule.name for rule in RULES)
