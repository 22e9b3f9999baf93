"""Work a plugin hands out: the same function over many items, results in order.

A plugin with much independent work (drawing a preview image per post)
maps a module-level function over its items with ``map_work``. On its own,
the map runs in this process. The optional fastbuild plugin installs a
runner that shares the items among worker processes; the results are the
same, in the same order, so whether it is there changes no output byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: map(function, items) -> results, in order; None to map here.
Runner = Callable[[Callable[[Any], Any], Sequence[Any]], Iterable[Any]]

_runner: Runner | None = None


def map_work(function: Callable[[Item], Result], items: Iterable[Item]) -> list[Result]:
    """``[function(item) for item in items]``, perhaps in other processes:
    ``function`` and the items must pickle."""
    return list(stream_work(function, items))


def stream_work(
    function: Callable[[Item], Result], items: Iterable[Item]
) -> Iterator[Result]:
    """``map_work``'s results one at a time, in order, as they are ready: a
    caller that writes each away holds one result, not all of them (a
    thousand preview images are twenty megabytes)."""
    items = list(items)
    if _runner is None:
        return (function(item) for item in items)
    return iter(_runner(function, items))


def install_runner(runner: Runner | None) -> None:
    """Set (or, with None, remove) the runner for the rest of the build."""
    global _runner
    _runner = runner
