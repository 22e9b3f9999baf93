"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only, on public signals: the reader (parse) is registered
for Markdown files, and the generator resolves, assembles and writes. See
README.md for the authoring contract.
"""

from __future__ import annotations

from pelican import signals

from sitekit.cachekey import guard_caches, record_caches
from sitekit.diagnostics import quiet_redundant_tracebacks

from .generator import ReflectionsGenerator
from .reader import ReflectionsMarkdownReader
from .settings import check_settings


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def add_generator(pelican):
    return ReflectionsGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_settings)
    # Pelican's content caches hold what these readers read: key them.
    signals.initialized.connect(guard_caches)
    signals.finalized.connect(record_caches)
    signals.readers_init.connect(use_reflections_reader)
    signals.get_generators.connect(add_generator)
