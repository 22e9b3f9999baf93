"""Private markers in what a build copies whole, beyond the content folder's
static files (``tests/test_privacy_followup.py``): the theme's static
files, an image's metadata, text in UTF-16 or UTF-32 without a byte order
mark, a marker across the reader's chunks, and the files a plugin keeps out
of the output, which ``reflect lint`` and the build must judge alike.
Each case has its public control beside it, so each test can fail.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packedfiles import page, pdf, zipped
from PIL import Image, PngImagePlugin
from sitebuild import CONTENT, PELICAN, ROOT, checkout_pythonpath, run_pelican

from reflect.cli import main
from sitekit import imagemarkers, staticmarkers
from sitekit.drawn import as_read
from sitekit.imagemarkers import UnreadableImage, image_marker
from sitekit.staticmarkers import first_marker, static_file_findings


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def lint_here(tmp_path: Path, monkeypatch, theme: Path, more: str = "") -> Path:
    """A project folder, made the working folder as ``reflect lint`` runs
    in: the site's settings with ``theme``, the project's plugins and
    ``more`` settings."""
    project = tmp_path / "site"
    project.mkdir()
    (project / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text()
        + f"\nTHEME = {str(theme)!r}\n"
        + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        + more
    )
    monkeypatch.chdir(project)
    return project


# ---- the theme's static files -----------------------------------------------


@pytest.fixture(scope="module")
def private_theme(tmp_path_factory) -> Path:
    """The site's theme with a private note in a script and a public
    control beside it."""
    theme = tmp_path_factory.mktemp("theme") / "theme"
    shutil.copytree(ROOT / "theme", theme)
    write(theme / "static" / "js" / "notes.js", "// public\n// [!privаte] 90k\n")
    write(theme / "static" / "css" / "extra.css", "/* a public control */\n")
    return theme


def test_a_published_build_refuses_a_theme_static_file_with_a_marker(
    private_theme, tmp_path
):
    out = tmp_path / "out"
    result = run_pelican(CONTENT, out, "-t", str(private_theme), conf="publishconf.py")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "notes.js" in line]
    assert len(lines) == 1, output
    assert "static/js/notes.js:2:" in lines[0] and "ERROR" in lines[0]
    assert "private marker in a static file" in lines[0]
    assert "Traceback" not in output
    assert not (out / "theme" / "js" / "notes.js").exists()


def test_a_local_build_warns_about_a_theme_static_file_and_copies_it(
    private_theme, tmp_path
):
    out = tmp_path / "out"
    result = run_pelican(CONTENT, out, "-t", str(private_theme))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" in output and "static/js/notes.js:2:" in output
    assert (out / "theme" / "js" / "notes.js").exists()
    assert "extra.css" not in output  # the control is copied without a word
    assert (out / "theme" / "css" / "extra.css").exists()


def test_the_theme_files_checked_are_the_files_pelican_copies(tmp_path):
    """Every file the build copies from the theme is one the check read,
    whatever THEME_STATIC_PATHS names (a folder, one file) and whatever
    IGNORE_FILES leaves out: the check walks what Pelican walks."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    write(theme / "extra" / "humans.txt", "[!private] a file named on its own\n")
    write(theme / "static" / "js" / ".#notes.js", "[!private] editor litter\n")
    write(theme / "static" / "deep" / "er" / "x.txt", "[!private] deep\n")
    out = tmp_path / "out"
    paths = '["static", "extra/humans.txt"]'
    result = run_pelican(
        CONTENT, out, "-t", str(theme), "-e", f"THEME_STATIC_PATHS={paths}"
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    copied = {
        path.relative_to(out / "theme").as_posix()
        for path in (out / "theme").rglob("*")
        if path.is_file()
    }
    assert {"humans.txt", "deep/er/x.txt"} <= copied
    assert ".#notes.js" not in {Path(name).name for name in copied}
    warned = {
        found.group(1)
        for found in re.finditer(r"/theme/(\S+):\d+: .* private marker in", output)
    }
    assert warned == {"extra/humans.txt", "static/deep/er/x.txt"}, output


def test_reflect_lint_reports_a_theme_static_file(
    private_theme, tmp_path, capsys, monkeypatch
):
    shutil.copytree(
        CONTENT, lint_here(tmp_path, monkeypatch, private_theme) / "content"
    )
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "static/js/notes.js:2: warning:" in out
    assert "extra.css" not in out
    assert main(["lint", "--strict"]) == 1
    assert "static/js/notes.js:2: error:" in capsys.readouterr().out


# ---- an image's metadata ----------------------------------------------------

SECRET = "[!privаte] her salary was 90k"  # a Cyrillic а: read as a marker
PUBLIC = "A public caption, [not] private"


def jpeg(**save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "JPEG", **save)
    return buffer.getvalue()


def ascii_exif(tag: int, text: str) -> bytes:
    """EXIF with one ASCII-typed tag in its main folder, holding UTF-8 as
    cameras and exiftool write it (Pillow would write a `?` for each
    letter that is not ASCII)."""
    data = text.encode() + b"\0"
    entry = struct.pack("<HHII", tag, 2, len(data), 8 + 2 + 12 + 4)
    return b"Exif\0\0II*\0" + struct.pack("<I", 8) + b"\1\0" + entry + b"\0" * 4 + data


def exif_with(tag: int, value: object, folder: int | None = None) -> bytes:
    exif = Image.Exif()
    if folder is None:
        exif[tag] = value
    else:
        exif.get_ifd(folder)[tag] = value
    return exif.tobytes()


def png(info: PngImagePlugin.PngInfo | None = None, size: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "teal").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_text_info(text: str, how: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    if how == "tEXt":
        info.add_text("Comment", text)
    elif how == "zTXt":
        info.add_text("Comment", text, zip=True)
    else:
        info.add_itxt("Description", text, lang="en", zip=how == "iTXt-zip")
    return info


def chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def png_text_after_the_pixels(text: str, size: int = 8) -> bytes:
    """A tEXt chunk after IDAT, where Pillow reads it only by decoding."""
    data = png(size=size)
    end = data.rindex(b"IEND") - 4
    return data[:end] + chunk(b"tEXt", b"Comment\0" + text.encode()) + data[end:]


def gif(comment: str | None = None, trailing: str | None = None) -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("P", (8, 8), n) for n in range(3)]
    extra = {"comment": comment.encode()} if comment else {}
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], **extra)
    data = buffer.getvalue()
    if trailing:  # a comment after the last frame, just before the trailer
        text = trailing.encode()
        data = data[:-1] + b"!\xfe" + bytes([len(text)]) + text + b"\0;"
    return data


