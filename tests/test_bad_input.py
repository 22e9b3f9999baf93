"""The catalogue of bad input: one test per case, each through every front end.

Every case is tried the three ways an author meets it: a local build as
``make html`` runs Pelican (pelicanconf.py), a published build as ``make
publish`` does (publishconf.py: strict, feeds on) and ``reflect lint``. Each
ends in a one-line message naming the file (and line, where there is one),
a non-zero exit where the build cannot be trusted, and no traceback; no
private text and no control character reaches any output file.
docs/bad-input.md lists these cases.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuild import (
    REFLECT,
    ROOT,
    copy_content,
    output_files,
    read,
    run_pelican,
    run_reflect,
)

POST = "posts/2025-09-14-two-levels-up.md"
COMMENT = "comments/two-levels-up/2025-09-15-tom.md"
PAGE = "pages/about.md"


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


# --- Every front end at once -------------------------------------------------


@dataclass(frozen=True)
class Runs:
    """One content folder built locally, built for publishing, and linted."""

    html: subprocess.CompletedProcess
    publish: subprocess.CompletedProcess
    lint: subprocess.CompletedProcess
    html_output: Path
    publish_output: Path

    @property
    def outputs(self) -> list[Path]:
        return [self.html_output, self.publish_output]

    def text(self, run: subprocess.CompletedProcess) -> str:
        """What a run printed, without lint's ``warning:``/``error:`` tags,
        so one message reads the same from every front end."""
        said = run.stdout + run.stderr
        return said.replace(": warning: ", ": ").replace(": error: ", ": ")

    def assert_no_traceback(self) -> None:
        for run in (self.html, self.publish, self.lint):
            assert "Traceback" not in self.text(run), self.text(run)


def run_everything(content: Path, tmp_path: Path, *pelican_args: str) -> Runs:
    html_output = tmp_path / "html"
    publish_output = tmp_path / "published"
    return Runs(
        html=run_pelican(content, html_output, *pelican_args),
        publish=run_pelican(
            content, publish_output, *pelican_args, conf="publishconf.py"
        ),
        lint=run_reflect("lint", str(content)),
        html_output=html_output,
        publish_output=publish_output,
    )


TEXT_FILES = {".html", ".xml", ".json", ".txt", ".css", ".js"}


def assert_nowhere(runs: Runs, needle: bytes, text_only: bool = False) -> None:
    """``needle`` is in no file of either build (case-insensitively); with
    ``text_only``, in no text file (an image's bytes may hold anything)."""
    for output in runs.outputs:
        for path, data in output_files(output):
            if text_only and path.suffix not in TEXT_FILES:
                continue
            assert needle.lower() not in data.lower(), path


def replace_line(path: Path, prefix: str, replacement: str) -> int:
    """Replace the first line starting with ``prefix``; its number (from 1)."""
    lines = read(path).split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(prefix))
    lines[number] = replacement
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


# --- Private text ------------------------------------------------------------


@pytest.mark.parametrize("field", ["Question", "Who"])
def test_a_private_metadata_field_reaches_no_output_file(tmp_path, field):
    content = copy_content(tmp_path / "content")
    replace_line(content / POST, f"{field}:", f"{field}: > [!private] Zqxsecret one")

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    assert (runs.publish_output / "reflections.json").exists()
    assert (runs.publish_output / "feeds" / "all.atom.xml").exists()
    assert_nowhere(runs, b"zqxsecret")
    runs.assert_no_traceback()


def test_a_private_callout_in_a_comment_file_reaches_no_output_file(tmp_path):
    content = copy_content(tmp_path / "content")
    path = content / COMMENT
    path.write_text(
        read(path) + "\n\n> [!private] Zqxsecret in a comment\n", encoding="utf-8"
    )

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    assert "I climbed over the wall twice" in read(
        runs.publish_output / "2025" / "two-levels-up" / "index.html"
    )
    assert_nowhere(runs, b"zqxsecret")
    runs.assert_no_traceback()


