"""The plugin's content stage, as ``reflect`` runs it: what the build finds
at its several signals, found at once over the content ``reflect`` read.
"""

from __future__ import annotations

from typing import Any

from sitekit.contents import every_content
from sitekit.diagnostics import Diagnostic
from sitekit.namespellings import names_spelt_otherwise
from sitekit.rules import Finding
from sitekit.sourcepaths import files_named_as_folders, paths_spelt_otherwise
from sitekit.sourcewalk import SOURCE_WALK, walk_sources
from sitekit.themestatic import theme_static_files
from sitekit.walkfindings import misnamed_sources

from .clashes import clashes_in
from .lastcheck import read_findings
from .linktargets import broken_links
from .rootlinks import links_beside_the_source, links_outside_site
from .staticcheck import static_findings, static_sources, theme_template_files
from .templatenames import theme_templates, unknown_templates


def content_findings(context: dict[str, Any]) -> list[Finding | Diagnostic]:
    """The plugin's content stage, as ``reflect`` runs it: every refused
    link, and two pieces of content for one output file (``output-clash``,
    an error in every build; the build finds it at
    ``all_generators_finalized``). A slug or ``Save_as`` that climbs out is
    found as each file is read, in the build and in ``reflect`` alike, and
    leaves it out at the rule's level (error); one read on at a warning is
    told with the clashes. What
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
        *links_beside_the_source(context),
        *links_outside_site(context),
        *read_findings(every_content(context)),
        *names_spelt_otherwise(every_content(context)),
        *static_findings(
            [*statics, *theme_static_files(context)],
            theme_template_files(context),
            published_from=(context["PATH"], context["THEME"]),
        ),
    ]