def webp(**save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "WEBP", **save)
    return buffer.getvalue()


def webp_chunk(text: str, name: bytes = b"NOTE") -> bytes:
    """A WebP with a tool's own chunk ``name`` holding ``text`` after the
    picture (an extended WebP, as any with metadata is)."""
    data = webp(xmp=b"<x:xmpmeta/>")
    payload = text.encode()
    chunk = (
        name + struct.pack("<I", len(payload)) + payload + b"\0" * (len(payload) & 1)
    )
    data += chunk
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def tiff(text: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "TIFF", tiffinfo={270: text.encode()})
    return buffer.getvalue()


def mpo(text: str) -> bytes:
    """A phone's two-picture JPEG (MPO), the second picture's comment
    ``text``: Pillow reads a later picture's segments only on going to it."""
    buffer = io.BytesIO()
    second = Image.new("RGB", (8, 8), "red")
    second.info["comment"] = text.encode()
    Image.new("RGB", (8, 8), "teal").save(
        buffer, "MPO", save_all=True, append_images=[second]
    )
    return buffer.getvalue()


def tiff_pages(text: str, pages: int = 3) -> bytes:
    """A TIFF of ``pages`` pages, the last one's description ``text``."""
    buffer = io.BytesIO()
    later = [Image.new("L", (4, 4), shade) for shade in range(1, pages)]
    later[-1].encoderinfo = {"tiffinfo": {270: text.encode()}}
    Image.new("L", (4, 4)).save(buffer, "TIFF", save_all=True, append_images=later)
    return buffer.getvalue()


