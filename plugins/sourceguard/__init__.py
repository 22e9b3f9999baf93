"""Sourceguard: only what lies inside the content folder is published.

Pelican follows symbolic links, so ``content/images/passwd -> /etc/passwd``
would be copied into the site. When the build starts this plugin finds every
link under ``PATH`` whose target lies outside it (and outside
``ALLOWED_OUTSIDE_PATHS``) or does not exist, and reports each with its
target: an error under ``SOURCE_LINKS_STRICT`` (publishconf.py), a warning
and a skip otherwise. Refused folders go into Pelican's own
``ARTICLE_EXCLUDES``, ``PAGE_EXCLUDES`` and ``STATIC_EXCLUDES``, so they are
never walked; refused static files are dropped from the static generator's
list before it copies; the Markdown and comment readers skip refused files
themselves (``sitekit.sourcepaths.is_refused``). ``lastcheck`` holds what
readers other than the site's Markdown reader read to the privacy and
control character rules. Public signals only.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError, log_and_raise, quiet_redundant_tracebacks
from sitekit.hygiene import CONTROL_CHARACTER
from sitekit.rules import Finding, report_findings
from sitekit.sourcepaths import (
    OUTSIDE_LINK,
    LinkRule,
    RefusedLink,
    is_refused,
    refused_links,
    relative_paths,
)

from .lastcheck import guard_readers
from .settings import SETTINGS, apply_defaults

_EXCLUDE_SETTINGS = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


class SourceLinkError(SiteError):
    """Symbolic links a strict build refuses."""


def guard_links(pelican: Any) -> None:
    settings = pelican.settings
    try:
        apply_defaults(settings)
    except SiteError as error:
        raise log_and_raise(error) from None
    links = exclude_refused_folders(settings)
    report_findings(
        (link.finding() for link in links),
        settings["SOURCE_LINKS_STRICT"],
        SourceLinkError,
        "link",
    )


def exclude_refused_folders(settings: MutableMapping[str, Any]) -> list[RefusedLink]:
    """Add the refused folders to Pelican's ``*_EXCLUDES``, so that no
    generator walks them; return every refused link."""
    rule = LinkRule.from_settings(settings)
    links = refused_links(rule)
    folders = relative_paths([link for link in links if link.is_folder], rule)
    if folders:
        for name in _EXCLUDE_SETTINGS:
            settings[name] = [*settings.get(name, ()), *folders]
    return links


def link_findings(context: dict[str, Any]) -> list[Finding]:
    """The plugin's content stage, as ``reflect`` runs it: every refused link."""
    return [link.finding() for link in refused_links(LinkRule.from_settings(context))]


PLUGIN = Declaration(
    "sourceguard",
    settings=SETTINGS,
    prepare_settings=exclude_refused_folders,
    rules=(OUTSIDE_LINK, CONTROL_CHARACTER),
    strict_setting="SOURCE_LINKS_STRICT",
    content_stage=link_findings,
)


def drop_refused_static_files(generator: Any) -> None:
    """Static files are copied, not read: drop refused ones before copying."""
    rule = LinkRule.from_settings(generator.settings)
    generator.staticfiles[:] = [
        static
        for static in generator.staticfiles
        if not is_refused(static.source_path, rule)
    ]


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(guard_links)
    signals.static_generator_finalized.connect(drop_refused_static_files)
    signals.readers_init.connect(guard_readers)
