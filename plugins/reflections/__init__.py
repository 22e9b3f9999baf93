"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only: each handler hands its work to one stage module
(reader -> resolve -> assemble -> write). See README.md for the contract.
"""

from __future__ import annotations

import logging

from pelican import signals

from . import quiet_fatal
from .errors import ReflectionsError
from .generator import ReflectionsGenerator
from .reader import ReflectionsMarkdownReader
from .settings import apply_defaults

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    try:
        apply_defaults(pelican.settings)
    except ReflectionsError as error:
        logger.error(error.location_message())
        raise


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def add_generator(pelican):
    return ReflectionsGenerator


def register() -> None:
    quiet_fatal.install()
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reflections_reader)
    signals.get_generators.connect(add_generator)
