"""What a PDF holds, for ``sitekit.packedmarkers``: each page's text as
pypdf extracts it, its notes, bookmarks, document information, XMP, form
fields and attached files, in every revision it was saved over.

What it costs is counted before pypdf parses it: a page's drawing with
every form it draws expanded (``_count_drawing``), each revision only for
what it changed, within the one file's ``Budget``; pypdf's own limits on a
stream's size apply too.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import IO, Any

from . import packedmarkers as packed
from .packedmarkers import Budget, Unpacked, UnreadablePacked, check_count


def pdf_contents(file: IO[bytes], budget: Budget) -> Iterator[Unpacked]:
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
    if reader.is_encrypted and not _decrypted(reader):
        raise UnreadablePacked(
            "it is an encrypted PDF, so nobody can say what it holds"
        )
    check_count(len(reader.pages), "pages", "PDF", packed.MAX_PAGES)
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
            yield from _appearance(page, note, number, budget, once)
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


def _appearance(
    page: Any, note: Any, number: int, budget: Budget, once: Callable[[bytes], bool]
) -> Iterator[Unpacked]:
    """The text a note's drawing shows (its appearance: ``/AP``'s normal
    one, or each of its states), which a text box or a stamp may hold
    with no ``/Contents``; counted as a page's drawing is."""
    appearance = _resolved(note.get("/AP"))
    normal = _resolved(appearance.get("/N")) if hasattr(appearance, "get") else None
    if hasattr(normal, "get_data"):
        forms = [normal]
    elif hasattr(normal, "values"):  # one drawing for each state
        forms = [_resolved(state) for state in normal.values()]
    else:
        forms = []
    for form in forms:
        if not hasattr(form, "get_data"):
            continue
        size, drawn = _count_drawing(page, number, budget, form)
        if once(drawn):
            budget.take(size, f"a note's drawing on page {number}")
            text = page.extract_xform_text(form) or ""
            yield _text(f"a note's drawing on page {number}", text, budget)


def _decrypted(reader: Any) -> bool:
    """Whether the PDF opens without a password, as every reader opens one
    encrypted only against editing. pypdf decrypts AES only with
    cryptography (or pycryptodome) installed, neither of which the site
    pins; without, the PDF is unreadable, and the writer is told why."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise UnreadablePacked(
            "it is an encrypted PDF that pypdf opens only with cryptography "
            "installed (pip install cryptography)"
        ) from None


#: A form drawn by name (``/Name Do``) in a page's or a form's drawing.
_DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")


def _count_drawing(
    page: Any, number: int, budget: Budget, drawing: Any = None
) -> tuple[int, bytes]:
    """Count against ``budget`` the bytes pypdf parses to extract page
    ``number``'s text: its drawing and, each time it is drawn, each form
    it draws (forms that draw forms multiply: ten each drawing the next
    ten times is 10^10 drawings in 2 KB). pypdf draws at most
    ``xform_maximum_invocations_per_extraction`` forms (5,000) and skips
    the rest without a word, so a page that draws more cannot be read
    whole: ``UnreadablePacked``, as is one over the budget, both before
    pypdf parses anything. Returns the bytes to count and a digest of all
    that is drawn (the page's drawing and each form's), which is the same
    in a revision that did not change the page. ``drawing``: a form of
    the page's own to count in place of its drawing (a note's
    appearance)."""
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

    if drawing is not None:
        resources = _resolved(drawing.get("/Resources"))
        size, _ = cost(drawing.get_data(), resources, frozenset({id(drawing)}))
        return size, digest.digest()
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
