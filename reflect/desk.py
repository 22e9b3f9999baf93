"""The desk as `reflect due`, `people` and `review` read it.

The site is read as the build reads it (``content.read_site``), so the
desk plugin's own content stage assembles the desk these commands print:
they and the desk page cannot disagree. The desk exists only where local-
only fields are read: a site whose pelicanconf.py is not a local build, or
without the desk plugin, is refused with one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk.assemble import Desk
from desk.stage import DESK
from sitekit.diagnostics import Diagnostic

from .content import read_site
from .site import Site

PLUGIN = "desk"


class NoDesk(Exception):
    """The site has no desk to read; the message says why and what to do."""


class SiteHasErrors(Exception):
    """The build would stop on the site, so the desk is not trusted."""

    def __init__(self, errors: list[Diagnostic]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass(frozen=True)
class ReadDesk:
    desk: Desk
    warnings: tuple[Diagnostic, ...]  # the desk's own findings, for stderr


def read_desk(site: Site, today: date | None = None) -> ReadDesk:
    """The site's desk, as of ``today`` (default: DESK_TODAY, else today)."""
    if site.plugin(PLUGIN) is None:
        raise NoDesk(
            f"PLUGINS in pelicanconf.py does not name {PLUGIN!r}: add it after "
            "'reflections' to keep follow-ups, people and reviews"
        )
    settings = dict(site.settings)
    if today is not None:
        settings["DESK_TODAY"] = today
    read = read_site(Site(settings, site.root, site.plugins))
    if read.errors:
        raise SiteHasErrors(read.errors)
    desk = read.context.get(DESK)
    if desk is None:
        raise NoDesk(
            "this site's settings withhold local-only fields, so they are not "
            "read: pelicanconf.py must not set WITHHOLD_LOCAL_ONLY, nor a SITEURL "
            "that is an absolute address"
        )
    rules = {rule.name for rule in site.plugin(PLUGIN).rules}
    warnings = tuple(d for d in read.diagnostics if d.rule in rules)
    return ReadDesk(desk, warnings)
