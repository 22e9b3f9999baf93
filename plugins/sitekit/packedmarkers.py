"""What a static file holds packed: the text inside a gzip, a bzip2, an
xz, a zip, a tar or a PDF, which a build copies whole and nobody reads
unpacked.

``sitekit.staticmarkers`` reads a file as text, ``sitekit.imagemarkers``
an image's metadata and ``sitekit.rawmarkers`` the marker spelt out in the
bytes of any other file. None of them sees text that is compressed: an
SVG saved as ``.svgz``, notes as ``.txt.bz2`` or ``.tar.xz``, a
``.docx``, ``.odt``, ``.xlsx``, ``.pptx`` or ``.epub`` (a zip of XML), a
``.zip`` or ``.tar.gz`` of notes, a PDF's pages (their text in compressed
streams, drawn a few letters at a time), its notes, bookmarks, document
information, form fields and attached files (those attached to a page
as a comment too). Privacy fails closed, so a static file that is one of these is
opened and what it holds is judged as a static file is
(``staticmarkers`` does, opening what it holds again, down to
``MAX_DEPTH`` layers).

What a file is, is told by its first bytes, not its name: a ``.pdf`` that
is a zip is opened as a zip, a ``.bin`` that is a gzip as a gzip. Each
thing inside is an ``Unpacked``: where it is, a name whose ending says
whether it is text (a zip member's own name; a gzip's, bzip2's or xz's
name less ``.gz``, ``.bz2`` or ``.xz``, ``.svgz`` as ``.svg``), and its
bytes.

What it costs. At most ``MAX_UNPACKED`` bytes come out of one static file,
every layer counted (``Budget``), each piece read with a cap of what is
left, so a zip bomb stops at the cap and never fills memory; a zip or tar
of more than ``MAX_MEMBERS`` entries and a PDF of more than ``MAX_PAGES``
pages are not opened, nor a page that draws more forms than pypdf reads
(``_count_drawing``). A file that cannot be opened (damaged, encrypted,
over a bound, a compression Python cannot read) is ``UnreadablePacked``:
one line naming the file, which fails closed in a published build, since
nobody can say what it holds. PDFs are read with pypdf (its own limits
on a stream's size apply too), text as pypdf extracts it.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import logging
import lzma
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import IO, Any

#: Bytes that may come out of one static file, every layer counted.
MAX_UNPACKED = 64 << 20
#: Entries of one zip or tar; pages of one PDF.
MAX_MEMBERS = 10_000
MAX_PAGES = 2_000
#: Layers opened: a zip in a zip in a zip is the deepest read.
MAX_DEPTH = 3

_PDF_HEAD = 1024  # a PDF's ``%PDF-`` may follow some bytes of junk


class UnreadablePacked(Exception):
    """A packed file that could not be opened; the message says why, in
    words for the writer."""


@dataclass(frozen=True)
class Unpacked:
    """One thing a packed file holds."""

    place: str  # "word/document.xml", "page 3's text", "its document information"
    name: str  # a file name whose ending says what it is
    data: bytes


class Budget:
    """The bytes one static file may still unpack (``MAX_UNPACKED``)."""

    def __init__(self) -> None:
        self.left = MAX_UNPACKED

    def read(self, file: IO[bytes], what: str) -> bytes:
        """All of ``file``, or ``UnreadablePacked`` past what is left."""
        data = file.read(self.left + 1)
        self.take(len(data), what)
        return data

    def take(self, size: int, what: str) -> None:
        """Count ``size`` bytes of ``what`` as read."""
        self.check(size, what)
        self.left -= size

    def check(self, size: int, what: str) -> None:
        """``UnreadablePacked`` if ``what``'s ``size`` bytes are more than is
        left: a size an archive states is checked before anything is read."""
        if size > self.left:
            raise UnreadablePacked(
                f"{what} unpacks to more than the {MAX_UNPACKED >> 20} MiB "
                "read of one file"
            )


#: bzip2's first bytes: ``BZh``, the block size, then a block's or the
#: stream's end's magic number, so a text that starts "BZh1" is no bzip2.
_BZIP2_NEXT = (b"1AY&SY", b"\x17rE8P\x90")
_XZ = b"\xfd7zXZ\x00"


def packed_kind(head: bytes) -> str | None:
    """ "gzip", "bzip2", "xz", "zip", "tar" or "PDF" by the file's first
    bytes, else None."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head[:3] == b"BZh" and head[3:4] in b"123456789" and head[4:10] in _BZIP2_NEXT:
        return "bzip2"
    if head.startswith(_XZ):
        return "xz"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head[257:262] == b"ustar":
        return "tar"
    if b"%PDF-" in head[:_PDF_HEAD]:
        return "PDF"
    return None


