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
from pathlib import Path

import pytest
from test_reflect_desk import REFLECT, blog  # noqa: F401

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
