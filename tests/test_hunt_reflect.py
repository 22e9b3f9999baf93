"""Defects a hunt through the `reflect` command line found: each test
failed before its fix. The writer's YAML files (lessons.yml, reviews.yml)
in shapes YAML allows and a person may write, and the commands that read
and edit them as a round trip."""

from __future__ import annotations

import json
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from deskblog import run
from sitebuild import CONTENT, REFLECT
from test_wordpress_import import wxr, wxr_item
from wpblog import new_blog

from reflect.cli import main


def reviews_of(blog: Path) -> Path:
    return blog / "content" / "reviews.yml"


# --- A merge key (<<) ---------------------------------------------------------

MERGED = (
    "price-the-pay-cut:\n  - 2026-01-01\n<<: {make-your-work-visible: 2026-02-01}\n"
)


@pytest.mark.parametrize("command", [("review",), ("due",), ("people",)])
def test_a_merge_key_in_reviews_yml_is_a_warning_on_its_line(blog, capsys, command):
    """A merge key pulls another mapping's keys in; the desk's reader then
    asked ruamel.yaml for the line of a key the file never wrote and every
    desk command stopped with a KeyError's traceback."""
    reviews_of(blog).write_text(MERGED)

    status, _, err = run(capsys, *command)

    assert "Traceback" not in err
    assert status in (0, 1, 3)
    assert (
        "content/reviews.yml:3: warning: not valid YAML (a merge key (<<) "
        "copies another mapping's keys in; write them out instead); "
        "the file is not used [bad-reviews-file]"
    ) in err


def test_review_done_refuses_a_merge_key_and_leaves_the_file(blog, capsys):
    reviews_of(blog).write_text(MERGED)
    before = reviews_of(blog).read_bytes()

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    assert "a merge key (<<)" in err
    assert "Traceback" not in err
    assert reviews_of(blog).read_bytes() == before


def test_lessons_add_refuses_a_merge_key_on_its_line(blog, capsys):
    lessons = blog / "content" / "lessons.yml"
    text = lessons.read_text(encoding="utf-8")
    lessons.write_text(text + "<<: {x: 1}\n", encoding="utf-8")
    before = lessons.read_bytes()
    line = text.count("\n") + 1

    status, _, err = run(capsys, "lessons", "add", "Brand new", "--theme", "Mindset")

    assert status == 1
    assert f"content/lessons.yml:{line}: a merge key (<<)" in err
    assert lessons.read_bytes() == before


def test_a_quoted_merge_key_is_plain_text(blog, capsys):
    """Only a plain ``<<`` merges; quoted, it is a key like any other."""
    reviews_of(blog).write_text('"<<":\n  - 2026-01-01\n')

    _, _, err = run(capsys, "review")

    assert "merge key" not in err
    assert "'<<' names no lesson a published post teaches" in err


# --- A day already there, written another way --------------------------------------


@pytest.mark.parametrize("written", ['"2026-12-04"', "'2026-12-04'"])
def test_review_done_sees_a_day_written_another_way_as_already_marked(
    blog, capsys, written
):
    """The desk reads a quoted day as that day; the command compared it as
    text with the day and wrote it a second time."""
    reviews_of(blog).write_text(f"price-the-pay-cut:\n  - {written}\n")
    before = reviews_of(blog).read_bytes()

    status, out, _ = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 0
    assert "price-the-pay-cut was already marked reviewed on 2026-12-04" in out
    assert reviews_of(blog).read_bytes() == before


# --- The file's own layout -----------------------------------------------------------


def test_lessons_add_keeps_a_file_indented_its_own_way(blog, capsys):
    """lessons add told ruamel.yaml two spaces and dashes indented by two:
    a file indented by four, its dashes under their key, came back with
    every nested line moved."""
    lessons = blog / "content" / "lessons.yml"
    before = (
        "# my lessons\n"
        "prepare-targeted-questions:\n"
        "    title: Prepare targeted questions\n"
        "    theme: Preparation\n"
        "    aliases:\n"
        "    - Do your homework\n"
    )
    lessons.write_text(before)

    status, _, err = run(
        capsys, "lessons", "add", "Brand new", "--theme", "Mindset", "--alias", "Fresh"
    )

    assert status == 0, err
    assert lessons.read_text() == before + (
        "\nbrand-new:\n"
        "    title: Brand new\n"
        "    theme: Mindset\n"
        "    aliases:\n"
        "    - Fresh\n"
    )


AROUND = ("# my file\n%YAML 1.2\n---  # begins\n", "...\n# after the end\n")


