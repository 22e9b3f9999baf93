"""Feeds: Atom, RSS and JSON Feed that readers and the W3C validator accept.

The Pelican glue only: a Writer for the entries, a generator for the JSON
Feed and the feeds page, and a Jinja global for autodiscovery links.
"""

from __future__ import annotations

from pelican import signals

from .catalog import feed_links
from .generator import FeedsGenerator
from .settings import check_settings
from .writer import FeedWriter


def add_writer(pelican):
    return FeedWriter


def add_generator(pelican):
    return FeedsGenerator


def add_template_globals(generator) -> None:
    generator.env.globals["feed_links"] = feed_links


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.get_writer.connect(add_writer)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_template_globals)
