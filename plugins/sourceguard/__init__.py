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

Where it writes. An output folder that is, holds or lies in the content
folder (and the like), or that another hand filled, is refused before
anything is touched (``writes``, ``settingchecks``); a slug or ``Save_as``
that leaves the output folder (``destinations``), and two pieces of
content for one file (``clashes``), stop the build naming the source
files; so does a ``Template:`` that cannot show its post or page
(``templatefit``), and settings that leave unwritten the home page every
page links (``settingchecks.check_home_page``). Public signals only.

This module is the Pelican glue: the declaration ``reflect`` reads, and
``register()`` connecting handlers that live in the modules above (the
checks as a build starts in ``startchecks``, the static generator's stage
in ``staticstage``, ``reflect``'s content stage in ``contentstage``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Content

from sitekit.bodyfields import LOCAL_ONLY_FIELD_IN_BODY
from sitekit.contents import every_content
from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError, quiet_redundant_tracebacks
from sitekit.fallbackslugs import (
    INVISIBLE_NAME,
    UNSLUGGABLE_NAME,
    UNSLUGGABLE_TITLE,
)
from sitekit.hygiene import (
    CONTROL_CHARACTER,
    MISSPELT_PRIVATE_MARKER,
    PRIVATE_MARKER_IN_STATIC_FILE,
    PRIVATE_MARKER_NOT_HIDDEN,
    UNREADABLE_STATIC_FILE,
    UNREADABLE_STATIC_IMAGE,
)
from sitekit.namedpages import NAME_TOO_LONG
from sitekit.namespellings import (
    NAME_SPELT_OTHERWISE,
    names_spelt_otherwise,
    one_spelling_per_page,
)
from sitekit.rules import report_findings
from sitekit.selectedpages import writes_only_selected
from sitekit.settings import BAD_SETTING, told_at_start
from sitekit.sourcepaths import (
    FILE_NAMED_AS_FOLDER,
    FOLDER_NAMED_AS_FILE,
    OUTSIDE_LINK,
    PATH_SPELT_OTHERWISE,
)
from sitekit.statuses import BAD_STATUS
from sitekit.svgscripts import SCRIPT_IN_STATIC_SVG
from sitekit.titles import NO_TITLE
from sitekit.unreadable import UNREADABLE_FILE
from sitekit.withheld import withhold_drafts, withholds_local_only
from sitekit.writeerrors import one_line_write_errors

from . import loosewrites
from .clashes import LISTING_CLASH, OUTPUT_CLASH, refuse_clashes
from .contentstage import content_findings
from .destinations import (
    UNFILLABLE_PATH_SETTING,
    UNSAFE_DESTINATION,
    check_destination,
    location,
)
from .lastcheck import check_path_fields, guard_readers, report_read_findings
from .linktargets import BROKEN_LINK, broken_links
from .rootlinks import LINK_OUTSIDE_SITE, links_beside_the_source, links_outside_site
from .settingchecks import check_home_page
from .settings import SETTINGS
from .startchecks import SourceLinkError, guard_links, prepare_settings
from .staticstage import (
    check_static_files,
    drop_unpublished_static_files,
    finish_static_files,
    keep_links_inside,
    plan_static_writes,
    refuse_special_linked_files,
    say_missing_files_once,
)
from .templatefit import TEMPLATE_MISMATCH, check_template_fits
from .templatenames import UNKNOWN_TEMPLATE
from .writes import guard_output_folder, mark_output_folder
from .writtenlinks import PlainLink, plain_links, unwritten_targets

#: The plain links noted as the generators finished, for ``finalized``.
_plain_links: list[PlainLink] = []

__all__ = ["PLUGIN", "SourceLinkError", "register"]

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
        LOCAL_ONLY_FIELD_IN_BODY,
        PRIVATE_MARKER_IN_STATIC_FILE,
        UNREADABLE_STATIC_IMAGE,
        UNREADABLE_STATIC_FILE,
        SCRIPT_IN_STATIC_SVG,
        UNSLUGGABLE_NAME,
        UNSLUGGABLE_TITLE,
        INVISIBLE_NAME,
        NAME_SPELT_OTHERWISE,
        BROKEN_LINK,
        LINK_OUTSIDE_SITE,
        OUTPUT_CLASH,
        LISTING_CLASH,
        NAME_TOO_LONG,
        UNKNOWN_TEMPLATE,
        TEMPLATE_MISMATCH,
        UNSAFE_DESTINATION,
        UNFILLABLE_PATH_SETTING,
        UNREADABLE_FILE,
        BAD_SETTING,
        BAD_STATUS,
        NO_TITLE,
    ),
    strict_setting="SOURCE_LINKS_STRICT",
    content_stage=content_findings,
)


