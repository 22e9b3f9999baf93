"""Defects found reviewing the day's changes (broken links, static files'
metadata): each case as a writer meets it."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image
from sitebuild import copy_project, lint_in_process, passing_build, run_pelican
from test_docs_audit import post_linking

from sitekit.imagemarkers import image_marker


def test_a_broken_link_with_an_ampersand_is_named_as_written_at_its_line(tmp_path):
    """The link was named as the HTML spells it (`&amp;`), which no line of
    the Markdown holds, so the message named no line."""
    project = copy_project(tmp_path / "site")
    post = post_linking(
        project, "Intro.\n\nSee [the notes]({filename}/posts/nope.md?a=1&b=2).\n"
    )

    lint = lint_in_process("lint", cwd=project)

    assert (
        f"content/{post}:7: warning: the link '{{filename}}/posts/nope.md?a=1&b=2' "
        "leads to no file of the content folder"
    ) in lint.stdout, lint.stdout
    assert "&amp;" not in lint.stdout


def webp_with_a_second(name: bytes, text: str) -> bytes:
    """An extended WebP whose metadata chunk ``name`` (EXIF, XMP) comes
    twice: libwebp, and so Pillow, reads the first one only."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(
        buffer, "WEBP", xmp=b"<x:xmpmeta/>", exif=Image.Exif().tobytes()
    )
    data = buffer.getvalue()
    payload = text.encode()
    data += (
        name + struct.pack("<I", len(payload)) + payload + b"\0" * (len(payload) & 1)
    )
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


@pytest.mark.parametrize("name", [b"XMP ", b"EXIF", b"ICCP"])
def test_a_marker_in_a_webp_metadata_chunk_that_comes_twice_is_found(tmp_path, name):
    """The chunk walk skipped every EXIF, XMP and ICCP chunk as read by
    Pillow; Pillow reads the first of each only, so a second one, copied
    whole into the site, was read by nothing."""
    photo = tmp_path / "photo.webp"
    photo.write_bytes(webp_with_a_second(name, "<x>[!private] the offer</x>"))

    found = image_marker(photo)

    assert found is not None
    assert found.spelling == "[!private]"


@pytest.mark.parametrize("flag", [0x04, 0x08], ids=["XMP", "EXIF"])
def test_a_marker_in_a_webp_metadata_chunk_its_header_does_not_announce_is_found(
    tmp_path, flag
):
    """libwebp hands Pillow an EXIF or XMP chunk only when the VP8X header's
    flag announces it; with the flag cleared nothing read the chunk."""
    buffer = io.BytesIO()
    save = {"xmp": b"<x>[!private] the offer</x>"} if flag == 0x04 else {}
    if flag == 0x08:
        exif = Image.Exif()
        exif[0x010E] = "[!private] the offer"
        save["exif"] = exif.tobytes()
    Image.new("RGB", (8, 8), "teal").save(buffer, "WEBP", **save)
    data = bytearray(buffer.getvalue())
    header = data.index(b"VP8X") + 8
    assert data[header] & flag
    data[header] &= ~flag & 0xFF
    photo = tmp_path / "photo.webp"
    photo.write_bytes(bytes(data))

    found = image_marker(photo)

    assert found is not None
    assert found.spelling == "[!private]"


def test_a_filename_link_to_a_file_another_post_links_by_static_is_no_broken_link(
    tmp_path,
):
    """Pelican copies a file any page links with `{static}` or `{attach}`,
    wherever it lies, and finds it by `{filename}` too (with a warning of
    its own): the check took every file outside STATIC_PATHS for a post
    left out, and stopped `make publish` on a link that works."""
    project = copy_project(tmp_path / "site")
    files = project / "content" / "files"
    files.mkdir()
    (files / "cv.txt").write_text("my cv\n", encoding="utf-8")
    (project / "content" / "posts" / "2026-05-04-cv.md").write_text(
        "Title: My CV\nDate: 2026-05-04 10:00\nLessons: Learn adjacent functions\n"
        "\nThe [CV]({static}/files/cv.txt).\n",
        encoding="utf-8",
    )
    (files / "old.txt").write_text("old\n", encoding="utf-8")
    post = post_linking(
        project,
        "As [sent]({filename}/files/cv.txt), [old]({filename}/files/old.txt).\n",
    )

    lint = lint_in_process("lint", cwd=project)
    post_linking(project, "As [sent]({filename}/files/cv.txt).\n")
    publish = run_pelican(project / "content", tmp_path / "out", conf="publishconf.py")

    assert "files/cv.txt" not in lint.stdout, lint.stdout
    # A file no page links by {static} is still one Pelican cannot find.
    assert f"content/{post}:5: warning: the link '{{filename}}/files/old.txt'" in (
        lint.stdout
    )
    assert publish.returncode == 0, publish.stdout + publish.stderr
    assert (tmp_path / "out" / "files" / "cv.txt").is_file()


def test_an_attached_file_is_published_beside_the_post_that_attaches_it(tmp_path):
    """`{attach}` puts the file in the post's folder; sourceguard asked every
    static file for its address as it was made, after which Pelican may no
    longer move it ("cannot relocate ... because another link already
    referenced its location"), so every attached file stayed where it lay."""
    project = copy_project(tmp_path / "site")
    files = project / "content" / "files"
    files.mkdir()
    (files / "scorecard.txt").write_text("the card\n", encoding="utf-8")
    post_linking(project, "The [scorecard]({attach}/files/scorecard.txt).\n")

    said = passing_build(project / "content", tmp_path / "out")
    assert "cannot relocate" not in said
    page = tmp_path / "out" / "2026" / "links-elsewhere-on-the-site"
    assert (page / "scorecard.txt").is_file()
    assert not (tmp_path / "out" / "files" / "scorecard.txt").exists()
    assert 'href="/2026/links-elsewhere-on-the-site/scorecard.txt"' in (
        page / "index.html"
    ).read_text(encoding="utf-8")


def test_two_attached_files_bound_for_one_file_stop_the_build(tmp_path):
    """Each folder's `photo.txt`, attached to one post, lands beside it as
    `photo.txt`: one would overwrite the other without a word."""
    project = copy_project(tmp_path / "site")
    for folder in ("first", "second"):
        (project / "content" / folder).mkdir()
        (project / "content" / folder / "photo.txt").write_text(folder)
    post_linking(
        project,
        "[One]({attach}/first/photo.txt) and [two]({attach}/second/photo.txt).\n",
    )

    built = run_pelican(project / "content", tmp_path / "out")

    said = built.stdout + built.stderr
    assert built.returncode != 0, said
    assert (
        "content/second/photo.txt: would be written to "
        "2026/links-elsewhere-on-the-site/photo.txt, as "
    ) in said
    assert "Traceback" not in said
    assert not (tmp_path / "out" / "2026" / "links-elsewhere-on-the-site").exists()
