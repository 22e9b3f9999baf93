"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only: each handler hands its work to one stage module
(reader -> resolve -> assemble -> write). See README.md for the contract.
"""

from __future__ import annotations

from pelican import signals

from . import quiet_fatal
from .errors import settings_checker
from .generator import ReflectionsGenerator
from .reader import ReflectionsMarkdownReader
from .settings import apply_defaults


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def add_generator(pelican):
    return ReflectionsGenerator


check_settings = settings_checker(apply_defaults)


def register() -> None:
    quiet_fatal.install()
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reflections_reader)
    signals.get_generators.connect(add_generator)
