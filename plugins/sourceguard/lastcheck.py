"""The same privacy check for every reader, whichever plugin registered it.

The site's Markdown reader hides private text and withholds fields itself,
on the structure Markdown builds, with line numbers
(``sitekit.privateblocks``). Pelican also reads ``.html`` and ``.rst``
files into pages and posts, and a plugin may register any other reader.
So every reader class that does not say it applies the rules itself
(``keeps_private_markers``) is given a subclass, at ``readers_init``, that
does what the Markdown reader does with what it reads:

* each metadata field's raw text, as the reader hands it to
  ``process_metadata`` (before it becomes a date, a list of tags, a
  category or an author), goes through the site's field rules
  (``sitekit.withheld``): a field with a private marker, or one local-only
  in this build, is dropped whole, as in Markdown; a misspelt marker is
  reported. Then every value the reader returns is looked at once more,
  whatever its type (a title taken from the document, a list of authors);
* a private marker left anywhere in the page's body, code included, stops
  the build naming the file and line: this reader cannot hide text around
  it, and privacy fails closed (the ``private-marker-not-hidden`` rule, an
  error at every level). So does a private title: a page needs one;
* a reader that fails leaves the file out with its reason, at the
  ``unreadable-file`` rule's level (``sitekit.unreadable``), and so does a
  ``Status`` Pelican does not know (``bad-status``, ``sitekit.statuses``)
  and a title that shows nothing (``no-title``, ``sitekit.titles``);
* a local-only field drawn in the body, where this reader takes no
  fields (a reST field list after the first paragraph, a ``<meta>`` in an
  HTML file's ``<body>``), stops the build naming the file and line
  (``sitekit.bodyfields``): it would be published as written;
* control characters are removed, reported naming the file, and so are
  character references to them (``sitekit.charrefs``, which also makes
  every other reference one a browser reads without an error);
* in a build that keeps local-only fields, they are moved out of the
  metadata into the desk's record of them (``sitekit.localonly``), as
  the Markdown reader moves its own.

What it finds is kept in the metadata (``FINDINGS``), so Pelican's content
cache keeps it with the page: the build reports it as the generator takes
the page (``report_read_findings``), ``reflect lint`` through
sourceguard's content stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.contents import Static
from pelican.readers import MarkdownReader

from sitekit.bodyfields import local_only_fields_in_body
from sitekit.charrefs import removed_references_message, repair_references
from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.drawn import as_read
from sitekit.drawnmarkers import DrawnMarker, drawn_only_spelling
from sitekit.fallbackslugs import give_fallback_page_slug, give_fallback_slugs
from sitekit.fieldplace import field_place
from sitekit.hygiene import (
    CONTROL_CHARACTER,
    CONTROL_CHARACTERS,
    drawn_marker,
    marker_not_hidden,
    misspelt_marker,
)
from sitekit.localonly import local_only_names, separate_local_only
from sitekit.markers import FoundMarker, found_markers, has_private_marker
from sitekit.namespellings import one_name_per_slug
from sitekit.rootlinks import (
    PAGE_RELATIVE_LINKS,
    ROOT_LINKS,
    page_relative_links,
    root_relative_links,
)
from sitekit.rules import Finding, leaving_out, report_findings
from sitekit.sitelinks import (
    SITE_LINKS,
    UNREWRITTEN_SITE_LINKS,
    site_file_links,
    unrewritten_site_file_links,
)
from sitekit.sourcelines import field_line
from sitekit.statuses import bad_status
from sitekit.titles import untitled
from sitekit.unreadable import unreadable
from sitekit.withheld import (
    INDISPENSABLE_FIELDS,
    WITHHELD_FIELDS,
    Withholding,
    field_rules,
    leftover_fields,
    value_texts,
    withholding,
)

# What process_metadata gives a withheld field; read() drops it.
_DROPPED = object()
#: The metadata key of what the check found in a file.
FINDINGS = "sourceguard_findings"


class PrivateTextError(SiteError):
    """A private marker where no reader could hide its text."""


class LeftOut(SiteError):
    """A file left out as it is read: its reader fails on it
    (``sitekit.unreadable``), its ``Status`` is none Pelican knows
    (``sitekit.statuses``), it has no title (``sitekit.titles``)."""


class ControlCharacterError(SiteError):
    """Control characters in another reader's file, where the rule table
    makes them an error."""


def guard_readers(readers: Any) -> None:
    """Wrap each reader class that does not apply the privacy rules itself."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is None or getattr(
            reader_class, "keeps_private_markers", False
        ):
            continue
        readers.reader_classes[extension] = _checked(reader_class)


