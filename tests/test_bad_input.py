"""Bad content stops the build with a message that names the file and line."""

from __future__ import annotations

import subprocess

from sitebuild import ROOT, copy_content, read, run_pelican

POST = "posts/2025-09-14-two-levels-up.md"


def break_line(content, prefix: str, replacement: str | None) -> None:
    path = content / POST
    lines = read(path).split("\n")
    for number, line in enumerate(lines):
        if line.startswith(prefix):
            if replacement is None:
                del lines[number]
            else:
                lines[number] = replacement
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def test_an_unparseable_date_fails_the_build_naming_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Date:", "Date: the fourteenth of Smarch")

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{POST}:3:" in output
    assert "'the fourteenth of Smarch' is not a date" in output
    assert "Traceback" not in output


def test_a_post_without_a_title_fails_the_build_naming_the_file(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Title:", None)

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{POST}: no title" in output
    assert "Traceback" not in output


def test_make_html_keeps_the_last_good_site_when_a_build_fails(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    make = [
        "make",
        "--no-print-directory",
        "html",
        f"INPUTDIR={content}",
        f"OUTPUTDIR={output}",
        f"PELICANOPTS=--cache-path {tmp_path / 'cache'}",
    ]
    good = subprocess.run(make, cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    home_before = read(output / "index.html")

    break_line(content, "Date:", "Date: not a date")
    broken_source = read(content / POST)
    bad = subprocess.run(make, cwd=ROOT, capture_output=True, text=True)

    assert bad.returncode != 0
    assert "not a date" in bad.stdout + bad.stderr
    assert read(output / "index.html") == home_before
    assert not list(tmp_path.glob(".output.build-*"))
    assert read(content / POST) == broken_source


def test_a_date_too_large_for_a_calendar_fails_the_build_with_a_message(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Date:", "Date: 99999999999-01-01")

    result = run_pelican(content, tmp_path / "output")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{POST}:3: Date: '99999999999-01-01' is not a date" in output


def test_a_setting_of_the_wrong_type_stops_the_build_and_names_it(tmp_path):
    result = run_pelican(
        ROOT / "content", tmp_path / "output", "-e", 'REFLECTIONS_RELATED_MAX="three"'
    )

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "setting REFLECTIONS_RELATED_MAX must be int" in output
    assert "Traceback" not in output
    assert not (tmp_path / "output").exists()
