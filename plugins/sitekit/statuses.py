"""A post's or page's ``Status`` that Pelican knows.

Pelican leaves out a file whose ``Status`` it does not know, a slip for
``draft`` say. The site's Markdown reader tells it with the file's line
(``reflections.parse.reader``); every other reader (``.rst``, ``.html``)
goes through sourceguard's reader wrapper, which tells it the same way:
Pelican's own line ("Unknown status 'drfat' for file ...") named no rule,
and ``reflect lint`` said only that Pelican leaves the file out.
"""

from __future__ import annotations

from typing import Any

from .rules import Finding, Rule, declare_rules

#: Pelican's statuses; "skip" is a reader's own, for a file it skips.
STATUSES = ("published", "draft", "hidden", "skip")

(BAD_STATUS,) = declare_rules(
    Rule(
        "bad-status",
        "a `Status` Pelican does not know, a slip for `draft` say (it is left out)",
        "error",
        "error",
    ),
)


def bad_status(status: Any, source_path: str, line: int | None) -> Finding | None:
    """A finding when ``status`` is none Pelican knows, else None."""
    status = str(status).strip()
    if status in STATUSES:
        return None
    return Finding(
        BAD_STATUS.name,
        f"Status: {status!r} is none of {', '.join(STATUSES[:3])}; it is left out",
        source_path,
        line,
    )
