"""Hunting defects in `reflect review`, `due`, `prep`, `suggest`, `new` and
`lessons add` with what a writer plausibly does: print into a full disk or
a closed output, start a post late in the evening, write onto a read-only
disk.

Each test here failed before the fix it came with, but those marked as
guards, which keep a behaviour the fix could have broken.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from deskblog import run
from test_reflect_desk import REFLECT

from reflect.cli import main

# --- output that cannot be written ------------------------------------------------

COMMANDS = (
    ["due", "--all"],
    ["review", "--all"],
    ["prep", "--person", "Ayesha"],
    ["suggest"],
)


def _run_into(blog, args, stdout, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args],
        cwd=blog,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        **extra,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_a_full_disk_under_the_output_is_one_line_not_a_traceback(blog, args):
    with Path("/dev/full").open("w") as full:
        result = _run_into(blog, args, full)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert lines == [
        f"reflect {args[0]}: cannot write its output: No space left on device"
    ]
    assert result.returncode == 2


def test_a_closed_standard_output_is_said_not_a_silent_success(blog):
    result = _run_into(
        blog, ["lessons"], None, preexec_fn=lambda: os.close(1)
    )  # reflect lessons >&-
    assert result.stderr.splitlines() == [
        "reflect lessons: cannot write its output: standard output is closed"
    ]
    assert result.returncode == 2


def test_guard_a_pipe_closed_early_stops_quietly(blog):
    """`reflect lessons | head -0`: the reader has gone before a line is
    written; no traceback, no complaint."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = _run_into(blog, ["lessons"], write)
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode != 0


# --- reflect new: today is the site's ---------------------------------------------


