"""What the review of the 2026-12-06 merges found, each with its public
control beside it so each test can fail.

An image's metadata is read for a marker a person reads (``[!privαte]``
with a Greek alpha, which the exact spelling looked for in a file's bytes,
``sitekit.rawmarkers``, does not find) wherever a tool puts text: every
JPEG segment, every GIF extension, every PNG chunk but the pixels.
"""

from __future__ import annotations

import difflib
import io
import random
import string
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sitebuild import CONTENT, run_pelican, theme_with

from reflections.resolve.alike import alike_titles
from sitekit import imagemarkers
from sitekit.diagnostics import SettingsError
from sitekit.imagemarkers import UnreadableImage, image_marker
from sitekit.rawmarkers import raw_marker_offset
from sitekit.siteaddresses import address_problem
from sourceguard.settingchecks import check_address_settings
from sourceguard.staticcheck import static_findings, theme_template_files

#: A marker as a person reads it, not as the bytes spell it.
SECRET = "[!priv\u03b1te] salary 90k"
PUBLIC = "a walk by the river"


def _segment(marker: bytes, payload: bytes) -> bytes:
    return marker + struct.pack(">H", len(payload) + 2) + payload


def _jpeg_with(segment: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (20, 90, 160)).save(out, "JPEG")
    data = out.getvalue()
    return data[:2] + segment + data[2:]


def _extended_xmp(text: str) -> bytes:
    """An XMP packet over 64 KB goes on in these APP1 segments (Photoshop,
    Google's camera): a GUID, the whole length, the offset, the text."""
    body = f"<dc:description>{text}</dc:description>".encode()
    head = b"http://ns.adobe.com/xmp/extension/\0" + b"0" * 32
    return _jpeg_with(
        _segment(b"\xff\xe1", head + struct.pack(">II", len(body), 0) + body)
    )


def _jpeg_app11(text: str) -> bytes:
    """APP11 holds JUMBF boxes: the C2PA manifest, with its title and author."""
    return _jpeg_with(_segment(b"\xff\xeb", b"JP\0\x01" + text.encode()))


def _jpeg_app12(text: str) -> bytes:
    """APP12 'Ducky': what Photoshop's Save for Web keeps of a caption."""
    return _jpeg_with(_segment(b"\xff\xec", b"Ducky\0\x03" + text.encode()))


