"""How a cost grows with its input, told apart on a busy machine.

A cost is compared as a ratio within one run, never against a clock, and
as this process's CPU time, the least of a few runs: other processes add
to the wall clock, and a pause (a collection) to one run.

Two questions, with a margin each way that noise does not cross:

* ``grows_linearly``: four times the input may take four times as long,
  and the tests allow nine, well short of the sixteen of a square.
* ``outgrows_linear``: where a test documents that a library's reading
  grows as the square of its input (why a check stands in front of it),
  eight times the input must take more than twelve times as long beyond a
  call's own cost. Eight is linear and sixty-four the square. A step of
  four was too short: the library's linear share at a test's small size
  held the ratio near nine, and a slow CI machine measured 7.6 where the
  test asked for 8.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: A quadratic cost at eight times the input is 64 times; linear is 8.
SUPERLINEAR_AT_EIGHT_TIMES = 12


def least_cpu_seconds(work: Callable[[], object], runs: int = 3) -> float:
    """This process's CPU time for ``work``, the least of ``runs``."""
    return least_cpu_seconds_of_each([work], rounds=runs)[0]


def least_cpu_seconds_of_each(
    works: list[Callable[[], object]], rounds: int = 3
) -> list[float]:
    """This process's CPU time for each of ``works``, the least of
    ``rounds``, measured in turn round after round. A virtual machine's
    busy spell (a neighbour on the same core) slows every run within it,
    CPU time too, and lasts longer than a small input's few runs: measured
    in turn, each input's least falls in a quiet moment, not one of them
    in a busy spell the others missed."""
    best = [float("inf")] * len(works)
    for _ in range(rounds):
        for index, work in enumerate(works):
            start = time.process_time()
            work()
            best[index] = min(best[index], time.process_time() - start)
    return best


def grows_linearly(make: Callable[[int], str], small: int, work) -> tuple:
    """The CPU seconds of ``work`` on ``make(small)`` and on four times it."""
    little, large = make(small), make(4 * small)
    small_cost, large_cost = least_cpu_seconds_of_each(
        [lambda: work(little), lambda: work(large)]
    )
    return small_cost, large_cost


def outgrows_linear(make: Callable[[int], str], small: int, work) -> float:
    """How many times ``work`` costs on eight times ``make(small)`` what it
    costs on ``make(small)``, each less the cost of a call on ``make(0)``
    (a converter's own set-up, which would pull the ratio towards one)."""
    empty, little, large = make(0), make(small), make(8 * small)
    own, small_cost, large_cost = least_cpu_seconds_of_each(
        [lambda: work(empty), lambda: work(little), lambda: work(large)], rounds=4
    )
    return (large_cost - own) / max(small_cost - own, 1e-6)
