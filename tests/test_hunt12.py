"""What the build's start-up guards see against what Pelican reads.

Pelican lists the files it reads its own way: it follows symbolic links to
folders, walks ``STATIC_PATHS`` entries wherever they lead (``../shared``),
and skips only what ``IGNORE_FILES`` names. A guard that listed the
content folder another way let through what Pelican would open (a named
pipe behind a linked folder held the build for ever) or stopped a valid
site for a file Pelican never reads. Each case below is one the guards
saw otherwise than Pelican; nothing here times anything, and the builds
run with a timeout only so that a regression fails instead of hanging.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sitebuild import (
    copy_content,
    copy_project,
    lint_in_process,
    run_pelican,
    site_settings,
    the_line_a_stopped_build_said,
)

from comments import PLUGIN as COMMENTS_PLUGIN
from desk import PLUGIN as DESK_PLUGIN
from reflections import PLUGIN as REFLECTIONS_PLUGIN
from reflections.resolve.vocabulary import vocabulary_path
from sitekit.declaration import gather_declared
from sitekit.sourcepaths import (
    left_out_link,
    left_out_link_refusal,
    paths_spelt_otherwise,
)
from sitekit.sourcewalk import walk_sources
from sitekit.walkfindings import SpecialFileError, checked_content_folder

#: Only so that a build that would hang fails instead: nothing is timed.
BUILD_TIMEOUT = 600


def refused(settings) -> SpecialFileError:
    with pytest.raises(SpecialFileError) as raised:
        checked_content_folder(settings)
    return raised.value


# --- A named pipe behind a permitted link ---------------------------------------


@pytest.fixture
def linked_pipe(tmp_path) -> Path:
    """Posts kept in a folder beside the content, linked in and allowed
    (``ALLOWED_OUTSIDE_PATHS``), with a named pipe among them."""
    content = copy_content(tmp_path / "content")
    shared = tmp_path / "shared"
    shared.mkdir()
    os.mkfifo(shared / "2025-02-02-pipe.md")
    (content / "posts" / "shared").symlink_to(shared)
    return content


def test_a_named_pipe_in_a_linked_folder_is_refused_before_pelican_reads(
    linked_pipe,
):
    """Pelican follows the link and opens the pipe; the guard walked the
    content folder without following links, so it never saw it."""
    settings = site_settings(linked_pipe, ALLOWED_OUTSIDE_PATHS=["../shared"])
    error = refused(settings)
    assert error.path == str(linked_pipe / "posts" / "shared" / "2025-02-02-pipe.md")
    assert error.message.startswith("a named pipe, not a file")


def test_a_named_pipe_in_a_linked_folder_stops_the_build_in_one_line(
    linked_pipe, tmp_path
):
    ran = run_pelican(
        linked_pipe,
        tmp_path / "out",
        "-e",
        'ALLOWED_OUTSIDE_PATHS=["../shared"]',
        timeout=BUILD_TIMEOUT,
    )
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(
        ran, "2025-02-02-pipe.md"
    )
    assert not (tmp_path / "out" / "index.html").exists()


# --- A STATIC_PATHS entry outside the content folder ----------------------------


def test_a_named_pipe_in_a_static_folder_beside_the_content_is_refused(tmp_path):
    """``STATIC_PATHS = ["../shared"]`` (allowed): Pelican walks it and
    copies what it holds; the guard walked the content folder alone."""
    content = copy_content(tmp_path / "content")
    shared = tmp_path / "shared"
    (shared / "files").mkdir(parents=True)
    os.mkfifo(shared / "files" / "pipe.pdf")
    settings = site_settings(
        content,
        STATIC_PATHS=["images", "../shared"],
        ALLOWED_OUTSIDE_PATHS=["../shared"],
    )
    error = refused(settings)
    assert Path(error.path) == content / ".." / "shared" / "files" / "pipe.pdf"


def test_a_named_pipe_named_outside_the_content_in_static_paths_is_refused(
    tmp_path,
):
    """An entry naming one file (``../robots.txt``) is listed as itself."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(tmp_path / "robots.txt")
    settings = site_settings(
        content, STATIC_PATHS=["images", "../robots.txt"], ALLOWED_OUTSIDE_PATHS=[".."]
    )
    assert Path(refused(settings).path) == content / ".." / "robots.txt"


# --- Hidden names Pelican reads -------------------------------------------------


