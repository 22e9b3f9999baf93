"""Where lesson pages and feeds live, through Pelican's own URL machinery."""

from __future__ import annotations

from typing import Any

from pelican.urlwrappers import URLWrapper

from sitekit.outputpaths import MAX_PART_BYTES, OverlongPath, overlong_path
from sitekit.uris import as_uri


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


#: The settings that name a lesson's feeds by its slug (the feeds plugin
#: writes them).
LESSON_FEED_SETTINGS = ("LESSON_FEED_ATOM", "LESSON_FEED_RSS")


def lesson_paths(
    slug: str, title: str, settings: dict[str, Any]
) -> list[tuple[str, str]]:
    """Every path the settings make of a lesson, each with its setting's
    name: its URL, its page's file and its feeds' files, as the build
    writes them (a page named by ``{name}`` takes the title)."""
    lesson = Lesson(slug, title, settings)
    paths = [("LESSON_SAVE_AS", lesson.save_as)] if lesson.save_as else []
    for setting in LESSON_FEED_SETTINGS:
        if settings.get(setting):
            paths.append((setting, str(settings[setting]).format(slug=slug)))
    return paths


def overlong_lesson_path(
    slug: str, title: str, settings: dict[str, Any]
) -> OverlongPath | None:
    """A lesson's address or file a file system cannot name, or None.

    Its page's address (``LESSON_URL``, when it has a page: without one it
    is a fragment of the index's) is held to a page's ``MAX_PART_BYTES``, as
    a post's is; the files the settings make of it (a custom
    ``LESSON_SAVE_AS``, its feeds) to what a file system holds.
    """
    has_page = bool(Lesson(slug, title, settings).save_as)
    address = [("LESSON_URL", lesson_url(slug, settings))] if has_page else []
    return overlong_path(address, MAX_PART_BYTES) or overlong_path(
        lesson_paths(slug, title, settings)
    )


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
    """A site URL as other tools need it: absolute when SITEURL is set, and
    a URI (``caf%C3%A9-cr%C3%A8me``), as the sitemap and feeds give it."""
    siteurl = settings.get("SITEURL") or ""
    return as_uri(f"{siteurl}/{url}" if siteurl else f"/{url}")
