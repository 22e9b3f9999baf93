"""Comments: readers' replies as files in the repository, rendered statically.

The Pelican glue only: read and thread comment files when the articles are
ready, and write the comment feeds with the rest of the site.
"""

from __future__ import annotations

from pelican import signals

from sitekit.cachekey import guard_caches, record_caches
from sitekit.diagnostics import quiet_redundant_tracebacks

from .attach import attach_comments
from .generator import CommentsGenerator
from .settings import check_settings


def add_generator(pelican):
    return CommentsGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_settings)
    # Pelican's content caches hold what these readers read: key them.
    signals.initialized.connect(guard_caches)
    signals.finalized.connect(record_caches)
    signals.article_generator_finalized.connect(attach_comments)
    signals.get_generators.connect(add_generator)
