"""Reflections: tag every post with its lessons and build the reflection index.

The Pelican glue only, on public signals: the reader (parse) is registered
for Markdown files, a file that cannot be a page of the site is reported and
left out as Pelican reads it, and the generator runs every post through the
pipeline (resolve, assemble) and writes. See docs/writing.md for the
authoring contract and docs/architecture.md for the stages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from sitekit.cachekey import guard_caches, record_caches
from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import quiet_redundant_tracebacks
from sitekit.fallbackslugs import (
    INVISIBLE_NAME,
    UNSLUGGABLE_NAME,
    UNSLUGGABLE_TITLE,
)
from sitekit.hygiene import (
    CONTROL_CHARACTER,
    MISSPELT_PRIVATE_MARKER,
    PRIVATE_MARKER_NOT_HIDDEN,
)
from sitekit.namespellings import NAME_SPELT_OTHERWISE
from sitekit.rules import report_findings
from sitekit.settingnames import UNKNOWN_SETTING
from sitekit.sourcelines import INDENTED_METADATA

from .errors import ContentError
from .parse.reader import ReflectionsMarkdownReader
from .pipeline import content_stage, leave_out
from .rules import RULES
from .settings import SETTINGS, check_settings
from .write.generator import ReflectionsGenerator


def vocabulary_file(settings) -> list[Path]:
    """Callout anchors are named when a post is read, from lessons.yml: the
    content cache must not outlive an edit to it."""
    name = settings["REFLECTIONS_VOCABULARY"]
    return [Path(settings["PATH"]) / name] if name else []


PLUGIN = Declaration(
    "reflections",
    # Each post's record in the index quotes readers' answers to its question
    # and, in reflections.json, gives its place in a series.
    needs=("comments", "postseries"),
    settings=SETTINGS,
    rules=(
        *RULES,
        CONTROL_CHARACTER,
        MISSPELT_PRIVATE_MARKER,
        PRIVATE_MARKER_NOT_HIDDEN,
        UNSLUGGABLE_NAME,
        UNSLUGGABLE_TITLE,
        INVISIBLE_NAME,
        NAME_SPELT_OTHERWISE,
        INDENTED_METADATA,
        UNKNOWN_SETTING,
    ),
    strict_setting="REFLECTIONS_STRICT",
    cache_inputs=vocabulary_file,
    content_stage=content_stage,
)


def use_reflections_reader(readers) -> None:
    for extension in ReflectionsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectionsMarkdownReader


def leave_out_article(generator: Any, metadata: dict[str, Any]) -> None:
    _leave_out(generator.settings, metadata, is_article=True)


def leave_out_page(generator: Any, metadata: dict[str, Any]) -> None:
    _leave_out(generator.settings, metadata, is_article=False)


def _leave_out(settings, metadata: dict[str, Any], is_article: bool) -> None:
    """As Pelican reads a file (from it or from its cache): a file that cannot
    be a page of the site is reported and skipped, or stops the build."""
    findings = leave_out(metadata, is_article)
    if findings:
        strict = settings["REFLECTIONS_STRICT"]
        report_findings(findings, strict, ContentError, "content")


def add_generator(pelican):
    return ReflectionsGenerator


def register() -> None:
    quiet_redundant_tracebacks()
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    # Pelican's content caches hold what these readers read: key them.
    signals.initialized.connect(guard_caches)
    signals.finalized.connect(record_caches)
    signals.readers_init.connect(use_reflections_reader)
    signals.article_generator_context.connect(leave_out_article)
    signals.page_generator_context.connect(leave_out_page)
    signals.get_generators.connect(add_generator)
