"""The growth helpers tell a linear cost from a square one, both ways, so
that a test built on them fails when what it documents stops being true."""

from __future__ import annotations

from growth import SUPERLINEAR_AT_EIGHT_TIMES, grows_linearly, outgrows_linear


def text_of(n: int) -> str:
    return "ab" * (n // 2)


def read_once(text: str) -> int:
    return sum(map(ord, text))


def read_from_every_start(text: str) -> int:
    """Reads on from every hundredth character to the end: a square."""
    return sum(sum(map(ord, text[start:])) for start in range(0, len(text), 100))


def test_a_linear_cost_does_not_outgrow_linear():
    assert outgrows_linear(text_of, 400_000, read_once) < SUPERLINEAR_AT_EIGHT_TIMES


def test_a_cost_in_the_square_of_the_length_outgrows_linear():
    assert outgrows_linear(text_of, 5_000, read_from_every_start) > (
        SUPERLINEAR_AT_EIGHT_TIMES
    )


def test_four_times_a_linear_cost_is_well_short_of_the_square():
    small, large = grows_linearly(text_of, 100_000, read_once)
    assert (large + 0.001) / (small + 0.001) < 9
    small, large = grows_linearly(text_of, 5_000, read_from_every_start)
    assert large / small > 9
