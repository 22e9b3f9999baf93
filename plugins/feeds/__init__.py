"""Feeds: Atom, RSS and JSON Feed that readers and the W3C validator accept.

The Pelican glue only: at start-up the plugin takes Pelican's feed settings
over (plan.py), so that one generator writes every feed of the site's posts
in one shape; a Jinja global gives every page its autodiscovery links.
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.namedpages import NAME_TOO_LONG

from .catalog import feed_links
from .generator import FeedsGenerator
from .paths import overlong_feed_names, refuse_overlong_feeds
from .plan import take_over
from .settings import SETTINGS, check_settings

PLUGIN = Declaration(
    "feeds",
    # Lesson feeds follow article.lessons and the reflection index; the
    # feeds page and each post's links name its comment feed.
    needs=("comments", "reflections"),
    settings=SETTINGS,
    prepare_settings=take_over,
    rules=(NAME_TOO_LONG,),
    content_stage=overlong_feed_names,
)


def plan_feeds(pelican) -> None:
    check_settings(pelican)
    take_over(pelican.settings)


def add_generator(pelican):
    return FeedsGenerator


def add_template_globals(generator) -> None:
    generator.env.globals["feed_links"] = feed_links


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(plan_feeds)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(refuse_overlong_feeds)
    signals.generator_init.connect(add_template_globals)
