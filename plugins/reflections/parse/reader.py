"""The Markdown reader for posts and pages: the parse stage's front door.

It is Pelican's own MarkdownReader, with three additions:

* private fields and blocks are hidden as Markdown reads them, and fields
  local-only in this build are withheld (``sitekit.privateblocks``, with
  the site's field rules); a marker nothing could hide leaves the file out
  with an error;
* the callout extension runs with the site's Markdown settings (without
  the kinds of callout this build withholds), and
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
from datetime import datetime
from typing import Any

from pelican.readers import (
    METADATA_PROCESSORS,
    MarkdownReader,
)
from pelican.utils import pelican_open, set_date_tzinfo

from sitekit.bodyfields import local_only_fields_in_body
from sitekit.datetext import ZoneNameError, zone_names_refused
from sitekit.fallbackslugs import give_fallback_page_slug, give_fallback_slugs
from sitekit.hygiene import PRIVATE_MARKER_NOT_HIDDEN, marker_not_hidden
from sitekit.localonly import local_only_names, separate_local_only
from sitekit.markdowncost import costly_markup
from sitekit.markers import fold
from sitekit.namespellings import one_name_per_slug
from sitekit.privateblocks import PrivateBlocksExtension
from sitekit.rootlinks import (
    PAGE_RELATIVE_LINKS,
    ROOT_LINKS,
    page_relative_links,
    root_relative_links,
)
from sitekit.rules import Finding, told
from sitekit.settings import slugifier
from sitekit.sitelinks import (
    SITE_LINKS,
    UNREWRITTEN_SITE_LINKS,
    site_file_links,
    unrewritten_site_file_links,
)
from sitekit.sitewords import SiteWordsExtension
from sitekit.sourcelines import metadata_block
from sitekit.sourcepaths import LinkRule, is_refused
from sitekit.statuses import bad_status
from sitekit.text import shows_nothing
from sitekit.titles import NO_TITLE
from sitekit.withheld import INDISPENSABLE_FIELDS, field_rules

from ..errors import ContentError, ReflectionsError
from ..model import ParsedPost
from ..resolve.vocabulary import Vocabulary, load_vocabulary, vocabulary_path
from ..settings import MAX_LESSONS
from .callouts import CalloutExtension
from .lessons_field import parse_lessons_field, shown_lessons_withheld
from .withheld import withheld_kinds

#: The metadata key of the ``ParsedPost``; Pelican makes it an attribute of
#: the post too.
PARSED = "reflections_parsed"
_DATE_FIELDS = ("date", "modified")
# What process_metadata gives a date that cannot be read; read() drops it,
# so the field is as if never written.
_DROPPED = object()


def _indispensable_withheld(
    name: str, reason: str, path: str, line: int | None
) -> Finding:
    """A title, date or status a rule withheld: the file is left out."""
    if name == "status":
        # Without it the post would be published: never quietly.
        return Finding(
            PRIVATE_MARKER_NOT_HIDDEN.name,
            f"the status {reason}, so it is withheld, and without it the post "
            "would be published: write the status alone (`Status: draft`) and "
            "keep the note elsewhere; it is left out",
            path,
            line,
        )
    return Finding(
        "no-title" if name == "title" else "bad-date",
        f"the {name} {reason}, so it is withheld and the post has no {name}: "
        f"give it a public {name}; it is left out",
        path,
        line,
    )


class ReflectionsMarkdownReader(MarkdownReader):
    #: It hides private text and withholds fields itself, on Markdown's
    #: structure and with line numbers (sourceguard checks other readers).
    keeps_private_markers = True

    def __init__(self, settings: dict[str, Any]):
        self._callouts = CalloutExtension(
            slugify=slugifier(settings),
            known_slug=_known_slugs(settings),
            withheld=withheld_kinds(settings),
            formatted_fields=frozenset(
                name.lower() for name in settings["FORMATTED_FIELDS"]
            ),
            markdown_settings=settings["MARKDOWN"],
        )
        self._private = PrivateBlocksExtension(field_rules(settings))
        # Unicode's confusables table, loaded here, before fastbuild forks
        # its workers, rather than once in each of them.
        fold("\u0440")
        # The site's Markdown settings plus ours, in this reader's own copy:
        # Pelican's MarkdownReader adds to the dict it is given.
        markdown = dict(settings["MARKDOWN"])
        markdown["extensions"] = [
            *markdown.get("extensions", []),
            self._private,
            self._callouts,
            SiteWordsExtension(settings.get("DEFAULT_LANG")),
        ]
        markdown["extension_configs"] = dict(markdown.get("extension_configs", {}))
        super().__init__({**settings, "MARKDOWN": markdown})
        self.site_settings = settings
        self._link_rule = LinkRule.from_settings(settings)
        self._max_lessons = settings.get("REFLECTIONS_MAX_LESSONS", MAX_LESSONS)
        self._fenced_code = _reads_fenced_code(markdown)
        # The dates process_metadata could not read in the file being read
        # (field name, finding); None between files.
        self._bad_dates: list[tuple[str, Finding]] | None = None
        # Fields given twice in the file being read; None between files.

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if is_refused(source_path, self._link_rule):
            # A link to outside the content folder, or a broken one: the
            # sourceguard plugin reported it when the build started, and
            # Pelican skips a file whose status is "skip".
            return "", {"status": "skip"}
        costly = _costly_markup(source_path, self._fenced_code)
        if costly is not None:
            return "", {
                PARSED: ParsedPost(source_path, findings=(costly,), left_out=(costly,))
            }
        self._callouts.start_document()
        self._private.start_document()
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
        private = self._private.document_state()
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
        left_out += [
            marker_not_hidden(found, source_path, "in a part of the file no rule hides")
            for found in private.unhidden
        ]
        for name in INDISPENSABLE_FIELDS:
            withheld = private.withheld.get(name)
            if withheld is not None:
                left_out.append(
                    _indispensable_withheld(
                        name,
                        withheld.reason,
                        source_path,
                        (private.field_lines.get(name) or [None])[0],
                    )
                )
        findings += _modified_before_date(
            metadata,
            self.site_settings.get("TIMEZONE"),
            source_path,
            state.metadata_lines.get("modified"),
        )
        status = bad_status(
            metadata.get("status", "published"),
            source_path,
            (state.metadata_lines.get("status") or [None])[0],
        )
        if status is not None:
            left_out.append(status)
        if "title" not in private.withheld and shows_nothing(metadata.get("title", "")):
            left_out.append(_no_title(metadata, source_path, state.metadata_lines))
        withheld_lessons = list(state.withheld_lessons)
        if "lessons" in private.withheld:
            withheld_lessons.insert(
                0,
                (
                    (private.field_lines.get("lessons") or [None])[0],
                    f"the `Lessons:` field, which {private.withheld['lessons'].reason}"
                    " and so is withheld whole, every lesson on it",
                ),
            )
        mentions = ()
        if "lessons" in metadata:
            mentions, found = parse_lessons_field(
                metadata.pop("lessons"),
                state.metadata_lines.get("lessons"),
                source_path,
            )
            findings.extend(found)
        # A story's or an asked question's own Lessons: line names lessons too.
        shown = [m for told in (*state.stories, *state.asked) for m in told.lessons]
        # With no lesson left, `no-lessons` tells of the field.
        lessons_field = private.withheld.get("lessons")
        if (
            lessons_field is not None
            and lessons_field.private
            and (shown or state.callouts)
        ):
            findings += shown_lessons_withheld(
                metadata_block("\n".join(private.source_lines)), source_path
            )
        left_out += self._too_many([*mentions, *shown], state.callouts, source_path)
        # A <meta> of raw HTML is body, published as written.
        left_out += local_only_fields_in_body(
            content,
            "\n".join(private.source_lines),
            source_path,
            local_only_names(self.site_settings),
        )
        findings += give_fallback_slugs(metadata, source_path, private.field_lines)
        findings += give_fallback_page_slug(
            metadata,
            source_path,
            self.site_settings,
            (private.field_lines.get("title") or [None])[0],
        )
        findings += one_name_per_slug(metadata, source_path, private.field_lines)
        metadata[PARSED] = ParsedPost(
            path=source_path,
            mentions=mentions,
            callouts=tuple(state.callouts),
            stories=tuple(state.stories),
            asked=tuple(state.asked),
            prompts=state.prompts,
            findings=(*left_out, *findings),
            left_out=tuple(left_out),
            withheld_lessons=tuple(withheld_lessons),
        )
        # Follow-ups, introductions...: the desk's in a local build, no one's
        # in a published one (sitekit.localonly).
        separate_local_only(metadata, source_path, self.site_settings, markdown=True)
        metadata[SITE_LINKS] = site_file_links(content, self.site_settings)
        metadata[UNREWRITTEN_SITE_LINKS] = unrewritten_site_file_links(
            content, self.site_settings
        )
        metadata[ROOT_LINKS] = root_relative_links(content)
        metadata[PAGE_RELATIVE_LINKS] = page_relative_links(content)
        return content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        """Pelican's own metadata processors, given the site's settings: the
        categories, tags and authors they make keep those, not this reader's
        copy (which holds the callout extension, and is no one else's).

        A withheld field never gets here (the meta extension's fields went
        through the field rules first). A date that cannot be read is a
        finding: ``read`` drops it."""
        reading = self._bad_dates is not None
        processor = METADATA_PROCESSORS.get(name)
        if processor is None:
            return value
        try:
            with zone_names_refused():
                return processor(value, self.site_settings)
        except (ValueError, OverflowError) as error:  # dateutil overflows on huge years
            if name not in _DATE_FIELDS:
                raise
            message = f"{name.capitalize()}: {value!r} is not a date; " + (
                str(error)
                if isinstance(error, ZoneNameError)
                else "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM"
            )
            if not reading:  # a date from the settings or the file's name
                raise told(
                    ContentError(message, rule="bad-date"),
                    bool(self.site_settings.get("REFLECTIONS_STRICT")),
                ) from error
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

    def _too_many(self, mentions, callouts, path: str) -> list[Finding]:
        """A post naming more lessons than the site allows is left out (an
        error): each lesson costs pages and feeds, and the index compares
        every pair. A lesson a callout names, named in ``Lessons:`` (or a
        story's) as well, or named there twice, is one lesson of the post,
        as resolve makes it; each callout counts, its anchor and note its
        own."""
        called = {self._callouts.anchor_slug(c.statement) for c in callouts}
        named: dict[str, int] = {}
        for mention in mentions:
            slug = self._callouts.anchor_slug(mention.statement)
            if slug not in called:
                named.setdefault(slug, mention.line or 0)
        lines = sorted([*named.values(), *(callout.line for callout in callouts)])
        if len(lines) <= self._max_lessons:
            return []
        return [
            Finding(
                "too-many-lessons",
                f"this post names {len(lines)} lessons, more than the "
                f"{self._max_lessons} a post may (REFLECTIONS_MAX_LESSONS), from "
                "this line on; split it, or keep the lessons it taught most; "
                "it is left out",
                path,
                lines[self._max_lessons] or None,
            )
        ]


def _reads_fenced_code(markdown: dict[str, Any]) -> bool:
    """Whether the site's Markdown reads fenced code blocks (``extra`` or
    ``fenced_code``): their ``<`` then never reach its raw-HTML reader."""
    names = [*markdown.get("extension_configs", {}), *markdown.get("extensions", [])]
    return any(
        (name if isinstance(name, str) else type(name).__module__)
        .rsplit(".", 1)[-1]
        .split(":")[0]
        in {"extra", "fenced_code"}
        for name in names
    )


def _costly_markup(source_path: str, fenced_code: bool) -> Finding | None:
    """A finding where Markdown would read the file in time beyond its
    length (``sitekit.markdowncost``), before Markdown is given it."""
    try:
        with pelican_open(source_path) as text:
            costly = costly_markup(text, fenced_code)
    except UnicodeDecodeError:
        return None  # Pelican's read says so, as not-utf8
    if costly is None:
        return None
    return Finding("costly-markup", costly.message, source_path, costly.line)


def _no_title(
    metadata: dict[str, Any], path: str, lines: dict[str, list[int]]
) -> Finding:
    """A post or page without a title a reader could see: none at all, or
    one of spaces and invisible characters (``sitekit.text.shows_nothing``),
    which would leave its link, heading and feed entry empty."""
    if "title" not in metadata:
        return Finding(
            NO_TITLE.name,
            "no title: add a `Title: ...` line to the metadata at the top; "
            "it is left out",
            path,
        )
    return Finding(
        NO_TITLE.name,
        f"Title: {str(metadata['title'])!r} shows nothing (spaces or invisible "
        "characters alone): write the title; it is left out",
        path,
        (lines.get("title") or [None])[0],
    )


def _modified_before_date(
    metadata: dict[str, Any], timezone: str | None, path: str, lines: list[int] | None
) -> list[Finding]:
    """A last change dated before the post was written is a slip in one of
    the two dates: readers and feeds would show it as it is. A date without
    a zone is in TIMEZONE, as Pelican places it when it makes the post."""
    date, modified = metadata.get("date"), metadata.get("modified")
    if not isinstance(date, datetime) or not isinstance(modified, datetime):
        return []
    date, modified = (
        set_date_tzinfo(date, timezone),
        set_date_tzinfo(modified, timezone),
    )
    try:
        earlier = modified < date
    except TypeError:  # no TIMEZONE, and only one says its zone
        return []
    if not earlier:
        return []
    shown = f"{modified:%Y-%m-%d %H:%M}"
    if modified.utcoffset() != date.utcoffset():  # both have a zone here
        shown += f" (in Date's zone {modified.astimezone(date.tzinfo):%Y-%m-%d %H:%M})"
    return [
        Finding(
            "modified-before-date",
            f"Modified: {shown} is earlier than Date: "
            f"{date:%Y-%m-%d %H:%M}; check both",
            path,
            (lines or [None])[0],
        )
    ]


def _known_slugs(settings: dict[str, Any]) -> Callable[[str], str | None]:
    """The vocabulary's exact matches, for the anchors of lesson callouts.

    The vocabulary is read when a callout first asks: Pelican makes a reader
    for every generator and file extension, and few of them convert a post.
    One that cannot be read matches nothing here; the generator reports it
    when the build loads it for good.
    """
    path = vocabulary_path(settings)
    if path is None:
        return lambda statement: None

    @functools.cache
    def vocabulary() -> Vocabulary:
        try:
            return load_vocabulary(path)
        except (ReflectionsError, OSError, ValueError):
            return Vocabulary()

    return lambda statement: vocabulary().slug_for(statement)
