"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only, on public signals: the reader (parse) is registered
for Markdown files, and the generator resolves, assembles and writes. See
README.md for the authoring contract.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from sitekit.cachekey import add_cache_input, guard_caches, record_caches
from sitekit.diagnostics import quiet_redundant_tracebacks

from .parse.reader import ReflectionsMarkdownReader
from .settings import check_settings
from .write.generator import ReflectionsGenerator


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def key_caches_on_vocabulary(pelican) -> None:
    """Callout anchors are named when a post is read, from lessons.yml: the
    content cache must not outlive an edit to it."""
    name = pelican.settings.get("REFLECTIONS_VOCABULARY")
    if name:
        add_cache_input(pelican.settings, Path(pelican.settings["PATH"]) / name)


def add_generator(pelican):
    return ReflectionsGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_settings)
    # Pelican's content caches hold what these readers read: key them.
    signals.initialized.connect(key_caches_on_vocabulary)
    signals.initialized.connect(guard_caches)
    signals.finalized.connect(record_caches)
    signals.readers_init.connect(use_reflections_reader)
    signals.get_generators.connect(add_generator)
