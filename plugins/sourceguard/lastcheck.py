"""The last check on every post and page, whichever reader made it.

The Markdown reader hides private text and removes control characters while
it reads, with line numbers. Pelican also reads ``.html`` and ``.rst`` files
into pages and posts, and those readers know neither rule. So when each
piece of content is made (``content_object_init``):

* control characters left in its HTML or metadata are removed, with a
  warning naming the file;
* a private marker left outside code (``<pre>``, ``<code>``) in its HTML or
  metadata stops the build, naming the file: text around a marker in
  another format cannot be hidden reliably, and privacy fails closed.

Markdown content passes untouched: nothing the reader leaves matches.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pelican.contents import Static

from sitekit.diagnostics import SiteError, located, log_and_raise
from sitekit.hygiene import CONTROL_CHARACTERS, has_private_marker

logger = logging.getLogger(__name__)

_CODE = re.compile(r"<(pre|code)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


class PrivateTextError(SiteError):
    """A private marker where no reader could hide its text."""


def check_content(content: Any) -> None:
    if isinstance(content, Static):
        return
    path = getattr(content, "source_path", None)
    html = getattr(content, "_content", None) or ""
    if CONTROL_CHARACTERS.search(html):
        content._content = CONTROL_CHARACTERS.sub("", html)
        _warn(path, "removed control characters from the page's HTML")
    if has_private_marker(_CODE.sub("", content._content or "")):
        raise log_and_raise(
            PrivateTextError(
                "a private marker this file's reader cannot hide; write the page "
                "in Markdown, where [!private] callouts are hidden",
                path,
            )
        )
    for name, value in list(content.metadata.items()):
        if not isinstance(value, str):
            continue
        if has_private_marker(value):
            raise log_and_raise(
                PrivateTextError(
                    f"{name.capitalize()}: holds a private marker this file's "
                    "reader cannot hide; write it in Markdown",
                    path,
                )
            )
        if CONTROL_CHARACTERS.search(value):
            clean = CONTROL_CHARACTERS.sub("", value)
            content.metadata[name] = clean
            if getattr(content, name, None) == value:
                setattr(content, name, clean)
            _warn(path, f"removed control characters from {name.capitalize()}:")


def _warn(path: str | None, message: str) -> None:
    logger.warning(located(path, None, message))
