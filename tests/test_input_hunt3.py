"""Bad input a third hunt found: odd files handed to the ``reflect``
commands that read or edit a post, and what those commands did with them
(a traceback, a file outside the project read and offered for editing, a
half-written or silently rewritten file). One test per class of input, each
read the way docs/bad-input.md promises: one line naming the file, never a
traceback, the file as it was."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild import (
    CONTENT,
    REFLECT,
    ROOT,
    copy_content,
    copy_project,
    lint_in_process,
    run_pelican,
    snapshot,
    the_line_a_stopped_build_said,
)

from desk.reviewlog import MAX_REVIEW_LOG_BYTES
from reflect.post_editing import with_lessons
from sitekit.walkfindings import SpecialFileError, refuse_special_files

POSTS = Path("content/posts")
LESSONS = Path("content/lessons.yml")
REVIEWS = Path("content/reviews.yml")
SECOND_OWEN = "2026-08-23-second-mock-interview.md"  # Owen's second post


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    """A copy of the project whose posts folder holds a symbolic link of
    each kind sourceguard refuses: dangling, to itself, and to a post
    outside the project."""
    root = tmp_path_factory.mktemp("linked")
    project = copy_project(root / "project")
    outside = root / "outside.md"
    outside.write_text(
        "Title: Written elsewhere\nDate: 2025-01-01\n\n"
        "I asked two levels up and prepared targeted questions.\n",
        encoding="utf-8",
    )
    posts = project / POSTS
    (posts / "2025-01-01-dangling.md").symlink_to("nowhere.md")
    (posts / "2025-01-02-itself.md").symlink_to("2025-01-02-itself.md")
    (posts / "2025-01-03-outside.md").symlink_to(outside)
    return project


@pytest.mark.parametrize("options", [(), ("--dry-run",), ("--apply",)])
def test_suggest_leaves_out_the_links_the_build_refuses(linked, options):
    """``reflect suggest`` read every file Pelican's walk lists: a dangling
    or looping link stopped it with a traceback, and a link to a post
    outside the project was read, offered and, with ``--apply``, edited.
    The build and lint leave those links out; suggest now does too."""
    before = (linked.parent / "outside.md").read_bytes()
    ran = lint_in_process("suggest", *options, cwd=linked)
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    for name in ("dangling", "itself", "outside"):
        assert name not in ran.stdout
    assert "2025-09-14-two-levels-up.md" in ran.stdout  # the posts it can read
    assert (linked.parent / "outside.md").read_bytes() == before


def test_lint_names_each_refused_link_once(linked):
    """What suggest now leaves out, lint still names: once, as a warning."""
    ran = lint_in_process("lint", cwd=linked)
    assert "Traceback" not in ran.stderr
    for name in ("01-dangling", "02-itself", "03-outside"):
        named = [line for line in ran.stdout.splitlines() if f"2025-01-{name}" in line]
        assert len(named) == 1 and ": warning: " in named[0], named


# --- Commands that edit a file the writer keeps ------------------------------


@pytest.fixture(scope="module")
def editable(tmp_path_factory) -> Path:
    """A copy of the project whose files the editing commands are pointed
    at; each test leaves it as it found it (every refusal changes nothing)."""
    return copy_project(tmp_path_factory.mktemp("editable") / "project")


@contextlib.contextmanager
def read_only(*paths: Path):
    """``paths`` without their write bits while the block runs."""
    modes = {path: path.stat().st_mode for path in paths}
    for path in paths:
        path.chmod(0o444)
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


class FullDisk(io.FileIO):
    """A file opened for writing on a disk with no room left: opening
    works, writing fails, as ``ENOSPC`` comes."""

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def full_disk(monkeypatch) -> None:
    """Every file this process opens for writing from now on is on a full
    disk (``io.open``: ``open``, ``Path.open`` and ``os.fdopen`` alike)."""
    real_open = io.open

    def opened(file, mode="r", *rest, **options):
        if not any(flag in mode for flag in "wxa+"):
            return real_open(file, mode, *rest, **options)
        raw = FullDisk(file, mode.replace("b", "").replace("t", "") or "w")
        if "b" in mode:
            return raw
        return io.TextIOWrapper(
            raw, encoding=options.get("encoding"), newline=options.get("newline")
        )

    monkeypatch.setattr(io, "open", opened)


EDITS = {
    "rename": (("people", "rename", "Owen", "Owain"), POSTS / SECOND_OWEN),
    "lessons add": (("lessons", "add", "Zzz", "--theme", "Mindset"), LESSONS),
    "review done": (("review", "done", "learn-adjacent-functions"), REVIEWS),
}


@pytest.mark.parametrize("command", EDITS)
def test_a_read_only_file_is_refused_in_one_line_and_left_as_it_was(editable, command):
    """A command wrote its scratch file beside the file and renamed it over,
    which needs only the folder's permission: a post, ``lessons.yml`` or
    ``reviews.yml`` made read-only was rewritten without a word. Now the
    command names the file in one line, exit status 1, every file as it
    was (``reflect people rename`` edits no post when one is read-only)."""
    arguments, edited = EDITS[command]
    before = snapshot(editable / "content")
    with read_only(editable / edited):
        ran = lint_in_process(*arguments, cwd=editable)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    said = [line for line in ran.stderr.splitlines() if "read-only" in line]
    assert len(said) == 1 and edited.as_posix() in said[0], ran.stderr
    assert snapshot(editable / "content") == before


@pytest.mark.parametrize("command", EDITS)
def test_a_write_that_fails_midway_is_one_line_and_leaves_the_file(
    editable, command, monkeypatch
):
    """A full disk as the new text is written: the command stopped with a
    traceback (``people rename`` and ``lessons add`` caught no OSError). Now
    one line naming the file and why, the file as it was, no scratch file
    left beside it."""
    arguments, edited = EDITS[command]
    before = snapshot(editable / "content")

    full_disk(monkeypatch)
    ran = lint_in_process(*arguments, cwd=editable)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    said = [line for line in ran.stderr.splitlines() if "No space left" in line]
    assert len(said) == 1 and edited.as_posix() in said[0], ran.stderr
    assert snapshot(editable / "content") == before


def test_an_edited_file_that_is_a_symbolic_link_stays_one(tmp_path):
    """``lessons.yml`` kept elsewhere in the content folder and linked: the
    rename over the link replaced it with a copy, and the file it named
    kept the old lessons. Now the file the link names is written."""
    project = copy_project(tmp_path / "project")
    kept = project / "content" / "vocabulary" / "lessons.yml"
    kept.parent.mkdir()
    (project / LESSONS).rename(kept)
    (project / LESSONS).symlink_to(Path("vocabulary/lessons.yml"))
    ran = lint_in_process("lessons", "add", "Zzz", "--theme", "Mindset", cwd=project)
    assert ran.returncode == 0, ran.stderr
    assert (project / LESSONS).is_symlink()
    assert "title: Zzz" in kept.read_text(encoding="utf-8")


# --- reflect new --------------------------------------------------------------


def test_reflect_new_where_the_posts_folder_is_a_file_is_one_line(tmp_path):
    """``content/posts`` a file (a post saved over the folder's name): the
    command stopped with a traceback, ``FileExistsError`` from mkdir."""
    project = copy_project(tmp_path / "project")
    posts = project / POSTS
    shutil.rmtree(posts)
    posts.write_text("not a folder\n", encoding="utf-8")
    ran = lint_in_process("new", "Hello", "--date", "2026-12-01", cwd=project)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    assert ran.stderr.splitlines() == [
        "reflect new: content/posts: a file where the folder for "
        "2026-12-01-hello.md belongs; nothing was written"
    ]
    assert posts.read_text(encoding="utf-8") == "not a folder\n"


def test_reflect_new_on_a_full_disk_leaves_no_post_behind(editable, monkeypatch):
    """The post was opened where it belongs and written there: a full disk
    left it empty or cut short, and the next try said it "already exists".
    Now it is written whole beside its place and linked in, or not at all;
    the same command run again writes it."""
    before = snapshot(editable / "content")
    arguments = ("new", "Full disk", "--date", "2026-12-01")
    with monkeypatch.context() as patched:
        full_disk(patched)
        ran = lint_in_process(*arguments, cwd=editable)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    assert "No space left" in ran.stderr and len(ran.stderr.splitlines()) == 1
    assert snapshot(editable / "content") == before
    again = lint_in_process(*arguments, cwd=editable)
    written = editable / POSTS / "2026-12-01-full-disk.md"
    try:
        assert again.returncode == 0, again.stderr
        assert written.read_text(encoding="utf-8").startswith("Title: Full disk\n")
    finally:
        written.unlink(missing_ok=True)


# --- Line endings and a byte order mark in a post a command edits ----------------

#: A post as some editors save it, each read by the build with its fields:
#: lines ended by ``\r`` alone (classic Mac), and a UTF-8 byte order mark.
SAVED_OTHERWISE = {
    "cr": "Title: Saved on a Mac\rDate: 2025-01-02\rWho: Quinn, a buyer\r\rBody.\r",
    "bom": "\ufeffTitle: Saved with a BOM\nDate: 2025-01-03\nWho: Quinn, a buyer\n"
    "\nBody.\n",
    "crlf": "Title: Saved on Windows\r\nDate: 2025-01-04\r\nWho: Quinn, a buyer\r\n"
    "\r\nBody.\r\n",
}


@pytest.mark.parametrize("saved", SAVED_OTHERWISE)
def test_people_rename_edits_a_post_saved_with_other_line_endings_or_a_bom(
    tmp_path, saved
):
    """The desk reads these posts' ``Who:`` as the build does, so ``reflect
    people`` lists Quinn; the rename split them on ``\\n`` alone, found no
    field line (a ``\\r``-only file is one line; a BOM made the first line
    no field) and said Quinn was named "on a line under its field's name",
    exit status 1. Now the line is renamed and every other byte, the BOM
    and the line endings, stays."""
    project = copy_project(tmp_path / "project")
    post = project / POSTS / "2025-01-02-saved.md"
    text = SAVED_OTHERWISE[saved]
    post.write_bytes(text.encode("utf-8"))
    ran = lint_in_process("people", "rename", "Quinn", "Quincy", cwd=project)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines() == [
        "content/posts/2025-01-02-saved.md: renamed on line(s) 3"
    ]
    expected = text.replace("Who: Quinn,", "Who: Quincy,")
    assert post.read_bytes().decode("utf-8") == expected


@pytest.mark.parametrize("saved", SAVED_OTHERWISE)
def test_suggest_apply_adds_lessons_in_the_metadata_of_any_saved_post(saved):
    """``suggest --apply``'s edit put the new ``Lessons:`` line before a BOM
    (the title then began with the BOM: the post lost its title) and after
    the body of a ``\\r``-only file (the line was body text, in two line
    endings). Now it goes after the last field, ended as the file's lines
    are, the rest as it was."""
    text = SAVED_OTHERWISE[saved]
    after = with_lessons(text, ["Ask two levels up"])
    ending = {"cr": "\r", "bom": "\n", "crlf": "\r\n"}[saved]
    who = f"Who: Quinn, a buyer{ending}"
    assert after == text.replace(who, f"{who}Lessons: Ask two levels up{ending}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title: M\r\nWho: Cy", "Title: M\r\nWho: Cy\r\nLessons: L\r\n"),
        ("Title: M\rLessons: A\r\rBody.\r", "Title: M\rLessons: A; L\r\rBody.\r"),
        (
            "\ufeffTitle: M\nLessons:\n\nBody.\n",
            "\ufeffTitle: M\nLessons: L\n\nBody.\n",
        ),
    ],
    ids=["metadata-alone", "cr-lessons-line", "bom-empty-lessons-line"],
)
def test_suggest_apply_keeps_each_files_own_endings(text, expected):
    assert with_lessons(text, ["L"]) == expected


def test_reflect_new_sees_the_slug_of_a_post_saved_with_a_bom(tmp_path):
    """``reflect new`` refuses a slug another post has; it read the other
    posts' titles with the BOM as part of the first line, so a BOM post's
    title was no title and its slug was taken again: two posts, one URL."""
    project = copy_project(tmp_path / "project")
    post = project / POSTS / "2025-01-03-saved.md"
    post.write_bytes(SAVED_OTHERWISE["bom"].encode("utf-8"))
    ran = lint_in_process("new", "Saved with a BOM", cwd=project)
    assert ran.returncode == 1, ran.stdout
    assert "taken by content/posts/2025-01-03-saved.md" in ran.stderr


# --- A file where the posts folder belongs ------------------------------------


@pytest.fixture(scope="module")
def posts_a_file(tmp_path_factory) -> Path:
    """A copy of the project whose ``content/posts`` is a file (a post moved
    to ``posts`` before the folder was made)."""
    project = copy_project(tmp_path_factory.mktemp("posts-a-file") / "project")
    posts = project / POSTS
    shutil.rmtree(posts)
    posts.write_text("Title: Moved\nDate: 2025-01-01\n\nBody.\n", encoding="utf-8")
    return project


NAMED = (
    "content/posts: {level}a file where ARTICLE_PATHS names a folder: no post is "
    "read from it; make it a folder (or name another in ARTICLE_PATHS) "
    "[file-named-as-folder]"
)


def test_a_file_where_the_posts_folder_belongs_is_named_by_lint(posts_a_file):
    """The build read no post, wrote a site without one and said nothing:
    Pelican reads a path of ``ARTICLE_PATHS`` that is a file only if a
    reader reads its ending."""
    ran = lint_in_process("lint", cwd=posts_a_file)
    assert NAMED.format(level="warning: ") in ran.stdout.splitlines()
    strict = lint_in_process("lint", "--strict", cwd=posts_a_file)
    assert strict.returncode == 1
    assert NAMED.format(level="error: ") in strict.stdout.splitlines()


@pytest.mark.parametrize(
    ("conf", "passes"), [("pelicanconf.py", True), ("publishconf.py", False)]
)
def test_a_file_where_the_posts_folder_belongs_is_named_by_the_build(
    posts_a_file, tmp_path, conf, passes
):
    ran = run_pelican(posts_a_file / "content", tmp_path / "output", conf=conf)
    printed = (ran.stdout + ran.stderr).splitlines()
    said = [line for line in printed if "ARTICLE_PATHS" in line]
    assert len(said) == 1, printed
    assert "/content/posts: a file where ARTICLE_PATHS names a folder" in said[0]
    assert "Traceback" not in ran.stderr
    assert (ran.returncode == 0) == passes, printed


# --- A setting every build reads, declared by a plugin only make serve loads ---


@pytest.mark.parametrize("value", ["-1", "{}", '"x"', "[1]"])
def test_selected_pages_of_the_wrong_kind_stops_every_build_in_one_line(
    tmp_path, value
):
    """``SELECTED_PAGES`` is declared by the openpages plugin, which only
    ``make serve`` loads, and read by every build's plugins: ``-1`` in a
    ``make html`` stopped it with a traceback, and ``"x"`` or ``{}`` (which
    iterate) wrote a third of the site and passed. Now it is checked as
    the build starts, whichever plugins are loaded."""
    ran = run_pelican(CONTENT, tmp_path / "output", "-e", f"SELECTED_PAGES={value}")
    printed = (ran.stdout + ran.stderr).splitlines()
    assert ran.returncode != 0, printed
    assert "Traceback" not in ran.stderr
    said = [line for line in printed if "SELECTED_PAGES" in line]
    assert len(said) == 1 and "setting SELECTED_PAGES must be" in said[0], printed
    assert not (tmp_path / "output" / "index.html").exists()


def test_lint_refuses_selected_pages_of_the_wrong_kind(tmp_path):
    project = copy_project(tmp_path / "project")
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nSELECTED_PAGES = "x"\n',
        encoding="utf-8",
    )
    ran = lint_in_process("lint", cwd=project)
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    assert "setting SELECTED_PAGES must be" in ran.stderr


def test_a_review_log_that_is_a_folder_is_one_line_without_its_path_again(tmp_path):
    """``reviews.yml`` made a folder: lint and ``review done`` named it, then
    Python's text for the error, the path again, absolute (``[Errno 21] Is a
    directory: '/home/…/content/reviews.yml'``)."""
    project = copy_project(tmp_path / "project")
    (project / REVIEWS).unlink()
    (project / REVIEWS).mkdir()
    lint = lint_in_process("lint", cwd=project)
    assert (
        "content/reviews.yml: warning: the file cannot be read (Is a directory); "
        "it is not used [bad-reviews-file]"
    ) in lint.stdout.splitlines()
    done = lint_in_process("review", "done", "learn-adjacent-functions", cwd=project)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "reflect review done: content/reviews.yml: Is a directory"
    )
    assert str(tmp_path) not in lint.stdout + done.stderr


# --- A Webmention that gives a field twice ------------------------------------

MENTION = CONTENT / "comments" / "two-levels-up" / "mention-30388.json"


def mention_with(repeat: str) -> str:
    """The sample like, with ``repeat`` (JSON members) added at its end."""
    text = MENTION.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    return text[:-1].rstrip() + f",\n  {repeat}\n}}\n"


REPEATS = {
    "private-then-public": '"wm-private": true, "wm-private": false',
    "author-twice": '"author": {"type": "card", "name": "A", "name": "B"}',
}


@pytest.mark.parametrize("repeat", REPEATS)
def test_a_mention_giving_a_field_twice_is_left_out_with_a_line(tmp_path, repeat):
    """``json`` keeps a key's last value without a word: a mention saying
    ``"wm-private": true`` and then ``false`` was shown, and a field given
    twice anywhere in it was read as its last. Privacy fails closed: the
    mention is left out, naming the key (a warning locally, an error in a
    published build, as every mention it cannot show)."""
    content = copy_content(tmp_path / "content")
    written = content / "comments" / "two-levels-up" / "mention-990.json"
    written.write_text(mention_with(REPEATS[repeat]), encoding="utf-8")
    html = run_pelican(content, tmp_path / "html")
    published = run_pelican(content, tmp_path / "published", conf="publishconf.py")
    lint = lint_in_process("lint", str(content))
    assert (html.returncode, lint.returncode) == (0, 0)
    assert published.returncode != 0
    for run in (html, published, lint):
        said = [
            line
            for line in (run.stdout + run.stderr).splitlines()
            if "mention-990.json" in line
        ]
        assert len(said) == 1 and "given twice in the entry" in said[0], said
        assert "Traceback" not in run.stderr
    page = (tmp_path / "html" / "2025" / "two-levels-up" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "comment-mention-990" not in page
    assert "comment-mention-30388" in page  # the mention given once is shown


def test_reflect_mentions_import_skips_an_entry_giving_a_field_twice(tmp_path):
    project = copy_project(tmp_path / "project")
    entry = mention_with(REPEATS["private-then-public"]).replace("30388", "990")
    export = tmp_path / "export.jf2"
    export.write_text(
        '{"type": "feed", "children": [\n' + entry + "]}\n", encoding="utf-8"
    )
    ran = lint_in_process("mentions", "import", str(export), cwd=project)
    assert "Traceback" not in ran.stderr
    assert "'wm-private' given twice in the entry" in ran.stderr
    assert ran.stdout.splitlines()[-1] == "0 written, 0 unchanged, 1 skipped"
    assert not list((project / "content" / "comments").rglob("mention-990.json"))


# --- A named pipe or a device among the content's files -------------------------


@pytest.fixture(scope="module")
def piped(tmp_path_factory) -> Path:
    """A copy of the sample content with a named pipe where a post would
    be; nothing ever writes to it."""
    content = copy_content(tmp_path_factory.mktemp("piped") / "content")
    os.mkfifo(content / "posts" / "2025-01-01-pipe.md")
    return content


PIPE_SAID = (
    "a named pipe, not a file: reading it would wait for ever; move it out of "
    "the content folder"
)


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_a_named_pipe_among_the_posts_stops_the_build_in_one_line(
    piped, tmp_path, conf
):
    """Pelican opens every file it lists to compare its contents with the
    cache's, before any plugin may leave it out: a named pipe in ``posts/``
    (or ``images/``) held the build for ever, saying nothing, and a link to
    ``/dev/zero`` read until memory ran out. Now the build stops as it
    starts, naming the file. (The timeout only keeps a regression from
    holding the test run for ever; nothing is timed.)"""
    ran = run_pelican(piped, tmp_path / "out", conf=conf)
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(
        ran, "2025-01-01-pipe.md"
    )
    assert not (tmp_path / "out" / "index.html").exists()


def test_reflect_refuses_a_named_pipe_in_the_content_folder(piped):
    ran = subprocess.run(
        [str(REFLECT), "lint", str(piped)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert ran.stderr.strip().endswith(f"2025-01-01-pipe.md: {PIPE_SAID}")
    assert len(ran.stderr.splitlines()) == 1


def test_a_link_to_a_device_is_refused_as_a_device(tmp_path):
    """A link to ``/dev/zero`` was read until memory ran out; ``/dev/null``
    stands for it here, a device as harmless to read as to refuse."""
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "null.md").symlink_to("/dev/null")
    (tmp_path / "posts" / "fine.md").write_text("Title: Fine\n", encoding="utf-8")
    with pytest.raises(SpecialFileError) as refused:
        refuse_special_files(tmp_path)
    assert refused.value.path == str(tmp_path / "posts" / "null.md")
    assert refused.value.message.startswith("a device, not a file")


# --- A review log of many megabytes -------------------------------------------


def test_a_review_log_over_a_mebibyte_is_one_line_and_not_read(tmp_path):
    """The round-trip YAML reader takes about 10 s and 100 times the file's
    size in memory for each megabyte: a 9 MB ``reviews.yml`` of 200,000
    entries held ``reflect review`` 94 s, 1 GB, and printed 200,000
    warnings. A log over a mebibyte (some 70,000 reviews) is now one
    warning, the file not used, and ``review done`` leaves it as it was."""
    project = copy_project(tmp_path / "project")
    log = project / REVIEWS
    padding = "# " + "x" * 98 + "\n"
    text = log.read_text(encoding="utf-8") + padding * (MAX_REVIEW_LOG_BYTES // 100)
    log.write_text(text, encoding="utf-8")
    size = log.stat().st_size
    assert size > MAX_REVIEW_LOG_BYTES
    said = (
        f"content/reviews.yml: warning: the file is {size:,} bytes, over the 1 MiB "
        "a review log may hold; it is not used [bad-reviews-file]"
    )
    lint = lint_in_process("lint", cwd=project)
    assert [line for line in lint.stdout.splitlines() if "reviews.yml" in line] == [
        said
    ]
    done = lint_in_process("review", "done", "learn-adjacent-functions", cwd=project)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].endswith("it was left as it was")
    assert log.read_text(encoding="utf-8") == text


def test_a_folder_named_as_a_comment_file_is_said_once(tmp_path):
    """``comments/<slug>/x.md/`` was named as a folder named as a file, then
    read as a comment file too: a second warning, "cannot read the file as
    UTF-8 text ([Errno 21] Is a directory: '/home/…/x.md')", the wrong
    reason and the path again, absolute."""
    content = copy_content(tmp_path / "content")
    (content / "comments" / "two-levels-up" / "x.md").mkdir()
    lint = lint_in_process("lint", str(content))
    said = [line for line in lint.stdout.splitlines() if "x.md" in line]
    assert len(said) == 1 and "a folder named as a .md file" in said[0], said


# --- lessons.yml a link the build leaves out -------------------------------------


def test_a_lessons_yml_linked_from_outside_is_left_out_as_the_warning_says(
    tmp_path,
):
    """sourceguard said "it is left out" of a ``lessons.yml`` linked to a
    file outside the content folder, and the vocabulary was read and
    published all the same; with the edits now writing through links,
    ``lessons add`` would have written outside the project. Now the build
    reads no vocabulary from it, and ``lessons add`` refuses it in one
    line, the file as it was."""
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside-lessons.yml"
    text = (
        (project / LESSONS)
        .read_text(encoding="utf-8")
        .replace(
            "Read the person's public profile", "Zqxoutside: read the public profile"
        )
    )
    outside.write_text(text, encoding="utf-8")
    (project / LESSONS).unlink()
    (project / LESSONS).symlink_to(outside)
    built = run_pelican(project / "content", tmp_path / "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stderr
    for path in (tmp_path / "html").rglob("*"):
        if path.is_file():
            assert b"Zqxoutside" not in path.read_bytes(), path
    added = lint_in_process("lessons", "add", "Zzz", "--theme", "Mindset", cwd=project)
    assert added.returncode == 1
    assert "a symbolic link the build leaves out" in added.stderr
    assert outside.read_text(encoding="utf-8") == text


def test_a_review_log_linked_from_outside_is_neither_read_nor_written(tmp_path):
    """As lessons.yml: sourceguard says a ``reviews.yml`` linked to a file
    outside the content folder is left out; the desk read it all the same,
    and ``review done``, now writing through links, would have written
    outside the project."""
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside-reviews.yml"
    text = "learn-adjacent-functions:\n  - 2026-12-01\n"
    outside.write_text(text, encoding="utf-8")
    (project / REVIEWS).unlink()
    (project / REVIEWS).symlink_to(outside)
    review = lint_in_process("review", "--all", "--json", cwd=project)
    assert "2026-12-01" not in review.stdout
    done = lint_in_process("review", "done", "learn-adjacent-functions", cwd=project)
    assert done.returncode == 1
    assert "a symbolic link the build leaves out" in done.stderr
    assert outside.read_text(encoding="utf-8") == text
