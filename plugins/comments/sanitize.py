"""Comment text is untrusted: convert the Markdown, then sanitise with nh3.

The allow-list keeps what a conversation needs (paragraphs, emphasis, links,
code, quotes, lists) and nothing that runs, loads or styles: no scripts,
event handlers, javascript:/data: URLs, iframes, SVG, MathML, images or
inline styles survive, whatever Markdown or raw HTML produced them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import SplitResult

import nh3
from markdown import Markdown

from sitekit.markers import FoundMarker, found_markers
from sitekit.privateblocks import PrivateBlocksExtension
from sitekit.text import CONTROL_CHARACTERS, as_text, draws_nothing
from sitekit.uris import ascii_host, split_address

from .bounds import BoundedHtml, bounded_markdown, read_in_one_piece

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


class CommentRenderer:
    """Markdown to safe HTML, at a cost in proportion to the text's length
    (bounds.py); one Markdown instance for every comment.

    Private blocks are hidden as Markdown reads them (``sitekit.privateblocks``),
    even in fenced code: a comment is pasted from elsewhere. Only a comment
    Markdown reads in one piece can have its private part told apart: one
    with a marker that would be read in pieces, or shown in part as plain
    text, is withheld whole (privacy fails closed, and its cost stays
    bounded). ``unhidden`` holds the markers of the last comment that nothing
    could hide (its HTML is then empty).
    """

    def __init__(self) -> None:
        self._private = PrivateBlocksExtension(literal_fences=False)
        # smarty: the same curly quotes and dashes as the posts (nh3 writes
        # its entities out as characters).
        self._markdown = Markdown(
            extensions=["smarty", self._private], output_format="html5"
        )
        self.unhidden: list[FoundMarker] = []

    def render(self, text: str) -> BoundedHtml:
        """The comment as safe HTML, and how many of its blocks were too
        costly to read as Markdown (shown as plain text instead)."""
        self.unhidden = []
        marked = bool(found_markers(text))
        if marked and not read_in_one_piece(text):
            return BoundedHtml("", 0, withheld=True)
        rendered = bounded_markdown(text, self._convert)
        if marked and rendered.literal_blocks:  # too deep for Markdown after all
            return BoundedHtml("", 0, withheld=True)
        return rendered

    def _convert(self, text: str) -> str:
        self._markdown.reset()
        self._private.start_document()
        html = self._markdown.convert(text)
        self.unhidden += self._private.document_state().unhidden
        return sanitise(html).strip()


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
    # nh3 writes each character reference out as its character: "&#7;"
    # became a raw BEL, which HTML forbids and a comment feed's XML cannot
    # carry. What hygiene removes from a file's own characters goes here too.
    return CONTROL_CHARACTERS.sub("", cleaned)


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """Drop relative and protocol-relative hrefs: nh3 keeps links without a
    scheme, and a comment has no business pointing into the site or at
    ``//elsewhere``."""
    if element == "a" and attribute == "href":
        parts = split_address(value.strip())
        kept = (
            parts is not None and parts.scheme in URL_SCHEMES and host_read_alike(parts)
        )
        return value if kept else None
    return value


def host_read_alike(parts: SplitResult) -> bool:
    """Whether a browser reads an address's host as Python does.

    A browser reads ``\\`` as ``/`` in an http(s) address, Python as a
    character of the host part: ``https://evil.example\\@good.example/``
    is good.example to Python ("via good.example", the name a mention
    shows) and evil.example to the reader who follows the link. A host a
    browser finds none in (``paypa<U+200D>l.com``: a joiner between two
    letters) is no link either: Python named it paypal.com.
    """
    host = parts.hostname or ""
    return "\\" not in parts.netloc and ascii_host(host) is not None


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


#: Unicode's explicit direction controls: embeddings, overrides, isolates
#: and their ends (U+202A-U+202E, U+2066-U+2069).
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """A name or other one-line field: its text, as every field's
    (sitekit.text): markup removed, entities decoded, whitespace collapsed.
    Templates escape it.

    Without direction controls: plain text has no element to close them,
    so one left open in a commenter's name turned round what followed it
    (the comment's date, a feed entry's "on “Title”") and one in a
    comment's text the rest of its excerpt on the index. A name in a
    right-to-left script needs none to be read right."""
    # Before (so spaces around one collapse) and after (one written as a
    # reference) reading the text.
    return DIRECTION_CONTROLS.sub("", as_text(DIRECTION_CONTROLS.sub("", text)))


def shows_text(html_fragment: str) -> bool:
    """Whether a comment's HTML, as its page shows it, has any text a
    reader sees: a comment of empty markup, a script, an image or only
    private notes has none, and is left out (parse.py; the WordPress
    import leaves it out before writing it)."""
    return not draws_nothing(plain_text(html_fragment))


def safe_website(url: str) -> str | None:
    """The URL if it is an http(s) address whose host a browser reads as
    Python does, else None."""
    parts = split_address(url.strip())
    if (
        parts is not None
        and parts.scheme in {"http", "https"}
        and parts.netloc
        and host_read_alike(parts)
        and not any(
            character.isspace() or character in '"<>`' for character in url.strip()
        )
    ):
        return url.strip()
    return None
