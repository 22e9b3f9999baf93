"""Where lesson pages and feeds live, through Pelican's own URL machinery."""

from __future__ import annotations

from typing import Any

from pelican.urlwrappers import URLWrapper


class Lesson(URLWrapper):
    """A lesson as a Pelican taxonomy term.

    Being a URLWrapper named ``Lesson`` makes ``LESSON_URL`` and
    ``LESSON_SAVE_AS`` work exactly as ``TAG_URL`` and ``TAG_SAVE_AS`` do.
    The slug is the vocabulary's, not one derived from the title.
    """

    def __init__(self, slug: str, title: str, settings: dict[str, Any]):
        super().__init__(title, settings)
        self.slug = slug


def lesson_url(slug: str, settings: dict[str, Any]) -> str:
    """The lesson page's URL, or its entry on the index without lesson pages."""
    lesson = Lesson(slug, slug, settings)
    if lesson.save_as:
        return lesson.url
    return f"{settings['REFLECTIONS_INDEX_URL']}#{slug}"


def lesson_feed_url(slug: str, settings: dict[str, Any]) -> str | None:
    """The URL of a lesson's feed: its Atom feed's, else its RSS feed's, if it
    has one (``LESSON_FEED_ATOM``, ``LESSON_FEED_RSS``, each with a ``_URL``
    twin as Pelican's feed settings have)."""
    for setting in ("LESSON_FEED_ATOM", "LESSON_FEED_RSS"):
        path = settings.get(setting)
        if path:
            url = settings.get(f"{setting}_URL") or path
            return url.format(slug=slug)
    return None


def absolute(url: str, settings: dict[str, Any]) -> str:
    """A site URL as other tools need it: absolute when SITEURL is set."""
    siteurl = settings.get("SITEURL") or ""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"
