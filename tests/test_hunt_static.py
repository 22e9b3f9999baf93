"""Images an author puts in content/ and links from posts, as a published
build writes them: without the metadata a photo carries (GPS position,
camera owner, dates, XMP, comments, PNG text chunks), upright and in its
colour profile, the source file untouched; and an image that cannot be
written so is one line naming it. A local build copies each as it is,
the control beside each case.
"""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from outputs import every_file
from pelican import signals
from PIL import Image, ImageCms, ImageOps, PngImagePlugin
from sitebuild import (
    CONTENT,
    ROOT,
    build_site,
    copy_project,
    passing_build,
    run_pelican,
    the_line_lint_said,
)

from sitekit import svgscripts
from sitekit.imagestrip import Unstrippable, metadata_left, published_image
from sitekit.svgscripts import svg_script_findings
from sourceguard.linktargets import spelt_otherwise

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<dc:creator>Priya Raman</dc:creator></x:xmpmeta>"
)


def phone_photo() -> bytes:
    """A photo as a phone takes it: wider than tall as the sensor reads it,
    with EXIF saying to turn it (Orientation 6), where and when it was
    taken, by whose camera, an XMP packet, a comment and a colour profile."""
    picture = Image.new("RGB", (64, 32), (200, 40, 40))
    picture.paste((20, 20, 220), (0, 0, 8, 8))  # a blue corner: which way is up
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    exif[0x013B] = "Priya Raman"  # Artist
    exif[0xA430] = "Priya Raman"  # CameraOwnerName
    exif[0x0132] = "2026:01:02 12:30:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 45.0), 3: "W", 4: (87.0, 37.0, 11.0)}
    out = io.BytesIO()
    picture.save(
        out, "JPEG", exif=exif, comment=b"lunch near home", icc_profile=SRGB, xmp=XMP
    )
    return out.getvalue()


def screenshot_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Priya Raman")
    info.add_itxt("Description", "Draft offer, 1 Elm Street")
    exif = Image.Exif()
    exif[0x0132] = "2026:01:02 12:30:00"
    out = io.BytesIO()
    Image.new("RGBA", (16, 8), (0, 128, 0, 200)).save(
        out, "PNG", pnginfo=info, exif=exif, icc_profile=SRGB
    )
    return out.getvalue()


POST = """\
Title: Lunch with the recruiting lead
Date: 2026-01-02 12:00
Category: Mentoring
Lessons: Ask for the next introduction

We sat by the window.

![The table]({static}/images/lunch.jpg)

![The offer screen]({attach}/files/screen.png)
"""


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("photos") / "content"
    shutil.copytree(CONTENT, content)
    (content / "images" / "lunch.jpg").write_bytes(phone_photo())
    (content / "files").mkdir()
    (content / "files" / "screen.png").write_bytes(screenshot_png())
    (content / "posts" / "2026-01-02-lunch.md").write_text(POST)
    return content


