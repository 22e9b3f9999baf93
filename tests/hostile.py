"""A site whose every field a writer or reader controls holds markup, and a
detector of markup that would run in a browser or a feed reader.

Each field gets a payload of its own number, raw (``<img src=x
onerror=alert(n)>``, ``<script>``, a ``javascript:`` link) or entity-encoded
(``&lt;img src=x onerror=alert(n)&gt;``, which reads as the text "<img ...>"
and must stay text). A live payload names its field by its number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html
from sitebuild import copy_content, read

POST = "posts/2026-11-20-hostile-fields.md"
COMMENT = "comments/hostile-fields/2026-11-21-mallory.md"
LESSON_SLUG = "hostile-known-lesson"


def raw(number: int, visible: str) -> str:
    return (
        f"<img src=x onerror=alert({number})><script>alert({number})</script>"
        f'<a href="javascript:alert({number})">{visible}</a>'
    )


def encoded(number: int, visible: str) -> str:
    return f"&lt;img src=x onerror=alert({number})&gt;{visible}"


def breaking(number: int, visible: str) -> str:
    """Markup that would leave an attribute if a template forgot to escape."""
    return f"\"'><svg onload=alert({number})></svg>{visible}"


@dataclass(frozen=True)
class Field:
    """One hostile value: where it goes, and the text it must show as."""

    name: str
    value: str
    text: str  # what every page shows for it


def both(number: int, visible: str) -> str:
    """A raw payload, then an encoded one (numbered ``number + 100``)."""
    return f"{raw(number, visible)} {encoded(number + 100, 'too')}"


def both_text(number: int, visible: str) -> str:
    """What ``both`` shows: the raw one's words, the encoded one as text."""
    return f"{visible} <img src=x onerror=alert({number + 100})>too"


def fields() -> list[Field]:
    """The post's fields, each with a raw and an encoded payload."""
    named = [
        ("Title", 1, "Hostile fields"),
        ("Category", 2, "Hostile kind"),
        ("Author", 5, "Mallory Writer"),
        ("Summary", 6, "A hostile summary."),
        ("Who", 7, "A hostile person"),
        ("Role", 8, "Hostile role"),
        ("Format", 10, "Hostile format"),
        ("Question", 11, "Hostile question?"),
    ]
    return [
        *(Field(name, both(n, words), both_text(n, words)) for name, n, words in named),
        # Tags are split at "," and ";", so no entity fits in one: raw ones only.
        Field("Tags", raw(3, "hostile tag") + ", " + breaking(4, "second tag"), ""),
        # Shown in the "About this conversation" box, which has the body's
        # curly quotes (smarty reads the stray quotes as a closing double
        # and an opening single one, as it would in a paragraph).
        Field("Met", breaking(9, "Hostile meeting"), "\u201d\u2018>Hostile meeting"),
    ]


CALLOUT_RAW = raw(20, "Raw callout lesson")
CALLOUT_ENCODED = encoded(21, "Encoded callout lesson")
AD_HOC = raw(22, "Ad hoc lesson")  # in Lessons: (no ';' in it)
COMMENT_AUTHOR = both(30, "Eve")
COMMENT_BODY = raw(31, "comment body") + "\n\n" + encoded(32, "comment text")
VOCABULARY = f"""
{LESSON_SLUG}:
  title: '{both(40, "Known hostile lesson")}'
  theme: '{both(41, "Hostile theme")}'
  aliases:
    - '{encoded(42, "an alias")}'
  description: |
    {raw(43, "A hostile description.")}
"""


def hostile_content(folder: Path) -> Path:
    """The sample content plus one post, one comment and one lesson whose
    every field is hostile."""
    content = copy_content(folder)
    header = "\n".join(f"{field.name}: {field.value}" for field in fields())
    (content / POST).write_text(
        f"{header}\nSlug: hostile-fields\nDate: 2026-11-20 10:00\n"
        f"Lessons: hostile known lesson; {AD_HOC}\n\n"
        "A conversation with hostile fields.\n\n"
        f"> [!lesson] {CALLOUT_RAW}\n> The note of a raw callout.\n\n"
        f"> [!lesson] {CALLOUT_ENCODED}\n> The note of an encoded callout.\n",
        encoding="utf-8",
    )
    comment = content / COMMENT
    comment.parent.mkdir(parents=True)
    comment.write_text(
        f"Author: {COMMENT_AUTHOR}\nDate: 2026-11-21 08:00\n"
        "Website: javascript:alert(33)\n\n" + COMMENT_BODY + "\n",
        encoding="utf-8",
    )
    vocabulary = content / "lessons.yml"
    vocabulary.write_text(read(vocabulary) + VOCABULARY, encoding="utf-8")
    return content


# --- Finding live markup ------------------------------------------------------

_ALERT = re.compile(r"alert\((\d+)\)")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def live_in_html(text: str) -> list[str]:
    """Markup in an HTML document or fragment that would run: an event
    handler, a script, a javascript: URL. Each as ``what (payload n)``."""
    if not text.strip():
        return []
    document = lxml.html.document_fromstring(text)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}> ({_payload(value)})")
            elif name.lower() in _URL_ATTRIBUTES and re.match(
                r"\s*javascript:", value, re.I
            ):
                found.append(f"<{element.tag} {name}=javascript:> ({_payload(value)})")
        if element.tag == "script":
            body = element.text or ""
            if element.get("type") == "application/ld+json":
                found += _live_in_json_ld(body)
            elif _ALERT.search(body):
                found.append(f"<script> ({_payload(body)})")
        if element.tag in ("iframe", "object", "embed"):
            markup = lxml.html.tostring(element, encoding="unicode")
            found.append(f"<{element.tag}> ({_payload(markup)})")
    return found


def _live_in_json_ld(body: str) -> list[str]:
    try:
        json.loads(body)
    except ValueError:
        return [
            f"JSON-LD that is not JSON (the script ended early?) ({_payload(body)})"
        ]
    return []


def live_in_feed(data: bytes) -> list[str]:
    """Live markup in what a feed marks as HTML (Atom type="html", RSS
    descriptions, JSON Feed content_html); titles and names are text."""
    if data.lstrip().startswith(b"{"):
        feed = json.loads(data)
        found = []
        for item in feed.get("items", []):
            for key in ("content_html", "summary_html"):
                found += live_in_html(item.get(key) or "")
        return found
    root = lxml.etree.fromstring(data)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        is_html = element.get("type") == "html" or local in ("description", "encoded")
        if is_html and element.text:
            found += [f"{local}: {what}" for what in live_in_html(element.text)]
    return found


def _payload(text: str) -> str:
    match = _ALERT.search(text)
    return f"payload {match.group(1)}" if match else text[:60]


def visible_text(html_text: str) -> str:
    """What a reader sees of a page: its text, whitespace collapsed."""
    document = lxml.html.document_fromstring(html_text)
    for hidden in document.xpath("//script|//style|//head"):
        hidden.drop_tree()
    return " ".join(document.text_content().split())
