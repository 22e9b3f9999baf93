"""Feeds a file system cannot name: a tag's, category's or author's feed
file made of its slug by a feed setting (``TAG_FEED_ATOM =
"feeds/{slug}.tag.atom.xml"``) with a part longer than it holds safely.

Found before anything is written, naming the first post that gives the
name, at its line, in the build and in ``reflect lint`` alike: the build
stopped only as it wrote the feed (``File name too long``), naming no
source. A lesson's feeds are measured with its page by the reflections
plugin, which knows the lesson's line.
"""

from __future__ import annotations

from typing import Any

from sitekit.contents import every_content
from sitekit.diagnostics import SiteError
from sitekit.namedpages import overlong_names
from sitekit.rules import Finding, report_findings

from .plan import feed_paths


class FeedPathError(SiteError):
    """A feed the file system cannot name."""


def overlong_feed_names(context: dict[str, Any]) -> list[Finding]:
    """The plugin's content stage: a tag, category or author whose feed's
    file name is too long (the context holds the settings)."""

    def paths_of(what: str, named: Any) -> list[tuple[str, str]]:
        found = []
        for kind in ("ATOM", "RSS"):
            setting = f"{what.upper()}_FEED_{kind}"
            paths = feed_paths(context, setting, slug=named.slug)
            if paths is not None:
                found.append((setting, paths[0]))
        return found

    return overlong_names(every_content(context), paths_of)


def refuse_overlong_feeds(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, before any feed is written."""
    report_findings(
        overlong_feed_names(generators[0].context),
        False,  # the plugin has no strict setting (``reflect`` reads it so)
        FeedPathError,
        "feed path",
    )
