"""An imported post's body as the site will show it: nothing in it may run.

A post's Markdown is the writer's own, so the build does not sanitise it
(comments, which are not, are). An imported post's Markdown is made from an
export that others may have written, and the ways its text can turn into
live markup on the new site are many: an address spelt with entities
(``javascript&colon;``), Markdown written as the post's text (a link, an
``{: onclick=...}`` attribute list), a code block whose text closes its
fence. Rather than guess each one, the importer renders what it made with
the site's own Markdown settings, as the build will, and looks at the HTML
(``active_parts``). A body with anything that could run is imported as its
plain text instead (``as_plain_text``), and the summary names the file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from bs4 import BeautifulSoup
from markdown import Markdown

#: Elements that run, load or restyle something, whatever their attributes.
ACTIVE_ELEMENTS = frozenset(
    {
        *("script", "style", "iframe", "frame", "frameset", "object", "embed"),
        *("applet", "form", "input", "button", "textarea", "select", "base"),
        *("meta", "link", "svg", "math", "template", "portal", "noscript"),
    }
)
#: Attributes that hold an address a browser follows or loads.
ADDRESS_ATTRIBUTES = frozenset(
    {
        *("href", "src", "action", "formaction", "poster", "background"),
        *("cite", "data", "codebase", "longdesc", "xlink:href", "srcset", "ping"),
    }
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def active_parts(markdown_text: str, settings: Mapping[str, Any]) -> list[str]:
    """What in ``markdown_text``, rendered with the site's ``MARKDOWN``
    settings, could run in a reader's browser: each as a short description
    (empty when nothing can)."""
    finder = _ActiveFinder()
    finder.feed(_converter(settings).convert(markdown_text))
    finder.close()
    return finder.found


def as_plain_text(html_text: str, settings: Mapping[str, Any]) -> str:
    """The post's text, paragraph by paragraph, with every character that
    the site's Markdown could read as markup escaped (its backslash escapes,
    and HTML's ``<`` and ``&`` as entities)."""
    soup = BeautifulSoup(html_text, "html.parser")
    for element in soup.find_all(["script", "style"]):
        element.decompose()
    escaped = "".join(re.escape(c) for c in _converter(settings).ESCAPED_CHARS)
    special = re.compile(f"([{escaped}])")
    paragraphs = [
        " ".join(block.split()) for block in re.split(r"\n\s*\n", soup.get_text("\n\n"))
    ]
    return (
        "\n\n".join(
            special.sub(r"\\\1", html.escape(text, quote=False))
            for text in paragraphs
            if text
        )
        + "\n"
    )


def _converter(settings: Mapping[str, Any]) -> Markdown:
    """Python-Markdown as the site's build reads a post (Pelican 4.12's
    reader uses every extension ``MARKDOWN`` configures)."""
    configured = dict(settings.get("MARKDOWN") or {})
    configs = dict(configured.get("extension_configs") or {})
    extensions = [*configured.get("extensions", ()), *configs]
    return Markdown(
        extensions=list(dict.fromkeys(extensions)),
        extension_configs=configs,
        output_format=configured.get("output_format", "html5"),
    )


class _ActiveFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"a {name}= attribute on <{tag}>")
            elif name in ADDRESS_ATTRIBUTES and value and not _safe(value):
                self.found.append(f"a {name}= address on <{tag}>, no web address")

    handle_startendtag = handle_starttag


def _safe(address: str) -> bool:
    """A relative address or a web or mail one, however its characters are
    written (entities inside entities, spaces and control characters,
    which a browser drops before it reads the scheme)."""
    previous = None
    while previous != address:
        previous, address = address, html.unescape(address)
    plain = "".join(c for c in address if c > " " and c != "\x7f").lower()
    for candidate in plain.split(","):  # srcset lists several addresses
        scheme = _SCHEME.match(candidate.strip())
        if scheme is not None and scheme.group(1) not in SAFE_SCHEMES:
            return False
    return True
