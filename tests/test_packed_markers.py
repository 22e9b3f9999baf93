"""Private markers in what a static file holds packed (``sitekit.packedmarkers``):
an ``.svgz``, a ``.docx`` or ``.epub`` (a zip of XML), a ``.zip`` or ``.tar.gz``
of notes, a PDF's pages, notes, document information and attached files.
A build copies each of them whole, so a marker inside one is a marker in a
static file, and one that cannot be opened cannot be shown to hold none.
Each case has its public control beside it, so each test can fail.
"""

from __future__ import annotations

import bz2
import io
import lzma
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packedfiles import (
    docx,
    gzipped,
    page,
    pdf,
    pdf_of_forms,
    pdf_saved_over,
    pdf_with_attached_note,
    pdf_with_drawn_note,
    pdf_with_form_field,
    tarred,
    zipped,
)
from PIL import Image
from pypdf import PdfWriter
from sitebuild import CONTENT, ROOT, run_pelican

from reflect.cli import main
from sitekit import packedmarkers
from sitekit.staticmarkers import static_file_findings

SECRET = "[!private] the offer was 90k"
PUBLIC = "the offer was fair"
MARKER = "private-marker-in-static-file"
UNREADABLE = "unreadable-static-file"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def findings(tmp_path: Path, name: str, data: bytes) -> list[tuple[str, str]]:
    path = write(tmp_path / name, data)
    return [(found.rule, found.message) for found in static_file_findings(path, name)]


def only_rule(tmp_path: Path, name: str, data: bytes) -> str | None:
    found = findings(tmp_path, name, data)
    assert len(found) <= 1, found
    return found[0][0] if found else None


def photo(caption: str) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = caption  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


# ---- what each kind holds --------------------------------------------------


PACKED = {
    "an SVG saved as .svgz": (
        "drawing.svgz",
        lambda note: gzipped(f"<svg><!-- {note} --><text>Hello</text></svg>"),
    ),
    "notes gzipped": ("notes.txt.gz", lambda note: gzipped(f"Agenda\n{note}\n")),
    "a .docx whose runs split the marker": (
        "letter.docx",
        lambda note: docx([["Dear Sam,"], [note[:5], note[5:12], note[12:]]]),
    ),
    "an .epub's chapter": (
        "book.epub",
        lambda note: zipped(
            {
                "mimetype": "application/epub+zip",
                "OEBPS/ch1.xhtml": f"<html><body><p>{note}</p></body></html>",
            }
        ),
    ),
    "a .tar.gz of notes": (
        "notes.tar.gz",
        lambda note: tarred({"notes/a.md": b"# A\n", "notes/b.md": note.encode()}),
    ),
    "a PDF page whose text is drawn in pieces": (
        "cv.pdf",
        lambda note: pdf(
            page(
                b"(Curriculum) -250 (vitae)",
                b"(" + note[:5].encode() + b") -20 (" + note[5:].encode() + b")",
            )
        ),
    ),
    "a PDF's title, in hex UTF-16": (
        "cv.pdf",
        lambda note: pdf(page(b"(Hello)"), info={"Title": note}),
    ),
    "a PDF's sticky note": ("cv.pdf", lambda note: pdf(page(b"(Hello)"), note=note)),
    "a photo's caption inside a .docx": (
        "album.docx",
        lambda note: zipped({"word/media/image1.jpeg": photo(note)}),
    ),
    "a .docx inside a .zip": (
        "letters.zip",
        lambda note: zipped({"2026/letter.docx": docx([[note]])}),
    ),
    "a gzip inside a zip, named as text": (
        "bundle.zip",
        lambda note: zipped({"notes.txt": gzipped(f"Agenda\n{note}\n")}),
    ),
    "notes compressed with bzip2": (
        "notes.txt.bz2",
        lambda note: bz2.compress(f"Agenda\n{note}\n".encode()),
    ),
    "notes compressed with xz": (
        "notes.txt.xz",
        lambda note: lzma.compress(("Agenda\n" * 40 + note).encode()),
    ),
    "a .tar.xz of notes": (
        "notes.tar.xz",
        lambda note: lzma.compress(
            tarred({"a.md": b"# A\n" * 40, "b.md": note.encode()}, compress=False)
        ),
    ),
    "a PDF form's filled-in field": (
        "application.pdf",
        lambda note: pdf_with_form_field(f"Expected: {note}"),
    ),
    "a PDF's page text edited out and saved over": (
        "cv.pdf",
        lambda note: pdf_saved_over(f"Hello {note}", "Hello"),
    ),
    "a PDF comment's words only in its drawing": (
        "cv.pdf",
        lambda note: pdf_with_drawn_note(note),
    ),
    "a file attached to a PDF's page": (
        "cv.pdf",
        lambda note: pdf_with_attached_note(f"Agenda\n{note}\n".encode()),
    ),
}