def test_lessons_add_keeps_the_lines_around_the_document(blog, capsys):
    """A ``---`` line, the comments and directive before it, and a ``...``
    line with what follows were dropped: the writer's comments lost."""
    lessons = blog / "content" / "lessons.yml"
    entry = "prepare-targeted-questions:\n  title: Prepare targeted questions\n"
    head, tail = AROUND
    lessons.write_text(head + entry + tail)

    status, _, err = run(capsys, "lessons", "add", "Brand new", "--theme", "Mindset")

    assert status == 0, err
    added = "\nbrand-new:\n  title: Brand new\n  theme: Mindset\n"
    assert lessons.read_text() == head + entry + added + tail


def test_review_done_keeps_the_lines_around_the_document(blog, capsys):
    head, tail = AROUND
    entry = "price-the-pay-cut:\n  - 2026-01-01\n"
    reviews_of(blog).write_text(head + entry + tail)

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 0, err
    assert reviews_of(blog).read_text() == head + entry + "  - 2026-12-04\n" + tail


def test_review_done_names_the_files_line_below_a_document_start(blog, capsys):
    """Lines are counted in the file, not in the document after ``---``."""
    reviews_of(blog).write_text("# c\n---\nprice-the-pay-cut:\n  x: 1\n")

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    assert "content/reviews.yml:3: price-the-pay-cut: a lesson's entry" in err


# --- import-wordpress when a file cannot be written ---------------------------------


def run_process(*args: str, cwd: Path, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=preexec_fn,
    )


