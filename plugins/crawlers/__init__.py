"""What crawlers read: ``sitemap.xml`` with honest dates, and ``robots.txt``.

The sitemap is pelican-sitemap's, dated differently: see ``sitemap.py`` for
what its public extension points allow and how the project uses them.
``robots.txt`` is the theme's ``robots.html``; the rules it prints (which
folders to keep crawlers out of, where the sitemap is) are worked out here,
under the site's subpath.

Use it instead of "pelican.plugins.sitemap" in PLUGINS, not beside it (that
would write the sitemap twice); the SITEMAP setting is pelican-sitemap's.
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError
from sitekit.rules import report_findings

from .fields import RULES, sitemap_field_findings
from .robots import robots_rules
from .settings import SETTINGS, check_settings
from .sitemap import DatedSitemap

PLUGIN = Declaration(
    "crawlers",
    settings=SETTINGS,
    rules=RULES,
    content_stage=sitemap_field_findings,
)


class SitemapError(SiteError):
    """A post or page the sitemap cannot list as it asks."""


sitemap = DatedSitemap()


def add_robots_rules(generators) -> None:
    context = generators[0].context
    context["robots"] = robots_rules(context, sitemap.will_write(context))
    report_findings(sitemap_field_findings(context), False, SitemapError, "sitemap")


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(sitemap.init)
    signals.content_written.connect(sitemap.queue_page)
    signals.all_generators_finalized.connect(add_robots_rules)
    signals.finalized.connect(sitemap.finalize)
