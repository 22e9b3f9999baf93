"""The files an import writes: a post's, a page's or a comment's header
fields and body, as Pelican and the comments plugin will read them back.

What the export gives is not always what a field can hold: Pelican splits
``Tags:`` on semicolons or commas, a post has one category, a title the
build withholds refuses the post, and a control character is removed by
every build with a warning. Each is settled here, once, for every file.
"""

from __future__ import annotations

import html
from dataclasses import replace

from comments.sanitize import safe_website
from sitekit.text import CONTROL_CHARACTERS

from .wordpress import WpComment, WpItem
from .wp_comments import shown_author
from .wp_markdown import html_to_markdown


def post_fields(item: WpItem, slug: str, draft: bool) -> list[tuple[str, str]]:
    fields = [
        ("Title", item.title or slug),
        ("Slug", slug),
        ("Date", f"{item.date:%Y-%m-%d %H:%M}"),
    ]
    if item.modified and item.modified > item.date:
        fields.append(("Modified", f"{item.modified:%Y-%m-%d %H:%M}"))
    if item.categories:
        fields.append(("Category", item.categories[0]))
    tags = _tags_of(item)
    if tags:
        fields.append(("Tags", _tags_field(tags)))
    if item.excerpt:
        fields.append(("Summary", " ".join(item.excerpt.split())))
    if draft:
        fields.append(("Status", "draft"))
    return fields


def page_fields(item: WpItem, slug: str, draft: bool) -> list[tuple[str, str]]:
    fields = [("Title", item.title or slug), ("Slug", slug)]
    if draft:
        fields.append(("Status", "draft"))
    return fields


def _tags_of(item: WpItem) -> list[str]:
    """The post's tags, then each category past its first, once: WordPress
    files a post in several categories, Pelican in one, and the others
    were dropped without a word. A name given twice in other case is one
    (Pelican makes it one page, with a warning)."""
    seen, tags = set(), []
    for name in [*item.tags, *item.categories[1:]]:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append(name)
    return tags


def _tags_field(tags: list[str]) -> str:
    """``Tags:`` as Pelican splits it back into these tags: on semicolons
    when the line holds one, else on commas. A tag of WordPress may hold
    either ("Salary, raises" became two tags): a semicolon in a tag is
    written as a comma, and tags holding a comma are parted by ``; ``."""
    tags = [tag.replace(";", ",") for tag in tags]
    return ("; " if any("," in tag for tag in tags) else ", ").join(tags)


def title_as_first_paragraph(item: WpItem) -> WpItem:
    """The item with its title, which holds a private marker, as its first
    paragraph (hidden there by the marker) and no title: the build refuses
    a post whose title it withholds, and a title made the slug of a post
    without one, its words in the address."""
    title = f"<p>{html.escape(item.title, quote=False)}</p>\n\n"
    return replace(item, title="", html=title + item.html)


def comment_file(comment: WpComment, reply_to: str | None) -> str:
    fields = [
        ("Author", shown_author(comment.author)),
        ("Date", f"{comment.date:%Y-%m-%d %H:%M}"),
    ]
    website = safe_website(comment.website) if comment.website else None
    if website:
        fields.append(("Website", website))
    if reply_to:
        fields.append(("Reply-To", reply_to))
    return document_file(fields, html_to_markdown(comment.html))


def document_file(fields: list[tuple[str, str]], body: str) -> str:
    """A post's, page's or comment's file, without the control characters
    the export named (``&#1;`` in its HTML; DEL and C1 ones, which XML lets
    through, in a title): every build removed them with a warning, for
    text the writer never typed."""
    header = "\n".join(f"{name}: {' '.join(value.split())}" for name, value in fields)
    return CONTROL_CHARACTERS.sub("", f"{header}\n\n{body}")