def files_of(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _files_of_at_most(size: int) -> None:
    """In the child: a file may not grow past ``size`` bytes, and a write
    that would fails (EFBIG) as a full disk's does, after the file was made."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def _files_of_at_most_100_kb() -> None:
    _files_of_at_most(100_000)


def _files_of_at_most_100_bytes() -> None:
    _files_of_at_most(100)


def test_a_write_cut_short_leaves_no_half_post_and_a_second_run_finishes(tmp_path):
    """A post opened and then cut short by the disk stayed half-written
    (after a traceback), and the next run skipped it as a file the writer
    has: the truncated post was the import, with exit status 0."""
    (tmp_path / "blog").mkdir()
    blog = new_blog(tmp_path / "blog")
    export = wxr(
        tmp_path,
        wxr_item("small", "Small"),
        wxr_item("huge", "Huge", "<p>" + "word " * 60_000 + "</p>"),
        wxr_item("later", "Later"),
    )

    stopped = run_process(
        "import-wordpress", str(export), cwd=blog, preexec_fn=_files_of_at_most_100_kb
    )

    assert stopped.returncode == 1
    assert "Traceback" not in stopped.stderr
    assert stopped.stderr == (
        "reflect import-wordpress: content/posts/2019-04-13-huge.md: cannot "
        "write it (File too large); the import stopped there, after 1 file(s): "
        "run it again to write the rest\n"
    )
    assert files_of(blog / "content" / "posts") == {"2019-04-13-small.md": 56}

    again = run_process("import-wordpress", str(export), cwd=blog)

    assert again.returncode == 0, again.stderr
    posts = files_of(blog / "content" / "posts")
    assert posts["2019-04-13-huge.md"] > 300_000
    assert set(posts) == {f"2019-04-13-{n}.md" for n in ("small", "huge", "later")}


def test_import_names_a_file_where_a_comment_folder_belongs(tmp_path):
    """The folder for a post's comments was made with mkdir, outside any
    handling: a file of that name stopped the import with a traceback."""
    (tmp_path / "blog").mkdir()
    blog = new_blog(tmp_path / "blog")
    (blog / "content" / "comments").mkdir()
    (blog / "content" / "comments" / "hello").write_text("mine\n")
    export = wxr(tmp_path, wxr_item("hello", "Hello", comments=[("7", "Ann", 0)]))

    result = run_process("import-wordpress", str(export), cwd=blog)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/comments/hello: a file where the folder for "
        "2019-04-14-ann-7.md belongs"
    ) in result.stderr
    assert (blog / "content" / "comments" / "hello").read_text() == "mine\n"


# --- prep --output when the sheet cannot be written -------------------------------


def test_prep_refuses_a_read_only_sheet_in_one_line(blog, capsys):
    """The sheet was written through the post editor's helper, whose
    refusal prep did not catch: a traceback."""
    sheet = blog / "sheet.md"
    assert run(capsys, "prep", "--kind", "Mentoring", "--output", "sheet.md")[0] == 0
    sheet.chmod(0o444)
    before = sheet.read_bytes()

    status, _, err = run(capsys, "prep", "--person", "Ruth", "--output", "sheet.md")

    assert status == 1
    assert err == (
        "reflect prep: sheet.md: read-only (make it writable to let reflect "
        "edit it); it was left as it was\n"
    )
    assert sheet.read_bytes() == before


def test_prep_writes_a_sheet_into_a_folder_it_makes_as_due_ics_does(blog, capsys):
    sheet = blog / "sheets" / "next.md"

    status, _, err = run(capsys, "prep", "--kind", "Mentoring", "--output", str(sheet))

    assert status == 0, err
    assert sheet.read_text(encoding="utf-8").startswith("# Preparing for")


def test_a_sheet_that_cannot_be_written_leaves_no_empty_file(blog):
    """An empty sheet was made before the sheet was written, and stayed
    when the write then failed (with a traceback)."""
    sheet = blog / "sheet.md"

    result = run_process(
        "prep",
        "--kind",
        "Mentoring",
        "--output",
        "sheet.md",
        cwd=blog,
        preexec_fn=_files_of_at_most_100_bytes,
    )

    assert result.returncode == 1
    assert result.stderr == (
        "reflect prep: sheet.md: cannot write it (File too large); "
        "it was left as it was\n"
    )
    assert not sheet.exists()


# --- suggest --min-score -------------------------------------------------------------


@pytest.mark.parametrize("score", ["nan", "2", "-0.5", "inf", "x"])
def test_suggest_refuses_a_score_no_suggestion_can_have(blog, capsys, score):
    """Scores run from 0 to 1: ``--min-score nan`` or ``2`` printed "no
    suggestions" for every post with exit status 0, an answer that was none."""
    with pytest.raises(SystemExit) as stopped:
        main(["suggest", f"--min-score={score}"])

    assert stopped.value.code == 2
    assert (
        f"argument --min-score: {score!r} is not a score from 0 to 1"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize("score", ["0", "1", "0.5"])
def test_suggest_takes_every_score_from_0_to_1(blog, capsys, score):
    post = "content/posts/2025-09-14-two-levels-up.md"
    assert run(capsys, "suggest", "--min-score", score, post)[0] == 0


# --- mentions import when a mention file cannot be written ---------------------------

JF2 = Path(__file__).parent / "fixtures" / "webmention-export.jf2.json"
MENTION = "content/comments/two-levels-up/mention-30388.json"


def mention_files(blog: Path) -> list[Path]:
    return sorted((blog / "content" / "comments").glob("*/mention-*.json"))


def test_mentions_import_replaces_a_mention_file_that_is_not_utf8(blog, capsys):
    """An earlier file there was compared as UTF-8 text: one that is not
    stopped the import with a UnicodeDecodeError's traceback."""
    (blog / MENTION).write_bytes(b"\xff\xfe")

    status, out, _ = run(capsys, "mentions", "import", str(JF2))

    assert status == 0
    assert "1 written, 4 unchanged, 1 skipped" in out
    assert (blog / MENTION).read_bytes() == (CONTENT.parent / MENTION).read_bytes()


def test_mentions_import_names_the_file_where_a_comment_folder_belongs(blog, capsys):
    """mkdir's error was printed after the export's name, as if the export
    were at fault: "export.jf2.json: File exists"."""
    folder = blog / "content" / "comments" / "ruth-quarterly-check-in"
    shutil.rmtree(folder)
    folder.write_text("mine\n")

    status, _, err = run(capsys, "mentions", "import", str(JF2))

    assert status == 1
    assert "reflect mentions import: content/comments/ruth-quarterly-check-in: " in err
    assert "a file where the folder for mention-" in err
    assert str(JF2) not in err
    assert folder.read_text() == "mine\n"


def test_a_mention_write_cut_short_leaves_no_half_file(blog):
    """Each mention was written with write_text: a write cut short left a
    half JSON file in comments/, which the build then refused."""
    for path in mention_files(blog):
        path.unlink()

    stopped = run_process(
        "mentions", "import", str(JF2), cwd=blog, preexec_fn=_files_of_at_most_100_bytes
    )

    assert stopped.returncode == 1
    assert "Traceback" not in stopped.stderr
    assert stopped.stderr.startswith("reflect mentions import: content/comments/")
    assert "cannot write it (File too large)" in stopped.stderr
    assert mention_files(blog) == []
    again = run_process("mentions", "import", str(JF2), cwd=blog)
    assert again.returncode == 0, again.stderr
    assert len(mention_files(blog)) == 5


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_mentions_import_never_writes_through_a_link_out_of_the_comments(
    blog, capsys, linked
):
    """A mention file (or its post's folder) that is a symbolic link to a
    file outside had that file written: outside the project, and a link
    the build leaves out anyway."""
    outside = blog / "elsewhere"
    outside.mkdir()
    (outside / "mention-30388.json").write_text('{"mine": 1}\n')
    if linked == "file":
        (blog / MENTION).unlink()
        (blog / MENTION).symlink_to(outside / "mention-30388.json")
    else:
        folder = (blog / MENTION).parent
        shutil.rmtree(folder)
        folder.symlink_to(outside)

    status, _, err = run(capsys, "mentions", "import", str(JF2))

    assert status == 1
    assert "leads outside content/comments; it was left as it was" in err
    assert (outside / "mention-30388.json").read_text() == '{"mine": 1}\n'
    assert [p.name for p in outside.iterdir()] == ["mention-30388.json"]


# --- lessons add: what it writes is read back as given -----------------------------


def test_lessons_add_makes_a_slug_lessons_yml_accepts(blog, capsys):
    """The site's slugifier keeps an underscore, which a lesson slug may
    not hold: the command refused its own entry ("lesson slug
    'name-files-in-snake_case' must be lower-case letters and digits")."""
    status, out, err = run(
        capsys, "lessons", "add", "Name files in snake_case", "--theme", "Mindset"
    )

    assert status == 0, err
    assert "added 'name-files-in-snake-case'" in out
    assert run(capsys, "lessons", "--format", "csv")[0] == 0


@pytest.mark.parametrize("alias", ["on", "No", "1:30"])
def test_lessons_add_writes_an_alias_yaml_would_read_as_another_kind_as_text(
    blog, capsys, alias
):
    """ruamel.yaml writes YAML 1.2 and the vocabulary's reader reads 1.1,
    where a plain ``on``, ``No`` or ``1:30`` is true, false or 90: the
    command wrote the alias plain and then refused its own file."""
    status, _, err = run(
        capsys, "lessons", "add", "Brand new", "--theme", "Mindset", "--alias", alias
    )

    assert status == 0, err
    lessons = (blog / "content" / "lessons.yml").read_text(encoding="utf-8")
    assert lessons.endswith(f"  aliases:\n    - '{alias}'\n")


# --- A name with a character no one sees ------------------------------------------

RUTH = "content/posts/2026-01-18-ruth-quarterly-check-in.md"
ZERO_WIDTH = "\u200b"


def second_talk_with(blog: Path, who: str) -> None:
    """A second post whose Who: is ``who``."""
    (blog / "content" / "posts" / "2026-02-20-ruth-again.md").write_text(
        f"Title: Ruth again\nDate: 2026-02-20 12:00\nCategory: Mentoring\n"
        f"Who: {who}, my mentor\nLessons: Keep a running wins log\n\n"
        "We met again and went over the wins log.\n",
        encoding="utf-8",
    )


def test_a_name_with_a_zero_width_space_is_the_same_person(blog, capsys):
    """A zero-width space pasted inside a name (from a web page, say) made
    a second person no reader could tell from the first: two Ruths on the
    desk, each with half the conversations."""
    second_talk_with(blog, f"Ru{ZERO_WIDTH}th")

    status, out, _ = run(capsys, "people", "--json")

    assert status == 0
    people = json.loads(out)["people"]
    ruths = [p for p in people if p["name"].replace(ZERO_WIDTH, "") == "Ruth"]
    assert len(ruths) == 1
    assert len(ruths[0]["conversations"]) == 2


def test_prep_finds_a_person_typed_with_an_invisible_character(blog, capsys):
    status, out, _ = run(capsys, "prep", "--person", f"Ru{ZERO_WIDTH}th")

    assert status == 0
    assert "No conversation with" not in out
    assert "## Past conversations with Ruth" in out


@pytest.mark.parametrize("hidden", [ZERO_WIDTH, "\u202e", "\u00ad"])
def test_rename_refuses_a_new_name_holding_a_character_no_one_sees(
    blog, capsys, hidden
):
    """It wrote the character into every post that named the person: a
    right-to-left override turned the rest of each Who: line around."""
    before = (blog / RUTH).read_bytes()

    status, _, err = run(capsys, "people", "rename", "Ruth", f"Ru{hidden}th")

    assert status == 1
    assert "a character no one sees" in err
    assert (blog / RUTH).read_bytes() == before