def test_a_named_pipe_with_a_hidden_name_among_the_posts_is_refused(tmp_path):
    """Pelican skips only what ``IGNORE_FILES`` names (here ``.#*`` and
    ``.gitkeep``), so it reads ``posts/.notes.md`` and every post under
    ``posts/.old/``; the guard skipped every hidden name, "as Pelican
    skips them", and the build waited on the pipe for ever."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / ".notes.md")
    assert refused(site_settings(content)).path == str(content / "posts" / ".notes.md")
    (content / "posts" / ".notes.md").unlink()
    (content / "posts" / ".old").mkdir()
    os.mkfifo(content / "posts" / ".old" / "pipe.md")
    assert refused(site_settings(content)).path == str(
        content / "posts" / ".old" / "pipe.md"
    )


def test_a_named_pipe_with_a_hidden_name_stops_the_build_in_one_line(tmp_path):
    content = copy_content(tmp_path / "content")
    os.mkfifo(content / "posts" / ".notes.md")
    ran = run_pelican(content, tmp_path / "out", timeout=BUILD_TIMEOUT)
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(ran, ".notes.md")


# --- Names Pelican ignores: no false alarm --------------------------------------


def test_an_editors_lock_link_pelican_ignores_does_not_stop_a_publish(tmp_path):
    """Emacs marks a file it edits with a link to nowhere,
    ``.#draft.md -> priya@host.4242:1700000000``; Pelican ignores it
    (``IGNORE_FILES`` holds ``.#*``), but the link check reported it as
    broken, and ``make publish`` of a valid site stopped while the post
    was open in an editor."""
    content = copy_content(tmp_path / "content")
    lock = content / "posts" / ".#2026-11-29-recruiting-lead-lunch.md"
    lock.symlink_to("priya@host.4242:1700000000")
    assert walk_sources(site_settings(content)).refused == ()
    ran = run_pelican(
        content, tmp_path / "out", conf="publishconf.py", timeout=BUILD_TIMEOUT
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "4242" not in ran.stdout + ran.stderr


def test_a_named_pipe_in_a_folder_pelican_ignores_is_no_false_alarm(tmp_path):
    """A folder ``IGNORE_FILES`` names is never walked by Pelican: a pipe
    a tool keeps there (``posts/scratch/``) stopped the build all the same."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "scratch").mkdir()
    os.mkfifo(content / "posts" / "scratch" / "tool.md")
    os.mkfifo(content / "posts" / "tool.sock")
    settings = site_settings(
        content, IGNORE_FILES=[".#*", ".gitkeep", "scratch", "*.sock"]
    )
    assert checked_content_folder(settings) == []


# --- A name that does not print as one line -------------------------------------


@pytest.mark.parametrize(
    "name",
    [b"pipe\n2.md", b"pipe\r.md", b"pip\xe9.md", b"pipe\x1b[2J.md"],
    ids=["newline", "carriage return", "no UTF-8", "terminal escape"],
)
def test_a_file_whose_name_prints_as_no_one_line_is_named_on_one_line(tmp_path, name):
    """A named pipe called ``pipe\\n2.md`` was refused in a message split
    over two lines (a byte that is no UTF-8 was printed raw, and an escape
    sequence was sent to the terminal): the name is shown as Python writes
    it, quoted and escaped, on the one line."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(os.fsencode(content / "posts") + b"/" + name)
    error = refused(site_settings(content))
    shown = str(error)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    assert shown.startswith("'") and repr(os.fsdecode(name)).strip("'") in shown
    ran = run_pelican(content, tmp_path / "out", timeout=BUILD_TIMEOUT)
    printed = (ran.stdout + ran.stderr).splitlines()
    assert ran.returncode != 0, printed
    said = [line for line in printed if "a named pipe, not a file" in line]
    assert len(said) == 1 and repr(os.fsdecode(name)).strip("'") in said[0], printed
    assert "Traceback" not in ran.stderr


# --- A file read by name, through a linked folder the build leaves out ----------


@pytest.fixture
def vocabulary_behind_a_refused_link(tmp_path) -> Path:
    """``content/shared -> ../elsewhere``, outside the content folder and
    not allowed: the build leaves the folder out, with a warning (an
    error when publishing)."""
    content = copy_content(tmp_path / "content")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / "lessons.yml").rename(elsewhere / "lessons.yml")
    (content / "reviews.yml").rename(elsewhere / "reviews.yml")
    (content / "shared").symlink_to(elsewhere)
    return content


def test_a_file_read_by_name_through_a_left_out_folder_is_left_out(
    vocabulary_behind_a_refused_link,
):
    """``REFLECTIONS_VOCABULARY = "shared/lessons.yml"``: the file is no
    link, the folder it is in is, and only a link that was the file itself
    was left out, so the vocabulary was read from outside the content
    folder though the build said the folder was left out."""
    content = vocabulary_behind_a_refused_link
    settings = site_settings(
        content,
        REFLECTIONS_VOCABULARY="shared/lessons.yml",
        DESK_REVIEWS="shared/reviews.yml",
    )
    # The walk reaches ``shared/`` only as the plugins' own reading: it
    # lies in no ``*_PATHS``.
    gather_declared([REFLECTIONS_PLUGIN, DESK_PLUGIN], settings)
    (link,) = walk_sources(settings).refused
    assert (link.path, link.reason) == (content / "shared", "outside")
    for name in ("shared/lessons.yml", "shared/reviews.yml"):
        assert left_out_link(content / name, settings)
    assert vocabulary_path(settings) is None
    said = left_out_link_refusal(content / "shared" / "lessons.yml", settings)
    assert said == (
        f"{content / 'shared' / 'lessons.yml'} is in {content / 'shared'}, which "
        "is a symbolic link the build leaves out "
        f"(to {str(content.parent / 'elsewhere')!r}); it was left as it was"
    )


def test_a_file_read_by_name_in_a_permitted_linked_folder_is_read(
    vocabulary_behind_a_refused_link,
):
    content = vocabulary_behind_a_refused_link
    settings = site_settings(
        content,
        REFLECTIONS_VOCABULARY="shared/lessons.yml",
        ALLOWED_OUTSIDE_PATHS=["../elsewhere"],
    )
    assert walk_sources(settings).refused == ()
    assert not left_out_link(content / "shared" / "lessons.yml", settings)
    assert vocabulary_path(settings) == content / "shared" / "lessons.yml"


def test_reflect_neither_reads_nor_writes_through_a_left_out_linked_folder(tmp_path):
    """``reflect lessons add`` and ``reflect review done`` refuse in one
    line naming the folder's link, and leave the files outside as they were."""
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("lessons.yml", "reviews.yml"):
        (project / "content" / name).rename(elsewhere / name)
    (project / "content" / "shared").symlink_to(elsewhere)
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            '\nREFLECTIONS_VOCABULARY = "shared/lessons.yml"\n'
            'DESK_REVIEWS = "shared/reviews.yml"\n'
        )
    before = {path: path.read_bytes() for path in elsewhere.iterdir()}
    added = lint_in_process("lessons", "add", "Zzz", "--theme", "Mindset", cwd=project)
    done = lint_in_process("review", "done", "learn-adjacent-functions", cwd=project)
    for ran in (added, done):
        assert ran.returncode == 1, ran.stdout + ran.stderr
        (line,) = ran.stderr.splitlines()
        assert "shared/" in line and "is in content/shared, which is a symbolic" in line
    assert {path: path.read_bytes() for path in elsewhere.iterdir()} == before


