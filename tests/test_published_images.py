"""A published build's images fail closed: a copy without metadata that
cannot be kept, an image the build cannot write again, pages past the
bound after a small first one; and a lossless WebP stays lossless. A file
that is no image is never read whole."""

from __future__ import annotations

import io
import shutil
import struct
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from sitebuild import CONTENT, run_pelican
from test_hunt_static import POST, phone_photo

from sitekit import imagestrip
from sitekit.imagestrip import (
    MAX_PIXELS,
    PublishedImages,
    Unstrippable,
    metadata_left,
    published_image,
)


def test_a_copy_that_cannot_be_kept_stops_the_build_never_copies_the_photo(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "images" / "lunch.jpg").write_bytes(phone_photo())
    (content / "posts" / "2026-01-02-lunch.md").write_text(
        POST.replace("\n![The offer screen]({attach}/files/screen.png)\n", "")
    )
    cache = tmp_path / "cache"  # run_pelican's cache folder, beside the output
    cache.mkdir()
    (cache / "published-images").write_text("a file where the folder goes")

    result = run_pelican(content, tmp_path / "out", conf="publishconf.py")

    said = result.stdout + result.stderr
    assert result.returncode != 0
    [line] = [line for line in said.splitlines() if "lunch.jpg" in line]
    assert "cannot be kept" in line and "[unreadable-static-image]" in line
    assert "Traceback" not in said
    published = tmp_path / "out" / "images" / "lunch.jpg"
    assert not published.exists() or metadata_left(published.read_bytes()) is None


def jpeg_xl_container() -> bytes:
    """The start of a JPEG XL file in its ISO container, with an Exif box:
    Pillow cannot read it, and it is an image all the same."""
    exif = b"\x00\x00\x00\x00II*\x00GPS 51.5N"
    return (
        b"\x00\x00\x00\x0cJXL \r\n\x87\n"
        + b"\x00\x00\x00\x14ftypjxl \x00\x00\x00\x00jxl "
        + len(exif).to_bytes(4, "big")
        + b"Exif"
        + exif
    )


@pytest.mark.parametrize(
    "data",
    [
        jpeg_xl_container(),
        b"\xff\x0a" + bytes(40),
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(20),
    ],
    ids=["JPEG XL container", "JPEG XL codestream", "HEIF"],
)
def test_an_image_pillow_cannot_read_is_not_published_as_it_is(data):
    with pytest.raises(Unstrippable, match="cannot write again without its metadata"):
        published_image(data)


def test_a_jpeg_2000_with_its_comment_is_refused_an_icon_is_copied():
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG2000", comment=b"GPS 51.5N")
    with pytest.raises(Unstrippable, match="JPEG2000 image"):
        published_image(out.getvalue())
    icon = io.BytesIO()
    Image.new("RGBA", (16, 16), "teal").save(icon, "ICO")
    assert published_image(icon.getvalue()) is None  # nowhere for metadata


def test_every_page_counts_toward_the_bound_not_only_the_first(monkeypatch):
    monkeypatch.setattr(imagestrip, "MAX_PIXELS", 10_000)
    pages = [Image.new("L", (1, 1)), Image.new("L", (80, 80)), Image.new("L", (80, 80))]
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    with pytest.raises(Unstrippable, match="decompression bomb"):
        published_image(out.getvalue())
    assert MAX_PIXELS == Image.MAX_IMAGE_PIXELS  # the bound the site uses


def test_a_lossless_webp_stays_lossless():
    drawing = Image.new("RGB", (64, 64), "white")
    drawing.paste((10, 90, 200), (8, 8, 40, 40))
    out = io.BytesIO()
    drawing.save(out, "WEBP", lossless=True)

    written = published_image(out.getvalue())

    assert b"VP8L" in written
    assert list(
        Image.open(io.BytesIO(written)).convert("RGB").get_flattened_data()
    ) == list(drawing.get_flattened_data())


def test_a_file_that_is_no_image_is_never_read_whole(tmp_path, monkeypatch):
    talk = tmp_path / "talk.mp4"
    talk.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(1 << 20))
    images = PublishedImages(tmp_path / "cache")
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail(f"{self} was read whole")
    )
    assert images.stripped(talk) is None


def test_a_damaged_kept_image_is_written_again_with_one_warning(tmp_path, caplog):
    """A kept image cut short (a full disk, a killed build) was published
    as it was by every later build; a cold build wrote it whole."""
    photo = tmp_path / "photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    kept = PublishedImages(tmp_path / "cache").stripped(photo)
    whole = kept.read_bytes()
    kept.write_bytes(whole[:40])

    again = PublishedImages(tmp_path / "cache").stripped(photo)

    assert again.read_bytes() == whole
    damaged = [r for r in caplog.records if "damaged" in r.getMessage()]
    assert len(damaged) == 1 and kept.name in damaged[0].getMessage()


def icon_holding(png: bytes) -> bytes:
    """An .ico of one 16×16 picture stored as the PNG ``png``."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


def test_an_icon_whose_png_picture_holds_metadata_fails_closed():
    """An icon's large pictures are PNGs, with chunks of their own: copied
    as "an icon, nowhere for metadata", its text chunk was published."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Priya Raman")
    plain, tagged = io.BytesIO(), io.BytesIO()
    Image.new("RGBA", (16, 16), "teal").save(plain, "PNG")
    Image.new("RGBA", (16, 16), "teal").save(tagged, "PNG", pnginfo=info)

    assert published_image(icon_holding(plain.getvalue())) is None  # copied
    with pytest.raises(Unstrippable, match="'tEXt' chunk"):
        published_image(icon_holding(tagged.getvalue()))


def test_the_same_bytes_kept_as_a_drawing_are_not_taken_for_a_packed_one(tmp_path):
    """The kept copy's key names what the file was read as: a plain SVG
    saved as .svgz after it was published as .svg got the kept drawing,
    where a fresh build refuses it."""
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg"><!-- a note --><rect/></svg>'
    (tmp_path / "a.svg").write_bytes(drawing)
    (tmp_path / "b.svgz").write_bytes(drawing)
    images = PublishedImages(tmp_path / "cache")

    assert images.stripped(tmp_path / "a.svg") is not None
    with pytest.raises(Unstrippable, match="no gzip"):
        images.stripped(tmp_path / "b.svgz")
