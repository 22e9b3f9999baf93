"""Local-only fields kept for the desk: the writer's own notes on a post.

A post may carry fields meant for its writer alone (the desk declares
``Follow-up:``, ``Introduced-by:``, ``Introduced:``, ``Next-contact:``;
``LOCAL_ONLY_FIELDS`` gathers every plugin's). Whether a build has them at
all is decided in one place, ``sitekit.withheld``: a build that withholds
local-only fields (``WITHHOLD_LOCAL_ONLY``, or an absolute SITEURL) drops
them as every reader reads them, like a private field, and this module
then has nothing to do.

A build that keeps them (the writer's own, pelicanconf.py) hands them to
the desk here: every reader's metadata passes through
``separate_local_only`` (the site's Markdown reader calls it itself;
sourceguard's wrapper calls it for every other reader), which gathers
every local-only field into one ``LocalOnlyFields`` under the metadata key
``local_only``, with the line each was written on and its value as plain
text, whatever the reader made of it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .diagnostics import SettingsError
from .hygiene import CONTROL_CHARACTERS
from .settingsource import setting_source
from .sourcelines import metadata_block
from .withheld import (
    LOCAL_ONLY_FIELDS,
    field_key,
    local_only_field,
    withholds_local_only,
)

__all__ = [
    "LOCAL_ONLY",
    "LocalField",
    "LocalOnlyFields",
    "field_key",
    "is_local_build",
    "local_only_field",
    "local_only_names",
    "separate_local_only",
]

#: The metadata key the fields are kept under in a local build. A field of
#: that name in a file is dropped: only this module sets it.
LOCAL_ONLY = "local_only"


@dataclass(frozen=True)
class LocalField:
    """One value of a local-only field, as the writer wrote it."""

    name: str  # the field as LOCAL_ONLY_FIELDS spells it, e.g. "Follow-up"
    value: str  # plain text, continuation lines joined with a space
    line: int | None = None  # where it starts in the file, when known


@dataclass(frozen=True)
class LocalOnlyFields:
    """Every local-only field of one file, in the order written.

    Kept in Pelican's content cache with the post (no slots: see
    ``reflections.model``).
    """

    path: str
    fields: tuple[LocalField, ...]

    def values(self, name: str) -> tuple[LocalField, ...]:
        """The values of the field ``name`` (any spelling of it)."""
        wanted = field_key(name)
        return tuple(f for f in self.fields if field_key(f.name) == wanted)


def local_only_names(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """LOCAL_ONLY_FIELDS: every local-only field the plugins declared
    (gathered as the build or reflect starts) and any the writer added."""
    names = settings.get(LOCAL_ONLY_FIELDS) or ()
    if isinstance(names, str):
        names = (names,)
    if not isinstance(names, list | tuple) or not all(
        isinstance(name, str) and field_key(name) for name in names
    ):
        raise SettingsError(
            f"setting LOCAL_ONLY_FIELDS must be a list of field names, not {names!r}",
            *setting_source(LOCAL_ONLY_FIELDS, settings.get(LOCAL_ONLY_FIELDS)),
        )
    return tuple(names)


def is_local_build(settings: Mapping[str, Any]) -> bool:
    """Whether this build keeps local-only fields (and writes the desk): the
    one switch of ``sitekit.withheld`` says it does not withhold them."""
    return not withholds_local_only(settings)


def separate_local_only(
    metadata: MutableMapping[str, Any],
    path: str,
    settings: Mapping[str, Any],
    *,
    markdown: bool = False,
) -> MutableMapping[str, Any]:
    """In a build that keeps local-only fields, gather every one of a
    reader's ``metadata`` into one ``LocalOnlyFields`` under ``LOCAL_ONLY``
    (the fields stay in the metadata too, as ``sitekit.withheld`` keeps
    them). A build that withholds them has none left to gather: the
    readers' field rules dropped them.

    ``markdown`` says the file's metadata block is Markdown's, so the lines
    (and continuation lines) of each field are read from it; for other
    formats each value's line is looked for in the file.
    """
    metadata.pop(LOCAL_ONLY, None)  # only this module sets it
    if not is_local_build(settings):
        return metadata
    names = local_only_names(settings)
    taken = {
        key: value for key, value in metadata.items() if local_only_field(key, names)
    }
    if not taken:
        return metadata
    # A formatted field's value is HTML, whether or not it says so (Markup).
    formatted = {str(name).lower() for name in settings.get("FORMATTED_FIELDS") or ()}
    taken = {
        key: Markup(value)
        if key.lower() in formatted and isinstance(value, str)
        else value
        for key, value in taken.items()
    }
    fields = (_markdown_fields if markdown else _other_fields)(path, taken, names)
    if fields:
        metadata[LOCAL_ONLY] = LocalOnlyFields(path, tuple(fields))
    return metadata


def _source(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").lstrip("\ufeff")
    except (OSError, UnicodeDecodeError):
        return ""


def _markdown_fields(
    path: str, taken: Mapping[str, Any], names: tuple[str, ...]
) -> list[LocalField]:
    """The taken fields as the metadata block has them: one value per field
    line, its continuation lines joined to it. Only fields the reader kept
    are read (a field hidden for a private marker stays hidden)."""
    fields: list[LocalField] = []
    for line in metadata_block(_source(path)):
        if line.key not in taken:
            continue
        value = _clean(line.value)
        if line.continues:
            if fields:  # the field above is this key's: join its value
                last = fields[-1]
                joined = f"{last.value} {value}".strip()
                fields[-1] = LocalField(last.name, joined, last.line)
            continue
        name = local_only_field(line.key, names)
        fields.append(LocalField(name, value, line.number))
    if not fields:  # not found as written: take the reader's values
        return _other_fields(path, taken, names)
    return fields


def _other_fields(
    path: str, taken: Mapping[str, Any], names: tuple[str, ...]
) -> list[LocalField]:
    lines = _source(path).splitlines()
    fields = []
    for key, value in taken.items():
        for item in value if isinstance(value, list | tuple) else (value,):
            text = _plain(item)
            fields.append(
                LocalField(local_only_field(key, names), text, _line_of(text, lines))
            )
    return fields


def _plain(value: Any) -> str:
    """A value of any type as plain text: HTML (a formatted field) without
    its tags, a date in ISO form, anything else as ``str`` gives it."""
    if isinstance(value, Markup):
        value = value.striptags()
    elif isinstance(value, date):
        value = value.isoformat()
    return _clean(str(value))


def _clean(text: str) -> str:
    return " ".join(CONTROL_CHARACTERS.sub("", text).split())


def _line_of(text: str, lines: list[str]) -> int | None:
    """The first line of the file holding ``text`` (or its HTML escape)."""
    if not text:
        return None
    for wanted in dict.fromkeys((text, html.escape(text), html.escape(text, False))):
        for number, line in enumerate(lines, start=1):
            if wanted in " ".join(line.split()):
                return number
    return None
