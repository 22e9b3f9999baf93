"""How every Hypothesis property test in this suite is run."""

from __future__ import annotations

from hypothesis import settings


def test_no_property_test_is_timed_against_the_wall_clock():
    """Hypothesis's default fails an example that takes over 200 ms. On a
    shared 2-core machine the first example of a test pays for imports and
    warm caches, and a busy neighbour slows any other: a run with a fresh
    seed failed test_any_run_of_numbered_lists_keeps_its_starts on
    `lists=[(0, ['alpha'], False)]` at 252 ms, an example that took 15 ms
    when run again. A
    deadline there tells about the machine, not the code, so the suite's
    profile (tests/conftest.py) turns it off for every test."""
    assert settings.default.deadline is None
