"""The Markdown reader for posts and pages: the parse stage's front door.

It differs from Pelican's own MarkdownReader in four ways:

* it converts every file with one Markdown instance, reset between files,
  instead of building a new instance (and re-loading every extension) per
  file;
* the conversion (``convert_file``) is separate from the metadata work
  (``finish``), so that conversions can run in other processes while Pelican
  reads (see parallel.py);
* it runs the lesson callout extension and stores what it found as metadata
  (``lesson_mentions``, ``lesson_callouts``), so the content cache keeps it;
* a bad date, a missing title or a broken callout fails with the file and
  line in the message, instead of Pelican's bare "Could not process".
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import parallel
from .callouts import LessonCalloutExtension
from .errors import CalloutError, ContentError, Diagnostic, ReflectionsError
from .fastpaths import extensions_keep_plain_text, is_plain_paragraph, parse_date
from .metadata import metadata_lines, parse_lessons_field
from .model import LessonCallout
from .settings import slugifier
from .vocabulary import Vocabulary, load_vocabulary

logger = logging.getLogger(__name__)

_DATE_FIELDS = ("date", "modified")


@dataclass
class Conversion:
    """A file's Markdown work, done wherever it was done: plain, picklable data."""

    content: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    formatted: dict[str, str] = field(default_factory=dict)  # field text -> HTML
    lines: dict[str, list[int]] = field(default_factory=dict)
    callouts: tuple[LessonCallout, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # A problem found on the way: ("callout" or "content", message, line).
    error: tuple[str, str, int | None] | None = None


class _Fields:
    """Stands in for Markdown while Pelican parses metadata.

    Pelican renders formatted fields (Summary) with the reader's Markdown
    instance; here they were rendered already, with the document.
    """

    def __init__(self, formatted: dict[str, str]):
        self.formatted = formatted
        self.preprocessors = self

    def deregister(self, name: str) -> None:
        pass

    def reset(self) -> None:
        pass

    def convert(self, text: str) -> str:
        return self.formatted[text]


class ReflectionsMarkdownReader(MarkdownReader):
    #: Convert every file with one Markdown instance. Tests turn this off to
    #: show that reuse changes no byte of the output.
    reuse_markdown = True
    #: Parse ISO dates without dateutil, and render plain Summary fields
    #: without Markdown (see fastpaths.py). Tests turn each off to show that
    #: the output does not change.
    fast_dates = True
    plain_fields = True

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._callouts = LessonCalloutExtension(
            slugify=slugifier(settings), known_slug=_known_slugs(settings)
        )
        self._md: Markdown | None = None
        self._lines: dict[str, list[int]] = {}
        # A plain paragraph is only "<p>text</p>" with extensions that leave
        # plain text alone (not smarty's quotes, nor nl2br's line breaks).
        self._plain_fields_safe = self.plain_fields and extensions_keep_plain_text(
            settings["MARKDOWN"].get("extensions", [])
        )

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        conversion = parallel.converted(source_path) or self.convert_file(source_path)
        return self.finish(source_path, conversion)

    def convert_file(self, source_path: str) -> Conversion:
        """All of the Markdown work on one file (this may run in a worker)."""
        try:
            with pelican_open(source_path) as text:
                source = text
        except UnicodeDecodeError as error:
            message = f"cannot read the file as UTF-8 text ({error})"
            return Conversion(error=("content", message, None))
        markdown = self._markdown()
        self._md = markdown
        try:
            content = markdown.convert(source)
        except CalloutError as error:
            return Conversion(
                lines=metadata_lines(source),
                error=("callout", error.message, error.line),
            )
        state = self._callouts.state
        meta = markdown.Meta
        # As Pelican does before rendering formatted fields: no metadata in them.
        markdown.preprocessors.deregister("meta")
        formatted = {}
        for name, values in meta.items():
            if name.lower() in self.settings["FORMATTED_FIELDS"]:
                text = "\n".join(values)
                formatted[text] = self._render_field(markdown, text)
        return Conversion(
            content=content,
            meta=meta,
            formatted=formatted,
            lines=metadata_lines(source),
            callouts=tuple(state.callouts),
            diagnostics=tuple(state.diagnostics),
        )

    def finish(
        self, source_path: str, conversion: Conversion
    ) -> tuple[str, dict[str, Any]]:
        """Turn a conversion into Pelican's (content, metadata), reporting problems."""
        self._source_path = source_path
        self._lines = conversion.lines
        if conversion.error is not None:
            kind, message, line = conversion.error
            error_type = CalloutError if kind == "callout" else ContentError
            raise report(error_type(message, source_path, line), source_path)
        diagnostics = [replace(d, path=source_path) for d in conversion.diagnostics]
        self._md = _Fields(conversion.formatted)
        try:
            metadata = self._parse_metadata(conversion.meta)
        finally:
            self._md = None
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
        if conversion.callouts:
            metadata["lesson_callouts"] = conversion.callouts
        if diagnostics:
            metadata["reflections_diagnostics"] = tuple(diagnostics)
        return conversion.content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        try:
            if name in _DATE_FIELDS and self.fast_dates and isinstance(value, str):
                # As Pelican's own processors: only Date allows "_" for " ".
                return parse_date(value.replace("_", " ") if name == "date" else value)
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

    def _render_field(self, markdown: Markdown, text: str) -> str:
        if self._plain_fields_safe and is_plain_paragraph(text):
            return f"<p>{text}</p>"
        markdown.reset()
        return markdown.convert(text)

    def _markdown(self) -> Markdown:
        """The shared Markdown instance, reset and with its meta step restored."""
        markdown = getattr(self, "_shared_markdown", None)
        if markdown is None or not self.reuse_markdown:
            config = dict(self.settings["MARKDOWN"])
            config["extensions"] = [*config.get("extensions", []), self._callouts]
            markdown = self._shared_markdown = Markdown(**config)
            return markdown
        markdown.reset()
        if "meta" not in markdown.preprocessors:
            markdown.preprocessors.register(MetaPreprocessor(markdown), "meta", 27)
        return markdown


def _known_slugs(settings: dict[str, Any]) -> Callable[[str], str | None]:
    """The vocabulary's exact matches, for the anchors of lesson callouts.

    The vocabulary is read when a callout first asks: Pelican makes a reader
    for every generator and file extension, and few of them convert a post.
    One that cannot be read matches nothing here; the generator reports it
    when the build loads it for good.
    """
    name = settings.get("REFLECTIONS_VOCABULARY")
    if not name:
        return lambda statement: None

    @functools.cache
    def vocabulary() -> Vocabulary:
        try:
            return load_vocabulary(Path(settings["PATH"]) / name)
        except (ReflectionsError, OSError, ValueError):
            return Vocabulary()

    return lambda statement: vocabulary().slug_for(statement)


def report(error: ReflectionsError, path: str) -> ReflectionsError:
    """Log a content error with its location and hand it back for raising.

    Pelican logs a reader's exception only as "Could not process <file>", so
    the reason has to be logged here, where it is known.
    """
    if error.path is None:
        error.path = path
    logger.error(error.location_message())
    return error