@pytest.mark.parametrize("marker", ["[! private]", "[!private ]", "[ !private]"])
def test_a_misspelt_private_marker_hides_its_text_with_a_warning(tmp_path, marker):
    content = copy_content(tmp_path / "content")
    post = content / POST
    post.write_text(
        read(post) + f"\n\n> {marker} Zqxsecret near miss\n", encoding="utf-8"
    )
    line = read(post).split("\n").index(f"> {marker} Zqxsecret near miss") + 1

    runs = run_everything(content, tmp_path)

    warning = f"{post}:{line}: {marker!r} is taken as a private marker"
    for run in (runs.html, runs.publish, runs.lint):
        assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == 0
    assert_nowhere(runs, b"zqxsecret")
    runs.assert_no_traceback()


def test_a_private_title_stops_the_build_naming_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    replace_line(content / POST, "Title:", "Title: [!private] Zqxsecret title")

    runs = run_everything(content, tmp_path)

    message = f"{content / POST}:1: the title holds a private marker"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists() or not any(
        b"zqxsecret" in data.lower() for _, data in output_files(runs.html_output)
    )
    runs.assert_no_traceback()


def test_a_private_marker_in_the_lesson_vocabulary_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    vocabulary = content / "lessons.yml"
    lines = read(vocabulary).split("\n")
    number = next(n for n, line in enumerate(lines) if "description:" in line)
    lines.insert(number + 1, "    [!private] Zqxsecret about a lesson")
    vocabulary.write_text("\n".join(lines), encoding="utf-8")

    runs = run_everything(content, tmp_path)

    message = f"{vocabulary}:{number + 2}: a private marker in the lesson vocabulary"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


def test_a_private_marker_in_an_html_page_stops_the_build(tmp_path):
    """Pelican reads .html pages too, with a reader that cannot hide text."""
    content = copy_content(tmp_path / "content")
    page = content / "pages" / "notes.html"
    page.write_text(
        "<html><head><title>Notes</title></head>"
        "<body><p>[!private] Zqxsecret in HTML</p></body></html>",
        encoding="utf-8",
    )

    runs = run_everything(content, tmp_path)

    message = f"{page}: a private marker this file's reader cannot hide"
    for run in (runs.html, runs.publish):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


# --- Control characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "character"),
    [(COMMENT, "\x08"), (POST, "\x0b"), (POST, "\x00"), (PAGE, "\x1b")],
)
def test_a_control_character_is_removed_with_a_warning(tmp_path, where, character):
    content = copy_content(tmp_path / "content")
    path = content / where
    lines = read(path).split("\n")
    lines.insert(len(lines) - 1, f"A line with a {character}control character.")
    path.write_text("\n".join(lines), encoding="utf-8")
    source = path.read_bytes()

    runs = run_everything(content, tmp_path)

    warning = f"{path}:{len(lines) - 1}: removed 1 control character(s) "
    for run in (runs.html, runs.publish, runs.lint):
        assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == 0
    assert_nowhere(runs, character.encode(), text_only=True)
    assert path.read_bytes() == source  # the source is never changed
    runs.assert_no_traceback()


def test_a_post_with_an_empty_body_is_published_with_its_feeds(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-02-empty.md").write_text(
        "Title: Nothing yet\nDate: 2026-11-02\n\n", encoding="utf-8"
    )

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert "Nothing yet" in read(runs.publish_output / "feeds" / "all.atom.xml")
    runs.assert_no_traceback()


# --- Symbolic links ----------------------------------------------------------


