"""Search: a /search/ page and a Pagefind index of every post's body.

The Pelican glue only, on public signals. The generator gives every post
its search filters (lessons, themes, kind of conversation) and writes the
search page through ``Writer.write_file``. Pagefind starts when the posts
are known (``article_generator_finalized``), indexes each page as it is
written (``content_written``) and writes its bundle at ``finalized``. Since
every ``make`` build writes into a scratch folder that replaces the site
only on success, a site is never published with a missing or stale index.

It needs "reflections" before it in ``PLUGINS`` (``PLUGIN``): the filters
read the lessons that plugin resolves.
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import quiet_redundant_tracebacks

from .generator import SearchPageGenerator
from .pagefind import finish_indexing, page_written, start_indexing, stop_indexing
from .settings import SETTINGS, check_settings

PLUGIN = Declaration("search", needs=("reflections",), settings=SETTINGS)


def add_generator(pelican):
    return SearchPageGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(start_indexing)
    signals.content_written.connect(page_written)
    signals.finalized.connect(finish_indexing)
    signals.initialized.connect(stop_indexing)