@pytest.mark.parametrize("case", list(PACKED))
def test_a_marker_packed_inside_a_static_file_is_found(tmp_path, case):
    name, make = PACKED[case]
    data = make(SECRET)
    assert b"[!private]" not in data.lower()  # not spelt out in the bytes
    ((rule, message),) = findings(tmp_path, name, data)
    assert rule == MARKER
    assert "packed inside it" in message
    # The control: the same file with public text is quiet.
    assert findings(tmp_path, f"public-{name}", make(PUBLIC)) == []


def test_the_finding_says_where_inside_the_file_the_marker_is(tmp_path):
    data = zipped(
        {"notes/readme.txt": "hello", "2026/letter.docx": docx([["hi"], [SECRET]])}
    )
    ((_, message),) = findings(tmp_path, "letters.zip", data)
    assert message.startswith(
        "'[!private]' on line 1 of word/document.xml in 2026/letter.docx, "
        "packed inside it"
    )
    ((_, message),) = findings(
        tmp_path, "cv.pdf", pdf(page(b"(Hello)", b"(" + SECRET.encode() + b")"))
    )
    assert "on line 2 of page 1's text" in message


@pytest.mark.parametrize(
    ("spelling", "found"),
    [
        ("[!PRIVATE]", True),
        ("[!privаte]", True),
        ("[ ! private ]", True),
        ("private", False),
    ],
    ids=["other case", "a lookalike letter", "spaced", "the plain word"],
)
def test_what_is_packed_is_read_as_every_marker_is(tmp_path, spelling, found):
    data = gzipped(f"Agenda\n{spelling} her salary\n")
    assert (only_rule(tmp_path, "notes.txt.gz", data) == MARKER) is found


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab [!]privte\n<>-"), max_size=60))
def test_a_gzip_says_what_its_text_says(tmp_path_factory, text):
    """Whatever the text, gzipped it is judged as it is plain."""
    folder = tmp_path_factory.mktemp("gz")
    plain = only_rule(folder, "notes.txt", text.encode())
    assert only_rule(folder, "notes.txt.gz", gzipped(text)) == plain


# ---- told by the bytes, not the name -----------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", zipped({"a.txt": SECRET})),
        ("export.bin", gzipped(SECRET)),
        ("notes.txt", gzipped(SECRET)),
        ("scan.dat", pdf(page(b"(" + SECRET.encode() + b")"))),
    ],
    ids=[
        "a zip named .pdf",
        "a gzip named .bin",
        "a gzip named .txt",
        "a PDF named .dat",
    ],
)
def test_a_packed_file_is_known_by_its_bytes(tmp_path, name, data):
    assert only_rule(tmp_path, name, data) == MARKER


# ---- what cannot be opened ---------------------------------------------------


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf(page(b"(" + SECRET.encode() + b")"))))
    writer.encrypt(user_password, owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_zip_entry() -> bytes:
    data = bytearray(zipped({"secret.txt": PUBLIC}))
    # The general purpose flag's bit 0, in the local and the central header.
    for header in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.index(header) + (6 if header == b"PK\x03\x04" else 8)
        data[at] |= 0x01
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("cv.pdf", encrypted_pdf("secret"), "encrypted PDF"),
        ("notes.zip", encrypted_zip_entry(), "is encrypted"),
        ("cv.pdf", pdf(page(b"(Hello)"))[:300], "damaged PDF"),
        ("notes.gz", gzipped(PUBLIC)[:-6], "damaged gzip"),
        ("notes.zip", zipped({"a.txt": PUBLIC})[:-30], "damaged zip"),
    ],
    ids=[
        "an encrypted PDF",
        "an encrypted zip entry",
        "a PDF cut short",
        "a gzip cut short",
        "a zip cut short",
    ],
)
def test_a_packed_file_that_cannot_be_opened_is_one_line(tmp_path, name, data, why):
    ((rule, message),) = findings(tmp_path, name, data)
    assert rule == UNREADABLE and why in message
    assert "\n" not in message and "Traceback" not in message