def test_a_static_file_linked_from_outside_is_never_copied(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images" / "passwd").symlink_to("/etc/passwd")

    runs = run_everything(content, tmp_path)

    message = f"{content}/images/passwd: symbolic link to the file '/etc/passwd'"
    assert runs.html.returncode == 0
    assert message in runs.text(runs.html)
    assert not (runs.html_output / "images" / "passwd").exists()
    assert runs.publish.returncode != 0
    assert f"{message}, outside the content folder" in runs.text(runs.publish)
    assert not runs.publish_output.exists()
    assert message in runs.text(runs.lint)
    runs.assert_no_traceback()


def outside_content(tmp_path: Path) -> Path:
    """A folder beside the content folder, with a page and a folder of posts."""
    outside = tmp_path / "outside"
    (outside / "posts").mkdir(parents=True)
    (outside / "page.md").write_text("Title: Outside\n\nZqxsecret page.\n")
    (outside / "posts" / "2025-01-01-outside.md").write_text(
        "Title: Outside post\nDate: 2025-01-01\n\nZqxsecret post.\n"
    )
    return outside


def test_a_page_or_folder_linked_from_outside_is_not_published(tmp_path):
    content = copy_content(tmp_path / "content")
    outside = outside_content(tmp_path)
    (content / "pages" / "outside.md").symlink_to(outside / "page.md")
    (content / "posts" / "elsewhere").symlink_to(outside / "posts")

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    for run in (runs.html, runs.lint):
        assert f"{content}/pages/outside.md: " in runs.text(run)
        assert f"{content}/posts/elsewhere: " in runs.text(run)
        assert f"to the folder '{outside / 'posts'}'" in runs.text(run)
    assert runs.publish.returncode != 0
    assert "outside the content folder" in runs.text(runs.publish)
    assert_nowhere(runs, b"zqxsecret")
    runs.assert_no_traceback()


def test_a_folder_named_in_allowed_outside_paths_is_published(tmp_path):
    content = copy_content(tmp_path / "content")
    outside = outside_content(tmp_path)
    (content / "pages" / "outside.md").symlink_to(outside / "page.md")

    result = run_pelican(
        content, tmp_path / "html", "-e", f'ALLOWED_OUTSIDE_PATHS=["{outside}"]'
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "symbolic link" not in result.stdout + result.stderr
    assert "Zqxsecret page." in read(tmp_path / "html" / "outside" / "index.html")


def test_a_broken_link_in_posts_is_reported_with_its_target(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2025-01-01-gone.md").symlink_to(tmp_path / "nowhere.md")

    runs = run_everything(content, tmp_path)

    message = (
        f"{content}/posts/2025-01-01-gone.md: broken symbolic link to "
        f"'{tmp_path / 'nowhere.md'}', which does not exist"
    )
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert "Could not process" not in runs.text(runs.html)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0
    assert runs.lint.returncode == 0  # a warning: lint --strict fails on it
    runs.assert_no_traceback()


def test_a_link_that_loops_back_to_its_own_folder_is_left_out(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "loop").symlink_to("..")

    runs = run_everything(content, tmp_path)

    message = f"{content}/posts/loop: symbolic link to '..', a folder that holds"
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0
    assert "Processed 11 articles" in runs.text(runs.html)
    runs.assert_no_traceback()


# --- Files that cannot be read -----------------------------------------------


def test_a_lessons_file_that_is_not_utf8_names_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    vocabulary = content / "lessons.yml"
    vocabulary.write_bytes(vocabulary.read_bytes() + b"\n# caf\xe9\n")
    line = vocabulary.read_bytes().count(b"\n")

    runs = run_everything(content, tmp_path)

    message = f"{vocabulary}:{line}: not UTF-8 text: byte 0xe9"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    runs.assert_no_traceback()


def test_reflect_lessons_names_a_lessons_file_that_is_not_utf8(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    copy_content(site / "content")
    (site / "pelicanconf.py").write_text('PATH = "content"\nTIMEZONE = "UTC"\n')
    (site / "content" / "lessons.yml").write_bytes(b"a-lesson:\n  title: caf\xe9\n")

    result = subprocess.run(
        [str(REFLECT), "lessons"], cwd=site, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "content/lessons.yml:2: not UTF-8 text: byte 0xe9" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- Ignored without a word --------------------------------------------------


def test_a_comment_file_in_a_subfolder_is_reported(tmp_path):
    content = copy_content(tmp_path / "content")
    nested = content / "comments" / "two-levels-up" / "replies" / "late.md"
    nested.parent.mkdir()
    nested.write_text("Author: Late\nDate: 2025-10-01\n\nZqxsecret nested.\n")

    runs = run_everything(content, tmp_path)

    message = f"{nested}: comment files belong directly in a post's folder"
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0  # COMMENTS_STRICT
    runs.assert_no_traceback()
