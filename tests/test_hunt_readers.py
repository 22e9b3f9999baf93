"""Pelican's other readers (reST, HTML) against the privacy rule: what is
private or local-only is decided on the structure the reader builds, for
every reader, and a feature either works or is refused in one line naming
the file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import ROOT, output_files, passing_build, run_pelican

SENTINEL = "Zqxfollowup"

LESSONS = ":lessons: Prepare targeted questions\n"

#: A local-only field the reader draws in the body instead of reading it,
#: with the line it is written on.
IN_BODY = {
    # docutils takes the field list after a paragraph for no docinfo.
    "rst-field-list": (
        "posts/2026-03-01-a.rst",
        "A\n=\n\n:date: 2026-03-01\n" + LESSONS + "\nAn opening paragraph.\n\n"
        f":follow-up: 2026-12-10 Send {SENTINEL} the article\n",
        9,
    ),
    # Fullwidth, as a keyboard set to another script types it.
    "rst-fullwidth-name": (
        "posts/2026-03-02-b.rst",
        "B\n=\n\n:date: 2026-03-02\n" + LESSONS + "\nText.\n\n"
        f"- A list item\n\n  :ｉｎｔｒｏｄｕｃｅｄ－ｂｙ: {SENTINEL}\n",
        11,
    ),
    # A <meta> after </head> is no field to Pelican's HTML reader.
    "html-meta-in-body": (
        "posts/2026-03-03-c.html",
        "<html><head><title>C</title>\n"
        '<meta name="date" content="2026-03-03">\n'
        '<meta name="lessons" content="Prepare targeted questions">\n'
        "</head><body>\n<p>Text.</p>\n"
        f'<META NAME=" Next_Contact " CONTENT="{SENTINEL}">\n</body></html>\n',
        6,
    ),
    # Raw HTML in Markdown is body too.
    "markdown-raw-meta": (
        "posts/2026-03-04-d.md",
        "Title: D\nDate: 2026-03-04\nLessons: Prepare targeted questions\n\n"
        f'Text.\n\n<meta name="follow-up" content="2026-12-10 {SENTINEL}">\n',
        7,
    ),
}


def content_with(folder: Path, files: dict[str, str]) -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "lessons.yml", content / "lessons.yml")
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize("conf", ["publishconf.py", "pelicanconf.py"])
@pytest.mark.parametrize("case", IN_BODY)
def test_a_local_only_field_in_the_body_stops_the_build_naming_its_line(
    tmp_path, case, conf
):
    name, text, line = IN_BODY[case]
    content = content_with(tmp_path, {name: text})
    output = tmp_path / "output"
    built = run_pelican(content, output, conf=conf)
    said = (built.stdout + built.stderr).splitlines()
    assert built.returncode != 0, said
    assert "Traceback" not in built.stderr
    told = [entry for entry in said if "[local-only-field-in-body]" in entry]
    assert len(told) == 1, said
    assert f"{content / name}:{line}: " in told[0], told
    assert SENTINEL not in "\n".join(said)
    for path, data in output_files(output) if output.exists() else ():
        assert SENTINEL.encode() not in data, path
    assert (content / name).read_text(encoding="utf-8") == text


def test_public_fields_in_the_body_are_published_as_written(tmp_path):
    """Only a local-only name is refused: a field list or a <meta> of other
    names in the body is the writer's to publish."""
    content = content_with(
        tmp_path,
        {
            "posts/2026-03-05-e.rst": "E\n=\n\n:date: 2026-03-05\n"
            + LESSONS
            + "\nText.\n\n:role: Zqxrole\n",
            "posts/2026-03-06-f.html": "<html><head><title>F</title>"
            '<meta name="date" content="2026-03-06">'
            '<meta name="lessons" content="Prepare targeted questions">'
            '</head><body><p>Text.</p><meta itemprop="position" content="Zqxmeta">'
            "</body></html>",
        },
    )
    output = tmp_path / "output"
    passing_build(content, output, conf="publishconf.py")
    assert "Zqxrole" in (output / "2026" / "e" / "index.html").read_text()
    assert "Zqxmeta" in (output / "2026" / "f" / "index.html").read_text()


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "posts/2026-03-07-g.rst",
            "G\n=\n\n:date: 2026-03-07\n"
            ":lessons: Prepare targeted questions; Zqxsalary [!private]\n\nText.\n",
            5,
        ),
        (
            "posts/2026-03-08-h.html",
            "<html><head><title>H</title>\n"
            '<meta name="date" content="2026-03-08">\n'
            '<meta name="lessons" content="Zqxsalary [!private]">\n'
            "</head><body><p>Text.</p></body></html>\n",
            3,
        ),
    ],
)
def test_a_withheld_lessons_field_is_told_as_in_markdown(tmp_path, name, text, line):
    """A reST or HTML post whose only lessons field is withheld for its
    marker is told so at the field's line, as a Markdown post is, not told
    to add the line it has."""
    content = content_with(tmp_path, {name: text})
    said = passing_build(content, tmp_path / "output", conf="publishconf.py")
    told = [entry for entry in said.splitlines() if "[no-lessons]" in entry]
    assert len(told) == 1, said
    assert f"{content / name}:{line}: " in told[0], told
    assert "withheld whole" in told[0] and "add a `Lessons:` line" not in told[0]
    assert "Zqxsalary" not in said


def test_a_marker_spelt_otherwise_in_an_html_meta_is_warned_at_its_line(tmp_path):
    """A <meta>'s content is read by the HTML reader (references read) and
    shown as text (tags off): each marker it spells otherwise is hidden and
    warned at its line, as in a reST field, not hidden without a word."""
    name = "posts/2026-03-09-i.html"
    content = content_with(
        tmp_path,
        {
            name: "<html><head><title>I</title>\n"
            '<meta name="date" content="2026-03-09">\n'
            '<meta name="lessons" content="Prepare targeted questions">\n'
            '<meta name="tags" content="networking, Zqxtag &#91;!private&#93;">\n'
            '<meta name="summary" content="Zqxsum [!pri<b></b>vate]">\n'
            "</head><body><p>Text.</p></body></html>\n"
        },
    )
    output = tmp_path / "output"
    said = passing_build(content, output, conf="publishconf.py")
    told = [
        entry for entry in said.splitlines() if "[misspelt-private-marker]" in entry
    ]
    assert [entry.split(f"{content / name}:")[1][:2] for entry in told] == [
        "4:",
        "5:",
    ], said
    assert "'!private'" in told[0] and "'[!pri<b></b>vate]'" in told[1]
    for path, data in output_files(output):
        assert b"Zqxtag" not in data and b"Zqxsum" not in data, path