def xmp(text: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
        f"<dc:description><rdf:Alt><rdf:li>{text}</rdf:li></rdf:Alt>"
        "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


#: Where an image can carry text, each made by a real writer (Pillow), or
#: spliced where writers put it and Pillow reads it only by decoding.
IMAGES = {
    "EXIF ImageDescription": ("photo.jpg", lambda t: jpeg(exif=ascii_exif(0x010E, t))),
    "EXIF Artist": ("photo.jpg", lambda t: jpeg(exif=ascii_exif(0x013B, t))),
    "EXIF Copyright": ("photo.jpg", lambda t: jpeg(exif=ascii_exif(0x8298, t))),
    "EXIF UserComment, ASCII": (
        "photo.jpg",
        lambda t: jpeg(exif=exif_with(0x9286, b"ASCII\0\0\0" + t.encode(), 0x8769)),
    ),
    "EXIF UserComment, UNICODE": (
        "photo.jpg",
        lambda t: jpeg(
            exif=exif_with(0x9286, b"UNICODE\0" + t.encode("utf-16-be"), 0x8769)
        ),
    ),
    "EXIF XPComment (UTF-16)": (
        "photo.jpg",
        lambda t: jpeg(exif=exif_with(0x9C9C, t.encode("utf-16-le") + b"\0\0")),
    ),
    "EXIF GPS area": (
        "photo.jpg",
        lambda t: jpeg(exif=exif_with(0x001C, b"ASCII\0\0\0" + t.encode(), 0x8825)),
    ),
    "JPEG COM comment": ("photo.jpg", lambda t: jpeg(comment=t.encode())),
    "JPEG XMP packet": ("photo.jpg", lambda t: jpeg(xmp=xmp(t))),
    "JPEG colour profile": (
        "photo.jpg",
        lambda t: jpeg(icc_profile=b"\0\0\2\0mntr desc " + t.encode("utf-16-be")),
    ),
    "PNG colour profile": (
        "photo.png",
        lambda t: png_icc(b"\0\0\2\0mntr desc " + t.encode()),
    ),
    "a JPEG named .bin": ("photo.bin", lambda t: jpeg(comment=t.encode())),
    "PNG tEXt": ("photo.png", lambda t: png(png_text_info(t, "tEXt"))),
    "PNG zTXt": ("photo.png", lambda t: png(png_text_info(t, "zTXt"))),
    "PNG iTXt": ("photo.png", lambda t: png(png_text_info(t, "iTXt"))),
    "PNG compressed iTXt": ("photo.png", lambda t: png(png_text_info(t, "iTXt-zip"))),
    "PNG tEXt after the pixels": ("photo.png", png_text_after_the_pixels),
    "PNG eXIf": (
        "photo.png",
        lambda t: png_exif(ascii_exif(0x010E, t)),
    ),
    "GIF comment": ("anim.gif", lambda t: gif(comment=t)),
    "GIF comment after the last frame": ("anim.gif", lambda t: gif(trailing=t)),
    "WebP EXIF": ("photo.webp", lambda t: webp(exif=ascii_exif(0x010E, t))),
    "WebP XMP": ("photo.webp", lambda t: webp(xmp=xmp(t))),
    "WebP chunk of a tool's own": ("photo.webp", webp_chunk),
    "TIFF ImageDescription": ("scan.tif", tiff),
    "MPO second picture's comment": ("photo.jpg", mpo),
    "TIFF third page's ImageDescription": ("scan.tif", tiff_pages),
}


def png_icc(profile: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG", icc_profile=profile)
    return buffer.getvalue()


def png_exif(exif: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG", exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize("place", IMAGES)
def test_a_marker_in_an_image_s_metadata_is_found(tmp_path, place):
    name, make = IMAGES[place]
    found = image_marker(write(tmp_path / name, make(SECRET)))
    assert found is not None, place
    assert "U+0430 CYRILLIC SMALL LETTER A" in found.described
    # The control: the same image with a public text holds no marker.
    assert image_marker(write(tmp_path / f"public-{name}", make(PUBLIC))) is None


@pytest.mark.parametrize(
    "spelling",
    ["[!private]", "[! Private ]", "[!privte]", "［!private］", "[!pr\u200bivate]"],
)
def test_an_image_s_marker_is_read_as_every_other_marker_is(tmp_path, spelling):
    photo = write(tmp_path / "photo.jpg", jpeg(comment=f"{spelling} note".encode()))
    assert image_marker(photo) is not None


def test_a_marker_the_xmp_would_draw_is_found(tmp_path):
    # XMP is XML: a character reference or a tag inside the marker still
    # reads as one, as in a page (sitekit.drawn).
    for text in ("[!priv&#97;te] note", "[!pri<b></b>vate] note"):
        assert image_marker(write(tmp_path / "p.jpg", jpeg(xmp=xmp(text))))


def test_a_png_s_pixels_are_skipped_not_read(tmp_path, monkeypatch):
    """Text after a large image's pixels is found reading far fewer bytes
    than the file holds: the image data is stepped over."""
    photo = write(tmp_path / "big.png", png_text_after_the_pixels(SECRET, 900))
    monkeypatch.setattr(imagemarkers, "MAX_READ", photo.stat().st_size // 20)
    assert image_marker(photo) is not None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0 not a jpeg at all"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0[!private]"),
        ("photo.gif", b"GIF89a\x08\x00\x08\x00\x80\x00\x00"),
        ("scan.tiff", b"II*\x00\xff\xff\xff\x7f"),
        ("photo.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 junk"),
        ("photo.png", png(png_text_info(PUBLIC, "zTXt"))[:-40]),  # cut short
    ],
)
def test_a_broken_image_is_one_line(tmp_path, name, data):
    path = write(tmp_path / name, data)
    with pytest.raises(UnreadableImage):
        image_marker(path)
    findings = static_file_findings(path, name)
    assert [found.rule for found in findings] == ["unreadable-static-image"]
    assert "\n" not in findings[0].message


def test_an_image_that_says_it_is_huge_is_one_line_never_decoded(tmp_path):
    """A PNG whose header claims 60,000 by 60,000 pixels (a decompression
    bomb): its picture is never decoded, and it is one line."""
    data = bytearray(png(png_text_info(SECRET, "tEXt")))
    header = data.index(b"IHDR")
    data[header + 4 : header + 12] = struct.pack(">II", 60000, 60000)
    crc = zlib.crc32(bytes(data[header : header + 17]))
    data[header + 17 : header + 21] = struct.pack(">I", crc)
    path = write(tmp_path / "bomb.png", bytes(data))
    with pytest.raises(UnreadableImage, match="decompression bomb"):
        image_marker(path)
    [found] = static_file_findings(path, "bomb.png")
    assert found.rule == "unreadable-static-image"


def test_text_named_as_an_image_is_judged_as_text(tmp_path):
    """A file that reads as text from first byte to last was read whole:
    its name (.jpg) does not make it a broken image."""
    path = write(tmp_path / "photo.jpg", "plain words in a file named .jpg\n")
    with pytest.raises(UnreadableImage):
        image_marker(path)
    assert static_file_findings(path, "photo.jpg") == []
    marked = write(tmp_path / "notes.jpg", "words\n[!private] 90k\n")
    [found] = static_file_findings(marked, "notes.jpg")
    assert found.rule == "private-marker-in-static-file" and found.line == 2


def test_an_image_past_the_bytes_read_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(imagemarkers, "MAX_READ", 64)
    photo = write(tmp_path / "anim.gif", gif(trailing=PUBLIC))
    with pytest.raises(UnreadableImage, match="first 0 MiB"):
        image_marker(photo)


def test_a_later_frame_s_marker_says_which_frame(tmp_path):
    found = image_marker(write(tmp_path / "scan.tif", tiff_pages(SECRET, pages=4)))
    assert found.place == "page 4's EXIF ImageDescription"
    found = image_marker(write(tmp_path / "photo.jpg", mpo(SECRET)))
    assert found.place == "picture 2's MPO comment"


def test_an_image_with_more_frames_than_are_read_is_one_line(tmp_path, monkeypatch):
    """Each page costs a seek and a parse, and a few bytes can list many:
    past ``MAX_FRAMES`` the image is unreadable (refused when publishing),
    counted without walking every page first."""
    monkeypatch.setattr(imagemarkers, "MAX_FRAMES", 5)
    assert image_marker(write(tmp_path / "five.tif", tiff_pages(PUBLIC, 5))) is None
    many = write(tmp_path / "six.tif", tiff_pages(SECRET, 6))
    with pytest.raises(UnreadableImage, match="more than the 5 pages"):
        image_marker(many)
    (finding,) = static_file_findings(many, "six.tif")
    assert finding.rule == "unreadable-static-image"
    assert "\n" not in finding.message


def test_a_file_that_is_no_image_is_not_read_as_one(tmp_path):
    # A PDF, a zip: not images, not text; what they hold is public.
    for name, data in [
        ("paper.pdf", pdf(page(b"(A public paper)"))),
        ("bundle.zip", zipped({"a.txt": "public"})),
    ]:
        assert static_file_findings(write(tmp_path / name, data), name) == []


@pytest.fixture(scope="module")
def photo_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("photos") / "content"
    shutil.copytree(CONTENT, content)
    write(content / "images" / "team.jpg", jpeg(exif=exif_with(0x010E, SECRET)))
    write(content / "images" / "public.png", png(png_text_info(PUBLIC, "iTXt")))
    return content


def test_a_published_build_refuses_an_image_with_a_marker_in_its_metadata(
    photo_content, tmp_path
):
    out = tmp_path / "out"
    result = run_pelican(photo_content, out, conf="publishconf.py")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "team.jpg" in line]
    assert len(lines) == 1, output
    assert "ERROR" in lines[0] and "EXIF ImageDescription" in lines[0]
    assert "public.png" not in output and "Traceback" not in output
    assert not (out / "images" / "team.jpg").exists()