def test_a_pdf_any_reader_opens_without_a_password_is_read(tmp_path):
    # Encrypted only against editing: every reader opens it, so it is read.
    assert only_rule(tmp_path, "cv.pdf", encrypted_pdf("")) == MARKER


def test_a_zip_bomb_stops_at_the_bound_never_filling_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(packedmarkers, "MAX_UNPACKED", 1 << 20)
    bomb = zipped({"zeros.txt": b"\0" * (4 << 20)})  # 4 MiB, a few KiB packed
    ((rule, message),) = findings(tmp_path, "bomb.zip", bomb)
    assert rule == UNREADABLE and "more than the 1 MiB" in message
    # Every layer counts: the same bytes spread over members, and gzipped.
    many = zipped({f"part{n}.txt": b"a" * (300 << 10) for n in range(4)})
    assert only_rule(tmp_path, "many.zip", many) == UNREADABLE
    assert only_rule(tmp_path, "bomb.gz", gzipped(b"a" * (2 << 20))) == UNREADABLE
    # Under the bound, read as any other.
    assert (
        only_rule(tmp_path, "small.zip", zipped({"a.txt": b"a" * (200 << 10)})) is None
    )


def test_a_zip_whose_entry_lies_about_its_size_is_refused(tmp_path):
    data = bytearray(zipped({"a.txt": PUBLIC * 100}))
    # The central directory says the entry unpacks to 10 bytes.
    at = data.index(b"PK\x01\x02") + 24
    data[at : at + 4] = (10).to_bytes(4, "little")
    assert only_rule(tmp_path, "liar.zip", bytes(data)) == UNREADABLE


def test_too_many_entries_or_layers_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(packedmarkers, "MAX_MEMBERS", 5)
    many = zipped({f"n{n}.txt": "x" for n in range(6)})
    assert "more than 5 entries" in findings(tmp_path, "many.zip", many)[0][1]
    assert (
        only_rule(tmp_path, "few.zip", zipped({f"n{n}.txt": "x" for n in range(5)}))
        is None
    )
    nested = zipped({"a.txt": PUBLIC})
    for depth in range(packedmarkers.MAX_DEPTH):
        nested = zipped({f"layer{depth}.zip": nested})
    ((rule, message),) = findings(tmp_path, "deep.zip", nested)
    assert rule == UNREADABLE and "layers deep" in message
    shallow = zipped({"l1.zip": zipped({"l2.zip": zipped({"a.txt": SECRET})})})
    assert only_rule(tmp_path, "shallow.zip", shallow) == MARKER


def test_a_file_that_is_not_packed_is_not_opened(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("opened")

    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    assert only_rule(tmp_path, "photo.jpg", photo(PUBLIC)) is None
    assert only_rule(tmp_path, "notes.txt", b"PK is how the notes start") is None


# ---- a build and `reflect lint` ------------------------------------------------


@pytest.fixture(scope="module")
def packed_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("packed") / "content"
    shutil.copytree(CONTENT, content)
    write(
        content / "images" / "offer-letter.docx",
        docx([["Dear Sam,"], ["[!pri", "vate] 90k"]]),
    )
    write(content / "images" / "slides.pdf", encrypted_pdf("secret"))
    write(
        content / "images" / "diagram.svgz", gzipped("<svg><text>public</text></svg>")
    )
    return content


def test_a_published_build_refuses_a_packed_marker(packed_content, tmp_path):
    out = tmp_path / "out"
    result = run_pelican(packed_content, out, conf="publishconf.py")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "offer-letter.docx" in line]
    assert len(lines) == 1, output
    assert "ERROR" in lines[0] and "word/document.xml" in lines[0]
    assert "diagram.svgz" not in output and "Traceback" not in output
    assert not (out / "images" / "offer-letter.docx").exists()


