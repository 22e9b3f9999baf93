"""A post's comment feed that a file system cannot name.

``COMMENT_FEED_ATOM`` names each post's comment feed by the post's slug; a
setting that makes more of it (``feeds/{slug}/{slug}.atom.xml``) could give
a name too long to write, and the build stopped only as it wrote the feed,
naming no source. Measured once the threads are attached, before anything
is written, in the build and in ``reflect lint`` alike.
"""

from __future__ import annotations

from typing import Any

from sitekit.diagnostics import Diagnostic
from sitekit.outputpaths import overlong_path
from sitekit.rules import level_of
from sitekit.sourcelines import field_line, shorter_slug_advice

from .rules import COMMENT_FEED_NAME_TOO_LONG


def overlong_comment_feeds(context: dict[str, Any]) -> list[Diagnostic]:
    """An error for each post with comments whose feed's name is too long,
    at the level the rule table gives (``COMMENTS_STRICT``, which the
    context holds, as the plugin's strict setting)."""
    pattern = context.get("COMMENT_FEED_ATOM")
    if not pattern:
        return []
    level = level_of(COMMENT_FEED_NAME_TOO_LONG, bool(context["COMMENTS_STRICT"]))
    found = []
    for article in context.get("articles", ()):
        thread = getattr(article, "comment_thread", None)
        if thread is None or not thread.every_entry:
            continue  # no comments, no feed
        path = pattern.format(slug=article.slug)
        overlong = overlong_path([("COMMENT_FEED_ATOM", path)])
        if overlong is not None:
            found.append(
                Diagnostic(
                    level,
                    "the post's comment feed is too long for a file name: "
                    f"{overlong.describe()}; "
                    + shorter_slug_advice(article.source_path),
                    article.source_path,
                    field_line(article.source_path, "slug", "title"),
                    COMMENT_FEED_NAME_TOO_LONG,
                )
            )
    return found