def _checked(reader_class: type) -> type:
    def process_metadata(self, name: str, value: Any) -> Any:
        withheld = getattr(self, "_withheld", None)
        if withheld is not None:  # reading a file, not the settings' defaults
            rules = field_rules(self.settings)
            found = withholding(name, "\n".join(value_texts(value)), rules)
            if found is not None:
                withheld.append(found)
                return _DROPPED
        return reader_class.process_metadata(self, name, value)

    def read(self, source_path: str):
        self._withheld = []
        try:
            content, metadata = reader_class.read(self, source_path)
        except SiteError:
            raise
        except Exception as error:  # docutils' markup error, a plugin's reader
            raise leaving_out(
                unreadable(source_path, error),
                self.settings["SOURCE_LINKS_STRICT"],
                LeftOut,
            ) from None
        finally:
            withheld, self._withheld = self._withheld, None
        # A field withheld for its private marker is check_read's to report
        # (``private-marker-not-hidden``), not a status or title gone wrong.
        given = metadata.get("status", "published")
        status = None
        if given is not _DROPPED:
            line = field_line(source_path, "status", value=str(given))
            status = bad_status(given, source_path, line)
        if status is not None:  # Pelican's own line named no rule
            raise leaving_out(status, self.settings["SOURCE_LINKS_STRICT"], LeftOut)
        # A static file (Pelican's "static" reader) needs no title.
        static = "static" in reader_class.file_extensions
        no_title = None if static else untitled(metadata, source_path)
        if no_title is not None:
            raise leaving_out(no_title, self.settings["SOURCE_LINKS_STRICT"], LeftOut)
        rules = field_rules(self.settings)
        content, metadata = check_read(source_path, content, metadata, withheld, rules)
        in_body = local_only_fields_in_body(
            content,
            _source_text(source_path),
            source_path,
            local_only_names(self.settings),
        )
        if in_body:
            metadata[FINDINGS] = (*metadata.get(FINDINGS, ()), *in_body)
        if withheld:
            metadata[WITHHELD_FIELDS] = tuple(
                dict.fromkeys((found.field, found.reason) for found in withheld)
            )
        if not static:
            slugged = give_fallback_page_slug(
                metadata,
                source_path,
                self.settings,
                field_line(source_path, "title", value=str(metadata.get("title", ""))),
            )
            if slugged:
                metadata[FINDINGS] = (*metadata.get(FINDINGS, ()), *slugged)
        # Local-only fields kept by this build go to the desk's record.
        markdown = issubclass(reader_class, MarkdownReader)
        separate_local_only(metadata, source_path, self.settings, markdown=markdown)
        metadata[SITE_LINKS] = site_file_links(content, self.settings)
        metadata[UNREWRITTEN_SITE_LINKS] = unrewritten_site_file_links(
            content, self.settings
        )
        metadata[ROOT_LINKS] = root_relative_links(content)
        metadata[PAGE_RELATIVE_LINKS] = page_relative_links(content)
        return content, metadata

    return type(
        reader_class.__name__,
        (reader_class,),
        {
            "read": read,
            "process_metadata": process_metadata,
            "keeps_private_markers": True,
            "__module__": __name__,
        },
    )


