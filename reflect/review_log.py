"""`reflect review done`: add the day a lesson was reviewed to reviews.yml.

reviews.yml is the writer's file, so it is edited as a round trip with
ruamel.yaml: its comments, order, quoting and indentation stay as they were
(the indentation is read from the file, and the lines around the document,
a ``---`` or ``...`` and their comments, are kept as they are:
``yaml_layout``), and the one new line is the only change: the day goes at
the end of the lesson's list, or a new entry at the end of the file. The
result is read back with the desk's own reader before it replaces the file
in one step.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from io import StringIO
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from desk.dates import parse_date
from desk.reviewlog import (
    day_that_is_none,
    load_days_as_text,
    read_review_log,
    too_large,
)
from sitekit.personyaml import PersonYamlError, load_person_yaml

from .file_replacing import make_folder_for, replace_file
from .file_style import read_styled
from .yaml_layout import Indentation, YamlDocument

HEADER = (
    "# Lessons I went back over, and when: `reflect review done SLUG` adds the\n"
    "# day under the lesson. Local-only: no build publishes this file.\n"
)


class ReviewRefused(Exception):
    """The file cannot take the review; it is left as it was. ``line`` is
    the line of the file at fault, when there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Marked:
    slug: str
    day: date
    added: bool  # False when that day was already there


def mark_reviewed(path: Path, slugs: Collection[str], day: date) -> list[Marked]:
    """Add ``day`` under each of ``slugs`` in ``path`` (made if missing)."""
    larger = too_large(path)
    if larger:
        raise ReviewRefused(f"{larger}; it was left as it was")
    was = _as_read(path)
    try:
        text, style = read_styled(path, missing=HEADER)
    except UnicodeDecodeError as error:
        raise ReviewRefused(
            f"reviews.yml is not UTF-8 text (byte {error.start + 1} is not); "
            "save it as UTF-8 first"
        ) from None
    document = YamlDocument.of(text)
    yaml, data = _load(document)
    for slug in slugs:
        _check_entry_shape(data, slug, document.head_lines)
    had_entries = bool(data)
    marked = []
    edited: set[str] = set()  # whose entry's first line may change
    for slug in slugs:
        entry = data.get(slug)
        if isinstance(entry, _AsWritten) and entry.tag.endswith(":null"):
            entry = None  # `slug: ~` or `slug:` alone: no day yet
        if entry is not None and day in _days(entry):
            marked.append(Marked(slug, day, False))
            continue
        # A date object of its own for each entry: ruamel.yaml would write
        # one object met twice as an anchor and an alias.
        day = date.fromordinal(day.toordinal())
        if entry is None:
            data[slug] = CommentedSeq([day])
        elif isinstance(entry, CommentedSeq):
            _append(entry, day)
        else:  # one day written alone: it becomes a list of two
            data[slug] = CommentedSeq([entry, day])
        edited.add(slug)
        marked.append(Marked(slug, day, True))
    if any(m.added for m in marked):
        body = document.body
        written = _dump(yaml, data, body, slugs)
        if not had_entries and body.strip():  # comments alone: ruamel drops them
            written = body.rstrip("\n") + "\n\n" + written
        written = _only_added(body, written, edited, document.head_lines)
        _replace_checked(path, style.apply(document.around(written)), marked, was)
    return marked


class _AsWritten(str):
    """A null, a yes-or-no or a date-and-time as the writer typed it
    (``~``, ``Null``, ``True``, ``2026-01-01t10:00:00Z``): ruamel.yaml
    writes those back in its own spelling (``null`` or nothing, ``true``,
    ``T``), which changed lines `reflect review done` never meant to touch.
    Read back as text, it is written back as it was."""

    tag: str


def _as_written(constructor: RoundTripConstructor, node) -> _AsWritten:
    if node.tag.endswith(":timestamp"):
        # Read as ruamel.yaml reads it all the same: a day that is none
        # (2026-02-30) stops the load, and ``_unreadable`` names it.
        RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    value = _AsWritten(node.value)
    value.tag = node.tag
    return value


class _KeepsScalars(RoundTripConstructor):
    pass


class _WritesScalarsBack(RoundTripRepresenter):
    pass


for _kind in ("null", "bool", "timestamp"):
    _KeepsScalars.add_constructor(f"tag:yaml.org,2002:{_kind}", _as_written)
_WritesScalarsBack.add_representer(
    _AsWritten, lambda representer, data: representer.represent_scalar(data.tag, data)
)


def _load(document: YamlDocument) -> tuple[YAML, CommentedMap]:
    yaml = YAML(typ="rt")
    yaml.Constructor = _KeepsScalars
    yaml.Representer = _WritesScalarsBack
    yaml.width = 4096  # never re-wrap the writer's lines
    yaml.preserve_quotes = True
    try:
        data = load_person_yaml(yaml, document.body)
    except PersonYamlError as error:  # a day that is none (2026-02-30) included
        raise _unreadable(document, error) from None
    # Laid out as the file is, once it is known to load; a file with no
    # list yet is laid out as `reflect review done` starts one.
    Indentation.of(document.body).apply(yaml)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ReviewRefused(
            "reviews.yml should map each lesson's slug to the days it was "
            "reviewed; it was left as it was",
            document.head_lines + 1,
        )
    return yaml, data


