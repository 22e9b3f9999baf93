"""Two privacy holes found after the audit, each with a public control.

* A static file is copied byte for byte, so a private marker in a text
  file under ``STATIC_PATHS`` (or linked with ``{static}``) was published
  whole. Now a published build stops naming the file and line, ``reflect
  lint`` reports it through the rule table, a local build warns.
* Callout names were read ASCII-only while ``[!private]`` is read after
  folding: a story written ``[!stоry]`` (a Cyrillic ``о``) was a plain
  quote in a local build, though a publish build withholding stories took
  it for a story. Every callout name is now read after the same fold.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PIL import Image
from sitebuild import CONTENT, build_site, copy_content, run_pelican
from test_callouts import converter

from reflect.cli import main
from sitekit import staticmarkers
from sitekit.staticmarkers import first_marker

# ---- what counts as a marker in a static file -------------------------------


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("notes.txt", "Public line.\n[!private] her salary was 90k\n", 2),
        ("notes.txt", "one\ntwo\n［!privаte］ fullwidth, Cyrillic а\n", 3),
        ("drawing.svg", "<svg><text>[!priv&#97;te] figure</text></svg>\n", 1),
        ("page.html", "<p>x</p>\n<p>[!pri<b></b>vate] who</p>\n", 2),
        ("data.json", '{"a": 1,\n "note": "[!pr\u200bivate] no"}\n', 2),
        ("table.csv", "who,what\nAnna,[!privte] slip\n", 2),
        ("talk.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n[!private] aside\n", 4),
        ("calendar.ics", "BEGIN:VCALENDAR\nSUMMARY:[! Private ] lunch\n", 2),
        ("README", "no suffix, but UTF-8 text\n[!private]\n", 2),
    ],
)
def test_a_marker_in_a_static_text_file_is_found_with_its_line(
    tmp_path, name, text, line
):
    found = first_marker(write(tmp_path / name, text))
    assert found is not None and found.line == line


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("notes.txt", "A public note with [links] and !bang.\n"),
        ("data.json", '{"private": true, "list": ["a", "b"]}\n'),
        ("drawing.svg", "<svg><text>Privately held</text></svg>\n"),
    ],
)
def test_a_public_static_file_has_no_marker(tmp_path, name, text):
    assert first_marker(write(tmp_path / name, text)) is None


def test_a_known_text_type_is_read_even_with_a_stray_byte(tmp_path):
    # One byte that is not UTF-8 must not let a note through.
    path = write(tmp_path / "notes.txt", b"caf\xe9\n[!private] figure\n")
    assert first_marker(path).line == 2


def test_a_binary_file_is_not_read_as_text(tmp_path):
    # An image's bytes are not text: judged by its header, read no further.
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"[!private]" * 3
    assert first_marker(write(tmp_path / "photo.png", png)) is None
    unknown = b"plain words\0then [!private]\n"
    assert first_marker(write(tmp_path / "blob.bin", unknown)) is None
    # The control: the same words without the NUL are text.
    assert first_marker(write(tmp_path / "blob2.bin", unknown.replace(b"\0", b" ")))


def test_a_big_file_is_read_in_chunks_and_its_line_counted_across_them(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(staticmarkers, "CHUNK", 64)
    monkeypatch.setattr(staticmarkers, "LONG_LINE", 256)
    monkeypatch.setattr(staticmarkers, "OVERLAP", 32)
    lines = [f"public line number {n:03d}" for n in range(200)]
    lines[150] = "x" * 70 + "[!priv" + "ate] across a chunk's end"
    path = write(tmp_path / "big.txt", "\n".join(lines) + "\n")
    assert first_marker(path).line == 151
    # One long line (minified JSON) is read in overlapping windows.
    long_line = "{" + '"k": "v", ' * 500 + '"n": "[!private]"' + ', "k": 1' * 100
    assert first_marker(write(tmp_path / "min.json", long_line)).line == 1
    assert first_marker(write(tmp_path / "min2.json", long_line[:-1000])) is None


def test_a_big_binary_file_costs_one_chunk(tmp_path, monkeypatch):
    photo = write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (3 << 20))
    reads: list[int] = []
    real_open = Path.open

    class Counting:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *args):
            self.file.close()

        def read(self, size):
            reads.append(size)
            return self.file.read(size)

    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: Counting(real_open(self, *a, **k))
    )
    assert first_marker(photo) is None
    assert len(reads) == 1


# ---- the build and reflect lint ---------------------------------------------


@pytest.fixture(scope="module")
def static_content(tmp_path_factory) -> Path:
    content = copy_content(tmp_path_factory.mktemp("static") / "content")
    write(content / "images" / "notes.txt", "Agenda\n\nAsk about [!privаte] 90k\n")
    write(content / "images" / "logo.svg", "<svg><text>Public</text></svg>\n")
    return content


def test_a_published_build_refuses_a_static_file_with_a_marker(
    static_content, tmp_path
):
    result = run_pelican(static_content, tmp_path / "out", conf="publishconf.py")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "notes.txt" in line]
    assert len(lines) == 1, output
    assert "images/notes.txt:3:" in lines[0] and "ERROR" in lines[0]
    assert "private marker in a static file" in lines[0]
    assert "U+0430 CYRILLIC SMALL LETTER A" in lines[0]
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "images" / "notes.txt").exists()


def test_a_local_build_warns_and_copies_it(static_content, tmp_path):
    result = run_pelican(static_content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" in output and "images/notes.txt:3:" in output
    assert (tmp_path / "out" / "images" / "notes.txt").exists()
    # The public control beside it is copied without a word.
    assert (tmp_path / "out" / "images" / "logo.svg").exists()
    assert "logo.svg" not in output


def test_a_file_a_plugin_keeps_unpublished_is_not_checked(tmp_path, caplog):
    """The desk drops reviews.yml from the static files whatever
    STATIC_PATHS says: it is never copied, so a marker in it is no finding.
    The check runs once every plugin has dropped its files."""
    content = copy_content(tmp_path / "content")
    write(content / "reviews.yml", "# [!private] my own notes\n")
    write(content / "images" / "notes.txt", "[!private] control\n")
    with caplog.at_level(logging.WARNING):
        build_site(
            tmp_path / "out", content=content, STATIC_PATHS=["images", "reviews.yml"]
        )
    said = "\n".join(record.getMessage() for record in caplog.records)
    assert "notes.txt:1:" in said  # the control is found
    assert "reviews.yml" not in said
    assert not (tmp_path / "out" / "reviews.yml").exists()


@pytest.fixture
def blog(tmp_path, monkeypatch):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'STATIC_PATHS = ["images"]\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
        'ARTICLE_URL = "{date:%Y}/{slug}/"\n'
    )
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reflect_lint_reports_it_through_the_rule_table(blog, capsys):
    write(blog / "content" / "images" / "notes.txt", "x\n[!private] 90k\n")
    # A file a post links with {static}, outside STATIC_PATHS, is copied too.
    write(blog / "content" / "extra" / "linked.md", "Public\n\n[!private] aside\n")
    post = blog / "content" / "posts" / "2026-11-20-linked.md"
    write(
        post,
        "Title: Linked\nDate: 2026-11-20\n\n[notes]({static}../extra/linked.md)\n",
    )
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "images/notes.txt:2: warning:" in out
    assert "extra/linked.md:3: warning:" in out
    assert "is a private marker in a static file" in out
    assert main(["lint", "--strict"]) == 1
    assert "images/notes.txt:2: error:" in capsys.readouterr().out


def test_reflect_lint_is_quiet_about_public_and_binary_static_files(blog, capsys):
    """Only the marker as typed counts in a file that is not text: a real,
    uncompressed TIFF whose one row of grey levels spells a near miss,
    which text's fuzzy reading would count, is quiet."""
    write(blog / "content" / "images" / "notes.txt", "A public note.\n")
    photo = blog / "content" / "images" / "photo.tif"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("L", (10, 1), b"[!privte] ").save(photo, "TIFF")
    assert b"[!privte]" in photo.read_bytes()
    main(["lint"])
    out = capsys.readouterr().out
    assert "images/notes.txt" not in out
    assert "images/photo.tif" not in out