def test_a_local_build_and_lint_warn_about_an_image_s_metadata(
    photo_content, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "out"
    result = run_pelican(photo_content, out)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" in output and "images/team.jpg: " in output
    assert (out / "images" / "team.jpg").exists()
    assert (out / "images" / "public.png").exists() and "public.png" not in output
    lint_here(tmp_path, monkeypatch, ROOT / "theme", f"PATH = {str(photo_content)!r}\n")
    assert main(["lint"]) == 0
    said = capsys.readouterr().out
    assert "images/team.jpg: warning:" in said and "public.png" not in said


# ---- UTF-16 and UTF-32 without a byte order mark; chunk boundaries ----------

NOTE = "Agenda for Tuesday\n[!privаte] her salary was 90k\n"
PUBLIC_NOTE = "Agenda for Tuesday\nAsk about the [team] and the !roadmap\n"


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
)
@pytest.mark.parametrize("name", ["notes.txt", "export.dat", "README"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(tmp_path, encoding, name):
    found = first_marker(write(tmp_path / name, NOTE.encode(encoding)))
    assert found is not None and found.line == 2, encoding
    assert "U+0430" in found.described
    public = write(tmp_path / f"public-{name}", PUBLIC_NOTE.encode(encoding))
    assert first_marker(public) is None
    assert static_file_findings(public, name) == []


def test_utf16_is_told_by_its_nul_pattern_not_by_any_nul(tmp_path):
    # Binary files have NUL bytes too, in no such pattern: not text.
    words = b"plain words\0then [!private]\n"
    assert first_marker(write(tmp_path / "blob.bin", words)) is None
    assert first_marker(write(tmp_path / "photo.png", png())) is None
    # UTF-16 text with letters beyond ASCII (a Cyrillic line) is still told
    # by its ASCII ones.
    text = "Заметки\n" * 3 + "notes for the meeting\n[!private] 90k\n"
    assert first_marker(write(tmp_path / "mixed.txt", text.encode("utf-16-le")))


def chunk_sizes(monkeypatch, chunk: int = 64, overlap: int = 24) -> None:
    monkeypatch.setattr(staticmarkers, "CHUNK", chunk)
    monkeypatch.setattr(staticmarkers, "LONG_LINE", 4 * chunk)
    monkeypatch.setattr(staticmarkers, "OVERLAP", overlap)


#: What a page draws as one marker though it runs over a line break: a
#: comment or a tag inside it (``sitekit.drawn``).
STRADDLING = {
    "a comment over lines": "[!pri<!--\nan aside\n-->vate] 90k\n",
    "a tag over lines": '[!pri<span\n  class="x">vate] 90k\n',
    "a tag with a > in a value": '[!pri<b title="a > b"\n>vate] 90k\n',
}


@pytest.mark.parametrize("case", STRADDLING)
def test_a_marker_across_a_chunk_boundary_is_found_wherever_the_boundary_falls(
    tmp_path, monkeypatch, case
):
    chunk_sizes(monkeypatch)
    for padding in range(0, 80):
        text = "line one\nline two\n" + "x" * padding + "\n" + STRADDLING[case]
        found = first_marker(write(tmp_path / "page.html", text))
        assert found is not None and found.line == 4, (case, padding)
        # The control: the same file without the marker's second half.
        control = text.replace("vate]", "")
        assert first_marker(write(tmp_path / "public.html", control)) is None


def test_a_marker_across_a_long_line_s_windows_is_found(tmp_path, monkeypatch):
    chunk_sizes(monkeypatch)
    for padding in range(0, 300, 7):
        text = "{" + "x" * padding + ' "[!pri<!-- ' + "y" * 90 + ' -->vate]" }'
        found = first_marker(write(tmp_path / "min.json", text))
        assert found is not None and found.line == 1, padding


def test_a_comment_longer_than_what_is_carried_keeps_its_marker_and_lines(
    tmp_path, monkeypatch
):
    """A comment open for longer than the carry (here 4 chunks of 64 bytes)
    draws nothing inside: its middle is not carried, its line breaks are
    counted, and the marker it splits is found at its line."""
    chunk_sizes(monkeypatch)
    monkeypatch.setattr(staticmarkers, "MAX_CARRY", 256)
    body = "".join(f"aside {n}\n" for n in range(300))
    text = "one\ntwo\n[!pri<!--\n" + body + "-->vate] 90k\nafter\n"
    found = first_marker(write(tmp_path / "page.html", text))
    assert found is not None and found.line == 3
    # What follows the comment keeps its line number, as an unchunked read
    # gives it.
    later = text.replace("[!pri<!--", "<!--") + "[!private] b\n"
    assert first_marker(write(tmp_path / "later.html", later)).line == 306
    monkeypatch.setattr(staticmarkers, "CHUNK", 1 << 20)
    assert first_marker(write(tmp_path / "whole.html", later)).line == 306
    # A marker in the comment's middle, which is not carried, is still read.
    monkeypatch.setattr(staticmarkers, "CHUNK", 64)
    inside = text.replace("-->vate]", "-->").replace("aside 150\n", "[!private]\n")
    assert first_marker(write(tmp_path / "inside.html", inside)).line == 3 + 151


# ---- files a plugin keeps out of the output: lint and the build agree --------


def project(tmp_path: Path, extra: str = "", plugins: str | None = None) -> Path:
    """A copy of the site, with settings appended to its pelicanconf.py."""
    root = tmp_path / "site"
    shutil.copytree(CONTENT, root / "content")
    settings = (ROOT / "pelicanconf.py").read_text()
    if plugins is not None:
        settings = re.sub(r"PLUGINS = \[[^\]]*\]", f"PLUGINS = {plugins}", settings)
    (root / "pelicanconf.py").write_text(
        settings
        + f"\nTHEME = {str(ROOT / 'theme')!r}\n"
        + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        + extra
    )
    publish = (ROOT / "publishconf.py").read_text()
    (root / "publishconf.py").write_text(publish)
    return root


def run_in(root: Path, conf: str, *args: str):
    return subprocess.run(
        [
            str(PELICAN),
            "content",
            "-o",
            "output",
            "-s",
            conf,
            "--fatal",
            "errors",
            "--ignore-cache",
            "--cache-path",
            "cache",
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            "COLUMNS": "1000",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": checkout_pythonpath(),
        },
    )


@pytest.mark.parametrize(
    ("reviews", "extra"),
    [
        ("reviews.yml", 'STATIC_PATHS = ["images", "reviews.yml"]\n'),
        (
            "desk/log.yml",
            'STATIC_PATHS = ["images", "desk"]\nDESK_REVIEWS = "desk/log.yml"\n',
        ),
    ],
)
def test_lint_and_the_build_agree_on_the_desk_s_review_log(
    tmp_path, monkeypatch, capsys, reviews, extra
):
    """The desk keeps its review log out of the output whatever STATIC_PATHS
    says, so neither the build nor `reflect lint` judges it as published;
    a marker in a static file beside it is reported by both."""
    root = project(tmp_path, extra)
    write(root / "content" / reviews, "# [!private] my own notes\n")
    write(root / "content" / "images" / "notes.txt", "Agenda\n[!private] 90k\n")
    monkeypatch.chdir(root)
    for conf, strict in (("pelicanconf.py", False), ("publishconf.py", True)):
        built = run_in(root, conf)
        said = built.stdout + built.stderr
        assert (built.returncode == 0) == (not strict), said
        assert "images/notes.txt:2:" in said, said
        assert Path(reviews).name not in said, said
        assert main(["lint", "--strict"] if strict else ["lint"]) == (
            1 if strict else 0
        )
        linted = capsys.readouterr().out
        assert "images/notes.txt:2:" in linted, linted
        assert Path(reviews).name not in linted, linted
    assert not (root / "output" / reviews).exists()


@pytest.mark.parametrize(
    "plugins",
    [
        '["comments", "postseries", "reflections", "desk"]',  # no sourceguard
        '["comments", "postseries", "reflections", "desk", "sourceguard"]',
        '["sourceguard", "comments", "postseries", "desk", "reflections"]',
    ],
)
def test_a_wrong_plugins_order_is_an_error_never_a_silent_skip(
    tmp_path, monkeypatch, capsys, plugins
):
    root = project(tmp_path, 'STATIC_PATHS = ["images", "reviews.yml"]\n', plugins)
    write(root / "content" / "reviews.yml", "# [!private] my own notes\n")
    built = run_in(root, "pelicanconf.py")
    said = built.stdout + built.stderr
    assert built.returncode != 0 and "PLUGINS is out of order" in said, said
    assert "Traceback" not in said
    assert not (root / "output" / "reviews.yml").exists()
    monkeypatch.chdir(root)
    assert main(["lint"]) != 0
    assert "PLUGINS is out of order" in capsys.readouterr().err


#: Pieces of an HTML or SVG file, for the test below: every kind of thing a
#: chunk boundary can fall in (tags and comments over lines, a quoted `>`,
#: long lines, long comments).
FILLER = [
    "word ",
    "\n",
    "<p>",
    "</p>\n",
    "<!-- c\nc -->",
    '<i title="a > b"\n>',
    "y" * 70,
    "<!--" + "z\n" * 40 + "-->",
    "<!--" + "w" * 300 + "-->",
    "<b\n>",
]
MARKERS = [
    "[!private]",
    "[!pri<!--\nx\n-->vate]",
    '[!pri<b\n class="c">vate]',
    "[!pri<!--" + "q\n" * 60 + "-->vate]",
    '<img alt="[!priv&#97;te]"\n src="a.png">',
]


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(st.sampled_from(FILLER), max_size=30),
    after=st.lists(st.sampled_from(FILLER), max_size=10),
    marker=st.sampled_from(MARKERS),
)
def test_a_file_read_in_chunks_says_what_it_says_read_whole(before, after, marker):
    """Read in chunks of 64 bytes, carrying at most 256 characters of an
    open comment, a file gives the marker it gives read whole, at the same
    line (a marker a page draws is on the first line of the line it draws:
    a chunk that starts inside that line says so too)."""
    text = "".join(before) + marker + "".join(after)
    folder = Path(tempfile.mkdtemp())
    try:
        path = write(folder / "page.html", text)
        whole = first_marker(path)
        assert whole is not None
        with pytest.MonkeyPatch.context() as patch:
            chunk_sizes(patch)
            patch.setattr(staticmarkers, "MAX_CARRY", 256)
            chunked = first_marker(path)
        assert chunked is not None, text
        assert chunked.line == whole.line, text
    finally:
        shutil.rmtree(folder)


def test_an_attribute_a_reader_is_shown_counts_on_the_line_its_tag_ends_on():
    # It was put at the first line break of the text before the tag: a
    # marker in an `alt` on line 3 was reported on line 1.
    text = '<p>\nline two\nline three <img alt="[!priv&#97;te]"> end\nfour\n'
    assert as_read(text).splitlines()[2].endswith("[!private]")
    assert as_read(text).count("\n") == text.count("\n")


# ---- the marker spelt out in a file that is not text --------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.dat", b"\x00\x01head\x00[!private] the offer was 90k"),
        (
            "export.pdf",
            pdf(b"BT /F1 12 Tf (Page text [!PRIVATE] 90k) Tj ET", compress=False),
        ),
        ("notes.bin", bytes(range(128, 192)) + "x [!Private] 90k".encode("utf-16-le")),
        ("notes.bin", b"\x00\x00" + "[!private] 90k".encode("utf-16-be")),
    ],
    ids=["after a NUL", "in a PDF's page", "UTF-16LE", "UTF-16BE"],
)
def test_the_marker_spelt_out_in_a_file_that_is_not_text_is_found(tmp_path, name, data):
    path = write(tmp_path / name, data)
    assert first_marker(path) is None  # not read as text: the reader stopped
    (finding,) = static_file_findings(path, name)
    assert finding.rule == "private-marker-in-static-file"
    assert "at byte" in finding.message
    # The control: the same file with the marker's place taken by a plain
    # word is quiet (a PDF's own brackets kept: without them it is damaged).
    public = data
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        for spelling in ("[!private]", "[!PRIVATE]", "[!Private]"):
            public = public.replace(
                spelling.encode(encoding), "paperwork".encode(encoding)
            )
    assert public != data
    public = write(tmp_path / f"public-{name}", public)
    assert static_file_findings(public, name) == []