# --- A loop of two links --------------------------------------------------------


def test_a_ring_of_two_folder_links_is_refused_as_a_ring(tmp_path):
    """``posts/a/l -> ../b`` and ``posts/b/l -> ../a``: neither link is in
    the folder it leads to, so neither was called a loop, and Pelican
    walked a/l/l/l/… forty folders deep, reading each post some eighty
    times (one clash error naming eighty paths). Each link that leads back
    to itself is a loop, left out, so Pelican reads each post once."""
    content = copy_content(tmp_path / "content")
    for name in ("a", "b"):
        (content / "posts" / name).mkdir()
    post = "2025-09-14-two-levels-up.md"
    (content / "posts" / post).rename(content / "posts" / "a" / post)
    (content / "posts" / "a" / "l").symlink_to("../b")
    (content / "posts" / "b" / "l").symlink_to("../a")
    refused_links = walk_sources(site_settings(content)).refused
    assert [(link.path, link.reason) for link in refused_links] == [
        (content / "posts" / "a" / "l", "ring"),
        (content / "posts" / "b" / "l", "ring"),
    ]
    ran = run_pelican(content, tmp_path / "out", timeout=BUILD_TIMEOUT)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (tmp_path / "out" / "2025" / "two-levels-up" / "index.html").exists()
    assert "l/l/" not in ran.stdout + ran.stderr


def test_two_links_to_one_folder_are_no_loop(tmp_path):
    """A folder linked from two places is walked once by the guard and
    read from both by Pelican: no loop, nothing refused."""
    content = copy_content(tmp_path / "content")
    (content / "shared").mkdir()
    (content / "posts" / "one").symlink_to("../shared")
    (content / "pages" / "two").symlink_to("../shared")
    assert walk_sources(site_settings(content)).refused == ()