def test_a_local_build_and_lint_warn_about_packed_files(
    packed_content, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "out"
    result = run_pelican(packed_content, out)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" in output and "images/offer-letter.docx: " in output
    assert (out / "images" / "offer-letter.docx").exists()
    (unreadable,) = [line for line in output.splitlines() if "slides.pdf" in line]
    assert "WARNING" in unreadable and "encrypted PDF" in unreadable
    assert (out / "images" / "diagram.svgz").exists() and "diagram.svgz" not in output
    project = tmp_path / "site"
    project.mkdir()
    (project / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text()
        + f"\nTHEME = {str(ROOT / 'theme')!r}\n"
        + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        + f"PATH = {str(packed_content)!r}\n"
    )
    monkeypatch.chdir(project)
    assert main(["lint"]) == 0
    said = capsys.readouterr().out
    assert "images/offer-letter.docx: warning:" in said
    assert "images/slides.pdf: warning:" in said and "diagram.svgz" not in said


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("formats.md", "# Formats\n\nA PDF starts with %PDF-1.7, a zip with PK.\n"),
        ("pdf.js", "// reads a file whose first bytes are '%PDF-'\nexport {};\n"),
        ("header.txt", "Bytes to look for:\n%PDF-1.4\n"),
    ],
    ids=["prose", "code", "the header on a line of its own"],
)
def test_a_text_that_only_mentions_a_pdf_header_is_not_a_pdf(tmp_path, name, text):
    """A note or a script that names PDF's first bytes near its top was an
    unreadable PDF, which stops ``make publish``; it is text, read as text."""
    assert findings(tmp_path, name, text.encode()) == []
    marked = text + SECRET + "\n"
    ((rule, _),) = findings(tmp_path, f"marked-{name}", marked.encode())
    assert rule == MARKER


def test_a_pdf_behind_a_few_bytes_of_text_is_still_read(tmp_path):
    """Readers open a PDF whose header follows some junk (a mail's or a
    server's headers), so it is read as a PDF, and one that cannot be opened
    is still one that cannot."""
    data = pdf(page(b"(Hello)", b"(" + SECRET.encode() + b")"), compress=True)
    junk = b"Content-Type: application/pdf\r\n\r\n"
    assert only_rule(tmp_path, "mail.pdf", junk + data) == MARKER
    assert only_rule(tmp_path, "cut.pdf", junk + data[:300]) == UNREADABLE


def test_a_pdf_page_drawing_a_form_over_and_over_is_refused_not_skipped(
    tmp_path, monkeypatch
):
    """pypdf draws at most 5,000 forms a page when it extracts the text, and
    skips the rest without a word: a marker drawn after them was copied
    unread. Forms that draw forms multiply (ten forms each drawing the next
    ten times is 10^10 drawings in 2 KB), so what a page draws is counted,
    forms expanded, before pypdf reads it."""
    secret = b"BT /F1 9 Tf (" + SECRET.encode() + b") Tj ET"
    assert only_rule(tmp_path, "few.pdf", pdf_of_forms(3, 10, secret)) == MARKER
    many = pdf_of_forms(3, 80, secret)  # 6,480 forms drawn, then the marker
    ((rule, message),) = findings(tmp_path, "many.pdf", many)
    assert rule == UNREADABLE and "page 1 draws more than 5,000 forms" in message
    # The bytes drawn count against the bound as they are expanded.
    monkeypatch.setattr(packedmarkers, "MAX_UNPACKED", 64 << 10)
    deep = pdf_of_forms(4, 30, b"BT (public) Tj ET")  # 27,000 x 23 bytes
    assert len(deep) < 4096
    ((rule, message),) = findings(tmp_path, "deep.pdf", deep)
    assert rule == UNREADABLE and "page 1's drawing" in message