def test_a_marker_across_the_chunks_of_a_file_that_is_not_text_is_found(
    tmp_path, monkeypatch
):
    from sitekit import rawmarkers

    monkeypatch.setattr(rawmarkers, "CHUNK", 16)
    for head in range(0, 40):
        path = write(tmp_path / "notes.dat", b"\x00" * head + b"[!private] 90k")
        assert rawmarkers.raw_marker_offset(path) == head, head
        wide = write(
            tmp_path / "wide.dat", b"\x01" * head + "[!private]".encode("utf-16-le")
        )
        assert rawmarkers.raw_marker_offset(wide) == head, head


def test_an_image_whose_pixels_spell_the_marker_is_refused_but_not_a_near_miss(
    tmp_path,
):
    """Ten given bytes do not fall in a picture by chance: a TIFF whose
    grey levels spell the marker is refused (failing closed); pixels that
    spell a word without its brackets, as text's fuzzy reading would
    count, are not."""
    spelt = tmp_path / "spelt.tif"
    Image.frombytes("L", (10, 1), b"[!private]").save(spelt, "TIFF")
    (finding,) = static_file_findings(spelt, "spelt.tif")
    assert finding.rule == "private-marker-in-static-file"
    near = tmp_path / "near.tif"
    Image.frombytes("L", (10, 1), b"(!privte) ").save(near, "TIFF")
    assert static_file_findings(near, "near.tif") == []