def test_a_link_to_a_folder_holding_a_loop_of_its_own_is_no_loop(tmp_path):
    """``posts/x -> ../shared``, where ``shared/up -> ..`` is a loop: only
    ``up`` is refused, named by the path Pelican walks it through
    (``posts/x/up``: ``shared/`` lies in no ``*_PATHS``), so the exclude
    sourceguard adds is one Pelican's walk matches; ``x`` does not lead
    back to itself once it is."""
    content = copy_content(tmp_path / "content")
    (content / "shared").mkdir()
    (content / "shared" / "up").symlink_to("..")
    (content / "posts" / "x").symlink_to("../shared")
    refused_links = walk_sources(site_settings(content)).refused
    assert [(link.path, link.reason) for link in refused_links] == [
        (content / "posts" / "x" / "up", "loop")
    ]


# --- A *_PATHS entry spelt otherwise than its folder ----------------------------


@pytest.mark.parametrize(
    ("setting", "written", "folder"),
    [
        ("ARTICLE_PATHS", "Posts", "posts"),
        ("PAGE_PATHS", "pages ", "pages"),
        ("STATIC_PATHS", "images\n", "images"),
    ],
    ids=["case", "trailing space", "trailing newline"],
)
def test_a_path_setting_spelt_otherwise_than_its_folder_is_named(
    tmp_path, setting, written, folder
):
    """``ARTICLE_PATHS = ["Posts"]`` beside ``content/posts``: Pelican
    finds no folder of that name and reads no post, and the build passed
    with an empty site, saying nothing of the setting (a case-only
    difference, or a space or newline pasted in)."""
    content = copy_content(tmp_path / "content")
    settings = site_settings(content, **{setting: [written]})
    (finding,) = paths_spelt_otherwise(settings)
    assert finding.rule == "path-spelt-otherwise"
    assert finding.path == str(content / folder)
    assert finding.message.startswith(f"{setting} names {written!r}, not this folder")


def test_a_path_setting_spelt_otherwise_stops_a_publish_in_one_line(tmp_path):
    content = copy_content(tmp_path / "content")
    ran = run_pelican(
        content,
        tmp_path / "out",
        "-e",
        'ARTICLE_PATHS=["Posts"]',
        conf="publishconf.py",
        timeout=BUILD_TIMEOUT,
    )
    assert "ARTICLE_PATHS names 'Posts'" in the_line_a_stopped_build_said(
        ran, "[path-spelt-otherwise]"
    )


def test_a_missing_folder_no_other_name_resembles_is_said_nothing_of(tmp_path):
    """A fresh site has no ``images/`` yet: nothing to report."""
    content = copy_content(tmp_path / "content")
    shutil.rmtree(content / "images")
    assert paths_spelt_otherwise(site_settings(content)) == []


# --- A *_PATHS entry outside the content folder, not allowed --------------------


def test_a_static_path_outside_the_content_not_allowed_is_named(tmp_path):
    """``STATIC_PATHS = [..., "../shared/notes.txt"]``, published at
    ``notes.txt`` by ``EXTRA_PATH_METADATA``: the link rule leaves out what
    lies outside the content folder unless allowed, so the file was
    dropped before the copy without a word. It is named as a link to
    outside is, with the setting that names it."""
    content = copy_content(tmp_path / "content")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "notes.txt").write_text("Shared notes.\n")
    extra = ["-e", 'STATIC_PATHS=["images", "../shared/notes.txt"]']
    extra += ['EXTRA_PATH_METADATA={"../shared/notes.txt": {"path": "notes.txt"}}']
    settings = site_settings(
        content,
        STATIC_PATHS=["images", "../shared/notes.txt"],
        EXTRA_PATH_METADATA={"../shared/notes.txt": {"path": "notes.txt"}},
    )
    (link,) = walk_sources(settings).refused
    finding = link.finding()
    assert finding.path == str(content / ".." / "shared" / "notes.txt")
    assert finding.message.startswith(
        "STATIC_PATHS names '../shared/notes.txt', outside the content folder"
    )
    ran = run_pelican(content, tmp_path / "out", *extra, timeout=BUILD_TIMEOUT)
    printed = (ran.stdout + ran.stderr).splitlines()
    said = [line for line in printed if "shared/notes.txt" in line]
    assert ran.returncode == 0, printed
    assert len(said) == 1 and "[outside-link]" in said[0], printed
    assert not (tmp_path / "out" / "notes.txt").exists()
    published = run_pelican(
        content, tmp_path / "pub", *extra, conf="publishconf.py", timeout=BUILD_TIMEOUT
    )
    assert published.returncode != 0
    allowed = site_settings(
        content,
        STATIC_PATHS=["images", "../shared/notes.txt"],
        ALLOWED_OUTSIDE_PATHS=["../shared"],
    )
    assert walk_sources(allowed).refused == ()


