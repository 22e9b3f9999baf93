"""Pairs of titles that difflib finds alike, without comparing every pair.

``near_duplicates`` reports two entries of lessons.yml whose normalised
titles reach ``difflib.SequenceMatcher(None, a, b).ratio() >= ratio``.
Comparing every pair with difflib took about 6 s for 1,000 lessons, and
60,000 never finished. Here a pair is given to difflib only when it can
reach the ratio, and the pairs found are the same, in the same order.

Why a pair that reaches the ratio is never skipped. difflib's ratio is
``2 * M / T``: M characters matched, in blocks that run in order through
both titles, and T their two lengths together. So the titles differ by at
most ``D = T - 2 * M <= (1 - ratio) * T`` characters inserted or deleted
(the longest common subsequence is at least M). Split the shorter title, s,
into ``tau + K`` pieces, where ``tau`` is the most such edits s can have
with any title long enough to pair with it: an edit touches at most one
piece, so at least K pieces are untouched, and each appears in the other
title, r, as it is, moved by the edits before it. With ``delta = len(r) -
len(s)``, the move lies in ``[(delta - D) / 2, (delta + D) / 2]`` (edits
before and after it are counted apart, at most D in all). So:

- every title is indexed by its pieces, each keyed by its place among
  them; r looks up, for each length that can pair with its own, each piece
  at each place it could have moved to (a *candidate* is a title holding
  any piece found);
- a candidate is given to difflib only if at least K of its pieces were
  found.

The index's own work still grows with the square of the vocabulary when
titles share many pieces where they stand (every title begins "Lesson
0…", say); a ratio of 0.85 leaves titles sharing nothing longer than three
characters in a row (``abcdefghi`` and ``abcXdefYghi`` reach 0.857), so no
longer piece can be asked for without missing pairs. Such titles pass the
index as pairs, every one of them, and so pass difflib's two cheap bounds
(the shared start counts for both). So a candidate goes to difflib only
when its longest common subsequence, which rapidfuzz finds in C in a
fraction of difflib's time, reaches the ratio (``_may_reach``): on 600
titles that all begin alike it takes the time from 15 s to 0.7 s, the
index's own. What the index saves is difflib's work, the cost of the old
way: on varied titles it compares under one pair in a hundred
(docs/writing.md has the figures).

Where titles are so alike that the pairs themselves, or the candidates,
grow with the square of their number, the check stops at a budget in
proportion to the number of titles (``work_budget``), its work counted as
it goes; the titles are taken shortest first, and the caller says in one
line how many were checked. No vocabulary of varied titles comes near it.

Lengths first: ``2 * min / T >= ratio`` (difflib's ``real_quick_ratio``)
bounds the shorter title below. A title too short to split into pieces
(fewer characters than pieces) is a candidate of every title of a length
it can pair with. The bounds are kept a hair wide (``_SLACK``) so that
floating point never narrows them.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import LCSseq

#: Untouched pieces a pair must show before difflib compares it. More pieces
#: are shorter and match more by chance; six cut the comparisons most on
#: vocabularies of varied titles (docs/writing.md has the figures).
_UNTOUCHED = 6
_SLACK = 1e-9


@dataclass
class AlikeTitles:
    """The pairs found, as indexes into the titles, and the work it took."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    candidates: int = 0  # pairs the index looked at: a piece in common
    compared: int = 0  # pairs difflib compared (past the index and the LCS)
    work: int = 0  # index look-ups, candidates, comparisons: ``work_budget``
    titles: int = 0  # titles given
    #: Titles looked at, shortest first, before the work ran past its
    #: budget (all of them when it did not): the pairs are those among them.
    checked: int = 0

    @property
    def stopped(self) -> bool:
        return self.checked < self.titles


def alike_titles(titles: Sequence[str], ratio: float) -> AlikeTitles:
    """Every pair ``(i, j)``, ``i < j``, in order, whose titles reach
    ``ratio`` as ``near_duplicates`` compares them (``titles[i]`` first)."""
    found = AlikeTitles(titles=len(titles))
    if ratio > 1:  # no ratio is over 1
        found.checked = len(titles)
        return found
    pairs = set()
    for i, j in _candidates(titles, ratio, found):
        found.work += 1
        first, second = (i, j) if i < j else (j, i)
        if not _may_reach(titles[first], titles[second], ratio):
            continue
        found.compared += 1
        # difflib's work grows with the titles' lengths (at least).
        found.work += len(titles[first]) + len(titles[second])
        if _reaches(titles[first], titles[second], ratio):
            pairs.add((first, second))
    found.pairs = sorted(pairs)
    return found


