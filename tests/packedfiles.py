"""Packed files made in tests: a PDF written object by object, zips, gzips
and tars, small enough to read in a test and real enough for pypdf,
zipfile and the other readers a build uses."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
import zlib

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def pdf_text(text: str) -> bytes:
    """A PDF string as writers often store one: hex, UTF-16 with its mark,
    so the marker is not spelt out in the file's bytes."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().encode() + b">"


def pdf(
    drawing: bytes,
    *,
    info: dict[str, str] | None = None,
    note: str | None = None,
    compress: bool = True,
) -> bytes:
    """A one-page PDF drawing ``drawing`` (content stream operators) in
    Helvetica, its stream Flate-compressed unless ``compress`` is false;
    ``info`` its document information, ``note`` a text annotation."""
    stream = zlib.compress(drawing) if compress else drawing
    packed = b" /Filter /FlateDecode" if compress else b""
    # The notes' array by reference, as many writers store it.
    annots = b" /Annots 8 0 R" if note is not None else b""
    fields = b" ".join(
        b"/" + key.encode() + b" " + pdf_text(value)
        for key, value in (info or {}).items()
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >>" + annots + b" >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), packed)
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents "
        + pdf_text(note or "")
        + b" >>",
        b"<< " + fields + b" >>",
        b"[6 0 R]",
    ]
    return pdf_file(objects, b"/Info 7 0 R", head=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def pdf_file(
    objects: list[bytes], trailer: bytes = b"", head: bytes = b"%PDF-1.4\n"
) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first its catalogue),
    with the table of where each starts that a reader looks them up in;
    ``trailer`` adds to the trailer's entries."""
    out = bytearray(head)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (
        len(objects) + 1,
        trailer + b" " if trailer else b"",
    )
    out += b"startxref\n%d\n%%%%EOF\n" % table
    return bytes(out)


def page(*lines: bytes) -> bytes:
    """A page's drawing: each line a ``TJ`` array's contents, a line apart."""
    drawn = b" 0 -14 Td ".join(b"[" + line + b"] TJ" for line in lines)
    return b"BT /F1 12 Tf 72 700 Td " + drawn + b" ET"


def zipped(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tarred(members: dict[str, bytes], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if compress else "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def gzipped(data: bytes | str) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, mtime=0)


def docx(paragraphs: list[list[str]]) -> bytes:
    """A word processor's file as Word writes one: each paragraph's text in
    runs (``<w:t>``), which Word splits wherever formatting or an edit
    falls, a word's letters in two runs included."""
    body = "".join(
        "<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"
        for runs in paragraphs
    )
    return zipped(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
            ),
            "docProps/core.xml": '<?xml version="1.0"?><cp:coreProperties/>',
        }
    )


def pdf_with_attached_note(data: bytes) -> bytes:
    """A one-page PDF whose page carries ``data`` as a file attachment
    annotation (the paper-clip icon Acrobat's "Attach File" comment puts on
    a page), its file compressed and not in the document's list of
    attachments."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("notes.txt"),
            NameObject("/EF"): DictionaryObject(
                {NameObject("/F"): writer._add_object(stream.flate_encode())}
            ),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 9, 9)]),
            NameObject("/FS"): writer._add_object(spec),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject(
        [writer._add_object(annotation)]
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_of_forms(levels: int, fan: int, last: bytes) -> bytes:
    """A one-page PDF whose page draws a form (a drawing kept once and drawn
    by name, as a map's symbol is) that draws the next ``fan`` times, down
    ``levels`` forms: the last is drawn ``fan ** (levels - 1)`` times.
    After them the page draws ``last``, a form of its own."""
    font = b"<< /Font << /F1 %d 0 R >> >>"
    first = 5  # the page's drawing is object 4, the forms 5 on
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /X %d 0 R /L %d 0 R >> >> >>"
        % (first, first + levels),
        _pdf_stream(b"", b"/X Do /L Do"),
    ]
    for level in range(levels - 1):
        objects.append(
            _pdf_stream(
                b"/Resources << /XObject << /X %d 0 R >> >>" % (first + level + 1),
                b" ".join([b"/X Do"] * fan),
            )
        )
    font_object = first + levels + 1
    objects.append(
        _pdf_stream(b"/Resources " + font % font_object, b"BT /F1 9 Tf (map) Tj ET")
    )
    objects.append(_pdf_stream(b"/Resources " + font % font_object, last))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_file(objects)


def _pdf_stream(entries: bytes, drawing: bytes) -> bytes:
    packed = zlib.compress(drawing)
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] " if entries else b""
    return (
        b"<< %s%s /Length %d /Filter /FlateDecode >>\nstream\n"
        % (form, entries, len(packed))
        + packed
        + b"\nendstream"
    )


def pdf_with_form_field(value: str) -> bytes:
    """A one-page PDF form filled in with ``value``: the field's value on
    the field, its box on the page a widget of it (as a field shown in two
    places, or any pypdf or LibreOffice form, is stored), so no note on
    the page holds the value."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("salary"),
            NameObject("/V"): TextStringObject(value),
        }
    )
    field_reference = writer._add_object(field)
    widget = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Rect"): ArrayObject(
                    [NumberObject(n) for n in (0, 0, 90, 20)]
                ),
                NameObject("/Parent"): field_reference,
            }
        )
    )
    field[NameObject("/Kids")] = ArrayObject([widget])
    writer.pages[0][NameObject("/Annots")] = ArrayObject([widget])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([field_reference])}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_saved_over(first: str, then: str) -> bytes:
    """A PDF whose page said ``first`` and was then edited to say ``then``,
    saved as Acrobat and pypdf save an edit: appended to the file (an
    incremental update), the first drawing left in its bytes, compressed."""
    writer = PdfWriter(
        io.BytesIO(pdf(page(b"(" + first.encode() + b")"))), incremental=True
    )
    drawing = DecodedStreamObject()
    drawing.set_data(page(b"(" + then.encode() + b")"))
    writer.pages[0][NameObject("/Contents")] = writer._add_object(
        drawing.flate_encode()
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_drawn_note(text: str) -> bytes:
    """A one-page PDF with a text box comment (``/FreeText``) whose words
    are only in the drawing a reader shows for it (its appearance stream),
    its own contents empty, as a typewriter tool may leave it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    drawing = DecodedStreamObject()
    drawing.set_data(b"BT /F1 9 Tf 2 2 Td (" + text.encode() + b") Tj ET")
    drawing.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(n) for n in (0, 0, 190, 20)]
            ),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
            ),
        }
    )
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FreeText"),
            NameObject("/Rect"): ArrayObject(
                [NumberObject(n) for n in (0, 0, 190, 20)]
            ),
            NameObject("/Contents"): TextStringObject(""),
            NameObject("/AP"): DictionaryObject(
                {NameObject("/N"): writer._add_object(drawing.flate_encode())}
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