# --- What a plugin reads itself, outside the content folder ---------------------


@pytest.fixture
def comments_beside_the_content(tmp_path) -> Path:
    """The comments kept beside the content folder (``COMMENTS_PATH =
    "../comments"``, allowed), with a named pipe among a post's comments."""
    content = copy_content(tmp_path / "content")
    (content / "comments").rename(tmp_path / "comments")
    os.mkfifo(tmp_path / "comments" / "two-levels-up" / "zz-pipe.md")
    return content


def test_a_named_pipe_among_comments_beside_the_content_is_refused(
    comments_beside_the_content,
):
    """The comments plugin reads its folder itself, wherever
    ``COMMENTS_PATH`` leads; the guard walked the content folder and
    Pelican's ``*_PATHS`` only, and the build waited on the pipe for ever."""
    content = comments_beside_the_content
    settings = site_settings(
        content, COMMENTS_PATH="../comments", ALLOWED_OUTSIDE_PATHS=["../comments"]
    )
    gather_declared([COMMENTS_PLUGIN], settings)
    error = refused(settings)
    assert Path(error.path) == (
        content / ".." / "comments" / "two-levels-up" / "zz-pipe.md"
    )


def test_a_named_pipe_among_comments_beside_the_content_stops_the_build(
    comments_beside_the_content, tmp_path
):
    ran = run_pelican(
        comments_beside_the_content,
        tmp_path / "out",
        "-e",
        'COMMENTS_PATH="../comments"',
        'ALLOWED_OUTSIDE_PATHS=["../comments"]',
        timeout=BUILD_TIMEOUT,
    )
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(
        ran, "zz-pipe.md"
    )


def test_a_vocabulary_beside_the_content_that_is_a_named_pipe_is_refused(tmp_path):
    """``REFLECTIONS_VOCABULARY = "../lessons.yml"``: read by name, so
    walked by name (the reflections plugin declares it as a file its
    caches depend on)."""
    content = copy_content(tmp_path / "content")
    os.mkfifo(tmp_path / "lessons.yml")
    settings = site_settings(content, REFLECTIONS_VOCABULARY="../lessons.yml")
    gather_declared([REFLECTIONS_PLUGIN], settings)
    assert Path(refused(settings).path) == content / ".." / "lessons.yml"


def test_reflect_refuses_a_named_pipe_among_comments_beside_the_content(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "comments").rename(project / "comments")
    os.mkfifo(project / "comments" / "two-levels-up" / "zz-pipe.md")
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            '\nCOMMENTS_PATH = "../comments"\nALLOWED_OUTSIDE_PATHS = ["../comments"]\n'
        )
    ran = lint_in_process("lint", cwd=project)
    assert ran.returncode == 2, ran.stdout + ran.stderr
    (line,) = ran.stderr.splitlines()
    assert line.endswith(
        "zz-pipe.md: a named pipe, not a file: reading it would "
        "wait for ever; move it out of the content folder"
    )


# --- A file only a link names ---------------------------------------------------


def test_a_named_pipe_only_a_post_links_is_refused_before_it_is_copied(tmp_path):
    """Pelican copies every file a post links with ``{static}``, whatever
    its name and wherever it lies: ``IGNORE_FILES`` and ``STATIC_PATHS``
    do not apply to it, so the start-up walk, which skips ignored names as
    Pelican's listing does, cannot see it. The static files are checked
    again, links included, before anything is copied."""
    content = copy_content(tmp_path / "content")
    (content / "posts" / "scratch").mkdir()
    os.mkfifo(content / "posts" / "scratch" / "chart.pdf")
    post = content / "posts" / "2025-09-14-two-levels-up.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        + "\n[The chart]({static}/posts/scratch/chart.pdf)\n",
        encoding="utf-8",
    )
    ran = run_pelican(
        content,
        tmp_path / "out",
        "-e",
        'IGNORE_FILES=[".#*", ".gitkeep", "scratch"]',
        timeout=BUILD_TIMEOUT,
    )
    assert "a named pipe, not a file" in the_line_a_stopped_build_said(ran, "chart.pdf")
