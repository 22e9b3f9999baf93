"""Text as a page draws it, for the private-marker test.

A marker counts as a reader sees it (``sitekit.markers``), and a reader
sees the page, not its source: Markdown and every field's ``text`` filter
(``sitekit.text``) decode character references and drop tags, and
emphasis draws its letters in place. So ``[!priv&#97;te]``,
``[!pri<span></span>vate]`` and ``[!p**r**ivate]`` all show ``[!private]``.
Every place that looks for a marker in text a page shows (fields,
Markdown blocks, another reader's body, a Webmention) looks at this view
as well as the text as written.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^<>\n]*>")
_EMPHASIS = re.compile(r"[*_~]+")


def as_read(text: str) -> str:
    """``text`` (Markdown or HTML) with tags and emphasis marks gone and
    character references decoded; lines stay where they were."""
    if not any(sign in text for sign in "&<*_~"):
        return text
    return html.unescape(_EMPHASIS.sub("", _TAG.sub("", text)))
