"""The Markdown reader for posts and pages: the parse stage's front door.

It differs from Pelican's own MarkdownReader in three ways:

* it converts every file with one Markdown instance, reset between files,
  instead of building a new instance (and re-loading every extension) per
  file, which is a quarter of a stock Pelican build;
* it runs the lesson callout extension and stores what it found as metadata
  (``lesson_mentions``, ``lesson_callouts``), so the content cache keeps it;
* a bad date, a missing title or a broken callout fails with the file and
  line in the message, instead of Pelican's bare "Could not process".
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .callouts import LessonCalloutExtension
from .errors import ContentError, Diagnostic, ReflectionsError
from .metadata import metadata_lines, parse_lessons_field
from .settings import slugifier

logger = logging.getLogger(__name__)

_DATE_FIELDS = ("date", "modified")


class ReflectionsMarkdownReader(MarkdownReader):
    #: Convert every file with one Markdown instance. Tests turn this off to
    #: show that reuse changes no byte of the output.
    reuse_markdown = True

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._callouts = LessonCalloutExtension(slugify=slugifier(settings))
        self._md: Markdown | None = None
        self._lines: dict[str, list[int]] = {}

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        with pelican_open(source_path) as text:
            source = text
        self._lines = metadata_lines(source)
        self._md = self._markdown()
        try:
            content = self._md.convert(source)
        except ReflectionsError as error:
            raise report(error, source_path) from None
        state = self._callouts.state
        callouts = tuple(state.callouts)
        diagnostics = [_at(diagnostic, source_path) for diagnostic in state.diagnostics]

        metadata = self._parse_metadata(self._md.Meta)
        if not str(metadata.get("title", "")).strip():
            raise report(
                ContentError(
                    "no title: add a `Title: ...` line to the metadata at the top",
                    source_path,
                ),
                source_path,
            )
        if "lessons" in metadata:
            mentions, found = parse_lessons_field(
                metadata.pop("lessons"), self._lines.get("lessons"), source_path
            )
            diagnostics.extend(found)
            if mentions:
                metadata["lesson_mentions"] = mentions
        if callouts:
            metadata["lesson_callouts"] = callouts
        if diagnostics:
            metadata["reflections_diagnostics"] = tuple(diagnostics)
        return content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        try:
            return super().process_metadata(name, value)
        except (ValueError, OverflowError) as error:  # dateutil overflows on huge years
            if name not in _DATE_FIELDS:
                raise
            line = (self._lines.get(name) or [None])[0]
            raise report(
                ContentError(
                    f"{name.capitalize()}: {value!r} is not a date; write it as "
                    "YYYY-MM-DD or YYYY-MM-DD HH:MM",
                    self._source_path,
                    line,
                ),
                self._source_path,
            ) from error

    def _markdown(self) -> Markdown:
        """The shared Markdown instance, reset and with its meta step restored.

        Pelican's ``_parse_metadata`` removes the meta preprocessor so that a
        Summary is not mistaken for metadata; a reused instance needs it back.
        """
        if self._md is None or not self.reuse_markdown:
            config = dict(self.settings["MARKDOWN"])
            config["extensions"] = [*config.get("extensions", []), self._callouts]
            return Markdown(**config)
        self._md.reset()
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(MetaPreprocessor(self._md), "meta", 27)
        return self._md


def report(error: ReflectionsError, path: str) -> ReflectionsError:
    """Log a content error with its location and hand it back for raising.

    Pelican logs a reader's exception only as "Could not process <file>", so
    the reason has to be logged here, where it is known.
    """
    if error.path is None:
        error.path = path
    logger.error(error.location_message())
    return error


def _at(diagnostic: Diagnostic, path: str) -> Diagnostic:
    return replace(diagnostic, path=path)
