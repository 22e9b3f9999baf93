"""Curly quotes, dashes and ellipses in titles, as in bodies.

Python-Markdown's smarty extension curls the quotes of a post's body (the
site's MARKDOWN setting turns it on), but a title is a metadata field that
no Markdown reads, so lists, feeds and the page's own heading kept straight
quotes. Titles go through the same extension, with the site's substitutions
and nothing else: no emphasis, links or other Markdown in a title (markup
and entities a title holds stay as they were).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from markdown import Markdown

SMARTY = "markdown.extensions.smarty"


def smarty_config(settings: Mapping[str, Any]) -> dict | None:
    """The site's smarty configuration, or None when smarty is off: that
    of Python-Markdown's extension or of ``sitekit.smarty`` (the same, made
    cheaper), by whichever name the settings give it."""
    configs = (settings.get("MARKDOWN") or {}).get("extension_configs") or {}
    for name in (SMARTY, "smarty", "sitekit.smarty"):
        if name in configs:
            return dict(configs[name])
    return None


@lru_cache(maxsize=4)
def _smartener(config_key: str, config: tuple) -> Markdown:
    markdown = Markdown(extensions=[SMARTY], extension_configs={SMARTY: _thaw(config)})
    for name in [item.name for item in markdown.inlinePatterns._priority]:
        # Markup and entities a title already holds pass through as they are.
        if not name.startswith("smarty") and name not in ("html", "entity"):
            markdown.inlinePatterns.deregister(name)
    return markdown


def smart_text(text: str, config: dict) -> str:
    """``text`` (HTML, as Pelican prints a title) with curly quotes."""
    if not any(mark in text for mark in "'\"-."):
        return text
    curled = _curled(str(text), repr(config), _freeze(config))
    return text if curled is None else curled  # None: not a single line


#: How many fields' curled text is kept: the "About this conversation"
#: values (a kind, a role, a company) recur from post to post.
_KEPT_FIELDS = 8192


@lru_cache(maxsize=_KEPT_FIELDS)
def _curled(text: str, config_key: str, config: tuple) -> str | None:
    """One field curled by a whole Markdown conversion (about a millisecond),
    or None when it is not a single line of text; kept per text and
    configuration, since the same text always curls the same way."""
    if _BLANK_LINE.search(text):
        return None  # more than one paragraph
    markdown = _smartener(config_key, config)
    markdown.reset()
    html = markdown.convert(text)
    if html.startswith("<p>") and html.endswith("</p>"):
        return html[3:-4]
    return None


#: What ends a paragraph in Markdown: a line with nothing but spaces.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _freeze(config: dict) -> tuple:
    return tuple(
        (key, _freeze(value) if isinstance(value, dict) else value)
        for key, value in sorted(config.items())
    )


def _thaw(frozen: tuple) -> dict:
    return {
        key: _thaw(value) if isinstance(value, tuple) else value
        for key, value in frozen
    }


def curl_title(content: Any) -> None:
    """A content_object_init handler: the title, curled once when read (the
    content cache keeps the result)."""
    config = smarty_config(content.settings)
    title = getattr(content, "title", None)
    if config is None or not isinstance(title, str):
        return
    content.title = smart_text(title, config)
    if "title" in content.metadata:
        content.metadata["title"] = content.title
    question = getattr(content, "question", None)
    if isinstance(question, str):  # the closing question, listed on the index
        content.question = smart_text(question, config)
        if "question" in content.metadata:
            content.metadata["question"] = content.question