# ---- code files: a marker counts written whole --------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("app.js", "if (!private) { show(); }\n"),
        ("app.mjs", "const key = this[private];\n"),
        ("data.json", '{"visibility": ["private"]}\n'),
        ("site.css", "a[private] { color: red; }\n"),
        ("app.ts", "let p = !Private;\n"),
    ],
)
def test_code_that_reads_like_a_slip_of_the_marker_is_code(tmp_path, name, code):
    """In code, ``!private`` and ``[private]`` are code; the same text in a
    note is a marker missing a character, and counts (the control)."""
    assert static_file_findings(write(tmp_path / name, code), name) == []
    (finding,) = static_file_findings(write(tmp_path / "notes.txt", code), "notes.txt")
    assert finding.rule == "private-marker-in-static-file"


@pytest.mark.parametrize(
    "note",
    [
        "// [!private] the offer was 90k\n",
        "/* [!privаte] the offer */\n",  # a Cyrillic а
        "/* ［!private］ the offer */\n",  # fullwidth brackets
        "// [! Privte ] the offer\n",  # a slip, spaces, capitals: still whole
        '"[!priv\u200bate]"\n',  # a zero-width space inside
    ],
    ids=["as typed", "a lookalike", "fullwidth", "a slip", "an invisible character"],
)
def test_a_marker_written_whole_in_code_counts(tmp_path, note):
    for name in ("app.js", "site.css", "data.json"):
        (finding,) = static_file_findings(write(tmp_path / name, note), name)
        assert finding.rule == "private-marker-in-static-file"