def _gif(extension: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    data = out.getvalue()
    assert data.endswith(b";")
    return data[:-1] + extension + b";"


def _sub_blocks(data: bytes) -> bytes:
    blocks = b"".join(
        bytes([len(data[i : i + 255])]) + data[i : i + 255]
        for i in range(0, len(data), 255)
    )
    return blocks + b"\0"


def _gif_xmp(text: str) -> bytes:
    """XMP in a GIF as Adobe writes it: the packet's bytes as they are (each
    read as a sub-block's length by a reader that does not know it), then a
    258-byte trailer that ends every chain of sub-blocks."""
    trailer = b"\x01" + bytes(range(255, -1, -1)) + b"\0"
    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{text}</x:xmpmeta>'.encode()
    return _gif(b"!\xff\x0bXMP DataXMP" + packet + trailer)


def _gif_plain_text(text: str) -> bytes:
    """A plain text extension: text a GIF viewer may draw over the picture."""
    return _gif(b"!\x01\x0c" + b"\0" * 12 + _sub_blocks(text.encode()))


def _gif_application(text: str) -> bytes:
    return _gif(b"!\xff\x0bMYAPP1.0   "[:14] + _sub_blocks(text.encode()))


def _png_chunk(text: str) -> bytes:
    """A chunk of the PNG's own kind (Fireworks' mkBT, C2PA's caBX, a
    private prVt), which viewers skip and exiftool shows."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    data = out.getvalue()
    kind, body = b"prVt", text.encode()
    chunk = struct.pack(">I", len(body)) + kind + body
    chunk += struct.pack(">I", zlib.crc32(kind + body))
    return data[:-12] + chunk + data[-12:]


PLACES = {
    "extended-xmp.jpg": _extended_xmp,
    "app11.jpg": _jpeg_app11,
    "app12.jpg": _jpeg_app12,
    "xmp.gif": _gif_xmp,
    "plain-text.gif": _gif_plain_text,
    "application.gif": _gif_application,
    "chunk.png": _png_chunk,
}


@pytest.mark.parametrize("name", sorted(PLACES))
def test_a_marker_anywhere_in_an_images_metadata_is_found(tmp_path, name):
    make = PLACES[name]
    secret = tmp_path / name
    secret.write_bytes(make(SECRET))
    assert raw_marker_offset(secret) is None  # only a reading finds it
    found = image_marker(secret)
    assert found is not None and "\u03b1" in found.described
    public = tmp_path / f"public-{name}"
    public.write_bytes(make(PUBLIC))
    assert image_marker(public) is None


# ---- addresses ---------------------------------------------------------------

#: An address with a user name or password before its host: every page
#: would publish the password, ``https://example.org@evil.example`` leads to
#: the host after the ``@``, and browsers refuse a page's styles, scripts and
#: pictures from such an address (Chrome since version 59), so the site
#: would be drawn without them.
WITH_USER = [
    "https://a@b",
    "https://user:secret@example.org/blog",
    "https://example.org@evil.example",
    "HTTPS://me@Example.org",
    "https://:pw@example.org",
]
#: And one with a port no address can have.
BAD_PORT = ["https://example.org:99999/blog", "http://example.org:http/"]
KEPT = [
    "https://example.org:8443/blog",
    "https://xn--bcher-kva.example/",
    "https://b\u00fccher.example/",
    "HTTPS://EXAMPLE.ORG",
    "https://mastodon.example/@me",
    "https://example.org/blog?by=me@example.org",
]


@pytest.mark.parametrize("value", WITH_USER + BAD_PORT)
def test_an_address_with_a_user_or_a_port_it_cannot_have_is_refused(value):
    assert address_problem(value) is not None
    assert address_problem(value, site=True) is not None
    with pytest.raises(SettingsError, match="SITEURL"):
        check_address_settings({"SITEURL": value})


@pytest.mark.parametrize(
    "value", ["https://user:secret@example.org/blog", "https://:secret@example.org"]
)
def test_the_refusal_does_not_repeat_the_password(value):
    """The line is read in a terminal, a log, a CI page: the password is
    starred, the user and host kept to say which address it is."""
    with pytest.raises(SettingsError) as raised:
        check_address_settings({"WEBMENTION_SITE_URLS": ["https://ok.example", value]})
    message = raised.value.location_message()
    assert "secret" not in message
    assert ":***@example.org" in message


@pytest.mark.parametrize("value", KEPT)
def test_a_port_a_punycode_host_or_an_at_in_the_path_is_kept(value):
    assert address_problem(value) is None
    check_address_settings({"SOCIAL": (("Me", value),), "FEED_DOMAIN": value[:0]})


# ---- near-duplicate lessons ------------------------------------------------


def _every_pair(titles: list[str], ratio: float) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i in range(len(titles))
        for j in range(i + 1, len(titles))
        if difflib.SequenceMatcher(None, titles[i], titles[j]).ratio() >= ratio
    ]


def test_titles_that_all_begin_alike_are_not_given_to_difflib_pair_by_pair():
    """A vocabulary whose titles share a long start ("Lesson 00042: ask the
    hiring manager about …") makes every pair a candidate of the index and
    passes difflib's cheap bounds; each pair then cost a full difflib
    comparison, hours for 10,000 lessons. The pairs found stay exactly
    those every pair compared finds."""
    rng = random.Random(6)

    words = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))
        for _ in range(400)
    ]
    titles = [
        f"Lesson {n:05d}: ask the hiring manager about "
        + " ".join(rng.sample(words, 3))
        for n in range(200)
    ]
    titles[150] = titles[40][:-1] + "x"  # a typo: a real near-duplicate

    found = alike_titles(titles, 0.85)

    assert (40, 150) in found.pairs
    assert found.pairs == _every_pair(titles, 0.85)
    every = len(titles) * (len(titles) - 1) // 2
    assert found.candidates * 2 > every  # the index lets most pairs through
    assert found.compared * 20 < every  # but difflib compares few of them


@pytest.mark.parametrize(
    "links",
    [
        {"GitHub": "javascript:alert(1)"},
        [{"title": "Me", "url": "javascript:alert(1)"}],
        ({"name": "Me", "href": "data:text/html,x"},),
    ],
)
def test_a_list_of_links_of_another_shape_is_read_too(links):
    """Themes read ``SOCIAL`` and ``LINKS`` as pairs, as a mapping of name to
    address, or as a list of mappings with a ``url``: every shape is read."""
    with pytest.raises(SettingsError, match="SOCIAL"):
        check_address_settings({"SOCIAL": links})


def test_the_names_beside_a_links_address_are_no_addresses():
    check_address_settings(
        {
            "SOCIAL": {"My GitHub": "https://github.example/me"},
            "LINKS": [{"title": "My site, again", "url": "https://example.org"}],
            "MENUITEMS": (("Archives", "/archives.html", "an icon"),),
        }
    )


# ---- what an image costs to read ---------------------------------------------


def _tiff_with_description(text: str, size: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(
        out, "TIFF", tiffinfo={270: "x" * (size - len(text)) + text}
    )
    return out.getvalue()


def test_metadata_read_again_by_pillow_counts_once(tmp_path, monkeypatch):
    """Pillow reads a TIFF's tags three times (twice opening it, once for
    its EXIF): a scan whose tags are over a third of ``MAX_READ`` (a
    Photoshop TIFF's layers are a tag) was refused as unreadable, its
    metadata said to lie past bytes it holds. Bytes read again are bounded
    apart, so a file that reads its tags over and over is still refused."""
    monkeypatch.setattr(imagemarkers, "MAX_READ", 1 << 20)
    size = (1 << 20) * 2 // 3  # within MAX_READ once, not three times
    secret = tmp_path / "scan.tif"
    secret.write_bytes(_tiff_with_description(SECRET, size))
    found = image_marker(secret)
    assert found is not None and found.place == "EXIF ImageDescription"
    public = tmp_path / "public.tif"
    public.write_bytes(_tiff_with_description(PUBLIC, size))
    assert image_marker(public) is None
    # Past MAX_READ, once, it is still one line.
    monkeypatch.setattr(imagemarkers, "MAX_READ", size // 2)
    with pytest.raises(UnreadableImage, match="not within the first"):
        image_marker(public)


def test_metadata_read_over_and_over_is_refused(tmp_path, monkeypatch):
    """The same bytes read again and again (a TIFF whose every tag points at
    one large value) are refused past ``REREADS`` times ``MAX_READ``."""
    monkeypatch.setattr(imagemarkers, "MAX_READ", 1 << 20)
    monkeypatch.setattr(imagemarkers, "REREADS", 1)
    path = tmp_path / "scan.tif"
    path.write_bytes(_tiff_with_description(PUBLIC, (1 << 20) * 2 // 3))
    with pytest.raises(UnreadableImage, match="over and over"):
        image_marker(path)


# ---- the theme's templates ---------------------------------------------------


def _theme_with(tmp_path: Path, line: str) -> Path:
    return theme_with(
        tmp_path, "base.html", '<footer class="site-footer"{{ chrome }}>', f"\n{line}"
    )


def test_a_published_build_refuses_a_theme_template_with_a_marker(tmp_path):
    """A template's text is drawn into every page: a note left in it
    (``base.html``'s footer) was published on all of them without a word,
    while the theme's static files beside it were checked."""
    theme = _theme_with(tmp_path, "<p>[!priv\u0430te] salary band 90k</p>")
    out = tmp_path / "out"
    result = run_pelican(CONTENT, out, "-t", str(theme), conf="publishconf.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    lines = [line for line in output.splitlines() if "base.html" in line]
    assert len(lines) == 1 and "ERROR" in lines[0], output
    assert "a theme template, whose text is drawn into the pages" in lines[0]
    assert "Traceback" not in output
    assert not any(
        "salary band" in page.read_text(encoding="utf-8", errors="replace")
        for page in out.rglob("*.html")
    )


def test_a_template_override_with_a_marker_is_found_and_a_public_one_is_not(
    tmp_path,
):
    """``THEME_TEMPLATES_OVERRIDES`` folders are looked in before the theme:
    their templates are drawn into pages as the theme's are."""
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "note.html").write_text("<p>[!private] 90k</p>\n")
    (overrides / "public.html").write_text("<p>a public page</p>\n")
    theme = _theme_with(tmp_path, "")
    settings = {"THEME": str(theme), "THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    files = theme_template_files(settings)
    assert str(overrides / "public.html") in files
    assert str(theme / "templates" / "base.html") in files
    findings = static_findings((), files)
    assert [Path(found.path).name for found in findings] == ["note.html"]
    assert "theme template" in findings[0].message
