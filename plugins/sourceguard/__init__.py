"""Sourceguard: the build reads only what it may, and writes only where it may.

What it reads. Pelican follows symbolic links, so
``content/images/passwd -> /etc/passwd`` would be copied into the site.
When the build starts this plugin finds every link under ``PATH`` whose
target lies outside it (and outside ``ALLOWED_OUTSIDE_PATHS``) or does not
exist, and reports each with its target: an error under
``SOURCE_LINKS_STRICT`` (publishconf.py), a warning and a skip otherwise.
Refused folders go into Pelican's own ``ARTICLE_EXCLUDES``,
``PAGE_EXCLUDES`` and ``STATIC_EXCLUDES``, so they are never walked;
refused static files, hidden ones and editor or system litter
(``sitekit.sourcepaths.litter_in``) are dropped from the static generator's
list before it copies; the Markdown and comment readers skip refused files
themselves (``sitekit.sourcepaths.is_refused``). ``lastcheck`` holds what
readers other than the site's Markdown reader read to the privacy and
control character rules.

Where it writes (``writes``). An output folder that is, holds or lies in
the content folder (and the like), or that another hand filled, is refused
before anything is touched; a slug or ``Save_as`` that leaves the output
folder, and two pieces of content for one file, stop the build naming the
source files. Public signals only.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from sitekit.diagnostics import (
    SiteError,
    display_path,
    log_and_raise,
    quiet_redundant_tracebacks,
    report_diagnostics,
)
from sitekit.sourcepaths import (
    LinkRule,
    is_refused,
    litter_in,
    refused_links,
    relative_paths,
)
from sitekit.writeerrors import one_line_write_errors

from .lastcheck import guard_readers
from .settings import apply_defaults
from .writes import (
    check_destination,
    guard_output_folder,
    mark_output_folder,
    refuse_clashes,
)

logger = logging.getLogger(__name__)

_EXCLUDE_SETTINGS = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


class SourceLinkError(SiteError):
    """Symbolic links a strict build refuses."""


def guard_links(pelican: Any) -> None:
    settings = pelican.settings
    try:
        apply_defaults(settings)
    except SiteError as error:
        raise log_and_raise(error) from None
    rule = LinkRule.from_settings(settings)
    links = refused_links(rule)
    level = "error" if settings["SOURCE_LINKS_STRICT"] else "warning"
    report_diagnostics(
        (link.diagnostic(level) for link in links), SourceLinkError, "link"
    )
    folders = relative_paths([link for link in links if link.is_folder], rule)
    if folders:
        for name in _EXCLUDE_SETTINGS:
            settings[name] = [*settings.get(name, ()), *folders]


def drop_unpublished_static_files(generator: Any) -> None:
    """Static files are copied, not read: before they are copied, drop
    refused links, hidden files and editor or system litter."""
    rule = LinkRule.from_settings(generator.settings)
    static_paths = generator.settings["STATIC_PATHS"]
    kept = []
    for static in generator.staticfiles:
        if is_refused(static.source_path, rule):
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


def register() -> None:
    quiet_redundant_tracebacks()
    one_line_write_errors()
    signals.initialized.connect(guard_output_folder)
    signals.initialized.connect(guard_links)
    signals.get_generators.connect(mark_output_folder)
    signals.content_object_init.connect(check_destination)
    signals.static_generator_finalized.connect(drop_unpublished_static_files)
    signals.all_generators_finalized.connect(refuse_clashes)
    signals.readers_init.connect(guard_readers)
