"""Local-only fields: the writer's own notes on a post, never published.

A post may carry fields meant for its writer alone (``Follow-up:``,
``Introduced-by:``, ``Introduced:``, ``Next-contact:``; the setting
``LOCAL_ONLY_FIELDS`` names them). Like private text they fail closed, and
the decision is made on the structure the reader built, not on the file's
text: every reader's metadata passes through ``separate_local_only`` (the
site's Markdown reader calls it itself; sourceguard's wrapper calls it for
every other reader), which takes out every field whose name, after Unicode
normalisation, starts with a local-only one, whatever its value's type.

* In a local build the fields come back as one ``LocalOnlyFields`` under
  the metadata key ``local_only``, with the line each was written on, for
  the desk to read; templates never see them under their own names.
* In any other build they are dropped, and nothing is put in their place.

A build is local only when ``LOCAL_BUILD`` is True (pelicanconf.py sets
it; the default is False and publishconf.py turns it off) and ``SITEURL``
is not an absolute address: a build whose links point at a host is a
published site, whatever else it says. The content caches are keyed on
every setting, so a local build's cache never serves a published one.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .diagnostics import SettingsError
from .hygiene import CONTROL_CHARACTERS
from .settings import Setting
from .sourcelines import metadata_block

#: The metadata key the fields are kept under in a local build. A field of
#: that name in a file is dropped like the others: only this module sets it.
LOCAL_ONLY = "local_only"

DEFAULT_FIELDS = ("Follow-up", "Introduced-by", "Introduced", "Next-contact")


def _field_names(value: Any) -> str | None:
    if not all(isinstance(name, str) and field_key(name) for name in value):
        return "a list of field names, each with a letter or digit"
    return None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "LOCAL_BUILD",
        False,
        (bool,),
        "A build for the writer's own machine (pelicanconf.py sets it, "
        "publishconf.py turns it off): local-only fields are read and the desk "
        "is written. Off, or with an absolute SITEURL, they are left out of "
        "everything.",
    ),
    Setting(
        "LOCAL_ONLY_FIELDS",
        DEFAULT_FIELDS,
        (list, tuple),
        "Metadata fields for the writer alone: a field whose name starts with "
        "one of these (case, spaces, hyphens and underscores aside) is never "
        "published.",
        check=_field_names,
    ),
)


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


@functools.lru_cache(maxsize=1024)  # every file's keys, on every build
def field_key(name: str) -> str:
    """A field name as compared: Unicode-normalised (NFKC, accents off),
    case-folded, with only letters and digits left."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", bare).casefold()
    return "".join(c for c in folded if c.isalnum())


def local_only_names(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """LOCAL_ONLY_FIELDS, checked here too: the readers apply it whether or
    not a plugin that declares the setting has checked it."""
    names = settings.get("LOCAL_ONLY_FIELDS", DEFAULT_FIELDS)
    if isinstance(names, str):
        names = (names,)
    if not isinstance(names, list | tuple) or _field_names(names):
        raise SettingsError(
            f"setting LOCAL_ONLY_FIELDS must be a list of field names, not {names!r}"
        )
    return tuple(names)


def is_local_build(settings: Mapping[str, Any]) -> bool:
    """Whether local-only fields are read: LOCAL_BUILD is True (nothing else
    counts) and SITEURL is not an absolute address."""
    site_url = str(settings.get("SITEURL") or "").strip().lower()
    return settings.get("LOCAL_BUILD") is True and not site_url.startswith(
        ("http://", "https://", "//")
    )


def local_only_field(key: str, names: Iterable[str]) -> str | None:
    """The local-only field ``key`` is a spelling of, or None.

    A key is local-only when its normalised form starts with a listed
    field's (``Follow_Up``, ``FOLLOW-UP``, ``Follow-ups``, ``followup``):
    the test errs towards withholding. The longest listed match wins, so
    ``Introduced-by`` is not taken for ``Introduced``.
    """
    return _local_only_field(str(key), tuple(names))


@functools.lru_cache(maxsize=1024)  # a site's few keys, on every file
def _local_only_field(key: str, names: tuple[str, ...]) -> str | None:
    normalised = field_key(key)
    matches = [name for name in names if normalised.startswith(field_key(name))]
    return max(matches, key=lambda name: len(field_key(name))) if matches else None


def separate_local_only(
    metadata: MutableMapping[str, Any],
    path: str,
    settings: Mapping[str, Any],
    *,
    markdown: bool = False,
) -> MutableMapping[str, Any]:
    """Take every local-only field out of a reader's ``metadata``; in a local
    build, put them back as one ``LocalOnlyFields`` under ``LOCAL_ONLY``.

    ``markdown`` says the file's metadata block is Markdown's, so the lines
    (and continuation lines) of each field are read from it; for other
    formats each value's line is looked for in the file.
    """
    names = local_only_names(settings)
    taken = {
        key: metadata.pop(key)
        for key in list(metadata)
        if key == LOCAL_ONLY or local_only_field(key, names)
    }
    taken.pop(LOCAL_ONLY, None)
    if not taken or not is_local_build(settings):
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
