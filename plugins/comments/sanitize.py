"""Comment text is untrusted: convert the Markdown, then sanitise with nh3.

The allow-list keeps what a conversation needs (paragraphs, emphasis, links,
code, quotes, lists) and nothing that runs, loads or styles: no scripts,
event handlers, javascript:/data: URLs, iframes, SVG, MathML, images or
inline styles survive, whatever Markdown or raw HTML produced them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3
from markdown import Markdown

from reflections.fastpaths import plain_paragraphs_html

ALLOWED_TAGS = {
    *("p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"),
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# Elements removed with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = {
    *("script", "style", "svg", "math", "iframe", "object", "template"),
    *("textarea", "title", "noscript"),
}


# Whole words of *emphasis* and [links](https://example.org/page) whose
# words are letters and digits: the only Markdown most comments use.
_WORDS = r"[^\W_]+(?: [^\W_]+)*"
_WEB_ADDRESS = r"https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9./-]*)?"
_EMPHASIS_OR_LINK = re.compile(
    rf"(?<!\S)(?:\*(?P<emphasis>{_WORDS})\*"
    rf"|\[(?P<text>{_WORDS})\]\((?P<href>{_WEB_ADDRESS})\))(?=[\s.,;:!?]|$)"
)


class CommentRenderer:
    """Markdown to safe HTML; one Markdown instance for every comment."""

    #: Most comments are paragraphs of plain words, perhaps with emphasis
    #: and links: render those without Markdown. Tests turn this off to show
    #: that the output does not change.
    plain_fast_path = True

    def __init__(self) -> None:
        self._markdown = Markdown(output_format="html5")

    def render(self, text: str) -> str:
        html = simple_paragraphs_html(text) if self.plain_fast_path else None
        if html is None:
            self._markdown.reset()
            html = self._markdown.convert(text)
        return sanitise(html).strip()


def simple_paragraphs_html(text: str) -> str | None:
    """Markdown's HTML for paragraphs of plain words with emphasis and links
    (see ``_EMPHASIS_OR_LINK``), or None for anything else.

    With each emphasis or link taken for a plain word, the text must be plain
    paragraphs as ``plain_paragraphs_html`` accepts them: then no other
    Markdown rule can apply, and each one renders as Markdown renders it.
    """
    if plain_paragraphs_html(_EMPHASIS_OR_LINK.sub("x", text)) is None:
        return None
    rendered = _EMPHASIS_OR_LINK.sub(_emphasis_or_link_html, text)
    return "\n".join(
        f"<p>{paragraph}</p>" for paragraph in rendered.strip("\n").split("\n\n")
    )


def _emphasis_or_link_html(match: re.Match) -> str:
    if match["emphasis"] is not None:
        return f"<em>{match['emphasis']}</em>"
    return f'<a href="{match["href"]}">{match["text"]}</a>'


def sanitise(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_absolute_links_only,
    )
    if f'<a rel="{LINK_REL}">' in cleaned:
        cleaned = _unwrap_links_without_href(cleaned)
    return cleaned


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """Drop relative and protocol-relative hrefs: nh3 keeps links without a
    scheme, and a comment has no business pointing into the site or at
    ``//elsewhere``."""
    if element == "a" and attribute == "href":
        return value if urlsplit(value.strip()).scheme in URL_SCHEMES else None
    return value


def _unwrap_links_without_href(html_fragment: str) -> str:
    """Keep the text of a link whose unsafe href nh3 removed, not the link.

    An ``<a rel=...>`` without ``href`` is invalid HTML and a dead link.
    """
    import lxml.html  # only here: few comments need it, and it is 4 MiB in memory

    container = lxml.html.fragment_fromstring(html_fragment, create_parent="div")
    for link in container.xpath(".//a[not(@href)]"):
        link.drop_tag()
    inner = html.escape(container.text or "", quote=False)
    return inner + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in container
    )


def plain_text(text: str) -> str:
    """A name or other one-line field: all markup removed, whitespace collapsed.

    The result is plain text again (entities decoded); templates escape it.
    """
    if "<" not in text and "&" not in text:
        return " ".join(text.split())  # nothing to remove or decode
    cleaned = nh3.clean(text, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    return " ".join(html.unescape(cleaned).split())


def safe_website(url: str) -> str | None:
    """The URL if it is an http(s) address, else None."""
    parts = urlsplit(url.strip())
    if (
        parts.scheme in {"http", "https"}
        and parts.netloc
        and not any(
            character.isspace() or character in '"<>`' for character in url.strip()
        )
    ):
        return url.strip()
    return None
