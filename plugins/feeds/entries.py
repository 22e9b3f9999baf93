"""A post as a feed entry: absolute links, categories, dates, ids.

The same FeedEntry feeds Atom, RSS and JSON Feed, so the three formats
always agree on what a post says. A post's stories and the questions the
writer asked are in its content as asides in every format; JSON Feed also
carries them as data (``reflections``, see ``jsonfeed``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from feedgenerator import get_tag_uri
from pelican.utils import set_date_tzinfo

from sitekit.sitewords import site_word_attributes
from sitekit.text import as_text
from sitekit.uris import as_uri

from .links import absolute_links


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    content_html: str
    summary_html: str | None
    author: str
    categories: tuple[str, ...]
    published: datetime
    updated: datetime | None
    atom_id: str
    # The post's stories and asked questions as plain data, or None.
    reflections: dict[str, Any] | None = None
    # The post's language (``Lang:``, else the site's), or None.
    language: str | None = None

    @property
    def summary_text(self) -> str | None:
        """The summary as plain text, as JSON Feed's ``summary`` must be."""
        if not self.summary_html:
            return None
        return as_text(self.summary_html) or None

    @property
    def rss_guid(self) -> str:
        """RSS guids are the entry's permalink, so readers and validators agree."""
        return self.link


class EntryBuilder:
    """Builds FeedEntry objects with the site's feed settings."""

    def __init__(self, settings: dict[str, Any]):
        self.settings = settings

    def entry(self, item: Any, site_url: str) -> FeedEntry:
        address = urljoin(site_url.rstrip("/") + "/", str(item.url))
        # The post's address as a URI, so that RSS's link and guid and JSON
        # Feed's url agree byte for byte (sitekit.uris).
        link = as_uri(address)
        if self.settings.get("FEED_APPEND_REF"):
            link += "?ref=feed"
        # Pelican's links ({filename}...) made against the site's root as a
        # path: with RELATIVE_URLS and a local build's empty SITEURL,
        # Pelican joined them to "" as paths ("2025/a/"), and made absolute
        # against the post they led under it; so those are made against
        # "/". Otherwise against the address the pages were made with:
        # Pelican keeps a post's content per address, and a second one ran
        # its {attach} moves again ("cannot relocate ..." warnings).
        relative = self.settings.get("RELATIVE_URLS") and not site_url
        content = absolute_links(item.get_content("/" if relative else site_url), link)
        question = as_text(getattr(item, "question", None))
        if question:
            # "Over to you" is the site's words: in its language inside an
            # entry in another, as on the page (sitekit.sitewords).
            words = "".join(
                f' {name}="{html.escape(value)}"'
                for name, value in site_word_attributes(
                    self.settings.get("DEFAULT_LANG"), getattr(item, "lang", None)
                ).items()
            )
            content += (
                f'\n<aside class="over-to-you"><p><strong{words}>Over to you:</strong> '
                f"{html.escape(question, quote=False)}</p></aside>"
            )
        # A summary is a field like the others: its text (sitekit.text).
        summary = as_text(getattr(item, "summary", None))
        summary = html.escape(summary, quote=False) if summary else None
        timezone = self.settings.get("TIMEZONE")
        published = set_date_tzinfo(item.date, timezone)
        modified = getattr(item, "modified", None)
        return FeedEntry(
            title=as_text(item.title),
            link=link,
            content_html=content,
            summary_html=summary if summary != content else None,
            author=as_text(getattr(item, "author", None)),
            categories=_categories(item),
            published=published,
            updated=set_date_tzinfo(modified, timezone) if modified else None,
            # A tag URI from the post's address (as written: an IRI, which
            # an Atom id may be) and day: it never changes once published.
            atom_id=get_tag_uri(address, item.date.date()),
            reflections=_reflections(item, link),
            language=getattr(item, "lang", None),
        )


def _reflections(item: Any, link: str) -> dict[str, Any] | None:
    """The stories a post tells and the questions its writer asked, as the
    reflections plugin gives them (``article.stories``,
    ``article.asked_questions``): plain text, absolute links."""
    base = link.split("?", 1)[0]
    data: dict[str, Any] = {}
    if item.stories:
        data["stories"] = [
            {
                "title": as_text(story.title),
                "url": f"{base}#{story.anchor}",
                **{part.name.lower(): part.text for part in story.parts},
                "lessons": [as_text(lesson.title) for lesson in story.lessons],
            }
            for story in item.stories
        ]
    if item.asked_questions:
        data["questions"] = [
            {
                "question": as_text(question.text),
                "url": f"{base}#{question.anchor}",
                "answer": question.answer_text,
                "lessons": [as_text(lesson.title) for lesson in question.lessons],
            }
            for question in item.asked_questions
        ]
    return data or None


def _categories(item: Any) -> tuple[str, ...]:
    """The post's category, tags and lessons, each named once."""
    names: list[str] = []
    category = getattr(item, "category", None)
    if category:
        names.append(as_text(category))
    names += [as_text(tag) for tag in getattr(item, "tags", ()) or ()]
    names += [as_text(lesson.title) for lesson in item.lessons]
    return tuple(dict.fromkeys(names))
