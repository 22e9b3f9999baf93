"""Where an image's pictures end, found on the walk that reads its
metadata: a PNG's chunks and a GIF's blocks are walked once, within the
same bounds as before (``sitekit.pictureends``, ``sitekit.imagechunks``)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from test_leftover11 import image_then

from sitekit import imagechunks, pictureends
from sitekit.imagemarkers import UnreadableImage
from sitekit.pictureends import picture_end
from sitekit.staticmarkers import static_file_findings

SECRET_AFTER = "\n[!privаte] zq\n".encode()


def chunk(name: bytes, data: bytes = b"") -> bytes:
    crc = zlib.crc32(name + data)
    return struct.pack(">I", len(data)) + name + data + struct.pack(">I", crc)


def with_chunks_before_iend(png: bytes, extra: bytes) -> bytes:
    iend = png.rindex(b"IEND") - 4
    return png[:iend] + extra + png[iend:]


def with_blocks_before_trailer(gif: bytes, extra: bytes) -> bytes:
    assert gif.endswith(b";")
    return gif[:-1] + extra + b";"


@pytest.mark.parametrize("kind", ["PNG", "GIF"])
def test_a_png_or_gif_is_walked_once_for_its_text_and_its_end(
    tmp_path, monkeypatch, kind
):
    """Reading the metadata walks every chunk or block to ``IEND`` or the
    trailer; where the pictures end is read from that walk, not walked
    again."""
    walker = {"PNG": "png_chunks", "GIF": "gif_blocks"}[kind]
    real = getattr(imagechunks, walker)
    walks = []

    def counted(*args, **kwargs):
        walks.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(imagechunks, walker, counted)
    monkeypatch.setattr(pictureends, walker, counted)
    path = tmp_path / f"picture.{kind.lower()}"
    path.write_bytes(image_then(kind, SECRET_AFTER))
    (finding,) = static_file_findings(path, f"content/images/{path.name}")
    assert "after the picture's end" in finding.message
    assert len(walks) == 1


@pytest.mark.parametrize("kind", ["PNG", "GIF"])
def test_a_png_or_gif_of_endless_chunks_is_unreadable_not_slow(
    tmp_path, monkeypatch, kind
):
    """A few bytes a chunk or block, a hostile file holds millions: past
    ``MAX_SEGMENTS`` the image is unreadable, which fails closed, on the
    walk that reads its metadata as on a walk of its own."""
    monkeypatch.setattr(pictureends, "MAX_SEGMENTS", 50)
    plain = image_then(kind, b"")
    if kind == "PNG":
        data = with_chunks_before_iend(plain, chunk(b"zqAa") * 60)
    else:
        data = with_blocks_before_trailer(plain, b"!\xfe\x00" * 60)
    path = tmp_path / f"picture.{kind.lower()}"
    path.write_bytes(data)
    (finding,) = static_file_findings(path, f"content/images/{path.name}")
    assert finding.rule == "unreadable-static-image"
    assert "segments" in finding.message
    with pytest.raises(UnreadableImage, match="segments"):
        picture_end(io.BytesIO(data))
    # Within the bound, the same kind of file is read to its end.
    monkeypatch.setattr(pictureends, "MAX_SEGMENTS", 1000)
    assert picture_end(io.BytesIO(data + b"tail")) == len(data)
    assert static_file_findings(path, f"content/images/{path.name}") == []


def test_a_png_pillow_cannot_open_is_walked_for_its_end_all_the_same(tmp_path):
    """No metadata walk goes through a PNG Pillow cannot open (here: no
    header chunk) under a name that is no image's: its chunks are walked
    to find its end, and the text after it read as text."""
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"zqAa", b"x" * 20) + chunk(b"IEND")
    path = tmp_path / "notes.bin"
    path.write_bytes(data + SECRET_AFTER)
    (finding,) = static_file_findings(path, "content/files/notes.bin")
    assert f"after the picture's end (byte {len(data):,})" in finding.message


@pytest.mark.parametrize("kind", ["PNG", "GIF"])
def test_a_length_past_the_end_is_a_broken_image_and_no_end(tmp_path, kind):
    """A chunk or sub-block whose length runs past the file's end: the
    image is broken (one line), and its pictures have no end."""
    plain = image_then(kind, b"")
    if kind == "PNG":
        data = with_chunks_before_iend(plain, struct.pack(">I", 1 << 31) + b"zqAa")
    else:
        data = with_blocks_before_trailer(plain, b"!\xfe\xff" + b"x" * 10)
    path = tmp_path / f"picture.{kind.lower()}"
    path.write_bytes(data)
    (finding,) = static_file_findings(path, f"content/images/{path.name}")
    assert finding.rule == "unreadable-static-image"
    assert "\n" not in finding.message
    assert picture_end(io.BytesIO(data)) is None
