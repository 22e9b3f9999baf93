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
both). What follows an image's pictures (a JPEG's last end-of-image
marker, a PNG's ``IEND``, a GIF's trailer, a WebP's RIFF size:
``sitekit.pictureends``) is no part of them and is published with them:
when it is text, as a file is told to be text below, it is read as text,
every spelling a reader reads counting (``after_picture_marker``), not
only the exact one ``sitekit.rawmarkers`` finds in any bytes.

Which files are text. A file whose name ends in a known text type
(``TEXT_SUFFIXES``) is text, decoded as UTF-8 with a stray byte replaced,
so one bad byte does not let a note through. Any other file is text when
it decodes as UTF-8 from its first byte to its last and holds no NUL
byte; at the first byte that does not (a PNG's or JPEG's header) it is
binary and is read no further. A file that starts with a UTF-16 or UTF-32
byte order mark (``BOMS``: what Notepad's "Unicode" and many exports write)
is text in that encoding, whatever its name, read as that encoding with a
stray byte replaced. So is UTF-16 or UTF-32 without the mark, told by its
NUL pattern (``text_encoding``: ASCII text with a NUL after, or before,
every letter). A compressed ``.svgz`` is not read as text: what a gzip,
bzip2, xz, zip, tar or PDF holds is unpacked (``sitekit.packedmarkers``) and each
thing in it judged as a static file is.

What it costs, and what is read whole. A file is read in chunks of
``CHUNK`` bytes and checked a chunk at a time, so a 50 MB file is never
held whole, and reading stops at the first marker (but for one without
its ``]``: see below). What the reader must see whole is one line as a
page draws it: a marker never runs over a line break, but a tag or
comment inside it may (``[!pri<!--`` then ``-->vate]``), and the page
draws the lines it joins as one. So each chunk
is read with the last drawn line of the text before it
(``sitekit.chunkwindow``, which says how it is cut): of a line longer than
``LONG_LINE`` characters only the last ``OVERLAP`` are carried, and of
markup still open after ``MAX_CARRY`` characters (a comment, a tag, a
``<script>`` whose content the page reads as markup) its opening and its
last ``OVERLAP``, its line breaks counted, so lines stay right. After a
``<noscript>``, which a page draws as scripts run or not, a chunk is read
with each reading's last drawn line (``ReadingWindows``), each read only as
its reading.

