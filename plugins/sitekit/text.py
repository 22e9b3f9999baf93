"""One rule for what a field shows: its text, never its markup.

A metadata field (title, category, tags, author, question, the "About this
conversation" fields, summary), a lesson's title or theme, a callout's
statement: each holds what its writer typed, which for an imported post or
pasted text may be anyone's markup. Every page, feed and data file shows a
field's *text*: tags and comments removed (scripts and styles with what
they hold), character references read
(``&amp;`` is "&", ``&lt;b&gt;`` is "<b>", as Markdown reads them in a
post), whitespace collapsed, then escaped for where it goes. Never its
markup: no ``<script>``, no ``onerror``, no ``javascript:`` link.

A lesson's description is the one field written in Markdown: it is shown
as HTML, cleaned (``safe_html``) to what a sentence or two needs.

Values are kept as written and turned into text once, where they are shown:
``as_text`` in Python, the ``text`` filter in templates (which escapes the
result for HTML, attributes included). Text made twice would lose what the
first pass decoded (``&lt;b&gt;`` would become "<b>", then nothing).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from typing import Any

import nh3
from markupsafe import Markup

#: What a short Markdown field (a lesson's description) may hold once
#: converted: text-level markup and links, nothing that runs, loads or styles.
SAFE_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote"}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}


#: Elements whose content is code or data, never text a reader should see.
DROPPED_WITH_CONTENT = {
    *("script", "style", "svg", "math", "iframe", "object", "template"),
    *("textarea", "title", "noscript"),
}


#: C0 controls but tab, newline and carriage return; DEL; C1 controls; the
#: two non-characters XML refuses; and lone surrogates, which no UTF-8 file
#: can hold but JSON can (``"\ud83d"``, half an emoji a Webmention receiver
#: cut): writing one stopped the build. No page or feed carries them: the
#: readers remove them from what is written (``sitekit.hygiene``; a
#: Webmention's fields, ``comments.mentions``), and a field's text drops
#: those a character reference names (``&#1;``).
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)


def as_text(value: Any) -> str:
    """The text a field shows (plain, unescaped: escape it where it goes).

    Parsed as HTML by nh3 (html5ever, as a browser would), so "x < y" and
    "R&D" stay as they are while ``<b>`` goes and ``&lt;b&gt;`` reads "<b>".
    A reference to a control character (``&#1;``, ``&#x1b;``) reads as
    nothing: a feed's XML cannot carry one, and feedgenerator stopped the
    build on it.
    """
    if value is None:
        return ""
    text = str(value)
    if "<" in text or "&" in text:
        text = CONTROL_CHARACTERS.sub("", _markup_removed(text))
    return " ".join(text.split())


#: Code points that draw nothing though they are neither whitespace nor
#: controls: Unicode's Default_Ignorable_Code_Point property
#: (DerivedCoreProperties.txt: the soft hyphen, zero-width spaces and
#: joiners, direction marks, the word joiner, variation selectors, the BOM,
#: Hangul fillers, tags), which Python's ``unicodedata`` does not expose,
#: and the braille blank, a favourite stand-in for "nothing". Format
#: characters (Cf) are not taken wholesale: a few draw (U+0600, the Arabic
#: number sign).
_DRAWS_NOTHING = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def invisible(character: str) -> bool:
    """Whether ``character`` draws nothing though it is no whitespace: a
    control, or one of ``_DRAWS_NOTHING``. The one list of what a reader
    cannot see: the blank checks count these as nothing (``draws_nothing``),
    and the private-marker test reads past them inside a marker
    (``sitekit.markers``), where whitespace is spacing it reads itself."""
    if unicodedata.category(character) == "Cc":
        return not character.isspace()
    code = ord(character)
    return any(low <= code <= high for low, high in _DRAWS_NOTHING)


def without_invisible(text: str) -> str:
    """``text`` without the characters that draw nothing (``invisible``),
    whitespace kept: what a reader can tell apart. Names are compared so
    (``as_compared``): a zero-width space pasted inside one made a second
    person no reader could tell from the first."""
    return "".join(character for character in text if not invisible(character))


def as_compared(name: str) -> str:
    """A name as two readers would compare it: Unicode-normalised (NFKC),
    without characters that draw nothing, spaces collapsed, case folded.
    The reflection index's and the desk's people are told apart so."""
    seen = without_invisible(unicodedata.normalize("NFKC", name))
    return " ".join(seen.split()).casefold()


#: What separates a list's items as "," or ";" does: the ASCII marks, the
#: forms NFKC makes them (a fullwidth ``，``), and the marks of scripts
#: NFKC leaves alone: Arabic's comma and semicolon, and the ideographic
#: comma of Chinese and Japanese (``张伟、李娜``).
_LIST_MARKS = {",": ",،、", ";": ";؛"}


def reads_as_list_mark(character: str, mark: str) -> bool:
    """Whether ``character`` separates a list's items as ``mark`` (``,``
    or ``;``) does, in any script: the desk and the reflection index split
    ``Who:`` and introductions so (one rule)."""
    normalised = unicodedata.normalize("NFKC", character)
    return any(each in normalised for each in _LIST_MARKS[mark])


def _draws(character: str) -> bool:
    return not (character.isspace() or invisible(character))


def draws_nothing(text: str) -> bool:
    """Whether plain ``text`` (a field's text already, ``as_text``) would
    show nothing: no character in it that draws. Empty, whitespace of any
    script, controls and invisible characters (a zero-width space, a word
    joiner, a soft hyphen, a BOM, a variation selector) alone are nothing
    a reader sees; a letter, digit, mark or symbol of any script is text.

    Every check that a field or an option is not blank asks this (or
    ``shows_nothing``), so one that holds only invisible characters is as
    blank as an empty one wherever it is checked.
    """
    return not any(_draws(character) for character in text)


def shows_nothing(value: Any) -> bool:
    """Whether a field written ``value`` shows nothing where it is shown:
    its text (``as_text``: markup removed, references read) draws nothing."""
    return draws_nothing(as_text(value))


def why_nothing_shows(value: Any) -> str:
    """Why a value that ``shows_nothing`` does, for the line that says so:
    invisible characters (a zero-width space, a word joiner), or markup a
    page draws nothing of (``<?``, ``<!-- -->``, ``<b></b>``), perhaps
    with invisible characters."""
    if draws_nothing(str(value)):
        return "invisible characters alone"
    return "markup that draws nothing"


#: How many fields' markup-free text is kept: every summary of a 10,000-post
#: site (about 10 MiB at most, for summaries of 200 characters).
_KEPT_TEXTS = 16384


#: Elements that end a line of text where a page draws them: a paragraph,
#: a heading, a list item, a line break, a table's cell. Their text is
#: words apart from the text around them, though the markup may hold no
#: space between (``<p>One.</p><p>Two.</p>``, as an HTML post or a pasted
#: summary is often written): without one, "One.Two." and "HeadingBody".
_BREAKING_TAG = re.compile(
    r"<(?=/?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt"
    r"|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section"
    r"|summary|table|td|th|tr|ul)[\s/>])",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=_KEPT_TEXTS)
def _markup_removed(text: str) -> str:
    """``text`` without its markup, character references read.

    Kept per text: a post's summary is shown on every listing that holds
    the post (the home pages, its category's, each of its tags', its
    author's), and parsing it as HTML was most of what the ``text`` filter
    cost (0.5 s of CPU at 1,000 posts); nh3 gives the same text each time.
    A space goes before each tag of ``_BREAKING_TAG``, so the words on
    either side stay words; whitespace is collapsed after.
    """
    spaced = _BREAKING_TAG.sub(" <", text)
    return html.unescape(
        nh3.clean(spaced, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    )


def text_filter(value: Any) -> Markup:
    """``{{ value|text }}``: the field's text, escaped for HTML: for an
    element's content and for a double-quoted attribute, the only kind the
    templates write (a test holds them to it). An apostrophe stays as it is:
    titles are full of them, and ``&#39;`` is five bytes each."""
    if value is None:
        return Markup("")
    return _shown(str(value))


#: How many fields' escaped text is kept: the filter runs about 84 times a
#: page (a post's title and tags on every listing, the site's name...).
_KEPT_SHOWN = 16384


@functools.lru_cache(maxsize=_KEPT_SHOWN)
def _shown(value: str) -> Markup:
    """``text_filter`` of a value written ``value``: what a field shows
    depends on its string alone (``as_text`` starts from ``str()``)."""
    text = html.escape(as_text(value), quote=False)
    return Markup(text.replace('"', "&#34;"))


def add_text_filter(environment: Any) -> None:
    """Give a Jinja environment the ``text`` filter (once is enough)."""
    environment.filters.setdefault("text", text_filter)


def safe_html(html: str) -> str:
    """An HTML fragment made from a short Markdown field, cleaned by nh3.

    Scripts, styles and their content go; so do event handlers, images and
    ``javascript:`` links. Relative links stay (they point into the site).
    """
    return nh3.clean(
        html,
        tags=SAFE_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href", "title"}},
        url_schemes=SAFE_URL_SCHEMES,
        strip_comments=True,
    )
