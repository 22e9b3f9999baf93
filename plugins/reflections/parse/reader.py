"""The Markdown reader for posts and pages: the parse stage's front door.

It is Pelican's own MarkdownReader, with two additions:

* the lesson callout extension runs with the site's Markdown settings, and
  what it finds is kept as metadata (``lesson_mentions``,
  ``lesson_callouts``, ``reflections_diagnostics``), so Pelican's content
  cache keeps it with the post;
* a bad date, a missing title, a file that is not UTF-8 or a broken callout
  fails with the file and line in the message, instead of Pelican's bare
  "Could not process".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.readers import METADATA_PROCESSORS, MarkdownReader

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.settings import slugifier
from sitekit.sourcepaths import LinkRule, is_refused

from ..errors import ContentError, ReflectionsError
from ..resolve.vocabulary import Vocabulary, load_vocabulary
from .callouts import LessonCalloutExtension
from .lessons_field import parse_lessons_field

_DATE_FIELDS = ("date", "modified")
# What process_metadata gives a field that held a private marker; read()
# drops it, so the field is as if never written.
_HIDDEN = object()


class ReflectionsMarkdownReader(MarkdownReader):
    #: It hides private text and removes control characters itself, with
    #: line numbers (sourceguard checks the other readers).
    keeps_private_markers = True

    def __init__(self, settings: dict[str, Any]):
        self._callouts = LessonCalloutExtension(
            slugify=slugifier(settings), known_slug=_known_slugs(settings)
        )
        # The site's Markdown settings plus the callouts, in this reader's
        # own copy: Pelican's MarkdownReader adds to the dict it is given.
        markdown = dict(settings["MARKDOWN"])
        markdown["extensions"] = [*markdown.get("extensions", []), self._callouts]
        markdown["extension_configs"] = dict(markdown.get("extension_configs", {}))
        super().__init__({**settings, "MARKDOWN": markdown})
        self.site_settings = settings
        self._link_rule = LinkRule.from_settings(settings)
        self._reading = False

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if is_refused(source_path, self._link_rule):
            # A link to outside the content folder, or a broken one: the
            # sourceguard plugin reported it when the build started, and
            # Pelican skips a file whose status is "skip".
            return "", {"status": "skip"}
        self._callouts.start_document()
        self._reading = True
        try:
            content, metadata = super().read(source_path)
        except UnicodeDecodeError as error:
            raise self._failed(
                ContentError(f"cannot read the file as UTF-8 text ({error})")
            ) from None
        except SiteError as error:
            raise self._failed(error) from None
        finally:
            self._reading = False
        state = self._callouts.document_state()
        metadata = {
            key: value for key, value in metadata.items() if value is not _HIDDEN
        }
        if "title" in state.hidden_fields:
            raise self._failed(
                ContentError(
                    "the title holds a private marker, so it is hidden and the "
                    "post has no title: give it a public title",
                    line=(state.metadata_lines.get("title") or [None])[0],
                )
            )
        if not str(metadata.get("title", "")).strip():
            raise self._failed(
                ContentError(
                    "no title: add a `Title: ...` line to the metadata at the top"
                )
            )
        diagnostics = [replace(d, path=source_path) for d in state.diagnostics]
        if "lessons" in metadata:
            mentions, found = parse_lessons_field(
                metadata.pop("lessons"),
                state.metadata_lines.get("lessons"),
                source_path,
            )
            diagnostics.extend(found)
            if mentions:
                metadata["lesson_mentions"] = mentions
        if state.callouts:
            metadata["lesson_callouts"] = tuple(state.callouts)
        if state.prompts:
            metadata["reflections_prompts"] = state.prompts
        if diagnostics:
            metadata["reflections_diagnostics"] = tuple(diagnostics)
        return content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        """Pelican's own metadata processors, given the site's settings: the
        categories, tags and authors they make keep those, not this reader's
        copy (which holds the callout extension, and is no one else's).

        A field that held a private marker is not processed at all (a
        hidden date is no date error): ``read`` drops it."""
        if self._reading and name in self._callouts.document_state().hidden_fields:
            return _HIDDEN
        processor = METADATA_PROCESSORS.get(name)
        if processor is None:
            return value
        try:
            return processor(value, self.site_settings)
        except (ValueError, OverflowError) as error:  # dateutil overflows on huge years
            if name not in _DATE_FIELDS:
                raise
            lines = self._callouts.document_state().metadata_lines
            raise self._failed(
                ContentError(
                    f"{name.capitalize()}: {value!r} is not a date; write it as "
                    "YYYY-MM-DD or YYYY-MM-DD HH:MM",
                    line=(lines.get(name) or [None])[0],
                )
            ) from error

    def _failed(self, error: SiteError) -> SiteError:
        """Log the error with this file's name, for Pelican says only "Could
        not process", and hand it back for raising."""
        if error.path is None:
            error.path = self._source_path
            error.args = (error.location_message(),)
        return log_and_raise(error)


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
