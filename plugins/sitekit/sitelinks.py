"""The links a page makes to other files of the site, as its reader wrote
them: ``{filename}``, ``{static}`` and ``{attach}``.

Pelican replaces them with the target's address only as it writes a page,
and keeps the HTML before that to itself. Every reader of the site (the
Markdown reader, and the others through sourceguard's wrapper) notes them
in the metadata (``SITE_LINKS``) as it reads a file, with the pattern
Pelican matches them with (``INTRASITE_LINK_REGEX`` inside a quoted
attribute), so sourceguard can say before anything is written which of
them lead nowhere published (``sourceguard/linktargets.py``), in the build
and in ``reflect lint`` alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

#: The metadata key the links are noted under.
SITE_LINKS = "site_file_links"

_KINDS = frozenset({"filename", "static", "attach"})


@lru_cache(maxsize=8)
def _pattern(intrasite: str) -> re.Pattern[str]:
    # Pelican's own (Content._get_intrasite_link_regex), from its public setting.
    return re.compile(
        rf"""
        (?P<markup><[^\>]+
            (?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)
        (?P<quote>["\'])
        (?P<path>{intrasite}(?P<value>.*?))
        (?P=quote)""",
        re.X,
    )


def site_file_links(
    html: str, settings: Mapping[str, Any]
) -> tuple[tuple[str, str, str], ...]:
    """Each ``{filename}``, ``{static}`` or ``{attach}`` link in ``html``:
    as written, its kind, and the path after the kind."""
    if not html:
        return ()
    pattern = _pattern(settings.get("INTRASITE_LINK_REGEX") or "[{|](?P<what>.*?)[|}]")
    return tuple(
        (match.group("path"), match.group("what"), match.group("value"))
        for match in pattern.finditer(html)
        if match.group("what") in _KINDS
    )
