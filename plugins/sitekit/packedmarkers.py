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
(``sitekit.packedpdf``, which reads PDFs with pypdf). A file that cannot
be opened (damaged, encrypted, over a bound, a compression Python cannot
read) is ``UnreadablePacked``: one line naming the file, which fails
closed in a published build, since nobody can say what it holds.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
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
            from .packedpdf import pdf_contents  # only a PDF pays for it

            yield from pdf_contents(file, budget)
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
    tar. A name with no such ending is kept: a script shipped gzipped
    under its own name (``app.js``, the server saying it is gzipped) holds
    what its name says, and is read as code, as it is unpacked."""
    path = PurePosixPath(name)
    endings = _STREAMS[kind][1]
    suffix = path.suffix.lower()
    return str(path.with_suffix(endings[suffix])) if suffix in endings else name


def _zip(file: IO[bytes], budget: Budget) -> Iterator[Unpacked]:
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
        check_count(len(members), "entries", "zip")
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
            check_count(seen, "entries", "tar")
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


def check_count(count: int, what: str, kind: str, bound: int | None = None) -> None:
    """``UnreadablePacked`` past ``bound`` (``MAX_MEMBERS`` unless given)."""
    bound = MAX_MEMBERS if bound is None else bound
    if count > bound:
        raise UnreadablePacked(
            f"it is a {kind} of more than {bound:,} {what}, more than is "
            "read of one file"
        )