#: The work the check may do for each title, and at least: index look-ups
#: and candidate pairs count one each, a pair difflib compares the length of
#: its two titles. Titles so alike that every pair is a candidate, or a
#: near-duplicate (600 titles "Lesson 000001 …" took 5 s, 2,400 took 90 s,
#: and gave 2.9 million warnings), would otherwise take time in the square of
#: their number; 1,000 varied titles take a ninth of it, 10,000 a third
#: (tests/test_hunt11.py).
WORK_PER_TITLE = 10_000
WORK_FLOOR = 2_000_000


def work_budget(titles: int) -> int:
    return WORK_FLOOR + WORK_PER_TITLE * titles


def _may_reach(first: str, second: str, ratio: float) -> bool:
    """Whether the longest common subsequence of the two titles (rapidfuzz,
    bit-parallel C) lets them reach ``ratio``: difflib's matching blocks run
    in order through both, so they are a common subsequence, and its M is
    never more. The ratio is made as difflib makes it, so the bound is
    never narrower than difflib's own verdict."""
    length = len(first) + len(second)
    if not length:
        return True
    return 2.0 * LCSseq.similarity(first, second) / length >= ratio


def _reaches(first: str, second: str, ratio: float) -> bool:
    """difflib's verdict, its two cheap upper bounds first."""
    matcher = difflib.SequenceMatcher(None, first, second)
    return (
        matcher.real_quick_ratio() >= ratio
        and matcher.quick_ratio() >= ratio
        and matcher.ratio() >= ratio
    )


def _most_edits(length: int, ratio: float) -> int | None:
    """``tau``: the most characters a title of ``length`` can differ by from
    a title long enough to pair with it; None where it cannot be split into
    more pieces than that (every ratio at or below 0 pairs anything)."""
    if ratio <= 0:
        return None
    most = 2 * length * (1 - ratio) / ratio + _SLACK  # inf for a tiny ratio
    if most + _UNTOUCHED > length:
        return None
    return math.floor(most)


def _pieces(length: int, count: int) -> list[tuple[int, int]]:
    """``count`` pieces of a title of ``length``: (start, size), in order."""
    size, longer = divmod(length, count)
    pieces, start = [], 0
    for number in range(count):
        width = size + (number >= count - longer)
        pieces.append((start, width))
        start += width
    return pieces


def _candidates(titles: Sequence[str], ratio: float, found: AlikeTitles):
    """Pairs that may reach ``ratio``, each once; counted on ``found``."""
    index: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    unsplit: dict[int, list[int]] = defaultdict(list)  # length -> titles
    indexed: set[int] = set()  # lengths of the titles in the index
    by_length = sorted(range(len(titles)), key=lambda number: len(titles[number]))
    budget = work_budget(len(titles))
    for number in by_length:
        if found.work > budget:
            return  # the check stops here, and says so (``stopped``)
        found.checked += 1
        title = titles[number]
        untouched: Counter[int] = Counter()  # title -> its pieces found here
        proposed = set()
        for length in _pairing_lengths(len(title), ratio):
            proposed.update(unsplit.get(length, ()))
            if length not in indexed:
                continue
            most = _most_edits(length, ratio)
            edits = math.floor((length + len(title)) * (1 - ratio) + _SLACK)
            for place, (start, size) in enumerate(_pieces(length, most + _UNTOUCHED)):
                low, high = _moved(start, size, length, len(title), edits)
                holding = set()
                found.work += high + 1 - low
                for moved in range(low, high + 1):
                    key = (length, place, title[moved : moved + size])
                    holding.update(index.get(key, ()))
                untouched.update(holding)
        found.candidates += len(proposed) + len(untouched)
        found.work += len(proposed) + len(untouched)
        proposed.update(
            other for other, pieces in untouched.items() if pieces >= _UNTOUCHED
        )
        yield from ((other, number) for other in proposed)
        most = _most_edits(len(title), ratio)
        if most is None:
            unsplit[len(title)].append(number)
            continue
        for place, (start, size) in enumerate(_pieces(len(title), most + _UNTOUCHED)):
            index[(len(title), place, title[start : start + size])].append(number)
        indexed.add(len(title))


def _pairing_lengths(length: int, ratio: float) -> range:
    """The lengths, up to ``length``, of titles that can pair with one of
    ``length``: ``2 * shorter / (shorter + length) >= ratio``."""
    shortest = math.floor(ratio * length / (2 - ratio) - _SLACK) if ratio > 0 else 0
    return range(max(shortest, 0), length + 1)


def _moved(
    start: int, size: int, shorter: int, longer: int, edits: int
) -> tuple[int, int]:
    """Where a piece at ``start`` of a title of length ``shorter`` can start
    in one of length ``longer`` with at most ``edits`` edits between them."""
    delta = longer - shorter
    low = start + math.ceil((delta - edits) / 2)
    high = start + math.floor((delta + edits) / 2)
    return max(low, 0), min(high, longer - size)