A chunked reading tells the marker, and the line, the file read whole
tells. So a marker without its ``]`` that the next chunk's window still
holds waits to be read with the text after it: a chunk that ends inside a
word (``[!priv&#97;t``) may leave a marker the whole word
(``[!priv&#97;tisations]``) is not (``_read_again``). Of the markers the
windows find, the one told is as the whole file's reading tells: as
written before only drawn, then the first line of the two readings of a
``<noscript>`` (``_first_told``).
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from .chunkwindow import Limits, ReadingWindows, Window
from .drawn import as_read
from .drawnmarkers import drawn_only_markers
from .hygiene import (
    PRIVATE_MARKER_IN_STATIC_FILE,
    UNREADABLE_STATIC_FILE,
    UNREADABLE_STATIC_IMAGE,
)
from .imagechunks import Walk
from .imagemarkers import ImageMarker, UnreadableImage, image_marker_in
from .markers import CANONICAL, FoundMarker, fold, found_markers, has_private_marker
from .packedmarkers import (
    MAX_DEPTH,
    Budget,
    Unpacked,
    UnreadablePacked,
    packed_kind,
    told_at_start,
    unpacked,
)
from .pictureends import picture_end
from .rawmarkers import raw_marker_offset_in
from .rules import Finding
from .svgscripts import svg_script_findings

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
#: Names of files that are code, where a marker counts only written whole
#: (``spelt_whole``): a token a slip away from the marker is ordinary code
#: there (``if (!private)``, ``this[private]``, ``["private"]``).
CODE_SUFFIXES = frozenset(
    {
        *(".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".map"),
        *(".css", ".scss", ".sass", ".less"),
        *(".json", ".jsonld", ".geojson", ".webmanifest"),
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
#: Characters of a tag or comment still open at a chunk's end carried
#: whole into the next chunk; past that, its middle is left out.
MAX_CARRY = 1 << 20


@dataclass(frozen=True)
class StaticMarker:
    """A marker in a static file: the line it is on, as written."""

    line: int
    spelling: str
    described: str  # the spelling, with each character one cannot see named


def is_text_type(path: PurePath) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES or is_code_type(path)


def is_code_type(path: PurePath) -> bool:
    return path.suffix.lower() in CODE_SUFFIXES


def spelt_whole(spelling: str) -> bool:
    """Whether a marker has both brackets and the ``!`` (after the fold:
    lookalikes, fullwidth and invisible characters still count). Code
    writes ``!private``, ``obj[private]``, ``["private"]`` and the CSS
    selector ``[private]`` as code; a writer's note in a comment writes the
    marker."""
    folded = fold(spelling)
    return folded.startswith("[") and folded.endswith("]") and "!" in folded


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
        return _text_marker_in(file, path)


def _text_marker_in(file: IO[bytes], path: PurePath) -> StaticMarker | _NotText | None:
    """``_text_marker`` of an open file whose name is ``path``'s."""
    chunk = file.read(CHUNK)
    encoding, skip = text_encoding(chunk)
    # A byte order mark or the NUL pattern says the file is text, NULs
    # and all.
    known_text = encoding is not None or is_text_type(path)
    decoder = codecs.getincrementaldecoder(encoding or "utf-8")(
        errors="replace" if known_text else "strict"
    )
    chunk = chunk[skip:]
    readings = ReadingWindows()
    code = is_code_type(path)
    held: _Told | None = None  # settled, behind one that waits (_read_again)
    while True:
        final = not chunk
        if not known_text and b"\0" in chunk:
            return NOT_TEXT
        try:
            decoded = decoder.decode(chunk, final=final)
        except UnicodeDecodeError:
            return NOT_TEXT  # not UTF-8: a binary file
        told = [
            found
            for window, reading in readings.read_as()
            for found in _told_in(window.text + decoded, window, code, reading)
        ]
        if final:
            first = _first_told(held, *told)
            return None if first is None else first.marker
        after = readings.next(decoded, Limits(LONG_LINE, OVERLAP, MAX_CARRY))
        if told or held:
            settled = [
                found
                for found in told
                if found.closed or not _read_again(found, after, code)
            ]
            first = _first_told(held, *told)
            if first is held or first in settled:
                return first.marker
            held = _first_told(held, *settled)
        readings = after
        chunk = file.read(CHUNK)


@dataclass(frozen=True)
class _Told:
    """A marker one reading's window finds in the text read so far, and
    whether only the page draws it (the whole file's reading tells a marker
    as written first, then the first line: ``_first_told``)."""

    marker: StaticMarker
    drawn: bool
    #: It ends in its ``]``: what follows makes it no more or less a marker.
    closed: bool

    @property
    def rank(self) -> tuple[bool, int]:
        return self.drawn, self.marker.line


def _first_told(*told: _Told | None) -> _Told | None:
    """Of markers the windows find, the one the whole file's reading tells:
    as written before as drawn, then on the first line. After a
    ``<noscript>``, which a page draws two ways, the whole file's view
    holds each line drawn both ways, so it tells the earlier line of the
    two readings, not the first reading's."""
    found = [each for each in told if each is not None]
    return min(found, key=lambda each: each.rank) if found else None


def _read_again(told: _Told, after: ReadingWindows, code: bool) -> bool:
    """Whether the windows the next chunk is read with (``after``) hold the
    marker ``told`` still, so that it is read again with the text after it.
    Until it is, one without its ``]`` is not told: a chunk that ends inside
    a word leaves ``[!priv&#97;t``, a marker, where the whole file reads on
    to ``[!priv&#97;tisations]``, none (a marker a line later, or one only
    drawn a line earlier, is the one it holds). What no window carries on
    was read whole already."""
    return any(
        again.rank == told.rank
        for window, reading in after.read_as()
        for again in _told_in(window.text, window, code, reading)
    )


def text_encoding(head: bytes) -> tuple[str | None, int]:
    """The encoding the first bytes of a file say it is in, and how many
    bytes of it are a byte order mark: None for UTF-8 or binary.

    Without a mark, UTF-16 and UTF-32 are told by their NUL pattern: ASCII
    text in UTF-16LE is a letter then a NUL, in UTF-32BE three NULs then a
    letter. Most of the first ``SNIFF`` bytes must fall in that pattern
    with a printable ASCII character in place (a line break, a tab), and
    none of those places may hold a NUL, so a binary file, whose NULs fall
    anywhere, is not taken for text."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:SNIFF]
    if 0 not in sample:
        # Each wide pattern needs NULs in most units: text without a NUL
        # (every UTF-8 file: the theme's, the content's) is none of them.
        return None, 0
    for width, name, place in _WIDE:
        units = [
            sample[at : at + width]
            for at in range(0, len(sample) // width * width, width)
        ]
        if len(units) < 4:
            continue
        ascii_units = sum(
            1
            for unit in units
            if unit[place] in _PRINTABLE
            and not any(unit[at] for at in range(width) if at != place)
        )
        if not any(unit[place] == 0 for unit in units) and ascii_units * 2 >= len(
            units
        ):
            return name, 0
    return None, 0


#: Bytes looked at to tell UTF-16 or UTF-32 without a byte order mark.
SNIFF = 4096
_PRINTABLE = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
#: (bytes a character takes, encoding, where its ASCII byte is): UTF-32's
#: first, as ASCII in UTF-32LE also reads as UTF-16LE's pattern half the time.
_WIDE = (
    (4, "utf-32-le", 0),
    (4, "utf-32-be", 3),
    (2, "utf-16-le", 0),
    (2, "utf-16-be", 1),
)


def _marker_in(
    text: str, window: Window, code: bool = False, reading: bool | None = None
) -> StaticMarker | None:
    """The first marker in ``text`` (which starts with ``window.text``), as
    written or as drawn, with its line; in ``code``, only one written whole
    (``spelt_whole``). ``reading``: how the view reads a ``<noscript>``
    (``ReadingWindows.read_as``)."""
    told = _told_in(text, window, code, reading)
    return told[0].marker if told else None


def _told_in(
    text: str, window: Window, code: bool = False, reading: bool | None = None
) -> list[_Told]:
    """The first marker in ``text`` as written and the first only drawn
    (``_marker_in``'s), each if any: a chunked reading that waits on the
    first (``_read_again``) may tell the second."""
    told: list[_Told] = []
    for drawn, view in ((False, text), (True, as_read(text, reading))):
        if has_private_marker(view):
            found = found_markers(view)
            if code:
                found = [marker for marker in found if spelt_whole(marker.spelling)]
                if not found:
                    continue
            marker = found[0]
            line = window.line_after((marker.line or 1) - 1)
            if drawn and (marker.line or 1) == 1:
                line = window.first_drawn
            closed = fold(marker.spelling).endswith("]")
            if drawn and (written := _as_written(text, marker)):
                spelling, described = written, repr(written)
            else:
                spelling, described = marker.spelling, marker.described()
            told.append(_Told(StaticMarker(line, spelling, described), drawn, closed))
    return told


def _as_written(text: str, marker: FoundMarker) -> str | None:
    """What was written for a marker only the page draws
    (``[!priv&#97;te]``, ``sitekit.drawnmarkers``), so the line names what
    the writer typed; None where it is not found."""
    return next(
        (
            only.written
            for only in drawn_only_markers(text)
            if only.line == (marker.line or 1) and only.drawn == marker.spelling
        ),
        None,
    )


def name_findings(name: str, shown_path: str) -> list[Finding]:
    """A static file is published under its name (``name``: the path the
    output keeps, folders included), so a marker there, spelt any way a
    person still reads it, is one in the output: in a URL, a link, the
    sitemap. Names are never hidden, only refused."""
    markers = found_markers(name)
    if not markers:
        return []
    return [
        Finding(
            PRIVATE_MARKER_IN_STATIC_FILE.name,
            f"{markers[0].described()} in its name is a private marker, and a "
            "static file is published under its name: rename the file or its "
            "folder, or take it out of the site",
            shown_path,
        )
    ]


def copied_file_findings(path: Path, shown_path: str, template: bool) -> list[Finding]:
    """What a build must say of a file it copies whole (a static file, or
    a theme template when ``template``): ``static_file_findings``, and for
    an SVG the script it holds (``sitekit.svgscripts``). Here, in sitekit,
    so the findings kept between builds are keyed on this code too
    (``sitekit.staticfindings``)."""
    found = static_file_findings(path, shown_path, template=template)
    return found if template else [*found, *svg_script_findings(path, shown_path)]


def static_file_findings(
    path: Path, shown_path: str, template: bool = False
) -> list[Finding]:
    """What a build must say of the static file ``path``: a marker in its
    text or, for an image, in its metadata (``sitekit.imagemarkers``), or
    that its metadata cannot be read; for a file that is not text, a marker
    spelt out anywhere in its bytes (``sitekit.rawmarkers``); for a packed
    file (a gzip, bzip2, xz, zip, tar or PDF, told by its bytes whatever its
    name), a
    marker in what it holds, or that it cannot be opened
    (``sitekit.packedmarkers``). Raises OSError for a file that cannot be
    opened (copying it will say what is wrong)."""
    marker = _text_marker(path)
    if isinstance(marker, StaticMarker):
        return [static_marker_finding(shown_path, marker, template)]
    if marker is NOT_TEXT:
        try:
            with path.open("rb") as file:
                found, after, offset = _markers_not_as_text(file, path.name)
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
        if found is not None:
            return [
                _image_marker_finding(
                    shown_path, found.described, found.spelling, found.place
                )
            ]
        if after is not None:
            return [_after_picture_finding(shown_path, *after)]
        if offset is not None:
            return [
                Finding(
                    PRIVATE_MARKER_IN_STATIC_FILE.name,
                    f"{CANONICAL} is spelt out at byte {offset:,} of a file that "
                    "is not text, which is copied as it is: take the private text "
                    "out of the file, or the file out of the site",
                    shown_path,
                )
            ]
    return _packed_findings(path, shown_path, marker is None)


def _markers_not_as_text(
    file: IO[bytes], name: str
) -> tuple[ImageMarker | None, tuple[int, StaticMarker] | None, int | None]:
    """The first marker in a file that is not text (``file``, named
    ``name``), looked for in turn: in an image's metadata, in what follows
    its pictures read as text, at last spelt out in its bytes; the first
    found, the others None. Raises ``UnreadableImage``. A PNG's chunks or
    a GIF's blocks are walked once, for the metadata and the pictures' end
    alike (``walk``)."""
    file.seek(0)
    walk = Walk()
    image = image_marker_in(file, name, walk)
    if image is not None:
        return image, None, None
    after = after_picture_marker(file, walk)
    if after is not None:
        return None, after, None
    file.seek(0)
    return None, None, raw_marker_offset_in(file)


def after_picture_marker(
    file: IO[bytes], walk: Walk | None = None
) -> tuple[int, StaticMarker] | None:
    """Where an image's pictures end, and the first marker in what follows
    them read as text, when it is text (``_text_marker_in``: UTF-8 without
    a NUL, or UTF-16 or UTF-32 told by a byte order mark or the NUL
    pattern); None for a file that is no such image, has nothing after its
    pictures, or nothing that is text or holds a marker. ``walk``: how far
    reading the image's metadata walked it (``sitekit.pictureends``)."""
    end = picture_end(file, walk)
    if end is None:
        return None
    file.seek(end)
    # Named without a suffix: told to be text by its bytes alone.
    found = _text_marker_in(file, PurePosixPath("after-the-picture"))
    return (end, found) if isinstance(found, StaticMarker) else None


def _after_picture_text(end: int, marker: StaticMarker) -> str:
    written = "" if marker.spelling == CANONICAL else f" (read as {CANONICAL})"
    return (
        f"{marker.described}{written} on line {marker.line:,} of the text after "
        f"the picture's end (byte {end:,})"
    )


def _after_picture_finding(shown_path: str, end: int, marker: StaticMarker) -> Finding:
    return Finding(
        PRIVATE_MARKER_IN_STATIC_FILE.name,
        f"{_after_picture_text(end, marker)} is a private marker in a static "
        "file, which is copied as it is, bytes after the picture included: "
        "take the text off the end of the file, or the file out of the site",
        shown_path,
    )


def _image_marker_finding(
    shown_path: str, described: str, spelling: str, place: str
) -> Finding:
    written = "" if spelling == CANONICAL else f" (read as {CANONICAL})"
    return Finding(
        PRIVATE_MARKER_IN_STATIC_FILE.name,
        f"{described}{written} in its {place} is a private "
        "marker in a static file's metadata, which is copied with the "
        "image: take it out of the metadata (exiftool -all= FILE drops "
        "all of it), or the file out of the site",
        shown_path,
    )


def _packed_findings(path: Path, shown_path: str, text: bool) -> list[Finding]:
    """A marker in what the packed file ``path`` holds, or that it cannot
    be opened; nothing for a file that is not packed. ``text``: the file
    was read as text (``_held_marker`` says why that matters)."""
    with path.open("rb") as file:
        if packed_kind(file.read(1024)) is None:
            return []
        file.seek(0)
        try:
            found = _held_marker(file, path.name, Budget(), 1, text)
        except UnreadablePacked as error:
            return [
                Finding(
                    UNREADABLE_STATIC_FILE.name,
                    f"it cannot be opened to read it for private markers: {error}; "
                    "a build copies it whole, so fix the file or take it out of "
                    "the site",
                    shown_path,
                )
            ]
    if found is None:
        return []
    places, what = found
    return [
        Finding(
            PRIVATE_MARKER_IN_STATIC_FILE.name,
            f"{what} of {' in '.join(reversed(places))}, packed inside it, is a "
            "private marker in a static file, which is copied as it is: a build "
            "cannot hide part of it; take the private text out of the file, or "
            "the file out of the site",
            shown_path,
        )
    ]


def _held_marker(
    file: IO[bytes], name: str, budget: Budget, depth: int, text: bool = False
) -> tuple[list[str], str] | None:
    """Where, among what the packed ``file`` holds, a marker is (outermost
    place first) and what it is; None if nowhere. Raises
    ``UnreadablePacked``.

    A file read as ``text`` whose first bytes are no packed kind's (a note
    or a script that names PDF's ``%PDF-`` header near its top; a tar's
    ``ustar`` falls 257 bytes in, and a real tar is never text) is text
    when it cannot be opened at all: every byte of it was read as text already,
    and calling it unreadable stopped ``make publish`` for a note."""
    opened = False
    try:
        for item in unpacked(file, name, budget):
            opened = True
            found = _unpacked_marker(item, budget, depth)
            if found is not None:
                places, what = found
                return [item.place, *places], what
    except UnreadablePacked:
        file.seek(0)
        if text and not opened and not told_at_start(file.read(1024)):
            return None
        raise
    return None


def _unpacked_marker(
    item: Unpacked, budget: Budget, depth: int
) -> tuple[list[str], str] | None:
    """A marker in one thing a packed file holds, judged as a static file
    is: as text, as an image's metadata, spelt out, or opened again (text
    too: what a thing is, is told by its bytes, so a gzip named
    ``notes.txt`` inside a zip is opened)."""
    name = PurePosixPath(item.name)
    marker = _text_marker_in(io.BytesIO(item.data), name)
    if isinstance(marker, StaticMarker):
        written = "" if marker.spelling == CANONICAL else f" (read as {CANONICAL})"
        return [], f"{marker.described}{written} on line {marker.line:,}"
    if marker is NOT_TEXT:
        try:
            image, after, offset = _markers_not_as_text(
                io.BytesIO(item.data), name.name
            )
        except UnreadableImage as error:
            raise UnreadablePacked(
                f"{item.place} is an image whose metadata cannot be read: {error}"
            ) from None
        if image is not None:
            written = "" if image.spelling == CANONICAL else f" (read as {CANONICAL})"
            return [], f"{image.described}{written} in the {image.place}"
        if after is not None:
            return [], _after_picture_text(*after)
        if offset is not None:
            return [], f"{CANONICAL} spelt out at byte {offset:,}"
    head = item.data[:1024]
    if packed_kind(head) is None:
        return None
    if depth >= MAX_DEPTH:
        if marker is None and not told_at_start(head):
            return None  # text, read as text (``_held_marker``)
        raise UnreadablePacked(
            f"{item.place} is packed again, more than {MAX_DEPTH} layers deep"
        )
    return _held_marker(
        io.BytesIO(item.data), item.name, budget, depth + 1, marker is None
    )


def static_marker_finding(
    shown_path: str, marker: StaticMarker, template: bool = False
) -> Finding:
    """One line: the file, the marker's line and what to do; a theme's
    ``template`` is not copied but drawn into pages, and is said so."""
    written = "" if marker.spelling == CANONICAL else f" (read as {CANONICAL})"
    where = (
        "a theme template, whose text is drawn into the pages made from it"
        if template
        else "a static file, which is copied as it is"
    )
    return Finding(
        PRIVATE_MARKER_IN_STATIC_FILE.name,
        f"{marker.described}{written} is a private marker in {where}: a build "
        "cannot hide part of it; take the private text out of the file, or the "
        "file out of the site",
        shown_path,
        marker.line,
    )