def test_new_dates_a_post_today_where_the_site_is_not_where_the_clock_is(
    tmp_path, monkeypatch, capsys
):
    """A machine that keeps UTC, a site in a zone whose day is another one
    now: the post is dated the site's day, the day the desk counts from."""
    now = datetime.now(UTC)
    # Kiritimati is 14 hours ahead; Etc/GMT+12 is 12 hours behind.
    zone = "Pacific/Kiritimati" if now.hour >= 10 else "Etc/GMT+12"
    site_day = datetime.now(ZoneInfo(zone)).date()
    (tmp_path / "pelicanconf.py").write_text(
        f'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        f'TIMEZONE = "{zone}"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    (tmp_path / "content" / "posts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert date.today() != site_day  # the case under test
        assert main(["new", "Coffee with Ines"]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    written = capsys.readouterr().out.strip()
    assert written.endswith(f"{site_day:%Y-%m-%d}-coffee-with-ines.md")
    text = (tmp_path / written).read_text(encoding="utf-8")
    assert f"Date: {site_day:%Y-%m-%d} 09:00" in text


# --- reviews.yml: a day after today -----------------------------------------------


def _real_today() -> str:
    """Today in the test site's TIMEZONE, whatever its DESK_TODAY."""
    return datetime.now(ZoneInfo("America/Chicago")).date().isoformat()


def test_a_review_dated_after_today_is_a_warning_not_a_lesson_hidden_for_years(
    blog,
    capsys,
):
    """2062 typed for 2026 put the lesson's next review in 2063: off the
    desk for decades, and nothing said so."""
    log = blog / "content" / "reviews.yml"
    text = log.read_text(encoding="utf-8")
    assert "  - 2026-09-25\n" in text  # listen-for-what-is-not-said
    log.write_text(text.replace("  - 2026-09-25\n", "  - 2062-09-25\n"), "utf-8")
    status, out, err = run(capsys, "review", "--all", "--json")
    assert status == 0
    line = text[: text.index("  - 2026-09-25")].count("\n") + 1
    assert (
        f"content/reviews.yml:{line}: warning: listen-for-what-is-not-said: "
        f"'2062-09-25' is after today ({_real_today()}), so no review yet: a "
        "year typed wrong? It is ignored [bad-reviews-file]"
    ) in err.splitlines()
    (lesson,) = [
        item
        for item in json.loads(out)["lessons"]
        if item["slug"] == "listen-for-what-is-not-said"
    ]
    assert "2062-09-25" not in lesson["reviewed"]
    assert lesson["due"] < "2027-12-04"


def test_review_done_on_a_day_to_come_is_refused_and_the_log_left_alone(
    blog,
    capsys,
):
    log = blog / "content" / "reviews.yml"
    before = log.read_bytes()
    today = date.fromisoformat(_real_today())
    tomorrow = (today + timedelta(days=1)).isoformat()
    status, _, err = run(
        capsys, "review", "done", "lead-with-the-result", "--on", tomorrow
    )
    assert status == 2
    assert err.splitlines() == [
        f"reflect review done: --on {tomorrow} is after today ({today}); a "
        "review is recorded on a day that has come"
    ]
    assert log.read_bytes() == before


def test_guard_looking_back_with_today_is_no_review_to_come(blog, capsys):
    """A day to come is one after the real day: `--today` a year back
    (or DESK_TODAY) warns of none of the reviews made since."""
    status, _, err = run(capsys, "review", "--all", "--today", "2025-12-01")
    assert status == 0
    assert "after today" not in err


def test_guard_review_done_on_a_past_day_counts_from_today_still(
    blog,
    capsys,
):
    """--on names the review's day, not the desk's: a review already in
    the log after that day is no day to come."""
    log = blog / "content" / "reviews.yml"
    log.write_text(
        log.read_text(encoding="utf-8") + "\nfind-the-hybrid-role:\n  - 2026-12-03\n",
        "utf-8",
    )
    status, _, err = run(
        capsys, "review", "done", "find-the-hybrid-role", "--on", "2026-11-20"
    )
    assert status == 0, err
    assert err == ""
    assert log.read_text(encoding="utf-8").endswith(
        "find-the-hybrid-role:\n  - 2026-12-03\n  - 2026-11-20\n"
    )


# --- reviews.yml: review done changes no line it does not edit --------------------

HAND_WRITTEN = """\
# Written by hand.
lead-with-the-result:
  - 2025-11-12
  - ~
  -
make-your-work-visible: Null
keep-a-running-wins-log: True
practice-answers-out-loud:
  - 2026-08-30t10:00:00Z
~:
  - 2026-01-01
"""


def test_review_done_rewrites_no_null_yes_or_time_as_ruamel_spells_them(
    blog,
    capsys,
):
    """`~`, `Null`, an empty `-`, `True` and a `t` in a date and time came
    back as nothing or `null`, `- `, `true` and `T`: lines the command
    never meant to touch."""
    log = blog / "content" / "reviews.yml"
    log.write_text(HAND_WRITTEN, "utf-8")
    status, _, err = run(capsys, "review", "done", "lead-with-the-result")
    assert status == 0, err
    assert log.read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "  -\n", "  -\n  - 2026-12-04\n", 1
    )


@pytest.mark.parametrize(
    ("written", "after"),
    [
        ("lead-with-the-result: ~\n", "lead-with-the-result:\n  - 2026-12-04\n"),
        ("lead-with-the-result:\n", "lead-with-the-result:\n  - 2026-12-04\n"),
        (
            "lead-with-the-result: [2026-01-01]\n",
            "lead-with-the-result: [2026-01-01, 2026-12-04]\n",
        ),
    ],
    ids=["null", "empty", "flow"],
)
def test_guard_the_edited_entry_may_change_its_own_first_line(
    blog,
    capsys,
    written,
    after,
):
    log = blog / "content" / "reviews.yml"
    log.write_text(written, "utf-8")
    status, _, err = run(capsys, "review", "done", "lead-with-the-result")
    assert status == 0, err
    assert log.read_text(encoding="utf-8") == after


def test_review_done_refuses_to_rewrite_a_line_it_does_not_edit(blog, capsys):
    """ruamel.yaml writes `[ 2026-01-01 ]` as `[2026-01-01]`: the file is
    left as it was, with the line named, rather than changed unasked."""
    log = blog / "content" / "reviews.yml"
    text = (
        "lead-with-the-result:\n  - 2026-01-01\n"
        "make-your-work-visible: [ 2026-01-01 ]\n"
    )
    log.write_text(text, "utf-8")
    status, _, err = run(capsys, "review", "done", "lead-with-the-result")
    assert status == 1
    assert err.splitlines() == [
        "reflect review done: content/reviews.yml:3: adding the day would also "
        "rewrite 'make-your-work-visible: [ 2026-01-01 ]', which it does not "
        "edit; add the day by hand (it was left as it was)"
    ]
    assert log.read_text(encoding="utf-8") == text


# --- a file where the output's folder belongs -------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--ics", "{file}/sub/due.ics"],
        ["prep", "--person", "Ayesha", "--output", "{file}/sheet.md"],
    ],
    ids=["due", "prep"],
)
def test_a_file_where_the_outputs_folder_belongs_is_named_in_one_line(
    blog,
    capsys,
    tmp_path_factory,
    args,
):
    """It said `cannot write x/sub/due.ics: [Errno 20] Not a directory:
    'x/sub'` (prep: `File exists`), naming neither the file at fault nor
    what to do."""
    file = tmp_path_factory.mktemp("out") / "notes"
    file.write_text("mine\n")
    status, _, err = run(capsys, *[a.format(file=file) for a in args])
    assert status in (1, 2)
    name = args[-1].rsplit("/", 1)[-1]
    assert err.splitlines()[-1] == (
        f"reflect {args[0]}: {file}: a file where the folder for {name} "
        "belongs; nothing was written"
    )
    assert file.read_text() == "mine\n"


