"""Sourceguard: the build reads only what it may, and writes only where it may.

What it reads. Pelican follows symbolic links, so
``content/images/passwd -> /etc/passwd`` would be copied into the site.
When the build starts this plugin finds every link under ``PATH`` whose
target lies outside it (and outside ``ALLOWED_OUTSIDE_PATHS``) or does not
exist, and reports each with its target: an error under
``SOURCE_LINKS_STRICT`` (publishconf.py), a warning and a skip otherwise.
Refused folders go into Pelican's own ``ARTICLE_EXCLUDES``,
``PAGE_EXCLUDES`` and ``STATIC_EXCLUDES``, and a refused ``*_PATHS``
entry is dropped from its setting, so they are never walked;
refused static files, hidden ones and editor or system litter
(``sitekit.sourcepaths.litter_in``) are dropped from the static generator's
list before it copies, and a static file holding a private marker stops a
published build (``staticcheck``); the Markdown and comment readers skip refused files
themselves (``sitekit.sourcepaths.is_refused``). ``lastcheck`` gives every
reader other than the site's Markdown reader the same privacy check
(withheld fields, markers it cannot hide) and the control character rule.

Where it writes (``writes``). An output folder that is, holds or lies in
the content folder (and the like), or that another hand filled, is refused
before anything is touched; a slug or ``Save_as`` that leaves the output
folder, and two pieces of content for one file, stop the build naming the
source files. Public signals only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from pelican import signals

from sitekit.contents import every_content
from sitekit.declaration import (
    Declaration,
    check_plugin_order,
    declaration_of,
    gather_declared,
)
from sitekit.diagnostics import (
    Diagnostic,
    SiteError,
    display_path,
    log_and_raise,
    quiet_redundant_tracebacks,
)
from sitekit.fallbackslugs import INVISIBLE_NAME, UNSLUGGABLE_NAME
from sitekit.hygiene import (
    CONTROL_CHARACTER,
    MISSPELT_PRIVATE_MARKER,
    PRIVATE_MARKER_IN_STATIC_FILE,
    PRIVATE_MARKER_NOT_HIDDEN,
    UNREADABLE_STATIC_FILE,
    UNREADABLE_STATIC_IMAGE,
)
from sitekit.missingstamps import one_line_stamp_warnings
from sitekit.namespellings import (
    NAME_SPELT_OTHERWISE,
    names_spelt_otherwise,
    one_spelling_per_page,
)
from sitekit.pelicansettings import PELICAN_SETTINGS
from sitekit.rules import Finding, report_findings
from sitekit.selectedpages import SELECTED_PAGES_SETTING
from sitekit.settings import validate
from sitekit.sourcepaths import (
    FILE_NAMED_AS_FOLDER,
    FOLDER_NAMED_AS_FILE,
    OUTSIDE_LINK,
    PATH_SPELT_OTHERWISE,
    LinkRule,
    files_named_as_folders,
    is_refused,
    is_unpublished,
    litter_in,
    paths_spelt_otherwise,
    unpublished_paths,
)
from sitekit.sourcewalk import SOURCE_WALK, SourceWalk, walk_sources
from sitekit.staticfindings import FindingCache
from sitekit.themestatic import theme_static_files
from sitekit.walkfindings import (
    checked_content_folder,
    misnamed_sources,
    refuse_special_files,
)
from sitekit.withheld import drafts_withheld, withhold_drafts, withholds_local_only
from sitekit.writeerrors import one_line_write_errors

from .lastcheck import (
    check_path_fields,
    guard_readers,
    read_findings,
    report_read_findings,
)
from .linktargets import BROKEN_LINK, broken_links, linked_from
from .refusedpaths import exclude_refused_folders
from .settings import SETTINGS, apply_defaults
from .staticcheck import (
    PrivateStaticFileError,
    static_findings,
    static_sources,
    theme_template_files,
)
from .templatenames import theme_templates, unknown_templates
from .writes import (
    check_address_settings,
    check_destination,
    check_path_settings,
    clashes_in,
    guard_output_folder,
    mark_output_folder,
    refuse_clashes,
)

logger = logging.getLogger(__name__)

#: What sourceguard checks before anything is read: Pelican's own settings
#: (Pelican checks few) and the one a plugin declares that every build's
#: plugins read, whether or not the plugin declaring it is loaded.
EVERY_BUILD_READS = (*PELICAN_SETTINGS, SELECTED_PAGES_SETTING)


class SourceLinkError(SiteError):
    """Symbolic links a strict build refuses."""


def guard_links(pelican: Any) -> None:
    settings = pelican.settings
    try:
        apply_defaults(settings)
        validate(EVERY_BUILD_READS, settings)
        gather_declared(filter(None, map(declaration_of, pelican.plugins)), settings)
        # One walk, as Pelican lists the content: the special files that
        # stop the build, the folders named as files and the links that
        # are reported below.
        walked = walk_sources(settings)
        named_as_files = checked_content_folder(walked)
        links = exclude_refused_folders(settings, walked)
    except SiteError as error:
        raise log_and_raise(error) from None
    report_findings(
        [
            *(link.finding() for link in links),
            *named_as_files,
            *files_named_as_folders(settings),
            *paths_spelt_otherwise(settings),
        ],
        settings["SOURCE_LINKS_STRICT"],
        SourceLinkError,
        "link",
    )


def content_findings(context: dict[str, Any]) -> list[Finding | Diagnostic]:
    """The plugin's content stage, as ``reflect`` runs it: every refused
    link, and two pieces of content for one output file (a guarantee, so
    an error whatever the rule table says; the build finds it at
    ``all_generators_finalized``). A slug or ``Save_as`` that climbs out is
    found as each file is read, in the build and in ``reflect`` alike. What
    the readers' privacy check found in each file comes too. The walk is
    the one ``prepare_settings`` made, before it dropped the refused
    ``*_PATHS`` entries that walk reports."""
    walked = context.get(SOURCE_WALK) or walk_sources(context)
    statics = static_sources(context)
    return [
        *(link.finding() for link in walked.refused),
        *misnamed_sources(walked),
        *files_named_as_folders(context),
        *paths_spelt_otherwise(context),
        *clashes_in(context),
        *unknown_templates(every_content(context), theme_templates(context)),
        *broken_links(context),
        *read_findings(every_content(context)),
        *names_spelt_otherwise(every_content(context)),
        *static_findings(
            [*statics, *theme_static_files(context)],
            theme_template_files(context),
            published_from=(context["PATH"], context["THEME"]),
        ),
    ]


def prepare_settings(settings: MutableMapping[str, Any]) -> None:
    """As ``reflect`` prepares the settings (the build: ``guard_links`` and
    ``guard_output_folder``): Pelican's own settings checked (Pelican checks
    few; sourceguard runs first), the path settings measured, then the
    refused folders excluded. The walk is kept for the content stage
    (``SOURCE_WALK``): the folder was walked twice a ``reflect lint``."""
    validate(EVERY_BUILD_READS, settings)
    check_path_settings(settings)
    check_address_settings(settings)
    walked = walk_sources(settings)
    refuse_special_files(walked)
    exclude_refused_folders(settings, walked)
    settings[SOURCE_WALK] = walked


PLUGIN = Declaration(
    "sourceguard",
    settings=SETTINGS,
    prepare_settings=prepare_settings,
    rules=(
        OUTSIDE_LINK,
        FOLDER_NAMED_AS_FILE,
        FILE_NAMED_AS_FOLDER,
        PATH_SPELT_OTHERWISE,
        CONTROL_CHARACTER,
        MISSPELT_PRIVATE_MARKER,
        PRIVATE_MARKER_NOT_HIDDEN,
        PRIVATE_MARKER_IN_STATIC_FILE,
        UNREADABLE_STATIC_IMAGE,
        UNREADABLE_STATIC_FILE,
        UNSLUGGABLE_NAME,
        INVISIBLE_NAME,
        NAME_SPELT_OTHERWISE,
        BROKEN_LINK,
    ),
    strict_setting="SOURCE_LINKS_STRICT",
    content_stage=content_findings,
)


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
        refuse_special_files(SourceWalk(files, (), (), read_whole=files))
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


def check_link_targets(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, when every post, page and static
    file is known and before anything is written: a link to a file the site
    does not have, or to a draft, is a broken link in a published site."""
    settings = generators[0].settings
    # A published build stops whatever SOURCE_LINKS_STRICT says: the link
    # would carry an unpublished page's address or file name (privacy).
    strict = settings["SOURCE_LINKS_STRICT"] or withholds_local_only(settings)
    report_findings(
        broken_links(generators[0].context),
        strict,
        SourceLinkError,
        "link",
    )