def told_at_start(head: bytes) -> bool:
    """Whether a packed kind is told by the very first bytes, not by bytes
    further in (a PDF's header after junk; a tar's ``ustar``)."""
    kind = packed_kind(head)
    return (
        kind is not None
        and packed_kind(head[:10]) == kind
        and (kind != "PDF" or head.startswith(b"%PDF-"))
    )


def unpacked(file: IO[bytes], name: str, budget: Budget) -> Iterator[Unpacked]:
    """What the packed file ``file`` (seekable, named ``name``) holds, one
    layer down: nothing for a file that is not packed. Raises
    ``UnreadablePacked``."""
    head = file.read(_PDF_HEAD)
    file.seek(0)
    kind = packed_kind(head)
    if kind is None:
        return
    try:
        if kind in _STREAMS:
            yield from _stream(kind, file, name, budget)
        elif kind == "zip":
            yield from _zip(file, budget)
        elif kind == "tar":
            yield from _tar(file, budget)
        else:
            yield from _pdf(file, budget)
    except UnreadablePacked:
        raise
    except (
        OSError,
        EOFError,
        zlib.error,
        lzma.LZMAError,
        zipfile.BadZipFile,
        tarfile.TarError,
    ) as error:
        raise UnreadablePacked(f"it is a damaged {kind} ({_said(error)})") from None
    except NotImplementedError as error:
        raise UnreadablePacked(
            f"it is a {kind} Python cannot open ({_said(error)})"
        ) from None
    except Exception as error:  # a parser reading hostile bytes raises
        # whatever it meets (KeyError, ValueError, RecursionError...): each
        # is a damaged file, one line, never a traceback.
        raise UnreadablePacked(
            f"it is a damaged {kind} ({type(error).__name__}: {_said(error)})"
        ) from None


def _said(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]


#: A compressed stream of one file: how to open it, and the endings of its
#: name that say what it holds (``site.tgz`` a tar).
_STREAMS: dict[str, tuple[Any, dict[str, str]]] = {
    "gzip": (
        lambda file: gzip.GzipFile(fileobj=file),
        {".gz": "", ".gzip": "", ".z": "", ".svgz": ".svg", ".tgz": ".tar"},
    ),
    "bzip2": (bz2.BZ2File, {".bz2": "", ".bz": "", ".tbz2": ".tar", ".tbz": ".tar"}),
    "xz": (lzma.LZMAFile, {".xz": "", ".txz": ".tar"}),
}


def _stream(
    kind: str, file: IO[bytes], name: str, budget: Budget
) -> Iterator[Unpacked]:
    opener, _ = _STREAMS[kind]
    with opener(file) as opened:
        data = budget.read(opened, f"the {kind}")
    inner = _inner_name(name, kind)
    yield Unpacked(shown_name(PurePosixPath(inner).name) or "its text", inner, data)