# ---- callout names read as a private marker is ------------------------------

STORY_BODY = (
    "> Situation: the forecast broke.\n> Task: fix it by Monday.\n"
    "> Action: rebuilt it.\n> Result: shipped.\n"
)


def convert_post(body: str, withheld: frozenset[str] = frozenset()):
    md, extension = converter(withheld)
    header = "Title: T\nDate: 2025-09-14\nLessons: Cross-train\n\n"
    return md.convert(header + body), extension.state


@pytest.mark.parametrize(
    "marker",
    [
        "[!story]",  # the control: as the syntax has it
        "[!stоry]",  # a Cyrillic о
        "［!story］",  # fullwidth brackets
        "[!st\u200bory]",  # a zero-width space
        "[!STORY]",
        "[! story ]",  # spaces, which the publish build's withholding reads
        "[!ѕtory]",  # a Cyrillic ѕ
    ],
)
def test_a_story_callout_is_read_locally_as_publish_reads_it(marker):
    text = f"> {marker} The week the forecast broke\n" + STORY_BODY
    html, state = convert_post(text)
    assert [story.title for story in state.stories] == ["The week the forecast broke"]
    assert 'class="story-callout"' in html
    assert marker not in html  # the marker is not shown as text
    # The publish build that withholds stories takes the same line for one.
    withheld_html, withheld_state = convert_post(text, frozenset({"story"}))
    assert "forecast" not in withheld_html and not withheld_state.stories


@pytest.mark.parametrize(
    ("text", "collection", "title"),
    [
        ("> ［!lesson］ Aim two levels up\n", "callouts", "Aim two levels up"),
        ("> [!lеsson] Aim two levels up\n", "callouts", "Aim two levels up"),
        ("> [!ask\u00aded] What do you read?\n", "asked", "What do you read?"),
        ("> [!ＡＳＫＥＤ] What do you read?\n", "asked", "What do you read?"),
    ],
)
def test_every_callout_name_is_folded_as_the_private_marker_is(text, collection, title):
    _, state = convert_post(text)
    shown = {"callouts": "statement", "asked": "question"}[collection]
    assert [getattr(item, shown) for item in getattr(state, collection)] == [title]


@pytest.mark.parametrize(
    "text",
    [
        "> [!note] A note is not one of ours\n",
        "> [!storey] Not a name\n",
        "> [!important] Read this\n",
        "> [link](https://example.com) [!story] not at the start\n",
        "＞ [!story] a fullwidth quote sign is no quote to Markdown\n",
    ],
)
def test_a_quote_that_is_not_a_callout_stays_a_quote(text):
    html, state = convert_post(text)
    assert not state.stories and not state.callouts and not state.asked
    assert "callout" not in html


def test_no_line_of_the_sample_content_changes_what_it_is():
    """Every line of the sample site that the fold reads as a callout was
    one before, written as the syntax has it: no public text becomes a
    callout by accident."""
    import re

    from reflections.parse.names import callout_marker

    ascii_only = re.compile(
        r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:>[ \t]?)+\[!([A-Za-z]+)\]"
    )
    for path in CONTENT.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            folded = callout_marker(line)
            before = ascii_only.match(line)
            assert (folded and folded.kind) == (before and before.group(1).lower()), (
                path,
                line,
            )