def check_read(
    path: str,
    content: str | None,
    metadata: dict[str, Any],
    withheld: list[Withholding],
    rules: tuple,
) -> tuple[str | None, dict[str, Any]]:
    """The reader's (content, metadata), without withheld fields or control
    characters; a private marker nothing can hide stops the build."""
    metadata = {
        name: value for name, value in metadata.items() if value is not _DROPPED
    }
    for found in leftover_fields(metadata, rules):
        metadata.pop(found.field, None)
        withheld.append(found)
    source = _source_text(path)
    findings: list[Finding] = []
    drawn_to = 0  # how far markers of fields not found were looked for
    for found in withheld:
        if found.field in INDISPENSABLE_FIELDS and found.private:
            # A page needs its title and date; without its status a draft
            # would be published.
            raise _not_hidden(found.markers[0], source, path, f"in the {found.field}")
        place = field_place(source, found.field)
        field_to = 0 if place is None else place[0]
        for marker in found.markers:
            if not marker.canonical:
                findings.append(misspelt_marker(_in_source(marker, source), path))
                continue
            # `[!priv&#97;te]` in a reST field, `[!p&#114;ivate]` in a
            # <meta>: spelt right only as the reader hands it on.
            drawn = _drawn_in(marker, source, place, field_to)
            if drawn is _NOT_IN_FIELD and (slips := _slips_in(source, place)):
                # `&#91;!private&#93;` in a <meta>: the reader handed on
                # `[!private]`, the field's text spells a marker with a slip.
                findings += [misspelt_marker(slip, path) for slip in slips]
            elif drawn is _NOT_IN_FIELD:
                if drawn := _drawn_only(marker, source, drawn_to):
                    findings.append(drawn_marker(drawn[0], path))
                    drawn_to = drawn[1]
            elif drawn is not None:
                findings.append(drawn_marker(drawn[0], path))
                field_to = drawn[1]
    # The body as the page draws it too: `[!priv&#97;te]` or
    # `[!pri<b></b>vate]` shows `[!private]`.
    drawn = next(
        (
            view
            for view in (content, as_read(content or ""))
            if has_private_marker(view)
        ),
        None,
    )
    if content and drawn is not None:
        marker = found_markers(drawn)[0]
        # The fields come before the body in an HTML head or a reST docinfo.
        in_fields = sum(
            written.spelling == marker.spelling
            for found in withheld
            for written in found.markers
        )
        raise _not_hidden(marker, source, path, "in the body of this file", in_fields)
    if content and CONTROL_CHARACTERS.search(content):
        content = CONTROL_CHARACTERS.sub("", content)
        findings.append(_removed(path, "the page's HTML"))
    if content:
        repaired = repair_references(content)
        content = repaired.html
        if repaired.removed:
            findings.append(
                Finding(
                    CONTROL_CHARACTER.name,
                    removed_references_message(repaired.removed),
                    path,
                )
            )
    for name, value in list(metadata.items()):
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            metadata[name] = CONTROL_CHARACTERS.sub("", value)
            findings.append(_removed(path, f"{name.capitalize()}:"))
    findings += give_fallback_slugs(metadata, path)
    findings += one_name_per_slug(metadata, path)
    if findings:
        metadata[FINDINGS] = tuple(findings)
    return content, metadata


def check_path_fields(content: Any) -> None:
    """At ``content_object_init``: the fields Pelican reads from a page's
    folder or file name (the category ``USE_FOLDER_AS_CATEGORY`` takes from
    the folder, any ``FILENAME_METADATA`` or ``PATH_METADATA`` group, an
    ``EXTRA_PATH_METADATA`` entry) never pass through a reader's ``read``,
    so the field rules are applied here to what is left once the reader's
    own fields were checked. A name cannot be hidden: a private marker
    there leaves the page out, naming the file (``private-marker-not-hidden``);
    a local-only field this build withholds is dropped, as a written one is.
    A static file keeps its name (``staticcheck`` judges it)."""
    if isinstance(content, Static):
        return
    for found in leftover_fields(content.metadata, field_rules(content.settings)):
        if found.private:
            marker = found.markers[0]
            raise _not_hidden(
                FoundMarker(None, marker.spelling, marker.canonical),
                "",
                content.source_path,
                f"in the folder or file name that gives it its {found.field}",
            )
        content.metadata.pop(found.field, None)
        if hasattr(content, found.field):
            delattr(content, found.field)