def _unreadable(document: YamlDocument, error: PersonYamlError) -> ReviewRefused:
    """Why the log cannot be edited, told as the desk's reader tells it
    (`reflect lint`): on its line, with its days as the file writes them,
    not as Python's dates."""
    problem, line = error.problem, error.line
    try:
        day = day_that_is_none(load_days_as_text(document.body))
    except PersonYamlError as plain:
        problem, line = plain.problem, plain.line
    else:
        if day is not None:
            problem, line = f"{day[0]!r} is no day of the calendar", day[1]
    return ReviewRefused(
        f"reviews.yml cannot be read ({problem}); fix it first",
        document.head_lines + line if line else None,
    )


def _check_entry_shape(data: CommentedMap, slug: str, head_lines: int) -> None:
    """Refuse an entry the edit would not understand: a lesson's entry is
    one day or a list of days (or nothing yet). A mapping, or a list inside
    the list, is something else the writer meant, and a day appended beside
    it would change a file read wrongly; the desk's reader leaves such an
    entry out with a warning, and so is the file left as it was."""
    entry = data.get(slug)
    items = entry if isinstance(entry, CommentedSeq) else [entry]
    if not isinstance(entry, CommentedMap) and not any(
        isinstance(item, (CommentedMap, CommentedSeq)) for item in items
    ):
        return
    line = data.lc.key(slug)[0] + 1
    what = "a mapping"
    if isinstance(entry, CommentedSeq):
        what = "a list or mapping among its days"
        nested = [isinstance(item, (CommentedMap, CommentedSeq)) for item in entry]
        line = entry.lc.item(nested.index(True))[0] + 1
    raise ReviewRefused(
        f"{slug}: a lesson's entry is a list of days (- YYYY-MM-DD), this one "
        f"holds {what}; it was left as it was",
        head_lines + line,
    )


def _days(entry: object) -> list[date | None]:
    """The days ``entry`` holds, read from their text as the desk reads
    them: a day written ``"2026-12-04"`` is that day (compared as text with
    the day, marking it again wrote it a second time), and a date with a
    time is no day to either."""
    items = entry if isinstance(entry, CommentedSeq) else [entry]
    return [parse_date(str(item)) for item in items]


def _append(seq: CommentedSeq, day: date) -> None:
    """Append ``day``, keeping what followed the last item (blank lines,
    comments on lines of their own) after the new one; an end-of-line
    comment stays on its line."""
    last = len(seq) - 1
    kept = seq.ca.items.pop(last, None)
    seq.append(day)
    if not kept or kept[0] is None:
        return
    token = kept[0]
    value = token.value
    if value.startswith("#"):
        head, _, rest = value.partition("\n")
        own = CommentToken(head + "\n", token.start_mark, token.end_mark)
        seq.ca.items[last] = [own, *kept[1:]]
        value = rest
    if value:
        seq.ca.items[last + 1] = [
            CommentToken(value, token.start_mark, None),
            None,
            None,
            None,
        ]


def _dump(yaml: YAML, data: CommentedMap, before: str, slugs: Collection[str]) -> str:
    buffer = StringIO()
    yaml.dump(data, buffer)
    result = buffer.getvalue()
    # New entries are set apart by a blank line, as the writer's are.
    spaced = "\n\n" in before.strip("\n")
    for slug in slugs:
        marker = f"\n{slug}:"
        new = f"\n{slug}:" not in before and not before.startswith(f"{slug}:")
        if spaced and new and marker in result and f"\n{marker}" not in result:
            result = result.replace(marker, f"\n{marker}", 1)
    return result


def _only_added(before: str, after: str, edited: set[str], head_lines: int) -> str:
    """``after``, checked to be ``before`` with lines added and nothing else
    changed but the first line of an entry given a day (``slug: ~`` or one
    day written alone turned into a list, ``[…]`` a day longer). Lines
    are matched without the spaces at their ends, and a matched line is the
    writer's as typed (ruamel.yaml writes ``- `` for an empty ``-``). A line
    the dump would change otherwise refuses the edit, naming it: the file
    is the writer's, and a review added must not rewrite it."""
    # A file whose last line has no line break (as some editors save it)
    # is read as if it had one: the day added goes on a line of its own.
    if before and not before.endswith("\n"):
        before += "\n"
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    matcher = SequenceMatcher(
        None, [line.rstrip() for line in old], [line.rstrip() for line in new], False
    )
    kept: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            kept += old[i1:i2]
            continue
        untouched = [
            number
            for number in range(i1, i2)
            if old[number].split(":", 1)[0].strip().strip("'\"") not in edited
        ]
        if op in ("insert", "replace") and not untouched:
            kept += new[j1:j2]
            continue
        raise ReviewRefused(
            f"adding the day would also rewrite {old[untouched[0]].strip()!r}, "
            "which it does not edit; add the day by hand (it was left as it was)",
            head_lines + untouched[0] + 1,
        )
    return "".join(kept)


def _as_read(path: Path) -> bytes | None:
    """The bytes the edit is made from, or None for a file still to make:
    a file saved again since is left as it is (``replace_file``'s ``was``)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _replace_checked(
    path: Path, text: str, marked: list[Marked], was: bytes | None
) -> None:
    """Write ``text`` beside ``path``, read it as the desk reads it (every
    day just added must be there), then swap it in, if ``path`` still
    holds ``was``."""

    def reads(scratch: Path) -> None:
        log, _ = read_review_log(scratch, {m.slug for m in marked})
        if any(m.day not in log.of(m.slug) for m in marked):
            raise ReviewRefused(
                "the new reviews.yml would not read as it should; it was left as it was"
            )

    make_folder_for(path)
    replace_file(path, text, check=reads, new_mode=0o644, was=was)