@pytest.mark.parametrize(
    "make",
    [
        lambda name, data: zipped({name: data}),
        lambda name, data: tarred({name: data}),
    ],
    ids=["zip", "tar"],
)
def test_an_entry_named_with_a_line_break_is_still_one_line(tmp_path, make):
    """An archive's entry may be named with any character: a line break
    or a terminal's escape in its name went into the finding as they are,
    two lines, one of them clearing the writer's screen."""
    data = make("notes\n\x1b[2Jfake.txt.gz", gzipped(SECRET))
    ((rule, message),) = findings(tmp_path, "notes.bin", data)
    assert rule == MARKER
    assert message.isprintable(), message
    assert "notes\\n\\x1b[2Jfake.txt" in message
    damaged = make("cut\r\n.jpg", b"\xff\xd8\xff\xe0" + bytes(64))  # no JPEG
    ((rule, message),) = findings(tmp_path, "photos.bin", damaged)
    assert rule == UNREADABLE and message.isprintable(), message


def test_a_pdf_revision_is_read_for_what_it_changed_only(tmp_path, monkeypatch):
    """An edit that leaves a page as it was leaves its drawing to be read
    once, so a long document saved over many times costs one reading; a
    part that ends in ``%%EOF`` but is no PDF alone (the first part of a
    PDF made for fast web view) is passed over, not a damaged file."""
    from pypdf import PageObject

    read = []
    real = PageObject.extract_text
    monkeypatch.setattr(
        PageObject, "extract_text", lambda *a, **k: read.append(1) or real(*a, **k)
    )
    same = pdf_saved_over("Hello", "Hello")
    assert only_rule(tmp_path, "same.pdf", same) is None
    assert len(read) == 1
    body = pdf(page(b"(Hello)"))
    head = b"%PDF-1.4\n%%EOF\n"
    assert only_rule(tmp_path, "web.pdf", head + body[len(b"%PDF-1.4\n") :]) is None
    secret = pdf(page(b"(" + SECRET.encode() + b")"))
    assert (
        only_rule(tmp_path, "web2.pdf", head + secret[len(b"%PDF-1.4\n") :]) == MARKER
    )


def test_a_pdf_of_more_pages_than_the_bound_is_refused(tmp_path, monkeypatch):
    """The bound on a PDF's pages is its own (``MAX_PAGES``), not the
    bound on an archive's entries, which let 10,000 pages through."""
    monkeypatch.setattr(packedmarkers, "MAX_PAGES", 2)
    monkeypatch.setattr(packedmarkers, "MAX_MEMBERS", 100)

    def pages(count: int) -> bytes:
        writer = PdfWriter()
        for _ in range(count):
            writer.add_blank_page(10, 10)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    ((rule, message),) = findings(tmp_path, "long.pdf", pages(3))
    assert rule == UNREADABLE and "more than 2 pages" in message
    assert only_rule(tmp_path, "short.pdf", pages(2)) is None


def test_a_pdf_pypdf_cannot_decrypt_without_a_library_says_which(tmp_path, monkeypatch):
    """A PDF encrypted with AES and only an owner password opens in every
    reader; pypdf decrypts it only with cryptography installed, and said
    the file was damaged. It says what to install."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def needs(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs)
    ((rule, message),) = findings(tmp_path, "cv.pdf", encrypted_pdf(""))
    assert rule == UNREADABLE
    assert "damaged" not in message and "pip install cryptography" in message


@pytest.mark.parametrize("name", ["app.js", "site.css", "index.json"])
def test_a_precompressed_file_keeps_the_kind_its_name_says(tmp_path, name):
    """A site may ship a script gzipped under its own name (the server says
    it is gzipped); what it holds is code, read as the same file unpacked:
    ``obj["private"]`` is code there, not a marker. Its name's ending was
    dropped, the code read as prose, and ``make publish`` stopped."""
    code = 'var a = {"private": 1}; if (!a.private) { x["private"] = [private]; }\n'
    assert findings(tmp_path, f"plain-{name}", code.encode()) == []
    assert findings(tmp_path, name, gzipped(code)) == []
    marked = gzipped(code + "/* [!private] the offer was 90k */\n")
    assert only_rule(tmp_path, f"marked-{name}", marked) == MARKER
