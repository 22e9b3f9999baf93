"""`reflect people rename OLD NEW`: one person, one spelling, in every post.

Only the bytes of the name change: in ``Who:`` the part before the first
comma, in ``Introduced-by:`` and ``Introduced:`` (local-only) each name
before its comma, wherever the field's name spells it. Case and spacing do
not matter in OLD (names compare as the desk compares them), so a
near-miss warning is fixed by renaming the stray spelling to the known
one. Everything else in a post stays as it was, line endings included; a
post's body, ``Met:`` and follow-ups are the writer's prose and are not
touched. Markdown posts are edited; a post in another format that names
the person is listed for editing by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pelican.readers import MarkdownReader

from desk.assemble import Desk
from desk.model import PostFacts
from desk.people import (
    INTRODUCED,
    INTRODUCED_BY,
    item_spans,
    name_span,
    named_people,
    person_key,
    person_name,
)
from sitekit.hygiene import CONTROL_CHARACTERS
from sitekit.localonly import field_key, local_only_field, local_only_names
from sitekit.sourcelines import MetadataLine, metadata_block
from sitekit.text import reads_as_list_mark, shows_nothing, without_invisible

from .file_style import SourceLines

_FIELD_LINE = re.compile(r"^(?P<lead>[ ]{0,3}[A-Za-z0-9_-]+:[ \t]*)(?P<value>.*)$")
_MORE_LINE = re.compile(r"^(?P<lead>[ \t]+)(?P<value>.*)$")  # an indented line
_MARKDOWN = tuple(f".{extension}" for extension in MarkdownReader.file_extensions)


class RenameRefused(Exception):
    """The rename cannot be made; nothing was changed."""


@dataclass(frozen=True)
class Renamed:
    path: Path
    before: str
    after: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class RenamePlan:
    files: tuple[Renamed, ...]
    by_hand: tuple[Path, ...]  # posts in other formats that name the person
    # Markdown posts that name the person broken across two lines of a
    # field (``Who: Zelda`` then ``    Khan, …``): the desk reads them, this
    # command cannot edit them.
    elsewhere: tuple[Path, ...] = ()
    already: tuple[Path, ...] = ()  # posts that spell the name as NEW already


def check_new_name(new: str) -> str:
    name = " ".join(new.split())
    stray = any(
        reads_as_list_mark(character, mark) for character in name for mark in ",;"
    ) or CONTROL_CHARACTERS.search(name)
    if shows_nothing(name) or stray:
        raise RenameRefused(
            f"{new!r} cannot be a name here: it needs a letter, and no comma or "
            "semicolon (they end a name in these fields)"
        )
    if without_invisible(name) != name:
        # Written into every post that names them: a right-to-left
        # override turned the rest of each Who: line around.
        raise RenameRefused(
            f"{new!r} holds a character no one sees (a zero-width space, a "
            "direction mark, a soft hyphen); type the name without it"
        )
    return name


def plan_rename(desk: Desk, old: str, new: str, settings: dict) -> RenamePlan:
    """The edits that rename ``old`` to ``new`` in the posts that name them:
    the desk's posts and their translations, whose ``Who:`` names the same
    person in another language (left out, a published translation kept
    showing the old spelling)."""
    new = check_new_name(new)
    posts = (*desk.posts, *desk.translations)
    wanted = person_key(old)
    if not wanted:
        raise RenameRefused(
            f"{old!r} names no one: give the name as a post spells it in Who:, "
            "Introduced-by: or Introduced:"
        )
    introductions = _introduction_fields(settings)
    files: list[Renamed] = []
    by_hand: list[Path] = []
    elsewhere: list[Path] = []
    already: list[Path] = []
    for post in posts:
        if not _names(post, wanted):
            continue
        path = Path(post.key)
        if path.suffix.lower() not in _MARKDOWN:
            by_hand.append(path)
            continue
        before = path.read_bytes().decode("utf-8")  # line endings as they are
        after, lines, stuck = renamed(before, wanted, new, introductions)
        if after != before:
            files.append(Renamed(path, before, after, lines))
        if stuck:
            elsewhere.append(path)
        elif after != before:
            continue
        elif named_lines(before, wanted, introductions):
            already.append(path)
        else:
            elsewhere.append(path)
    if not (files or by_hand or elsewhere or already):
        raise RenameRefused(
            f"no post names {old!r} in Who:, Introduced-by: or Introduced:"
        )
    return RenamePlan(tuple(files), tuple(by_hand), tuple(elsewhere), tuple(already))


def named_lines(text: str, wanted: str, introductions: set[str]) -> tuple[int, ...]:
    """The numbers of the field lines of ``text`` that name ``wanted``."""
    marked = "\x00"  # no name holds it: every line naming the person changes
    return renamed(text, wanted, marked, introductions)[1]


def _introduction_fields(settings: dict) -> set[str]:
    """The field keys (lower case, as written) that hold introductions."""
    return {field_key(INTRODUCED_BY), field_key(INTRODUCED)} & {
        field_key(name) for name in local_only_names(settings)
    }


def _names(post: PostFacts, wanted: str) -> bool:
    """Whether ``post`` names the person ``wanted``; a post whose ``Who:``
    names no one names no one (a blank OLD matched every such post)."""
    person = person_name(post.who)
    if person is not None and person_key(person) == wanted:
        return True
    return any(
        person_key(name) == wanted
        for field in (INTRODUCED_BY, INTRODUCED)
        for value in post.values(field)
        for name in named_people(value.value)
    )


def renamed(
    text: str, wanted: str, new: str, introductions: set[str]
) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """``text`` with the person ``wanted`` (a person_key) named ``new`` in
    its fields, the numbers of the lines changed, and those of the fields
    (their first lines) that name the person where no edit can reach: a
    name broken across two lines (``Who: Zelda`` then ``    Khan, …``).

    A field is read whole, its indented lines with it, as the desk reads
    it: a name on the line under ``Who:``, or after a semicolon on an
    introduction's second line, is renamed like one on the first (it was
    left as it was while the post's other names changed)."""
    source = SourceLines.of(text)  # as the build reads it, endings kept aside
    lines = source.lines
    changed: list[int] = []
    stuck: list[int] = []
    for numbers, key in _fields(metadata_block(source.text)):
        names = _field_kind(key, introductions)
        if names is None:
            continue
        parts = [_FIELD_LINE.match(lines[numbers[0] - 1])] + [
            _MORE_LINE.match(lines[number - 1]) for number in numbers[1:]
        ]
        if None in parts:
            continue
        value = "\n".join(part.group("value") for part in parts)
        edited = _rename_in(value, wanted, new, several=names).split("\n")
        if len(edited) != len(parts):  # a name with a line break in it
            stuck.append(numbers[0])
            continue
        for number, part, line_value in zip(numbers, parts, edited, strict=True):
            if line_value != part.group("value"):
                lines[number - 1] = part.group("lead") + line_value
                changed.append(number)
    return source.joined(), tuple(changed), tuple(stuck)


def _fields(block: list[MetadataLine]) -> list[tuple[list[int], str]]:
    """Each field of a metadata block: its lines' numbers, and its key."""
    fields: list[tuple[list[int], str]] = []
    for line in block:
        if line.continues and fields:
            fields[-1][0].append(line.number)
        elif not line.continues:
            fields.append(([line.number], line.key))
    return fields


def _field_kind(key: str, introductions: set[str]) -> bool | None:
    """None for a field that names no one; else whether it may name several."""
    if key == "who":
        return False
    listed = local_only_field(key, ("Introduced-by", "Introduced"))
    if listed is not None and field_key(listed) in introductions:
        return True
    return None


def _rename_in(value: str, wanted: str, new: str, several: bool) -> str:
    """``value`` with each name that is ``wanted`` made ``new``; the
    separators between names stay as they were typed (a fullwidth ``；``)."""
    items = item_spans(value, ";") if several else [(0, len(value))]
    for start, end in reversed(items):  # from the end: positions hold
        span = name_span(value[start:end])
        if span and person_key(value[start + span[0] : start + span[1]]) == wanted:
            value = value[: start + span[0]] + new + value[start + span[1] :]
    return value
