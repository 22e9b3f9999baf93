"""The Markdown reader for posts and pages: the parse stage's front door.

It is Pelican's own MarkdownReader, with two additions:

* the lesson callout extension runs with the site's Markdown settings, and
  everything it and the reader find is kept in the metadata as one
  ``ParsedPost`` (``PARSED``), so Pelican's content cache keeps it with the
  post;
* what is wrong with the file is a finding with its file and line, never an
  exception: a file without a title, with a date that cannot be read or
  that is not UTF-8 is read as far as it can be, and its ``ParsedPost``
  says why it is left out (the build reports it, see ``pipeline``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.readers import METADATA_PROCESSORS, MarkdownReader

from sitekit.diagnostics import log_and_raise
from sitekit.localonly import separate_local_only
from sitekit.rules import Finding
from sitekit.settings import slugifier
from sitekit.sourcepaths import LinkRule, is_refused

from ..errors import ContentError, ReflectionsError
from ..model import ParsedPost
from ..resolve.vocabulary import Vocabulary, load_vocabulary
from .callouts import LessonCalloutExtension
from .lessons_field import parse_lessons_field

#: The metadata key of the ``ParsedPost``; Pelican makes it an attribute of
#: the post too.
PARSED = "reflections_parsed"
_DATE_FIELDS = ("date", "modified")
# What process_metadata gives a field that held a private marker or a date
# that cannot be read; read() drops it, so the field is as if never written.
_DROPPED = object()


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
        # The dates process_metadata could not read in the file being read
        # (field name, finding); None between files.
        self._bad_dates: list[tuple[str, Finding]] | None = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if is_refused(source_path, self._link_rule):
            # A link to outside the content folder, or a broken one: the
            # sourceguard plugin reported it when the build started, and
            # Pelican skips a file whose status is "skip".
            return "", {"status": "skip"}
        self._callouts.start_document()
        self._bad_dates = []
        try:
            content, metadata = super().read(source_path)
        except UnicodeDecodeError as error:
            unreadable = Finding(
                "not-utf8",
                f"cannot read the file as UTF-8 text ({error}); it is left out",
                source_path,
            )
            return "", {
                PARSED: ParsedPost(
                    source_path, findings=(unreadable,), left_out=(unreadable,)
                )
            }
        finally:
            bad_dates, self._bad_dates = self._bad_dates, None
        state = self._callouts.document_state()
        metadata = {
            key: value for key, value in metadata.items() if value is not _DROPPED
        }
        findings = [replace(f, path=source_path) for f in state.findings]
        # Without its date a post cannot be placed; without the date of its
        # last change it is as if never changed.
        left_out = [
            replace(f, path=source_path) for name, f in bad_dates if name == "date"
        ]
        findings += [
            replace(f, path=source_path) for name, f in bad_dates if name != "date"
        ]
        if "title" in state.hidden_fields:
            left_out.append(
                Finding(
                    "no-title",
                    "the title holds a private marker, so it is hidden and the "
                    "post has no title: give it a public title; it is left out",
                    source_path,
                    (state.metadata_lines.get("title") or [None])[0],
                )
            )
        elif not str(metadata.get("title", "")).strip():
            left_out.append(
                Finding(
                    "no-title",
                    "no title: add a `Title: ...` line to the metadata at the top; "
                    "it is left out",
                    source_path,
                )
            )
        mentions = ()
        if "lessons" in metadata:
            mentions, found = parse_lessons_field(
                metadata.pop("lessons"),
                state.metadata_lines.get("lessons"),
                source_path,
            )
            findings.extend(found)
        metadata[PARSED] = ParsedPost(
            path=source_path,
            mentions=mentions,
            callouts=tuple(state.callouts),
            prompts=state.prompts,
            findings=(*left_out, *findings),
            left_out=tuple(left_out),
        )
        # Follow-ups, introductions...: the desk's in a local build, no one's
        # in a published one (sitekit.localonly).
        separate_local_only(metadata, source_path, self.site_settings, markdown=True)
        return content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        """Pelican's own metadata processors, given the site's settings: the
        categories, tags and authors they make keep those, not this reader's
        copy (which holds the callout extension, and is no one else's).

        A field that held a private marker is not processed at all (a
        hidden date is no date error), and a date that cannot be read is a
        finding: ``read`` drops both."""
        reading = self._bad_dates is not None
        if reading and name in self._callouts.document_state().hidden_fields:
            return _DROPPED
        processor = METADATA_PROCESSORS.get(name)
        if processor is None:
            return value
        try:
            return processor(value, self.site_settings)
        except (ValueError, OverflowError) as error:  # dateutil overflows on huge years
            if name not in _DATE_FIELDS:
                raise
            message = (
                f"{name.capitalize()}: {value!r} is not a date; write it as "
                "YYYY-MM-DD or YYYY-MM-DD HH:MM"
            )
            if not reading:  # a date from the settings or the file's name
                raise log_and_raise(ContentError(message)) from error
            outcome = "it is left out" if name == "date" else "it is ignored"
            lines = self._callouts.document_state().metadata_lines
            self._bad_dates.append(
                (
                    name,
                    Finding(
                        "bad-date",
                        f"{message}; {outcome}",
                        line=(lines.get(name) or [None])[0],
                    ),
                )
            )
            return _DROPPED


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