def check_name_spellings(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, when every post and page is read: a
    tag, category or author spelt otherwise than in an older post
    (``sitekit.namespellings``)."""
    report_findings(
        names_spelt_otherwise(every_content(generators[0].context)),
        generators[0].settings["SOURCE_LINKS_STRICT"],
        SourceLinkError,
        "name",
    )


def spell_each_name_one_way(generator: Any) -> None:
    """At ``article_generator_pretaxonomy``, before Pelican sorts posts into
    its tag, category and author pages: each named one way
    (``sitekit.namespellings``)."""
    one_spelling_per_page(
        [
            *generator.articles,
            *generator.translations,
            *generator.hidden_articles,
            *generator.hidden_translations,
            *generator.drafts,
            *generator.drafts_translations,
        ]
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


def withhold_every_draft(pelican: Any) -> None:
    """A published build writes no draft (``sitekit.withheld``)."""
    withhold_drafts(pelican.settings)


# As Pelican imports this plugin, the first of PLUGINS: Pelican imports every
# plugin before it registers any, and a later name it cannot import (a typo
# in PLUGINS) stopped a `--fatal errors` build with its traceback under the
# line that names the plugin.
quiet_redundant_tracebacks()


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_plugin_order)
    one_line_write_errors()
    signals.initialized.connect(guard_output_folder)
    signals.initialized.connect(guard_links)
    signals.initialized.connect(withhold_every_draft)
    signals.get_generators.connect(mark_output_folder)
    signals.content_object_init.connect(check_destination)
    signals.content_object_init.connect(check_path_fields)
    signals.static_generator_preread.connect(refuse_special_linked_files)
    signals.static_generator_finalized.connect(drop_unpublished_static_files)
    signals.all_generators_finalized.connect(refuse_clashes)
    signals.all_generators_finalized.connect(check_static_files)
    signals.all_generators_finalized.connect(check_link_targets)
    signals.all_generators_finalized.connect(check_name_spellings)
    signals.article_generator_pretaxonomy.connect(spell_each_name_one_way)
    signals.static_generator_init.connect(say_missing_files_once)
    signals.readers_init.connect(guard_readers)
    signals.article_generator_context.connect(report_read_findings)
    signals.page_generator_context.connect(report_read_findings)
