"""Private markers in static files, which a build copies byte for byte.

A static file (``content/images/notes.txt``, an ``.svg``, an ``.html`` or
``.json`` under a ``STATIC_PATHS`` folder, a file a post links with
``{static}``) is published whole: no reader turns it into a page, so
nothing can hide part of it. Privacy fails closed, so a static file that
holds a private marker, as a reader would read it (``sitekit.markers``)
or as a page would draw it (``sitekit.drawn``), is a finding of the rule
below: an error in a published build, which copies nothing then, and in
``reflect lint --strict``; a warning in a local build and ``reflect lint``,
which copy it (the writer's machine is where private text lives). Only
markers count: local-only fields are fields of a post, and a static file
has none. A file that is not text may be an image, whose metadata is read
for markers by ``sitekit.imagemarkers`` (``static_file_findings`` says
both).

Which files are text. A file whose name ends in a known text type
(``TEXT_SUFFIXES``) is text, decoded as UTF-8 with a stray byte replaced,
so one bad byte does not let a note through. Any other file is text when
it decodes as UTF-8 from its first byte to its last and holds no NUL
byte; at the first byte that does not (a PNG's or JPEG's header) it is
binary and is read no further. A file that starts with a UTF-16 or UTF-32
byte order mark (``BOMS``: what Notepad's "Unicode" and many exports write)
is text in that encoding, whatever its name, read as that encoding with a
stray byte replaced. A text in another encoding without such a mark
(UTF-16 without a BOM, a compressed ``.svgz``) is not read as text.

What it costs. A file is read in chunks of ``CHUNK`` bytes and checked a
chunk at a time, so a 50 MB file is never held whole, and reading stops at
the first marker. A line longer than ``LONG_LINE`` characters (minified
JSON) is checked in windows that overlap by ``OVERLAP`` characters, far
more than a marker takes even with invisible characters or tags inside.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .drawn import as_read
from .hygiene import PRIVATE_MARKER_IN_STATIC_FILE, UNREADABLE_STATIC_IMAGE
from .imagemarkers import UnreadableImage, image_marker
from .markers import CANONICAL, found_markers, has_private_marker
from .rules import Finding

#: Names of files that are text whatever bytes they hold.
TEXT_SUFFIXES = frozenset(
    {
        *(".txt", ".text", ".md", ".markdown", ".rst", ".html", ".htm", ".xhtml"),
        *(".svg", ".xml", ".json", ".jsonld", ".geojson", ".csv", ".tsv", ".ics"),
        *(".vcf", ".vtt", ".srt", ".css", ".js", ".mjs", ".yml", ".yaml", ".toml"),
        *(".ini", ".cfg", ".conf", ".log", ".tex", ".bib", ".rss", ".atom"),
        *(".webmanifest", ".gpx", ".kml", ".org", ".adoc", ".ipynb"),
    }
)
#: Byte order marks and the encoding each starts (UTF-32's first: its
#: little-endian mark begins with UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CHUNK = 1 << 20
LONG_LINE = 1 << 16
OVERLAP = 4096


@dataclass(frozen=True)
class StaticMarker:
    """A marker in a static file: the line it is on, as written."""

    line: int
    spelling: str
    described: str  # the spelling, with each character one cannot see named


def is_text_type(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def first_marker(path: Path) -> StaticMarker | None:
    """The first private marker in the static file ``path``, or None (None
    too for a file that is not text: see the module's docstring)."""
    found = _text_marker(path)
    return found if isinstance(found, StaticMarker) else None


class _NotText:
    """What ``_text_marker`` says of a file that is not text."""


NOT_TEXT = _NotText()


def _text_marker(path: Path) -> StaticMarker | _NotText | None:
    """The first marker in ``path`` read as text; None for text without
    one, ``NOT_TEXT`` for a file that is not text."""
    with path.open("rb") as file:
        chunk = file.read(CHUNK)
        bom, encoding = next(
            ((bom, name) for bom, name in BOMS if chunk.startswith(bom)),
            (b"", None),
        )
        # A byte order mark says the file is text, NUL bytes and all.
        known_text = encoding is not None or is_text_type(path)
        decoder = codecs.getincrementaldecoder(encoding or "utf-8")(
            errors="replace" if known_text else "strict"
        )
        chunk = chunk[len(bom) :]
        carried = ""  # the last, unfinished line
        line = 1  # the line ``carried`` starts on
        while True:
            final = not chunk
            if not known_text and b"\0" in chunk:
                return NOT_TEXT
            try:
                text = carried + decoder.decode(chunk, final=final)
            except UnicodeDecodeError:
                return NOT_TEXT  # not UTF-8: a binary file
            if final:
                checked, carried = text, ""
            else:
                end = text.rfind("\n") + 1
                if end:
                    checked, carried = text[:end], text[end:]
                elif len(text) > LONG_LINE:  # the window goes on in the next
                    checked, carried = text, text[-OVERLAP:]
                else:
                    checked, carried = "", text
            found = _marker_in(checked, line)
            if found is not None:
                return found
            line += checked.count("\n")
            if final:
                return None
            chunk = file.read(CHUNK)


def _marker_in(text: str, first_line: int) -> StaticMarker | None:
    for view in (text, as_read(text)):
        if has_private_marker(view):
            marker = found_markers(view)[0]
            return StaticMarker(
                first_line + (marker.line or 1) - 1,
                marker.spelling,
                marker.described(),
            )
    return None


def static_file_findings(path: Path, shown_path: str) -> list[Finding]:
    """What a build must say of the static file ``path``: a marker in its
    text or, for an image, in its metadata (``sitekit.imagemarkers``), or
    that its metadata cannot be read. Raises OSError for a file that
    cannot be opened (copying it will say what is wrong)."""
    marker = _text_marker(path)
    if isinstance(marker, StaticMarker):
        return [static_marker_finding(shown_path, marker)]
    if marker is None:  # text, read whole: an image is never text
        return []
    try:
        found = image_marker(path)
    except UnreadableImage as error:
        return [
            Finding(
                UNREADABLE_STATIC_IMAGE.name,
                f"its metadata cannot be read for private markers: {error}; "
                "a build copies it whole, so fix the image or take it out of "
                "the site",
                shown_path,
            )
        ]
    if found is None:
        return []
    written = "" if found.spelling == CANONICAL else f" (read as {CANONICAL})"
    return [
        Finding(
            PRIVATE_MARKER_IN_STATIC_FILE.name,
            f"{found.described}{written} in its {found.place} is a private "
            "marker in a static file's metadata, which is copied with the "
            "image: take it out of the metadata (exiftool -all= FILE drops "
            "all of it), or the file out of the site",
            shown_path,
        )
    ]


def static_marker_finding(shown_path: str, marker: StaticMarker) -> Finding:
    """One line: the file, the marker's line and what to do."""
    written = "" if marker.spelling == CANONICAL else f" (read as {CANONICAL})"
    return Finding(
        PRIVATE_MARKER_IN_STATIC_FILE.name,
        f"{marker.described}{written} is a private marker in a static file, "
        "which is copied as it is: a build cannot hide part of it; take the "
        "private text out of the file, or the file out of the site",
        shown_path,
        marker.line,
    )