def _inner_name(name: str, kind: str = "gzip") -> str:
    """A compressed file's name less its ending: ``notes.txt.gz`` holds
    ``notes.txt``, ``drawing.svgz`` an SVG, ``site.tgz`` or ``site.txz`` a
    tar; any other ending is dropped, what it holds judged by its bytes."""
    path = PurePosixPath(name)
    endings = _STREAMS[kind][1]
    return str(path.with_suffix(endings.get(path.suffix.lower(), "")))


def _zip(file: IO[bytes], budget: Budget) -> Iterator[Unpacked]:
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
        _count(len(members), "entries", "zip")
        for member in members:
            if member.is_dir():
                continue
            if member.flag_bits & 0x1:
                raise UnreadablePacked(
                    f"its entry {member.filename!r} is encrypted, so nobody "
                    "can say what it holds"
                )
            # A member's stated size is read no further than that (Python's
            # zipfile stops there), and checked against what is left first.
            budget.check(member.file_size, f"its entry {member.filename!r}")
            with archive.open(member) as opened:
                data = budget.read(opened, f"its entry {member.filename!r}")
            yield Unpacked(shown_name(member.filename), member.filename, data)


def _tar(file: IO[bytes], budget: Budget) -> Iterator[Unpacked]:
    with tarfile.open(fileobj=file, mode="r:") as archive:
        seen = 0
        for member in archive:
            seen += 1
            _count(seen, "entries", "tar")
            if not member.isfile():
                continue
            budget.check(member.size, f"its entry {member.name!r}")
            opened = archive.extractfile(member)
            if opened is None:
                continue
            data = budget.read(opened, f"its entry {member.name!r}")
            yield Unpacked(shown_name(member.name), member.name, data)


def shown_name(name: str) -> str:
    """A name from inside a file as a finding shows it: as it is, or quoted
    with its escapes when it holds a line break, a terminal's escape or any
    other character one cannot see (an entry may be named with any), so a
    finding stays one line that does what it says."""
    return name if name.isprintable() else repr(name)


def _count(count: int, what: str, kind: str, bound: int | None = None) -> None:
    """``UnreadablePacked`` past ``bound`` (``MAX_MEMBERS`` unless given)."""
    bound = MAX_MEMBERS if bound is None else bound
    if count > bound:
        raise UnreadablePacked(
            f"it is a {kind} of more than {bound:,} {what}, more than is "
            "read of one file"
        )


def _pdf(file: IO[bytes], budget: Budget) -> Iterator[Unpacked]:
    """The PDF as readers show it, then each revision it was saved over.

    An edit saved as Acrobat or pypdf saves one (an incremental update) is
    appended to the file: the text it took out stays in the bytes,
    compressed, and any tool that opens the file as it was before the edit
    (every revision ends in ``%%EOF``) shows it. Each earlier revision is
    read as a PDF too, what it shares with a later one (a page's drawing, an
    attached file) read once; one that cannot be opened alone (the first
    part of a PDF made for fast web view ends in ``%%EOF`` too) is passed
    over: the file as readers show it decides whether it can be read."""
    seen: set[bytes] = set()
    yield from _pdf_revision(file, budget, seen, "")
    ends = _revision_ends(file)
    for number, end in enumerate(ends, start=1):
        later = f", in revision {number} of {len(ends) + 1}, saved over"
        try:
            yield from _pdf_revision(_Prefix(file, end), budget, seen, later)
        except UnreadablePacked:
            raise
        except Exception:
            continue


#: Revisions of one PDF read; more is ``UnreadablePacked``.
MAX_REVISIONS = 100


def _revision_ends(file: IO[bytes]) -> list[int]:
    """Where each revision of a PDF but the last ends: after each
    ``%%EOF`` that more of the file follows."""
    ends: list[int] = []
    file.seek(0)
    start, carried = 0, b""
    while chunk := file.read(1 << 20):
        window = carried + chunk
        at = window.find(b"%%EOF")
        while at != -1:
            ends.append(start + at + 5)
            at = window.find(b"%%EOF", at + 1)
        carried = window[-4:]
        start += len(window) - len(carried)
    size = file.seek(0, 2)
    file.seek(0)
    ends = sorted(set(ends))
    # The last revision's own end, and whitespace after it, is the file.
    ends = [end for end in ends if _more_after(file, end, size)]
    file.seek(0)
    if len(ends) >= MAX_REVISIONS:
        raise UnreadablePacked(
            f"it is a PDF of more than {MAX_REVISIONS} revisions, more than is "
            "read of one file"
        )
    return ends


