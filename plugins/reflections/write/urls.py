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


def feed_paths(
    slug: str, settings: dict[str, Any], kind: str
) -> tuple[str, str] | None:
    """(save_as, url) of a lesson's ``atom`` or ``rss`` feed, if it has one."""
    setting = f"LESSON_FEED_{kind.upper()}"
    path = settings.get(setting)
    if not path:
        return None
    url = settings.get(f"{setting}_URL") or path
    return path.format(slug=slug), url.format(slug=slug)


def absolute(url: str, settings: dict[str, Any]) -> str:
    """A site URL as other tools need it: absolute when SITEURL is set."""
    siteurl = settings.get("SITEURL") or ""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"
