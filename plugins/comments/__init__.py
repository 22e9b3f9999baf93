"""Comments: readers' replies as files in the repository, rendered statically.

The Pelican glue only: read and thread comment files when the articles are
ready, and write the comment feeds with the rest of the site.
"""

from __future__ import annotations

from pelican import signals

from sitekit.cachekey import guard_caches, record_caches
from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import quiet_redundant_tracebacks
from sitekit.hygiene import CONTROL_CHARACTER, MISSPELT_PRIVATE_MARKER
from sitekit.sourcelines import INDENTED_METADATA

from .attach import attach_comments, comments_content_stage
from .generator import CommentsGenerator
from .rules import RULES
from .settings import SETTINGS, check_settings


def comment_folder(settings) -> list[str]:
    """The plugin reads its folder itself, wherever ``COMMENTS_PATH`` leads."""
    return [settings["COMMENTS_PATH"]]


PLUGIN = Declaration(
    "comments",
    settings=SETTINGS,
    read_sources=comment_folder,
    rules=(*RULES, CONTROL_CHARACTER, MISSPELT_PRIVATE_MARKER, INDENTED_METADATA),
    strict_setting="COMMENTS_STRICT",
    content_stage=comments_content_stage,
)


def add_generator(pelican):
    return CommentsGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    # Pelican's content caches hold what these readers read: key them.
    signals.initialized.connect(guard_caches)
    signals.finalized.connect(record_caches)
    signals.article_generator_finalized.connect(attach_comments)
    signals.get_generators.connect(add_generator)
