"""Private markers in what a build copies whole, beyond the content folder's
static files (``tests/test_privacy_followup.py``): the theme's static
files, an image's metadata, text in UTF-16 or UTF-32 without a byte order
mark, a marker across the reader's chunks, and the files a plugin keeps out
of the output, which ``reflect lint`` and the build must judge alike.
Each case has its public control beside it, so each test can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import CONTENT, ROOT, run_pelican

from reflect.cli import main


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


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
        line.split(":")[0].split("/theme/", 1)[1]
        for line in output.splitlines()
        if "private marker in a static file" in line
    }
    assert warned == {"extra/humans.txt", "static/deep/er/x.txt"}, output


def test_reflect_lint_reports_a_theme_static_file(
    private_theme, tmp_path, capsys, monkeypatch
):
    project = tmp_path / "site"
    project.mkdir()
    (project / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text()
        + f"\nTHEME = {str(private_theme)!r}\n"
        + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    )
    shutil.copytree(CONTENT, project / "content")
    monkeypatch.chdir(project)
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "static/js/notes.js:2: warning:" in out
    assert "extra.css" not in out
    assert main(["lint", "--strict"]) == 1
    assert "static/js/notes.js:2: error:" in capsys.readouterr().out
