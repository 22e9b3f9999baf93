"""Hunting defects in `reflect review`, `due`, `prep`, `suggest`, `new` and
`lessons add` with what a writer plausibly does: print into a full disk or
a closed output, start a post late in the evening, write onto a read-only
disk.

Each test here failed before the fix it came with, but those marked as
guards, which keep a behaviour the fix could have broken.
"""

from __future__ import annotations

import os
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_reflect_desk import REFLECT, blog  # noqa: F401

from reflect.cli import main

# --- output that cannot be written ------------------------------------------------

COMMANDS = (
    ["due", "--all"],
    ["review", "--all"],
    ["prep", "--person", "Ayesha"],
    ["suggest"],
)


def _run_into(blog, args, stdout, **extra) -> subprocess.CompletedProcess:  # noqa: F811
    return subprocess.run(
        [str(REFLECT), *args],
        cwd=blog,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        **extra,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_a_full_disk_under_the_output_is_one_line_not_a_traceback(blog, args):  # noqa: F811
    with Path("/dev/full").open("w") as full:
        result = _run_into(blog, args, full)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert lines == [
        f"reflect {args[0]}: cannot write its output: No space left on device"
    ]
    assert result.returncode == 2


def test_a_closed_standard_output_is_said_not_a_silent_success(blog):  # noqa: F811
    result = _run_into(
        blog, ["lessons"], None, preexec_fn=lambda: os.close(1)
    )  # reflect lessons >&-
    assert result.stderr.splitlines() == [
        "reflect lessons: cannot write its output: standard output is closed"
    ]
    assert result.returncode == 2


def test_guard_a_pipe_closed_early_stops_quietly(blog):  # noqa: F811
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
