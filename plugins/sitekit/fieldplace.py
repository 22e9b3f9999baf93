"""Where a metadata field is written in a source file, as Pelican's readers
write one: an HTML ``<meta name="tags" content="...">``, a reST field
list's ``:tags: ...``, or a line ``Tags: ...`` (Markdown and readers like
it), with the indented lines that carry it on.

A check that asks how a field is written (``sourceguard.lastcheck``: is
its marker typed plainly, or only drawn from ``[!priv&#97;te]``?) reads
the field's own text, not the whole file: a plain ``[!private]`` in the
body or in another field says nothing of this one.
"""

from __future__ import annotations

import re

from .htmltags import TAG

_META = re.compile(r"<meta(?=[\t\n\f\r />])", re.IGNORECASE)
_SPACE = "\t\n\f\r "


def field_place(source: str, field: str) -> tuple[int, int] | None:
    """Where the field ``field`` (its name, any case) is first written in
    ``source``, from the start of its line or tag to its end; None where it
    is not (a field a reader makes itself, from a title or a path)."""
    return _meta_place(source, field) or _line_place(source, field)


def _meta_place(source: str, field: str) -> tuple[int, int] | None:
    value = rf"""(["']?){re.escape(field)}\1(?=[{_SPACE}/>])"""
    named = re.compile(rf"[{_SPACE}/]name[{_SPACE}]*=[{_SPACE}]*{value}", re.IGNORECASE)
    for found in _META.finditer(source):
        tag = TAG.match(source, found.start())
        if tag is not None and named.search(tag.group()):
            # The field's text is its content, as written: inside the tag
            # the drawn view reads no markup (`[!pri<b></b>vate]`), though
            # the field, shown as text, draws it.
            content = _CONTENT.search(tag.group())
            if content is None:
                return tag.span()
            group = next(n for n in (1, 2, 3) if content.group(n) is not None)
            return tag.start() + content.start(group), tag.start() + content.end(group)
    return None


#: A ``content`` (or Pelican's old ``contents``) attribute and its value,
#: quoted either way or not at all.
_CONTENT = re.compile(
    rf"""[{_SPACE}/]contents?[{_SPACE}]*=[{_SPACE}]*"""
    rf"""(?:"([^"]*)"|'([^']*)'|([^{_SPACE}>]+))""",
    re.IGNORECASE,
)


def _line_place(source: str, field: str) -> tuple[int, int] | None:
    name = re.escape(field)
    first = re.compile(
        rf"^[ \t]*(?::{name}:|{name}[ \t]*:)", re.IGNORECASE | re.MULTILINE
    ).search(source)
    if first is None:
        return None
    start = source.rfind("\n", 0, first.start()) + 1
    end = source.find("\n", first.end())
    # The lines that carry it on are indented (reST, Markdown's meta).
    while end != -1 and source.startswith((" ", "\t"), end + 1):
        end = source.find("\n", end + 1)
    return start, len(source) if end == -1 else end