def _more_after(file: IO[bytes], end: int, size: int) -> bool:
    file.seek(end)
    return bool(file.read(min(size - end, 4096)).strip())


class _Prefix(io.RawIOBase):
    """The first ``end`` bytes of ``file``, as a file: a PDF as it was
    before the edits appended after it."""

    def __init__(self, file: IO[bytes], end: int) -> None:
        self.file, self.end, self.at = file, end, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self.at, self.end)[whence]
        self.at = max(0, base + offset)
        return self.at

    def tell(self) -> int:
        return self.at

    def readinto(self, buffer: Any) -> int:
        self.file.seek(self.at)
        data = self.file.read(max(0, min(len(buffer), self.end - self.at)))
        buffer[: len(data)] = data
        self.at += len(data)
        return len(data)


def _pdf_revision(
    file: IO[bytes], budget: Budget, seen: set[bytes], later: str
) -> Iterator[Unpacked]:
    """What one revision of a PDF holds, each place said with ``later``;
    a page's drawing or an attached file in ``seen`` (digests) is read
    already."""
    from pypdf import PdfReader  # only a site with a PDF pays its import

    def once(data: bytes) -> bool:
        digest = hashlib.sha256(data).digest()
        new = digest not in seen
        seen.add(digest)
        return new

    with _quiet_pypdf():
        reader = PdfReader(file, strict=False)
        for item in _pdf_items(reader, budget, once):
            yield replace(item, place=item.place + later)


