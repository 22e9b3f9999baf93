"""What the theme's microformats2 markup needs, worked out once per build.

IndieWeb readers, Webmention senders and tools such as Bridgy read a page's
``h-entry``, ``h-feed`` and ``h-card`` classes (https://microformats.org/wiki/h-entry).
The classes are presentation and live in the templates; the values they
mark up that a template would otherwise have to work out (who the author
is and where their card lives, the dates as ISO 8601, the profiles the
author links with ``rel=me``) are made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ProfileLink:
    """One of the author's profiles elsewhere, linked with ``rel="me"``."""

    label: str
    url: str


@dataclass(frozen=True)
class AuthorCard:
    """An ``h-card``: the name, the page that is the author's home on this
    site (the About page, else the home page) and their profiles."""

    name: str
    url: str
    profiles: tuple[ProfileLink, ...] = ()


@dataclass(frozen=True)
class EntryDates:
    """An ``h-entry``'s ``dt-published`` and ``dt-updated`` (the published
    date when the post was never modified, as the JSON-LD says)."""

    published: str
    updated: str


def profile_links_problem(value: Any) -> str | None:
    """The settings check for AUTHOR_PROFILES: None when the value is fine."""
    wanted = "a list of (label, https address) pairs"
    for pair in value:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            return wanted
        label, url = pair
        parts = urlsplit(url) if isinstance(url, str) else None
        if not (
            isinstance(label, str)
            and label.strip()
            and parts is not None
            and parts.scheme in {"http", "https"}
            and parts.netloc
        ):
            return wanted
    return None


def site_author_card(settings: Mapping[str, Any], pages: Iterable[Any]) -> AuthorCard:
    """The site author's card: AUTHOR, the About page (HOME_ABOUT_PAGE) as
    their URL, and AUTHOR_PROFILES as ``rel=me`` links."""
    site_url = settings.get("SITEURL") or ""
    about = next(
        (page for page in pages if page.slug == settings.get("HOME_ABOUT_PAGE")),
        None,
    )
    return AuthorCard(
        name=str(settings.get("AUTHOR") or settings.get("SITENAME") or ""),
        url=f"{site_url}/{about.url}" if about is not None else f"{site_url}/",
        profiles=tuple(
            ProfileLink(label.strip(), url)
            for label, url in settings.get("AUTHOR_PROFILES") or ()
        ),
    )


def post_author_cards(
    article: Any, site_card: AuthorCard, settings: Mapping[str, Any]
) -> tuple[AuthorCard, ...]:
    """A card for each of the post's authors (``Authors:`` may name several,
    and every one of them wrote it): the site author's own card for the site
    author or a post that names none, else the author's name and their
    author page."""
    authors = getattr(article, "authors", None) or ()
    if not authors:
        return (site_card,)
    site_url = settings.get("SITEURL") or ""
    return tuple(
        site_card
        if str(author) == site_card.name
        else AuthorCard(str(author), f"{site_url}/{author.url}")
        for author in authors
    )


def entry_dates(article: Any) -> EntryDates:
    published = article.date.isoformat()
    modified = getattr(article, "modified", None)
    return EntryDates(published, modified.isoformat() if modified else published)
