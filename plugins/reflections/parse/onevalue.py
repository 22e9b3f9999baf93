"""Fields the site reads as one value, given twice or continued.

Pelican keeps the first of a few fields (``Date:``, ``Slug:``...) with a
warning naming no line, and makes any other field given on several lines a
list: a second ``Title:`` or ``Who:`` stopped the build and lint with a
traceback (``'list' object has no attribute 'find'``). The Markdown reader
settles each such field on Python-Markdown's ``Meta`` while it converts
(a tree processor of the callouts extension, which knows each field's
lines), before Pelican reads the fields, so no private Pelican code is
touched. A field read line by line (not in ``ONE_VALUE``: ``Lessons:``, the
desk's ``Follow-up:``) stays a list.
"""

from __future__ import annotations

from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED

from sitekit.rules import Finding

#: Fields the site reads as one value: Pelican's own (it keeps the first of
#: `Date:`, `Tags:`...), and those a page shows as one line. Any other may
#: be given on several lines, each read (`Lessons:`, the desk's
#: `Follow-up:`), or is no one's to judge.
ONE_VALUE = frozenset(
    {name for name, allowed in DUPLICATES_DEFINITIONS_ALLOWED.items() if not allowed}
    | {"title", "lang", "template", "series", "series_index", "question"}
    | {"who", "role", "met", "format"}
)


def settle_one_value_fields(
    meta: dict[str, list[str]],
    metadata_lines: dict[str, list[int]],
    continuation_lines: frozenset[int],
    formatted: frozenset[str],
) -> list[Finding]:
    """Keep the first of a one-value field given twice (a finding at the
    second), and join the lines that continue one; ``meta`` is changed in
    place. The findings carry lines, not the file."""
    findings: list[Finding] = []
    for name, values in meta.items():
        at = metadata_lines.get(name.lower()) or []
        if name.lower() not in ONE_VALUE or len(at) != len(values):
            continue
        repeated = _keep_first(name, values, at, continuation_lines, meta)
        if repeated is not None:
            findings.append(repeated)
        # A field read as one line with lines that continue it: one value,
        # its lines joined (a list stopped the build: `Who:`). Pelican keeps
        # the first line of its own (`Date:`, `Tags:`).
        if (
            len(meta[name]) > 1
            and name.lower() not in formatted
            and DUPLICATES_DEFINITIONS_ALLOWED.get(name.lower(), True)
        ):
            meta[name] = [" ".join(value.strip() for value in meta[name])]
    return findings


def _keep_first(
    name: str,
    values: list[str],
    lines: list[int],
    continuation_lines: frozenset[int],
    meta: dict[str, list[str]],
) -> Finding | None:
    """Of a field started on several lines, the first (with the lines that
    continue it, indented), and a finding at the second."""
    fields: list[tuple[int, list[str]]] = []
    for number, value in zip(lines, values, strict=True):
        if number in continuation_lines and fields:
            fields[-1][1].append(value)
        else:
            fields.append((number, [value]))
    if len(fields) < 2:
        return None
    meta[name] = fields[0][1]
    return Finding(
        "repeated-field",
        f"{name.capitalize()}: given again (first on line {fields[0][0]}); "
        "the first is kept: remove one, or join them on one line",
        line=fields[1][0],
    )
