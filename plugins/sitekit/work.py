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
#: start(function, items) -> results, in order, as they are taken; None
#: when the work is not worth starting apart (too little of it).
AheadRunner = Callable[[Callable[[Any], Any], Sequence[Any]], Iterator[Any] | None]

_runner: Runner | None = None
_ahead_runner: AheadRunner | None = None


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


def work_ahead(
    function: Callable[[Item], Result], items: Iterable[Item]
) -> Iterator[Result] | None:
    """``function`` over ``items`` started now, in other processes, its
    results to be taken in order later; or None, and nothing started, when
    no runner can start work apart: the caller then does the work when it
    needs the results, as it would have.

    The results wait in this process until they are taken, so they should
    be small: a stored file's name, not its bytes."""
    if _ahead_runner is None:
        return None
    return _ahead_runner(function, list(items))


def install_runner(runner: Runner | None, ahead: AheadRunner | None = None) -> None:
    """Set (or, with None, remove) the runners for the rest of the build."""
    global _runner, _ahead_runner
    _runner = runner
    _ahead_runner = ahead