def test_a_log_entry_left_empty_is_told_as_typed_not_in_pythons_words(
    blog,
    capsys,
):
    """`-`, `~` and `true` were told as "None" and "True"."""
    log = blog / "content" / "reviews.yml"
    log.write_text(
        "lead-with-the-result:\n  -\n  - true\n~:\n  - 2026-01-01\n", "utf-8"
    )
    status, _, err = run(capsys, "review")
    assert status == 0
    assert err.splitlines() == [
        "content/reviews.yml:2: warning: lead-with-the-result: an empty value is "
        "not a date (YYYY-MM-DD); it is ignored [bad-reviews-file]",
        "content/reviews.yml:3: warning: lead-with-the-result: 'true' is not a "
        "date (YYYY-MM-DD); it is ignored [bad-reviews-file]",
        "content/reviews.yml:4: warning: an empty value names no lesson a "
        "published post teaches; its reviews are ignored (`reflect lessons` "
        "lists the slugs) [bad-reviews-file]",
    ]


@pytest.mark.parametrize("last", ["  - 2025-11-12", "  - 2025-11-12\n# end"])
def test_review_done_adds_a_day_to_a_file_whose_last_line_has_no_line_break(
    blog, capsys, last
):
    """Some editors save a file without a line break at its end: the day
    added was joined to that line, and the edit refused."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text("lead-with-the-result:\n" + last, encoding="utf-8")

    status, _, err = run(
        capsys, "review", "done", "--on", "2026-12-01", "lead-with-the-result"
    )

    assert status == 0, err
    text = reviews.read_text(encoding="utf-8")
    assert text.startswith("lead-with-the-result:\n" + last.split("\n")[0] + "\n")
    assert "  - 2026-12-01\n" in text


@pytest.mark.parametrize(
    "entry", ["lead-with-the-result:\n", "lead-with-the-result: ~\n"]
)
def test_a_slug_with_no_day_yet_is_no_warning_and_review_done_gives_it_one(
    blog, capsys, entry
):
    """`review done` read `slug:` alone as "no day yet" while the desk said
    "an empty value is not a date" of the same line."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(entry, encoding="utf-8")

    _, out, _ = run(capsys, "lint")
    assert "bad-reviews-file" not in out
    status, _, err = run(
        capsys, "review", "done", "--on", "2026-12-01", "lead-with-the-result"
    )
    assert status == 0, err
    assert "2026-12-01" in reviews.read_text(encoding="utf-8")


def test_an_empty_day_in_a_list_is_still_told(blog, capsys):
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text("lead-with-the-result:\n  -\n  - 2025-11-12\n")
    _, out, _ = run(capsys, "lint")
    assert "an empty value is not a date" in out
