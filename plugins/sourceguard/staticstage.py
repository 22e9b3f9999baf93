"""The static generator's stage: which files are copied, and what stops
the copying.

Static files are copied, not read. Before the static generator reads any
file, a special file a page links stops the build and Pelican's word on a
linked file that is not there is said once; before anything is copied,
refused, hidden, unpublished and drafts-only files are dropped, and a file
holding a private marker stops a published build (``staticcheck``).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, ClassVar

from pelican import signals

from sitekit.contents import every_content
from sitekit.diagnostics import SiteError, display_path, filter_once, log_and_raise
from sitekit.hygiene import UNREADABLE_STATIC_IMAGE
from sitekit.imagestrip import PublishedImages, Unstrippable, replace_with
from sitekit.missingstamps import one_line_stamp_warnings
from sitekit.rules import Finding, report_findings
from sitekit.sourcepaths import (
    LinkRule,
    is_refused,
    is_unpublished,
    litter_in,
    unpublished_paths,
)
from sitekit.sourcewalk import SourceWalk
from sitekit.staticfindings import FindingCache
from sitekit.themestatic import theme_static_copies, theme_static_files
from sitekit.walkfindings import refuse_special_files
from sitekit.withheld import drafts_withheld, withholds_local_only

from .linktargets import leaves_folder, linked_from, links_with_candidates
from .staticcheck import PrivateStaticFileError, static_findings, theme_template_files

logger = logging.getLogger(__name__)

#: By output folder, from ``all_generators_finalized`` until ``finalized``
#: (emptied there, so nothing is kept from one build to the next): each
#: static file the build copies (its path, and its ``Static``, or for a
#: theme's file where it lands), with the file a published build writes
#: over its copy (an image without its metadata), or None.
_static_writes: dict[str, list[tuple[tuple[str, Any], Path | None]]] = {}


def drop_unpublished_static_files(generator: Any) -> None:
    """Static files are copied, not read: before they are copied, drop
    refused links, hidden files and editor or system litter, the files
    the site and its plugins keep out of the output (``UNPUBLISHED_SOURCES``,
    such as the desk's review log), and, in a build that writes no draft,
    the files only drafts link."""
    rule = LinkRule.from_settings(generator.settings)
    static_paths = generator.settings["STATIC_PATHS"]
    unpublished = unpublished_paths(generator.settings)
    only_drafts_link = linked_by_drafts_alone(generator)
    kept = []
    for static in generator.staticfiles:
        if is_refused(static.source_path, rule):
            continue
        if static.relative_source_path in only_drafts_link:
            continue
        if is_unpublished(static.source_path, unpublished):
            continue
        litter = litter_in(static.relative_source_path, static_paths)
        if litter:
            logger.info(
                "%s: not published (%r is hidden or editor/system litter)",
                display_path(static.source_path),
                litter,
            )
            continue
        kept.append(static)
    generator.staticfiles[:] = kept


def keep_links_inside(generator: Any) -> None:
    """At ``page_generator_finalized``, when every post and page is read and
    before the static generator lists what the pages link: a ``{static}``
    or ``{attach}`` link that climbs out of the content folder
    (``{static}/../notes/offer.pdf``) names no file the site publishes, so
    Pelican is not handed it to copy (it read the file and stopped on its
    path leaving the output folder, naming that file as if it were a page
    with a bad slug, never the post); ``linktargets.broken_links`` names
    the link at its post's line, and Pelican's own word on it, "Unable to
    find", which names no post, is dropped."""
    links = generator.context.get("static_links")
    outside = {link for link in links or () if leaves_folder(link)}
    if outside:
        links.difference_update(outside)
    found, _ = filter_once(logging.getLogger("pelican.contents"), OutsideLinkWarnings)
    found.values = (
        set()
        if not outside
        else {
            _LINK_KIND.sub("", written)
            for content in every_content(generator.context)
            for written, what, candidates in links_with_candidates(content)
            if what != "filename" and all(map(leaves_folder, candidates))
        }
    )


#: ``{static}`` or ``{attach}`` before a link's path, as Pelican reads it.
_LINK_KIND = re.compile(r"^[{|](?:static|attach)[}|]")
#: Pelican's word on a link it finds no file for (4.12, ``Content``).
_UNABLE_TO_FIND = "Unable to find '%s', skipping url replacement."


class OutsideLinkWarnings(logging.Filter):
    """Pelican's "Unable to find" for a link that climbs out of the content
    folder, dropped: ``broken-link`` names it at its post's line."""

    values: ClassVar[set[str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        return not (
            record.msg == _UNABLE_TO_FIND
            and isinstance(args, tuple)
            and len(args) == 1
            and str(args[0]) in self.values
        )


def refuse_special_linked_files(generator: Any) -> None:
    """Before the static generator reads its first file (every post and
    page is read by then): stop at a named pipe or device that a post or
    page links (``{static}``, ``{attach}``). Pelican reads every linked
    file, whatever its name and wherever it lies (``IGNORE_FILES`` and
    ``STATIC_PATHS`` do not apply to it), to compare it with the cache's,
    so the start-up walk, which skips ignored names as Pelican's listing
    does, may not have seen it; the build waited on it for ever."""
    if getattr(generator, "linked_files_checked", False):
        return
    generator.linked_files_checked = True
    linked = sorted(generator.context.get("static_links") or ())
    files = tuple(Path(generator.path, name) for name in linked)
    try:
        refuse_special_files(SourceWalk(files, (), (), opened=frozenset(files)))
    except SiteError as error:
        raise log_and_raise(error) from None


def linked_by_drafts_alone(generator: Any) -> set[str]:
    """In a build that writes no draft: the files (relative to ``PATH``)
    that are static only because a draft links them (``{attach}``,
    ``{static}``). Pelican copies every file any page links, a draft's
    included, so a draft's attachment (an offer letter) was published
    whole though the draft was not. A file under ``STATIC_PATHS`` is
    published for being there, and one a published page links for that."""
    if not drafts_withheld(generator.settings):
        return set()
    published: set[str] = set()
    drafted: set[str] = set()
    for content in every_content(generator.context):
        links = content.get_static_links()
        (drafted if content.status == "draft" else published).update(links)
    if not drafted:
        return set()
    placed = set(
        generator.get_files(
            generator.settings["STATIC_PATHS"],
            exclude=generator.settings["STATIC_EXCLUDES"],
            extensions=False,
        )
    )
    return {os.path.normpath(name) for name in drafted - published - placed}


def check_static_files(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, when every plugin has dropped what
    it keeps unpublished and before anything is copied: a static file is
    copied whole, so one with a private marker stops a published build
    (``sitekit.staticmarkers``); a local build warns and copies it. The
    theme's static files, which the static generator copies after this
    signal without listing them, and the templates every page is drawn
    from are checked the same way. A build
    whose SITEURL is an absolute address counts as published here, as it
    does for local-only fields."""
    context = generators[0].context
    settings = generators[0].settings
    strict = settings["SOURCE_LINKS_STRICT"] or withholds_local_only(settings)
    cache = FindingCache(settings.get("CACHE_PATH"))
    findings = static_findings(
        [
            *(static.source_path for static in context.get("staticfiles", ())),
            *theme_static_files(settings),
        ],
        theme_template_files(settings),
        cache,
        published_from=(settings["PATH"], settings["THEME"]),
    )
    cache.save()
    report_findings(
        findings,
        strict,
        PrivateStaticFileError,
        "static file",
    )


def say_missing_files_once(generator: Any) -> None:
    """As the static generator is made, before it reads any file: Pelican's
    own two lines for a linked file that is not there are dropped where
    ``broken_links`` names the link (a page's, not a draft's), and made one
    line elsewhere (``sitekit.missingstamps``). The posts and pages are read
    by the time the static files are."""
    context, root = generator.context, generator.settings["PATH"]

    def reported(path: str) -> bool:
        linked = Path(os.path.relpath(path, root)).as_posix()
        return any(
            linked in content.get_static_links()
            for content in every_content(context)
            if content.status != "draft"
        )

    def linkers(path: str) -> list[str]:
        relative = Path(os.path.relpath(path, root)).as_posix()
        return linked_from(every_content(context), relative)

    one_line_stamp_warnings(reported, linkers)


def plan_static_writes(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, before anything is written: the
    static files the build copies (the content's and the theme's: an
    author's photo in the theme carries its EXIF too), and, in a published
    build, each of those images as it will be written, without its metadata
    (``sitekit.imagestrip``: GPS position, camera owner, dates, XMP,
    comments, text chunks), its picture upright and its colour profile
    kept, and each drawing without its editor's records
    (``sitekit.svgstrip``). An image that cannot be written so stops the
    build (``unreadable-static-image``): privacy fails closed. A local build
    copies every image as it is."""
    context, settings = generators[0].context, generators[0].settings
    statics = [
        *((static.source_path, static) for static in context.get("staticfiles", ())),
        *theme_static_copies(settings),
    ]
    if not withholds_local_only(settings):
        _static_writes[settings["OUTPUT_PATH"]] = [(static, None) for static in statics]
        return
    images = PublishedImages(settings["CACHE_PATH"])
    planned, findings = [], []
    for static in statics:
        source = static[0]
        try:
            written = images.stripped(Path(source))
        except Unstrippable as error:
            findings.append(
                Finding(
                    UNREADABLE_STATIC_IMAGE.name,
                    f"it cannot be published without its metadata: {error}; "
                    "fix the image or take it out of the site",
                    display_path(source),
                )
            )
            continue
        except OSError:
            written = None  # copying it will say what is wrong
        planned.append((static, written))
    images.prune()
    report_findings(findings, True, PrivateStaticFileError, "static file")
    _static_writes[settings["OUTPUT_PATH"]] = planned


def finish_static_files(pelican: Any) -> None:
    """At ``finalized``, once the static generator has copied every file
    (and moved each ``{attach}`` file beside its post), before the
    sitemap and the search index are finished: the images
    ``plan_static_writes`` made replace their copies, and each static file
    written is announced with ``content_written``, as every file a build
    writes is (Pelican's static generator announces none), so the sitemap
    and the search index see it."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    for (_, static), written in _static_writes.pop(pelican.settings["OUTPUT_PATH"], ()):
        # A theme's file lands where it was listed; a static file where
        # Pelican put it, beside the post that attaches it, say.
        save_as = static if isinstance(static, str) else static.save_as
        destination = output / save_as
        if not destination.is_file():
            continue  # nothing was copied there
        if written is not None:
            replace_with(written, destination)
        signals.content_written.send(str(destination), context={"output_file": save_as})
