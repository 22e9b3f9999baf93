"""Near-duplicate lessons (`near-duplicate-lessons`): found without
comparing every pair of lessons.yml's entries, and exactly the pairs that
comparing every pair finds (plugins/reflections/resolve/alike.py says why
no pair that reaches the ratio is skipped)."""

from __future__ import annotations

import difflib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reflections.resolve.alike import alike_titles
from reflections.resolve.vocabulary import load_vocabulary


def every_pair(titles: list[str], ratio: float) -> list[tuple[int, int]]:
    """The plain way: every pair compared, as near_duplicates once did."""
    found = []
    for first in range(len(titles)):
        for second in range(first + 1, len(titles)):
            matcher = difflib.SequenceMatcher(None, titles[first], titles[second])
            if (
                matcher.real_quick_ratio() >= ratio
                and matcher.quick_ratio() >= ratio
                and matcher.ratio() >= ratio
            ):
                found.append((first, second))
    return found


def varied_titles(count: int, seed: int = 7) -> list[str]:
    """Lesson titles as a vocabulary has them: three to seven words, from
    a few thousand, every title different."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghjklmnprstvwyz" for v in "aeiou"]
    words = sorted(
        {"".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(3000)}
    )
    titles: dict[str, None] = {}
    while len(titles) < count:
        title = " ".join(rng.choices(words, k=rng.randint(3, 7)))
        titles[title[0].upper() + title[1:]] = None
    return list(titles)


class CountingMatcher(difflib.SequenceMatcher):
    made = 0

    def __init__(self, *args, **kwargs):
        type(self).made += 1
        super().__init__(*args, **kwargs)


def test_a_thousand_lessons_are_not_compared_pair_by_pair(tmp_path, monkeypatch):
    titles = varied_titles(1000)
    # Three near-duplicates, each a typo of a title that is in the file.
    titles[10] = titles[900][:-1] + "x"
    titles[20] = titles[901].replace(" ", "  ", 1) + "s"
    titles[30] = "The " + titles[902]
    path = tmp_path / "lessons.yml"
    path.write_text(
        "".join(f"lesson-{n}:\n  title: {t!r}\n" for n, t in enumerate(titles)),
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(path)
    monkeypatch.setattr(difflib, "SequenceMatcher", CountingMatcher)

    pairs = [(a.slug, b.slug) for a, b in vocabulary.near_duplicates(0.85)]

    assert ("lesson-10", "lesson-900") in pairs
    assert ("lesson-20", "lesson-901") in pairs
    assert ("lesson-30", "lesson-902") in pairs
    every = 1000 * 999 // 2
    assert CountingMatcher.made < every // 50  # under 2% of the 499,500 pairs


def test_the_index_counts_the_pairs_it_looks_at_and_those_difflib_compares():
    """The index's own work is counted too, and said as it is: on varied
    titles it looks at about half the pairs (a piece of three letters in
    common), each for a few dictionary look-ups, and difflib compares under
    one in a hundred of them."""
    found = alike_titles(varied_titles(1000), 0.85)
    assert found.compared * 100 < found.candidates <= 1000 * 999 // 2


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab c", max_size=40), max_size=30),
    st.one_of(
        st.sampled_from([0.0, 0.5, 2 / 3, 0.7, 0.85, 0.9, 1.0]),
        st.floats(min_value=0, max_value=1),
    ),
)
def test_the_pairs_found_are_those_every_pair_compared_finds(titles, ratio):
    """Titles of few letters are alike often, at any ratio from 0 to 1, so
    every bound the index uses is tried at its edge."""
    assert alike_titles(titles, ratio).pairs == every_pair(titles, ratio)


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([0.6, 0.75, 0.85, 0.95]))
def test_typos_of_long_titles_are_found_as_every_pair_finds_them(rng, ratio):
    """Long titles with a few characters inserted, deleted or changed: the
    pairs near the ratio, where a piece moved by the edits must be looked
    for where it went."""
    titles = varied_titles(12, seed=rng.randint(0, 10**6))
    for title in list(titles):
        letters = list(title.lower())
        for _ in range(rng.randint(1, 6)):
            place = rng.randrange(len(letters))
            edit = rng.choice(("insert", "delete", "change"))
            if edit == "insert":
                letters.insert(place, rng.choice("aeiou "))
            elif edit == "delete" and len(letters) > 1:
                del letters[place]
            else:
                letters[place] = rng.choice("xyz")
        titles.append("".join(letters))
    assert alike_titles(titles, ratio).pairs == every_pair(titles, ratio)
