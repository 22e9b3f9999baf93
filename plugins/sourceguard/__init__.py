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

from typing import Any

from pelican import signals

from sitekit.diagnostics import (
    SiteError,
    log_and_raise,
    quiet_redundant_tracebacks,
    report_diagnostics,
)
from sitekit.sourcepaths import LinkRule, is_refused, refused_links, relative_paths

from .lastcheck import guard_readers
from .settings import apply_defaults

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
    signals.initialized.connect(guard_links)
    signals.static_generator_finalized.connect(drop_refused_static_files)
    signals.readers_init.connect(guard_readers)
