"""Pelican's "Could not process <file>" is left out only where the log
already says why: after a problem line of ours, never after a fault."""

from __future__ import annotations

import logging

from sitekit.diagnostics import DropRepeatedFailure, SiteError, log_and_raise


def pelican_gave_up(path: str) -> logging.LogRecord:
    """The record Pelican's generator logs when a reader raised."""
    return logging.LogRecord(
        "pelican.generators",
        logging.ERROR,
        "generators.py",
        721,
        "Could not process %s",
        (path,),
        None,
    )


def shown_while_handling(error: BaseException, record: logging.LogRecord) -> bool:
    try:
        raise error
    except BaseException:
        return DropRepeatedFailure().filter(record)


def test_the_line_is_left_out_after_a_problem_line_that_named_the_file():
    error = log_and_raise(SiteError("Date: '2025-13-45' is not a date", "x.md", 2))
    assert not shown_while_handling(error, pelican_gave_up("x.md"))


def test_the_line_is_left_out_after_the_error_fatal_stopped_on():
    stopped = RuntimeError("Warning or error encountered")
    assert not shown_while_handling(stopped, pelican_gave_up("x.md"))


def test_the_line_stays_after_a_fault_that_logged_nothing():
    assert shown_while_handling(KeyError("lessons"), pelican_gave_up("x.md"))
    assert shown_while_handling(SiteError("never logged"), pelican_gave_up("x.md"))


def test_other_lines_are_never_left_out():
    error = log_and_raise(SiteError("bad", "x.md", 1))
    other = logging.LogRecord(
        "pelican", logging.ERROR, "x.py", 1, "Something else %s", ("x",), None
    )
    assert shown_while_handling(error, other)
