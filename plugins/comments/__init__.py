"""Comments: readers' replies as files in the repository, rendered statically.

The Pelican glue only: read and thread comment files when the articles are
ready, and write the comment feeds with the rest of the site.
"""

from __future__ import annotations

from pelican import signals

from reflections.errors import settings_checker

from .attach import attach_comments
from .generator import CommentsGenerator
from .settings import apply_defaults


def add_generator(pelican):
    return CommentsGenerator


check_settings = settings_checker(apply_defaults)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_comments)
    signals.get_generators.connect(add_generator)