def _pdf_items(
    reader: Any, budget: Budget, once: Callable[[bytes], bool]
) -> Iterator[Unpacked]:
    """What one revision of a PDF holds; ``once`` says whether a drawing or
    a file was not read already."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadablePacked(
            "it is an encrypted PDF, so nobody can say what it holds"
        )
    _count(len(reader.pages), "pages", "PDF", MAX_PAGES)
    if reader.metadata:
        for key, value in reader.metadata.items():
            yield _text(f"its document information ({key.lstrip('/')})", value, budget)
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None and once(data := xmp.get_object().get_data()):
        budget.take(len(data), "its XMP metadata")
        yield Unpacked("its XMP metadata", "metadata.xml", data)
    for number, page in enumerate(reader.pages, start=1):
        # What pypdf parses to find the text is counted first, so a page
        # drawn with a huge stream is refused before it is parsed.
        size, drawing = _count_drawing(page, number, budget)
        if once(drawing):  # a page a later revision did not change is read
            budget.take(size, f"page {number}'s drawing")
            text = page.extract_text() or ""
            yield _text(f"page {number}'s text", text, budget)
        for note in _resolved(page.get("/Annots")) or ():
            note = _resolved(note)
            for key in ("/Contents", "/T", "/V", "/TU"):
                if key in note:
                    yield _text(
                        f"a note on page {number} ({key[1:]})", note[key], budget
                    )
            # A file attached to the page (Acrobat's "Attach File"
            # comment) is not among the document's attachments.
            yield from _attached(_resolved(note.get("/FS")), number, budget)
    yield from _outline(reader.outline, budget)
    # A form's fields hold what was filled in; a field shown in two
    # places, or made by many tools, keeps its value on the field, not
    # on the box drawn on a page (a note of the page, above).
    for name, field in (reader.get_fields() or {}).items():
        place = f"its form field {name!r}"
        yield _text(place, name, budget)
        for key in ("/V", "/DV", "/TU"):
            if field.get(key) is not None:
                yield _text(f"{place} ({key[1:]})", field[key], budget)
    for attached, contents in reader.attachments.items():
        for data in contents:
            if not once(data):
                continue
            budget.take(len(data), f"its attached file {attached!r}")
            yield Unpacked(f"its attached file {attached!r}", attached, data)


#: A form drawn by name (``/Name Do``) in a page's or a form's drawing.
_DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")


def _count_drawing(page: Any, number: int, budget: Budget) -> tuple[int, bytes]:
    """Count against ``budget`` the bytes pypdf parses to extract page
    ``number``'s text: its drawing and, each time it is drawn, each form
    it draws (forms that draw forms multiply: ten each drawing the next
    ten times is 10^10 drawings in 2 KB). pypdf draws at most
    ``xform_maximum_invocations_per_extraction`` forms (5,000) and skips
    the rest without a word, so a page that draws more cannot be read
    whole: ``UnreadablePacked``, as is one over the budget, both before
    pypdf parses anything. Returns the bytes to count and a digest of all
    that is drawn (the page's drawing and each form's), which is the same
    in a revision that did not change the page."""
    from pypdf import get_configuration

    limit = get_configuration().xform_maximum_invocations_per_extraction
    place = f"page {number}'s drawing"
    drawn: dict[int, tuple[int, int]] = {}  # a form's (bytes, forms drawn)
    digest = hashlib.sha256()

    def cost(data: bytes, resources: Any, within: frozenset[int]) -> tuple[int, int]:
        digest.update(len(data).to_bytes(8, "big") + data)
        size, forms = len(data), 0
        xobjects = _resolved(resources.get("/XObject")) if resources else None
        for name in _DRAWN.findall(data) if xobjects else ():
            form = _resolved(xobjects.get("/" + name.decode("latin-1")))
            if not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
                continue
            key = id(form)
            if key in within:
                continue  # pypdf skips a form that draws itself
            if key not in drawn:
                drawn[key] = cost(
                    form.get_data(), _resolved(form.get("/Resources")), within | {key}
                )
            size, forms = size + drawn[key][0], forms + 1 + drawn[key][1]
            budget.check(size, place)
            if forms > limit:
                raise UnreadablePacked(
                    f"page {number} draws more than {limit:,} forms, more than "
                    "pypdf reads of one page"
                )
        return size, forms

    contents = page.get_contents()
    if contents is None:
        return 0, digest.digest()
    size, _ = cost(contents.get_data(), _resolved(page.get("/Resources")), frozenset())
    return size, digest.digest()


def _attached(spec: Any, number: int, budget: Budget) -> Iterator[Unpacked]:
    """The files a file specification holds (``/EF``), as attached to page
    ``number``; nothing for one that names a file outside the PDF."""
    if not hasattr(spec, "get"):
        return
    name = str(_resolved(spec.get("/UF") or spec.get("/F") or "attached"))
    files = _resolved(spec.get("/EF"))
    for key in files or ():
        place = f"the file {name!r} attached on page {number}"
        data = _resolved(files[key]).get_data()
        budget.take(len(data), place)
        yield Unpacked(place, name, data)


def _outline(items: Any, budget: Budget) -> Iterator[Unpacked]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(item, budget)
        else:
            yield _text("its bookmarks", getattr(item, "title", "") or "", budget)


def _resolved(value: Any) -> Any:
    """A PDF object, followed if it is a reference to one elsewhere in the
    file (an array of notes, a title, may be either)."""
    return value.get_object() if hasattr(value, "get_object") else value


def _text(place: str, value: Any, budget: Budget) -> Unpacked:
    data = str(_resolved(value)).encode("utf-8", "surrogatepass")
    budget.take(len(data), place)
    return Unpacked(place, "text.txt", data)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged PDF as warnings; what
    matters to the writer is said once, by the finding, or not at all."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
