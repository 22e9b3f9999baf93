"""Fast paths that give exactly what the slow path gives, only sooner.

Each one handles the common, simple case itself and hands everything else
to the library that owns the job. Tests hold each fast path to the library's
output, on the sample site and on generated input.
"""

from __future__ import annotations

import re

from pelican.utils import SafeDatetime, get_date

# "2026-03-14" or "2026-03-14 09:30" (or with seconds): how posts write dates.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?")

# Characters that mean something to Markdown or its extensions anywhere, and
# control characters (tabs, carriage returns, STX/ETX) that it rewrites.
_MARKUP = re.compile(r"[\\`*_{}\[\]<>&~|^\x00-\x09\x0b-\x1f\x7f]")


def parse_date(text: str) -> SafeDatetime:
    """Pelican's ``get_date``, without dateutil for plain ISO dates.

    dateutil's parser takes a tenth of a millisecond per date; a blog with
    comments parses thousands.
    """
    match = _ISO_DATE.fullmatch(text.strip())
    if match:
        numbers = [int(part or 0) for part in match.groups()]
        try:
            return SafeDatetime(*numbers)
        except ValueError:
            pass  # "2026-02-30": let dateutil say what is wrong
    return get_date(text)


def is_plain_paragraph(text: str) -> bool:
    """Would Markdown render this text as nothing but ``<p>text</p>``?

    True only for text without Markdown punctuation, whose every line starts
    with a letter or an opening quote and has no trailing space (which could
    make a line break), so that no block or inline rule can apply.
    """
    if not text or _MARKUP.search(text):
        return False
    return all(_plain_line(line) for line in text.split("\n"))


def _plain_line(line: str) -> bool:
    starts_plainly = bool(line) and (line[0].isalpha() or line[0] in "\"'“‘(")
    return starts_plainly and line == line.rstrip()


# Python-Markdown extensions that never change a plain paragraph's text.
PLAIN_TEXT_EXTENSIONS = frozenset(
    f"markdown.extensions.{name}"
    for name in (
        *("extra", "abbr", "attr_list", "def_list", "fenced_code", "footnotes"),
        *("md_in_html", "tables", "codehilite", "meta", "toc", "admonition"),
        "sane_lists",
    )
)


def extensions_keep_plain_text(extensions) -> bool:
    """Do these Markdown extensions (names or instances) leave plain text be?

    Anything unknown (smarty, nl2br, third-party) turns the fast path off.
    """
    for extension in extensions:
        if isinstance(extension, str):
            name = extension if "." in extension else f"markdown.extensions.{extension}"
        else:
            name = type(extension).__module__
        if name not in PLAIN_TEXT_EXTENSIONS:
            return False
    return True


def plain_paragraphs_html(text: str) -> str | None:
    """Markdown's HTML for text of plain paragraphs, or None if it is not that.

    Paragraphs are separated by exactly one blank line; each must pass
    ``is_plain_paragraph``. Anything else is Markdown's to render.
    """
    paragraphs = text.strip("\n").split("\n\n")
    if not all(is_plain_paragraph(paragraph) for paragraph in paragraphs):
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def freeze_urls(contents) -> None:
    """Work out each post's URL once, instead of at every mention.

    Pelican recomputes ``url`` each time a template asks, formatting the URL
    setting with a copy of the post's metadata; a site's pages ask tens of
    thousands of times. Pelican's own per-post override, ``override_url``,
    set to the URL it computes now, turns every later ask into a lookup.
    ``save_as`` is left alone, so where files are written does not change.
    """
    for content in contents:
        if not hasattr(content, "override_url"):
            content.override_url = content.url


class ArticleList(list):
    """A list of posts that answers ``in`` with a set lookup.

    Pelican builds each tag, category and author page's dates with
    ``[a for a in dates if a in articles]``, a scan of the list for every
    post: quadratic, and the largest cost of a ten-thousand-post build. Posts
    compare by identity, so a set of ids gives the same answer at once. The
    list is not changed after it is made.
    """

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def index_taxonomies(generator) -> None:
    """Give the generator's tag, category and author lists fast membership."""
    generator.tags = {tag: ArticleList(posts) for tag, posts in generator.tags.items()}
    generator.categories = [
        (c, ArticleList(posts)) for c, posts in generator.categories
    ]
    generator.authors = [(a, ArticleList(posts)) for a, posts in generator.authors]
    # The same lists, as Pelican's _update_context hands them to templates.
    generator.context["tags"] = list(generator.tags.items())
    generator.context["categories"] = generator.categories
    generator.context["authors"] = generator.authors
