"""The files Pelican's own listings will be written to, known before any is.

Pelican writes a page for each of its direct templates (``DIRECT_TEMPLATES``:
the home page, the archives, the lists of tags...), for each period a post
falls in (``YEAR_ARCHIVE_SAVE_AS``...), and for each tag, category and
author, each with the further pages ``PAGINATED_TEMPLATES`` gives it. A post
or page bound for one of those files (``Slug: archives``, ``Slug: 2026``,
``Slug: page/2``) stopped the build only as Pelican's writer refused the
second file, naming no source, and ``reflect lint`` passed it. Worked out
here from the published posts, as Pelican works them out (its public
``Paginator``), so ``clashes`` names the page bound for one, at its line, in
the build and in lint alike, and two listings bound for one file (a tag
and a category of one slug, when ``TAG_SAVE_AS`` and ``CATEGORY_SAVE_AS``
share a folder) at the field of the post that names the second. A
plugin's own pages are told apart as they are written
(``sitekit.writeerrors``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pelican.paginator import Paginator

from sitekit.namedpages import NAMED_PAGES

#: Pelican's period archives: the setting that names each file.
PERIOD_SETTINGS = (
    "YEAR_ARCHIVE_SAVE_AS",
    "MONTH_ARCHIVE_SAVE_AS",
    "DAY_ARCHIVE_SAVE_AS",
)


@dataclass(frozen=True)
class ListingFile:
    """A file one of Pelican's listings is written to."""

    save_as: str
    what: str  # "the archives page", "the tag 'x' page"
    source: str | None = None  # the post naming the tag, category or author
    field: str | None = None  # the field naming it there ("tags")


def listing_files(
    settings: Mapping[str, Any], posts: Sequence[Any]
) -> Iterator[ListingFile]:
    """Each file Pelican's listings of ``posts`` (the published posts) are
    written to, every page of a paginated listing included."""
    for template in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        url = settings.get(f"{template.upper()}_URL", f"{template}.html")
        for page in _pages(settings, template, save_as, url, posts):
            yield ListingFile(page, f"the {template} page")
    for setting in PERIOD_SETTINGS:
        fmt = settings.get(setting)
        periods = {fmt.format(date=post.date) for post in posts} if fmt else set()
        for save_as in sorted(periods):
            yield ListingFile(save_as, f"a period's archive ({setting})")
    for what, field, named, listed in _named_listings(posts):
        for page in _pages(settings, what, named.save_as, named.url, listed):
            yield ListingFile(
                page, f"the {what} {str(named)!r} page", listed[0].source_path, field
            )


def _named_listings(
    posts: Sequence[Any],
) -> Iterator[tuple[str, str, Any, list[Any]]]:
    """Each tag, category and author of ``posts``, with the field that
    names it and the posts it lists."""
    listed: dict[tuple[str, str, Any], list[Any]] = {}
    for post in posts:
        for what, field, attribute in NAMED_PAGES:
            value = getattr(post, attribute, None)
            for named in value if isinstance(value, list | tuple) else [value]:
                if named is not None and getattr(named, "slug", None):
                    listed.setdefault((what, field, named), []).append(post)
    for (what, field, named), its_posts in listed.items():
        yield what, field, named, its_posts


def _pages(
    settings: Mapping[str, Any],
    template: str,
    save_as: str | None,
    url: str | None,
    posts: Sequence[Any],
) -> list[str]:
    """The files one listing is written to: one, or one per page when
    ``PAGINATED_TEMPLATES`` paginates its template."""
    if not save_as:
        return []
    paginated = settings.get("PAGINATED_TEMPLATES") or {}
    if template not in paginated or not posts:
        return [save_as]
    per_page = paginated[template] or settings.get("DEFAULT_PAGINATION")
    if not per_page:
        return [save_as]
    paginator = Paginator(save_as, url or "", list(posts), settings, per_page)
    return [
        paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)
    ]