def test_a_published_photo_carries_no_position_owner_date_or_comment(
    photo_site, tmp_path
):
    before = (photo_site / "images" / "lunch.jpg").read_bytes()
    out = tmp_path / "out"
    result = run_pelican(photo_site, out, conf="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    written = (out / "images" / "lunch.jpg").read_bytes()
    assert metadata_left(written) is None
    for told in (b"Priya", b"lunch near home", b"2026:01:02", b"Exif"):
        assert told not in written
    photo = Image.open(io.BytesIO(written))
    # Upright: the turn EXIF asked for is in the pixels, the blue corner
    # now at the top right; the colour profile stays.
    assert photo.size == (32, 64)
    assert photo.getpixel((30, 1))[2] > 150 and photo.getpixel((1, 1))[0] > 150
    assert photo.info.get("icc_profile") == SRGB
    # The source file is only read.
    assert (photo_site / "images" / "lunch.jpg").read_bytes() == before


def test_a_published_attachment_loses_its_png_text_chunks(photo_site, tmp_path):
    out = tmp_path / "out"
    result = run_pelican(photo_site, out, conf="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    (screen,) = out.glob("2026/*/screen.png")
    written = screen.read_bytes()
    assert b"Priya" not in written and b"Elm Street" not in written
    picture = Image.open(io.BytesIO(written))
    assert picture.mode == "RGBA" and picture.getpixel((3, 3)) == (0, 128, 0, 200)
    assert picture.info.get("icc_profile") == SRGB
    assert metadata_left(written) is None


def test_a_local_build_copies_each_image_as_it_is(photo_site, tmp_path):
    out = tmp_path / "out"
    result = run_pelican(photo_site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    source = (photo_site / "images" / "lunch.jpg").read_bytes()
    assert (out / "images" / "lunch.jpg").read_bytes() == source


def test_a_published_build_never_writes_through_a_linked_copy(photo_site, tmp_path):
    before = (photo_site / "images" / "lunch.jpg").read_bytes()
    out = tmp_path / "out"
    result = run_pelican(
        photo_site, out, "-e", "STATIC_CREATE_LINKS=true", conf="publishconf.py"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (photo_site / "images" / "lunch.jpg").read_bytes() == before
    assert metadata_left((out / "images" / "lunch.jpg").read_bytes()) is None


def test_a_photo_cut_short_stops_a_published_build_in_one_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    noise = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(noise, "JPEG")
    data = noise.getvalue()
    (content / "images" / "cut.jpg").write_bytes(data[: len(data) // 2])
    result = run_pelican(content, tmp_path / "out", conf="publishconf.py")
    said = result.stdout + result.stderr
    assert result.returncode != 0
    lines = [line for line in said.splitlines() if "cut.jpg" in line]
    assert len(lines) == 1, said
    assert "without its metadata" in lines[0]
    assert "[unreadable-static-image]" in lines[0]
    assert "Traceback" not in said
    # A local build copies it as it is: nothing is decoded there.
    local = run_pelican(content, tmp_path / "local")
    assert local.returncode == 0, local.stdout + local.stderr


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # 48 KB, 400 Mpx
    with pytest.raises(Unstrippable, match="decompression bomb"):
        published_image(bomb.getvalue())


def test_an_animation_keeps_its_frames_and_timing_without_its_comment():
    frames = [Image.new("RGB", (8, 8), (shade, 0, 0)) for shade in (0, 90, 180)]
    gif = io.BytesIO()
    frames[0].save(
        gif,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        comment=b"made at home",
    )
    written = published_image(gif.getvalue())
    assert b"made at home" not in written
    animation = Image.open(io.BytesIO(written))
    timing = []
    for frame in range(animation.n_frames):
        animation.seek(frame)
        timing.append(animation.info["duration"])
    assert timing == [100, 200, 300]


def test_a_file_that_is_no_image_is_copied_as_it_is():
    assert published_image(b"Agenda for Tuesday\n") is None


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "TIFF", "AVIF", "GIF"])
def test_each_kind_of_image_is_written_upright_without_its_exif(kind):
    exif = Image.Exif()
    exif[0x013B] = "Priya Raman"  # Artist
    exif[0x0112] = 6  # Orientation
    picture = Image.new("RGB", (16, 8), (0, 0, 0))
    picture.paste((255, 0, 0), (0, 0, 4, 4))
    source = io.BytesIO()
    picture.save(source, kind, exif=exif)
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(source.getvalue())))
    written = published_image(source.getvalue())
    assert b"Priya" not in written and metadata_left(written) is None
    published = Image.open(io.BytesIO(written)).convert("RGB")
    assert published.size == shown.size
    corner = next(
        (x, y)
        for x, y in ((1, 1), (shown.width - 2, 1))
        if shown.convert("RGB").getpixel((x, y))[0] > 150
    )
    assert published.getpixel(corner)[0] > 150


# ---- every static file written is announced ---------------------------------

DEMO_PAGE = (
    "<!doctype html><html lang=en><title>Interview practice board</title>"
    "<p>A board I made to practise answers.</p></html>\n"
)


def test_each_static_file_written_is_announced_and_a_static_page_is_in_the_sitemap(
    photo_site, tmp_path
):
    content = tmp_path / "content"
    shutil.copytree(photo_site, content)
    (content / "images" / "practice.html").write_text(DEMO_PAGE)
    announced: list[str] = []

    def written(path, context=None):
        announced.append(Path(path).resolve().as_posix())

    signals.content_written.connect(written)
    try:
        out = build_site(tmp_path / "out", "publishconf.py", content)
    finally:
        signals.content_written.disconnect(written)
    for name in ("images/lunch.jpg", "images/practice.html"):
        assert (out / name).resolve().as_posix() in announced, name
    (screen,) = out.glob("2026/*/screen.png")
    assert screen.resolve().as_posix() in announced
    sitemap = (out / "sitemap.xml").read_text()
    assert "/images/practice.html</loc>" in sitemap
    assert "lunch.jpg" not in sitemap  # SITEMAP's exclude keeps out what is no page


# ---- a link that climbs out of the content folder ---------------------------

CLIMBING_POST = """\
Title: Notes after the panel
Date: 2026-02-03 18:00
Category: Mentoring
Lessons: Ask for the next introduction

The panel ran long.

![The board]({static}/../panel-board.png)
"""


def test_a_link_climbing_out_of_the_content_folder_is_one_line_at_its_post(
    tmp_path,
):
    project = copy_project(tmp_path / "site")
    content = project / "content"
    post = content / "posts" / "2026-02-03-panel.md"
    post.write_text(CLIMBING_POST)
    (project / "panel-board.png").write_bytes(screenshot_png())
    published = run_pelican(content, tmp_path / "out", conf="publishconf.py")
    said = published.stdout + published.stderr
    assert published.returncode != 0
    lines = [line for line in said.splitlines() if "panel-board" in line]
    assert len(lines) == 1, said
    assert f"{post}:8:" in lines[0] and "climbs out of the content folder" in lines[0]
    assert "[broken-link]" in lines[0] and "Traceback" not in said
    assert "slug" not in said  # it was read as a page with a climbing slug
    local = passing_build(content, tmp_path / "local")
    (warned,) = [line for line in local.splitlines() if "panel-board" in line]
    assert "WARNING" in warned and f"{post}:8:" in warned
    assert not list((tmp_path / "local").rglob("panel-board.png"))
    assert "climbs out" in the_line_lint_said(project, "panel-board")


# ---- attachments a reader never sees ----------------------------------------

PRIVATE_ATTACHMENT_POST = """\
Title: After the offer call
Date: 2026-03-04 17:00
Category: Mentoring
Lessons: Ask for the next introduction

The call went well.

> [!private]
> The written offer: ![offer]({attach}/files/offer-letter.png) and
> [the spreadsheet]({static}/files/salary-bands.csv); the
> [team photo]({static}/files/team.png) too.
"""

TEAM_POST = """\
Title: Meeting the team
Date: 2026-03-05 17:00
Category: Mentoring
Lessons: Ask for the next introduction

![The team]({static}/files/team.png)
"""


def test_files_only_a_private_block_links_are_never_published(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    files = content / "files"  # under no STATIC_PATHS: copied only if linked
    files.mkdir()
    (files / "offer-letter.png").write_bytes(screenshot_png())
    (files / "salary-bands.csv").write_text("level,band\nL5,zqxbandvalue\n")
    (files / "team.png").write_bytes(screenshot_png())
    (content / "posts" / "2026-03-04-offer.md").write_text(PRIVATE_ATTACHMENT_POST)
    (content / "posts" / "2026-03-05-team.md").write_text(TEAM_POST)
    for conf in ("publishconf.py", "pelicanconf.py"):
        out = tmp_path / conf
        result = run_pelican(content, out, conf=conf)
        assert result.returncode == 0, result.stdout + result.stderr
        names = {path.name for path in out.rglob("*") if path.is_file()}
        assert "offer-letter.png" not in names and "salary-bands.csv" not in names
        # A public page links the team photo too: it is published.
        assert "team.png" in names
        assert not any(
            b"zqxbandvalue" in path.read_bytes()
            for path in out.rglob("*")
            if path.is_file()
        )


# ---- a link spelt otherwise than its file -----------------------------------

COMPOSED = unicodedata.normalize("NFC", "café-chart.png")
DECOMPOSED = unicodedata.normalize("NFD", "café-chart.png")


@pytest.mark.parametrize(
    ("on_disk", "linked"),
    [
        ("Chart.png", "chart.png"),
        ("chart.png", "Chart.PNG"),
        (DECOMPOSED, COMPOSED),
        (COMPOSED, DECOMPOSED),
    ],
    ids=["case", "case of the ending", "accent combined", "accent composed"],
)
def test_a_link_spelt_otherwise_than_its_file_names_the_file(tmp_path, on_disk, linked):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "images" / on_disk).write_bytes(screenshot_png())
    post = content / "posts" / "2026-02-04-chart.md"
    post.write_text(
        "Title: The chart she drew\nDate: 2026-02-04 09:00\nCategory: Mentoring\n"
        "Lessons: Ask for the next introduction\n\n"
        f"![Her chart]({{static}}/images/{linked})\n"
    )
    published = run_pelican(content, tmp_path / "out", conf="publishconf.py")
    said = published.stdout + published.stderr
    assert published.returncode != 0
    (line,) = [line for line in said.splitlines() if "spelt otherwise" in line]
    assert f"{post}:6:" in line and repr(f"images/{on_disk}") in line
    assert "[broken-link]" in line and "Traceback" not in said


def test_spelt_otherwise_is_none_for_a_link_spelt_as_its_file(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "chart.png").write_bytes(b"x")
    assert spelt_otherwise(tmp_path, "images/chart.png") is None
    assert spelt_otherwise(tmp_path, "images/nothing.png") is None
    assert spelt_otherwise(tmp_path, "Images/Chart.png") == "images/chart.png"


# ---- a rebuild after an image changed ---------------------------------------


def test_a_rebuild_after_only_an_image_changed_writes_what_a_cold_build_writes(
    photo_site, tmp_path
):
    content = tmp_path / "content"
    shutil.copytree(photo_site, content)
    photo = content / "images" / "lunch.jpg"
    warm = tmp_path / "warm" / "out"  # its cache beside it, kept between builds
    assert run_pelican(content, warm, conf="publishconf.py").returncode == 0
    # A new photo under the old name, its time kept (`cp -p`, a checkout).
    stamp = photo.stat()
    replacement = io.BytesIO()
    Image.new("RGB", (48, 24), (10, 160, 30)).save(replacement, "JPEG", comment=b"v2")
    photo.write_bytes(replacement.getvalue())
    os.utime(photo, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert run_pelican(content, warm, conf="publishconf.py").returncode == 0
    cold = tmp_path / "cold" / "out"
    assert run_pelican(content, cold, conf="publishconf.py").returncode == 0
    assert every_file(warm) == every_file(cold)  # Pagefind's hash order aside
    assert Image.open(warm / "images" / "lunch.jpg").size == (48, 24)


# ---- a link written from the source file's folder ---------------------------

EDITOR_POST = """\
Title: The whiteboard session
Date: 2026-02-06 10:00
Category: Mentoring
Lessons: Ask for the next introduction

![The board](../images/board.png)

<img src="sketch.png" alt="Her sketch">

![The same board, linked as the site links it]({static}/images/board.png)

[Her site](https://example.org/portfolio.html) and [notes](notes/nowhere.txt).
"""


def test_a_path_written_from_the_post_s_folder_is_named_at_its_line(tmp_path):
    project = copy_project(tmp_path / "site")
    content = project / "content"
    (content / "images" / "board.png").write_bytes(screenshot_png())
    (content / "posts" / "sketch.png").write_bytes(screenshot_png())
    post = content / "posts" / "2026-02-06-whiteboard.md"
    post.write_text(EDITOR_POST)
    said = passing_build(content, tmp_path / "local")
    lines = [line for line in said.splitlines() if "from the post's own folder" in line]
    assert len(lines) == 2, said
    board, sketch = lines
    assert "WARNING" in board and f"{post}:6:" in board
    assert "{static}/images/board.png" in board and "[broken-link]" in board
    assert "'2026/images/board.png'" in board
    assert f"{post}:8:" in sketch and "{static}/posts/sketch.png" in sketch
    # The {static} link and an address elsewhere say nothing here; a path to
    # no file is told once the site is written (tests/test_written_links.py).
    assert "portfolio" not in said
    (nowhere,) = [line for line in said.splitlines() if "nowhere" in line]
    assert "where this build writes no file" in nowhere
    published = run_pelican(content, tmp_path / "out", conf="publishconf.py")
    said = published.stdout + published.stderr
    assert published.returncode != 0 and "Traceback" not in said
    (stopped,) = [line for line in said.splitlines() if "own folder" in line]
    assert "ERROR" in stopped and f"{post}:6:" in stopped
    assert "from the post's own folder" in the_line_lint_said(project, "board.png'")


# ---- an SVG that runs script ------------------------------------------------


@pytest.mark.parametrize(
    ("drawing", "line"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>go()</script></svg>', 2),
        ('<svg>\n<rect\n  onload="go()" width="4"/></svg>', 3),
        ('<svg><a xlink:href="java\tscript:go()"><text>x</text></a></svg>', 1),
        ('<svg xmlns:s="http://www.w3.org/2000/svg"><s:script/></svg>', 1),
    ],
    ids=["element", "event attribute", "address", "prefixed element"],
)
def test_an_svg_that_runs_script_is_one_line_at_its_line(tmp_path, drawing, line):
    path = tmp_path / "chart.svg"
    path.write_text(drawing)
    (finding,) = svg_script_findings(path, "images/chart.svg")
    assert finding.rule == "script-in-static-svg" and finding.line == line


def test_an_svg_s_script_across_the_reader_s_chunks_is_found_at_its_line(tmp_path):
    path = tmp_path / "huge.svg"
    padding = '<rect width="1" height="1"/>\n' * ((1 << 20) // 29)
    cut = (1 << 20) - len(padding.encode()) - 3
    path.write_text("<svg>\n" + padding + " " * cut + "<script>go()</script></svg>")
    (finding,) = svg_script_findings(path, "images/huge.svg")
    assert finding.line == 2 + padding.count("\n")


def test_a_drawing_without_script_and_a_file_that_is_no_svg_say_nothing(tmp_path):
    clean = tmp_path / "clean.svg"
    clean.write_text(
        '<svg><a href="https://example.org/"><text>on time</text></a></svg>'
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("<script>this is a note about scripts</script>")
    assert svg_script_findings(clean, "clean.svg") == []
    assert svg_script_findings(notes, "notes.txt") == []


def test_a_huge_svg_is_read_no_further_than_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(svgscripts, "MAX_READ", 2 << 20)
    path = tmp_path / "huge.svg"
    with path.open("w") as file:
        file.write("<svg>\n")
        file.write(("<rect/>" * 1000 + "\n") * 1000)  # 7 MB of drawing
        file.write("<script>go()</script></svg>")
    assert svg_script_findings(path, "huge.svg") == []  # past the bound


def test_a_build_names_an_svg_that_runs_script_and_copies_it(photo_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(photo_site, content)
    (content / "images" / "funnel.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>go()</script></svg>\n'
    )
    result = run_pelican(content, tmp_path / "out", conf="publishconf.py")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    (line,) = [line for line in said.splitlines() if "funnel.svg" in line]
    assert "funnel.svg:2:" in line and "[script-in-static-svg]" in line
    assert (tmp_path / "out" / "images" / "funnel.svg").exists()


def test_a_photo_among_the_theme_s_files_is_published_without_its_metadata(
    photo_site, tmp_path
):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "static" / "me.jpg").write_bytes(phone_photo())
    announced: list[str] = []

    def written(path, context=None):
        announced.append(Path(path).resolve().as_posix())

    signals.content_written.connect(written)
    try:
        out = build_site(
            tmp_path / "out", "publishconf.py", photo_site, THEME=str(theme)
        )
    finally:
        signals.content_written.disconnect(written)
    copy = out / "theme" / "me.jpg"
    assert metadata_left(copy.read_bytes()) is None
    assert Image.open(copy).size == (32, 64)  # upright
    assert copy.resolve().as_posix() in announced
    assert (out / "theme" / "css").is_dir()  # the theme's other files, as ever
    assert (theme / "static" / "me.jpg").read_bytes() == phone_photo()