def check_link_targets(generators: list[Any]) -> None:
    """At ``all_generators_finalized``, when every post, page and static
    file is known and before anything is written: a link to a file the site
    does not have, or to a draft, is a broken link in a published site, and
    so is one from the server's root in a site served from a folder."""
    settings = generators[0].settings
    # A published build stops whatever SOURCE_LINKS_STRICT says: the link
    # would carry an unpublished page's address or file name (privacy).
    strict = settings["SOURCE_LINKS_STRICT"] or withholds_local_only(settings)
    context = generators[0].context
    report_findings(
        [
            *broken_links(context),
            *links_beside_the_source(context),
            *links_outside_site(context),
        ],
        strict,
        SourceLinkError,
        "link",
    )


def note_plain_links(generators: list[Any]) -> None:
    """At ``all_generators_finalized``: the plain links to look up once
    the site is written (``writtenlinks``)."""
    if writes_only_selected(generators[0].settings):
        return  # `make serve`'s first pass writes only the open pages
    _plain_links[:] = plain_links(generators[0].context)


def check_plain_links_last(pelican: Any) -> None:
    """At ``get_generators``, once every plugin has registered: the plain
    links are looked up after every other ``finalized`` handler (blinker
    calls a signal's receivers in the order they connected; one connected
    again keeps its place), so the files they write (the sitemap, the
    search index) are there to be found."""
    signals.finalized.connect(check_plain_links)


def check_plain_links(pelican: Any) -> None:
    """At ``finalized``: a plain link to a path the build wrote no file at
    is a broken link (the build's scratch folder is then dropped whole)."""
    links, _plain_links[:] = list(_plain_links), []
    settings = pelican.settings
    if writes_only_selected(settings):
        return  # `make serve`'s first pass writes only the open pages
    strict = settings["SOURCE_LINKS_STRICT"] or withholds_local_only(settings)
    report_findings(
        unwritten_targets(links, Path(settings["OUTPUT_PATH"])),
        strict,
        SourceLinkError,
        "link",
    )


def check_home_page_written(generators: list[Any]) -> None:
    """At ``all_generators_finalized``: some file is the home page
    (``settingchecks.check_home_page``)."""
    try:
        check_home_page(generators[0].settings, _saved_as(generators[0].context))
    except SiteError as error:
        raise told_at_start(error, generators[0].settings) from None


def _saved_as(context: dict[str, Any]) -> Iterator[str]:
    """Where each post, page and static file is written, read only when
    asked (``check_home_page`` asks only when the settings write no home
    page). A static file's is read as Pelican's ``Content`` makes it:
    ``Static.save_as`` notes the address as used, and Pelican then never
    moves the file beside a post that links it by ``{attach}`` (Pelican
    4.12, ``Static._output_location_referenced``)."""
    for content in every_content(context):
        yield content.save_as
    for static in context.get("static_content", {}).values():
        yield Content.save_as.fget(static)


def note_page_files(generators: list[Any]) -> None:
    """At ``all_generators_finalized``: each post's and page's file, for
    the line ``loosewrites`` says of a file written twice."""
    loosewrites.note_pages(
        {
            location(content, "save_as"): content.source_path
            for content in every_content(generators[0].context)
        }
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
    signals.page_generator_finalized.connect(keep_links_inside)
    signals.static_generator_preread.connect(refuse_special_linked_files)
    signals.static_generator_finalized.connect(drop_unpublished_static_files)
    signals.all_generators_finalized.connect(refuse_clashes)
    signals.get_generators.connect(loosewrites.start_noting)
    signals.all_generators_finalized.connect(note_page_files)
    signals.content_written.connect(loosewrites.note_written)
    signals.article_generator_write_article.connect(check_template_fits)
    signals.page_generator_write_page.connect(check_template_fits)
    signals.all_generators_finalized.connect(check_static_files)
    signals.all_generators_finalized.connect(plan_static_writes)
    signals.finalized.connect(finish_static_files)
    signals.all_generators_finalized.connect(check_link_targets)
    signals.all_generators_finalized.connect(note_plain_links)
    signals.get_generators.connect(check_plain_links_last)
    signals.all_generators_finalized.connect(check_name_spellings)
    signals.all_generators_finalized.connect(check_home_page_written)
    signals.article_generator_pretaxonomy.connect(spell_each_name_one_way)
    signals.static_generator_init.connect(say_missing_files_once)
    signals.readers_init.connect(guard_readers)
    signals.article_generator_context.connect(report_read_findings)
    signals.page_generator_context.connect(report_read_findings)
