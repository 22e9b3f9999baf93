"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only: each handler hands its work to one stage module
(reader -> resolve -> assemble -> write). See README.md for the contract.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.utils import file_suffix

from . import fastpaths, pagecache, parallel, quiet_fatal
from .contents import every_article, every_page
from .errors import settings_checker
from .generator import ReflectionsGenerator
from .reader import ReflectionsMarkdownReader
from .settings import apply_defaults


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def add_generator(pelican):
    return ReflectionsGenerator


def convert_posts_ahead(generator) -> None:
    """Hand the posts that need converting to worker processes (parallel.py)."""
    settings = generator.settings
    names = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    )
    paths = []
    for name in names:  # the set Pelican iterates, in the order it will read
        # The key Pelican's Readers.read_file gives the reader, exactly.
        path = os.path.abspath(os.path.join(generator.path, name))  # noqa: PTH100, PTH118
        reader = generator.readers.readers.get(file_suffix(path))
        if not isinstance(reader, ReflectionsMarkdownReader):
            continue
        cached_article = generator.get_cached_data(name, None)
        cached_content, _ = generator.readers.get_cached_data(path, (None, None))
        if cached_article is None and cached_content is None:
            paths.append(path)
    parallel.prefetch(paths, settings)


def stop_converting(generator) -> None:
    parallel.close()


def render_article_pages(generator, writer) -> None:
    """Write the article pages the site's writer kept (parallel.py)."""
    flush = getattr(writer, "flush_article_pages", None)
    if flush is not None:
        flush()


#: Tests turn this off to show that frozen URLs change no output.
FREEZE_URLS = True


def freeze_article_urls(generator) -> None:
    if FREEZE_URLS:
        fastpaths.freeze_urls(every_article(generator))


#: Tests turn this off to show that fast membership changes no output.
INDEX_TAXONOMIES = True


def index_taxonomies(generator) -> None:
    if INDEX_TAXONOMIES:
        fastpaths.index_taxonomies(generator)


def freeze_page_urls(generator) -> None:
    if FREEZE_URLS:
        fastpaths.freeze_urls(every_page(generator))


check_settings = settings_checker(apply_defaults)


def register() -> None:
    quiet_fatal.install()
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reflections_reader)
    signals.get_generators.connect(add_generator)
    signals.article_generator_init.connect(convert_posts_ahead)
    signals.article_generator_finalized.connect(stop_converting)
    signals.article_writer_finalized.connect(render_article_pages)
    signals.article_generator_finalized.connect(freeze_article_urls)
    signals.article_generator_finalized.connect(index_taxonomies)
    signals.page_generator_finalized.connect(freeze_page_urls)
    signals.all_generators_finalized.connect(pagecache.start_build)
    signals.finalized.connect(pagecache.finish_build)