def report_read_findings(generator: Any, metadata: dict[str, Any]) -> None:
    """As a generator takes a page (read now or from the cache): report what
    the check found in it."""
    findings = metadata.pop(FINDINGS, ())
    strict = generator.settings["SOURCE_LINKS_STRICT"]
    report_findings(findings, strict, ControlCharacterError, "content")


def read_findings(contents: Iterable[Any]) -> list[Finding]:
    """What the check found in ``contents``, for ``reflect``."""
    return [
        finding
        for content in contents
        for finding in content.metadata.get(FINDINGS, ())
    ]


def _not_hidden(
    marker: FoundMarker, source: str, path: str, where: str, skip: int = 0
) -> PrivateTextError:
    finding = marker_not_hidden(_in_source(marker, source, skip), path, where)
    return log_and_raise(
        PrivateTextError(finding.message, path, finding.line, finding.rule)
    )


def _source_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _in_source(marker: FoundMarker, source: str, skip: int = 0) -> FoundMarker:
    """The marker with the line of the source file it is written on (the
    first with that spelling after ``skip`` of them), as written where the
    page only draws it (``[!pri<b></b>vate]``), or no line if the reader
    changed it."""
    for written in found_markers(source):
        if written.spelling == marker.spelling:
            if skip == 0:
                return written
            skip -= 1
    drawn_to = 0
    while drawn := drawn_only_spelling(source, marker.spelling, drawn_to):
        if skip == 0:
            return FoundMarker(drawn[0].line, drawn[0].written, False)
        skip -= 1
        drawn_to = drawn[1]
    for written in found_markers(as_read(source)):
        if written.spelling == marker.spelling:
            if skip == 0:
                return written
            skip -= 1
    return FoundMarker(None, marker.spelling, marker.canonical)


#: What ``_drawn_in`` says of a field whose text is not found, or holds
#: the marker neither plainly nor with markup (it was read elsewhere).
_NOT_IN_FIELD = object()


def _drawn_in(
    marker: FoundMarker, source: str, place: tuple[int, int] | None, after: int
) -> tuple[DrawnMarker, int] | object | None:
    """Where a field's marker, spelt right as the reader handed it on, is
    written with markup in the field's own text (``place`` in the source,
    from ``after``); None if that text writes it plainly: what the body or
    another field writes says nothing of this field."""
    if place is None:
        return _NOT_IN_FIELD
    start, end = place
    text = source[start:end]
    if any(written.spelling == marker.spelling for written in found_markers(text)):
        return None
    drawn = drawn_only_spelling(text, marker.spelling, after - start)
    if drawn is None:
        return _NOT_IN_FIELD
    lines_before = source.count("\n", 0, start)
    found = replace(drawn[0], line=drawn[0].line + lines_before)
    return found, start + drawn[1]


def _slips_in(source: str, place: tuple[int, int] | None) -> list[FoundMarker]:
    """The markers a field's own text (``place`` in the source) spells
    otherwise than ``[!private]``, at their lines in the source."""
    if place is None:
        return []
    start, end = place
    lines_before = source.count("\n", 0, start)
    return [
        replace(found, line=(found.line or 1) + lines_before)
        for found in found_markers(source[start:end])
        if not found.canonical
    ]


def _drawn_only(
    marker: FoundMarker, source: str, after: int
) -> tuple[DrawnMarker, int] | None:
    """Where the marker of a field not found in the source
    (``field_place``), spelt right as the reader handed it on, is written
    with markup there (after ``after``), if it is not written plainly
    anywhere."""
    if any(written.spelling == marker.spelling for written in found_markers(source)):
        return None
    return drawn_only_spelling(source, marker.spelling, after)


def _removed(path: str, where: str) -> Finding:
    return Finding(
        CONTROL_CHARACTER.name, f"removed control characters from {where}", path
    )
