"""Local-only fields the reader drew in a page's body instead of reading.

A reader takes fields only from where its format keeps them: Markdown's
block of lines at the top, a reST document's docinfo (the field list right
after its title), an HTML file's ``<meta>`` tags inside ``<head>``. The same
structure anywhere else is body, published as written: a reST field list
after the first paragraph is drawn as a table of fields
(``<th class="field-name">follow-up:</th>``, or the ``<dl
class="field-list">`` of docutils' HTML5 writer), and a ``<meta
name="follow-up">`` in an HTML file's ``<body>``, or raw HTML in a Markdown
post, is copied into the page, its feeds and the search index. Neither is
a field the withheld-fields step (``sitekit.withheld``) ever sees, and the
desk does not read it either.

So the body each reader made is read as a browser reads it, and every
field there named as a local-only one (any spelling ``withheld.field_key``
folds to it) is a finding (``local-only-field-in-body``): no build can
hide part of a reader's body, so privacy fails closed and the file is not
built, with one line naming the file, the line and the field.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

import lxml.etree
import lxml.html

from .rules import Finding, Rule, declare_rules
from .withheld import local_only_field

(LOCAL_ONLY_FIELD_IN_BODY,) = declare_rules(
    Rule(
        "local-only-field-in-body",
        "a local-only field (`Follow-up`, `Introduced-by`...) written where "
        "the reader takes no fields, so the body would publish it: a reST "
        "field list after the document's first paragraph, a `<meta>` in the "
        "body of an HTML, reST or Markdown file (the build stops)",
        "error",
        "error",
    ),
)

#: What a body holding a field has somewhere, so most are never parsed.
_MAY_HOLD_FIELDS = re.compile(r"<meta|field-(?:name|list)", re.IGNORECASE)

#: The attributes that name what a ``<meta>`` carries.
_META_NAMES = ("name", "property", "itemprop", "http-equiv")


def body_fields(content: str) -> Iterator[tuple[str, str]]:
    """Each field a reader's body ``content`` (HTML) holds as a structure,
    as (name, value): ``<meta>`` elements by each naming attribute, and
    the fields of a reST field list as docutils draws it."""
    if not content or not _MAY_HOLD_FIELDS.search(content):
        return  # most bodies: no parse
    try:
        elements = lxml.html.fragments_fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return
    for root in elements:
        if not isinstance(root, lxml.html.HtmlElement):
            continue
        for meta in root.iter("meta"):
            value = meta.get("content") or meta.get("contents") or ""
            for attribute in _META_NAMES:
                if meta.get(attribute):
                    yield meta.get(attribute), value
        for name in root.iter("th", "dt"):
            if _is_field_name(name):
                yield _field_name(name), _field_value(name)


def local_only_fields_in_body(
    content: str | None, source: str, path: str, names: Iterable[str]
) -> list[Finding]:
    """A finding for each local-only field of ``names`` in ``content`` (the
    body a reader made of the file at ``path``, whose text is ``source``)."""
    names = tuple(names)
    findings = []
    for name, value in body_fields(content or ""):
        if local_only_field(name, names) is None:
            continue
        findings.append(
            Finding(
                LOCAL_ONLY_FIELD_IN_BODY.name,
                f"{name!r} is a local-only field, but here it is in the body "
                "(a reST field list after the first paragraph, a <meta> outside "
                "the <head>), where no reader takes fields: the page would "
                "publish it and the desk does not read it; move it to the "
                "fields at the top of the file",
                path,
                _line_of(name, value, source),
            )
        )
    return findings


def _is_field_name(element: lxml.html.HtmlElement) -> bool:
    if element.tag == "th":
        return "field-name" in (element.get("class") or "").split()
    parent = element.getparent()
    return (
        parent is not None
        and parent.tag == "dl"
        and "field-list" in (parent.get("class") or "").split()
    )


def _field_name(element: lxml.html.HtmlElement) -> str:
    text = element.text_content().strip()
    return text[:-1].rstrip() if text.endswith(":") else text


def _field_value(element: lxml.html.HtmlElement) -> str:
    follower = element.getnext()
    return "" if follower is None else follower.text_content().strip()


def _line_of(name: str, value: str, source: str) -> int | None:
    """The first line of ``source`` naming the field with its value's first
    words, else the first naming it: the body's, not a same-named field at
    the top with another value."""
    lines = [html.unescape(line) for line in source.splitlines()]
    start = " ".join(value.split()[:3])
    for wanted in ((name, start), (name, "")):
        for number, line in enumerate(lines, start=1):
            if all(part in " ".join(line.split()) for part in wanted):
                return number
    return None
