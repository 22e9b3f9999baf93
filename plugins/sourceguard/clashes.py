"""Two pieces of content for one output file, found before anything is
written.

Once every generator has its content (``all_generators_finalized``), two
posts, pages or static files that would be written to the same file stop
the build, naming both source files and what to change; so does a post or
page bound for a file one of Pelican's listings is written to (the
archives, a year's archive, a tag's page: ``listingfiles``), a tag,
category or author whose page's name a file system cannot hold, and a
post's ``Template:`` the theme does not have.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from sitekit.contents import every_content
from sitekit.diagnostics import SiteError, display_path
from sitekit.namedpages import overlong_names
from sitekit.outputpaths import MAX_PART_BYTES, OutputPathError
from sitekit.rules import Finding, Rule, declare_rules, report_findings
from sitekit.sourcelines import field_line
from sitekit.writeerrors import name_page_sources

from .attachments import attached_save_as
from .destinations import destination_of, location
from .listingfiles import ListingFile, listing_files
from .templatenames import unknown_templates

(OUTPUT_CLASH, LISTING_CLASH) = declare_rules(
    Rule(
        "output-clash",
        "two posts, pages or static files that would be written to one file",
        "error",
        "error",
    ),
    Rule(
        "listing-clash",
        "a post or page bound for the file of one of Pelican's listings (the "
        "archives, a year's archive, a tag's page), or two listings bound for "
        "one file (a tag and a category of one slug under one folder)",
        "error",
        "error",
    ),
)


def refuse_clashes(generators: list[Any]) -> None:
    """At ``all_generators_finalized``: two posts, pages or static files for
    one output file. Each post's and page's file is named for the line a
    page refused as it is written prints (a plugin's page on its file)."""
    context = generators[0].context
    strict = generators[0].settings["SOURCE_LINKS_STRICT"]
    name_page_sources(
        {
            location(content, "save_as"): content.source_path
            for content in every_content(context)
        }
    )
    report_findings(clashes_in(context), strict, OutputPathError, "output path")
    report_findings(
        unknown_templates(every_content(context), generators[0].get_template),
        strict,
        SiteError,
        "template",
    )


def clashes_in(context: Mapping[str, Any]) -> list[Finding]:
    """Two posts, pages or static files of a context for one output file,
    a post or page bound for a listing's file, and a tag, category or
    author whose page's name is too long."""
    moved = attached_save_as(context)
    pages = [
        (content.source_path, location(content, "save_as"))
        for content in every_content(context)
    ]
    found = clashes(
        [
            *((source, save_as, "page") for source, save_as in pages),
            *(
                (static.source_path, *_static_destination(static, moved))
                for static in context.get("staticfiles", ())
            ),
        ]
    )
    listings = list(listing_files(context, context.get("articles") or ()))
    return [
        *found,
        *destinations_read_on(context),
        *pages_on_listings(pages, listings),
        *listings_on_one_file(listings),
        *overlong_names(every_content(context), _page_paths, MAX_PART_BYTES),
    ]


def destinations_read_on(context: Mapping[str, Any]) -> list[Finding]:
    """``unsafe-destination`` for each post, page or static file read on:
    at the rule's level (error) it stops the build as the file is read
    (``destinations.check_destination``), so only a warning is found here."""
    made = [*every_content(context), *context.get("staticfiles", ())]
    return [found for content in made if (found := destination_of(content))]


def pages_on_listings(
    pages: Iterable[tuple[str, str]], listings: Iterable[ListingFile]
) -> list[Finding]:
    """An error for each (source file, save_as) of a post or page bound for
    the file of a listing."""
    by_file = {one_file(listing.save_as): listing for listing in listings}
    found = []
    for source, save_as in sorted(pages):
        listing = by_file.get(one_file(save_as)) if save_as else None
        if listing is not None:
            found.append(
                Finding(
                    LISTING_CLASH.name,
                    f"would be written to {save_as}, where the build writes "
                    f"{listing.what}{_loosely_same(save_as, listing.save_as)}; "
                    "give the post or page another Slug (or Save_as)",
                    source,
                    field_line(source, "save_as", "slug", "title"),
                )
            )
    return found


def listings_on_one_file(listings: Iterable[ListingFile]) -> list[Finding]:
    """An error for each listing bound for the file of another (a tag and a
    category of one slug under one folder), at the field of the post that
    names it, or naming no file when settings alone make them meet."""
    first_by_file: dict[str, ListingFile] = {}
    found = []
    for listing in listings:
        first = first_by_file.setdefault(one_file(listing.save_as), listing)
        if first is listing:
            continue
        source = listing.source or first.source
        field = listing.field if listing.source else first.field
        found.append(
            Finding(
                LISTING_CLASH.name,
                f"{listing.what} would be written to {listing.save_as}, as "
                f"{first.what} is{_loosely_same(listing.save_as, first.save_as)}; "
                "rename one of them, or give their *_SAVE_AS settings different "
                "folders",
                source,
                field_line(source, field) if source and field else None,
            )
        )
    return found


def _page_paths(what: str, named: Any) -> list[tuple[str, str]]:
    """The page Pelican writes for a tag, category or author."""
    return [(f"{what.upper()}_SAVE_AS", getattr(named, "save_as", "") or "")]


def _static_destination(static: Any, moved: Mapping[str, str]) -> tuple[str, str]:
    """Where a static file is written, and whether a page's ``{attach}``
    link moved it there (``attached``) or it keeps its place (``static``)."""
    attached = moved.get(static.relative_source_path)
    if attached:
        return attached, "attached"
    return location(static, "save_as"), "static"


#: What to change when two sources are bound for one file, by what they
#: are: a post or page (its path comes from its Slug or Save_as), a static
#: file kept where it lies, a file an ``{attach}`` link moved beside a page.
_REMEDIES = {
    frozenset({"page"}): "give one of them another Slug (or Save_as)",
    frozenset({"attached"}): (
        "rename one of the two files (or attach it from one post only)"
    ),
    frozenset({"attached", "static"}): (
        "rename one of the two files (or attach it from one post only)"
    ),
    frozenset({"static"}): "rename or move one of the two files",
}
_PAGE_AND_FILE = "give the post or page another Slug (or Save_as), or rename the file"


def one_file(save_as: str) -> str:
    """The file ``save_as`` names on any disk a site is built or served
    from: macOS and Windows compare names without case, and macOS also
    without how an accent is composed (``é`` as one character or as ``e``
    and a combining accent), so ``Cafe/index.html`` and ``cafe/index.html``
    are one file there, and the page written second replaced the first
    without a word. Windows also drops the dots and spaces that end a
    name (``notes.`` is ``notes``). Two paths with one such key are one
    file."""
    loose = unicodedata.normalize("NFC", os.path.normpath(save_as)).lower()
    return "/".join(part.rstrip(". ") or part for part in loose.split("/"))


def clashes(destinations: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """An error for each (source file, save_as, what it is: ``page``,
    ``static`` or ``attached``) whose file another source file is written
    to already (``one_file``), naming both and what to change."""
    first_by_file: dict[str, tuple[str, str, str]] = {}
    found = []
    for source, save_as, kind in sorted(destinations):
        if not save_as:
            continue
        first, first_kind, first_save_as = first_by_file.setdefault(
            one_file(save_as), (source, kind, save_as)
        )
        if first != source:
            remedy = _REMEDIES.get(frozenset({kind, first_kind}), _PAGE_AND_FILE)
            found.append(
                Finding(
                    OUTPUT_CLASH.name,
                    f"would be written to {save_as}, as {display_path(first)} is"
                    f"{_loosely_same(save_as, first_save_as)}; {remedy}",
                    source,
                    field_line(source, "save_as", "slug", "title")
                    if kind == "page"
                    else None,
                )
            )
    return found


def _loosely_same(save_as: str, other: str) -> str:
    """What to add when two paths are one file only on a disk that compares
    names loosely: the other's spelling, and why."""
    if os.path.normpath(save_as) == os.path.normpath(other):
        return ""
    return (
        f" (to {other}: the two differ only in case, in how an accent is "
        "composed or in dots or spaces ending a name, one file on macOS or "
        "Windows, where the page written second replaces the first)"
    )
