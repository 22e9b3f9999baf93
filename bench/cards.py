"""The CPU cost of one preview image, measured apart from the build.

``python bench/cards.py [--posts 1000] [--instructions]`` draws the cards of
the benchmark corpus (each post's title and lessons, and the site name) the
way a build does, in a fresh process, and reports the CPU time per card:
the median of three processes, each drawing every card once, so what the
drawing code keeps between cards (glyphs, whole lines) is paid for in the
figure as a build pays for it. With ``--instructions`` it also counts the
instructions per card with valgrind's callgrind, which unlike time does not
change with the machine's load: a run that draws every card, less a run
that draws none, divided by the number of cards.

The issue's budget is 1.5 ms of CPU per card.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))
BUDGET_MS = 1.5
SITE_NAME = "Conversations Worth Keeping"


def corpus_cards(posts: int):
    """Each post's card, as the social plugin makes it from the corpus."""
    from corpus import generate

    from social.card import Card

    cards = []
    for _, text, _ in generate(posts):
        head = text.split("\n\n", 1)[0]
        fields = dict(line.split(": ", 1) for line in head.splitlines())
        lessons = (lesson.strip() for lesson in fields["Lessons"].split(";"))
        cards.append(Card(fields["Title"], tuple(filter(None, lessons)), SITE_NAME))
    return cards


def draw(posts: int, count: int) -> dict:
    """In this process: draw the first ``count`` cards; their CPU time."""
    from social.card import Fonts, draw_card
    from social.settings import FONTS

    fonts = Fonts(FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans.ttf")
    cards = corpus_cards(posts)[:count]
    started = time.process_time()
    sizes = [len(draw_card(card, fonts)) for card in cards]
    return {
        "cpu_seconds": time.process_time() - started,
        "cards": len(cards),
        "mean_bytes": statistics.mean(sizes) if sizes else 0,
    }


def in_fresh_process(posts: int, count: int, *wrapper: str) -> dict:
    command = [*wrapper, sys.executable, __file__, "--posts", str(posts)]
    command += ["--draw", str(count)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def cpu_per_card(posts: int, repeats: int = 3) -> dict:
    """Every card of the corpus drawn in each of ``repeats`` fresh
    processes: the median CPU time per card, in ms (``make bench`` reports
    it too)."""
    runs = [in_fresh_process(posts, posts) for _ in range(repeats)]
    return {
        "ms": statistics.median(
            run["cpu_seconds"] / run["cards"] * 1000 for run in runs
        ),
        "cards": runs[0]["cards"],
        "processes": len(runs),
        "kib": runs[0]["mean_bytes"] / 1024,
    }


def instructions(posts: int, count: int) -> int:
    """Instructions a fresh process runs to draw ``count`` cards (callgrind)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        wrapper = ("valgrind", "--tool=callgrind", f"--callgrind-out-file={out}")
        in_fresh_process(posts, count, *wrapper)
        summary = re.search(r"^summary:\s*(\d+)", out.read_text(), re.M)
        return int(summary[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--draw", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.draw is not None:
        print(json.dumps(draw(arguments.posts, arguments.draw)))
        return

    found = cpu_per_card(arguments.posts, arguments.repeats)
    verdict = "within" if found["ms"] <= BUDGET_MS else "OVER"
    print(
        f"{found['cards']} cards: {found['ms']:.2f} ms of CPU each "
        f"(median of {found['processes']} processes; {verdict} the {BUDGET_MS} ms "
        f"budget), {found['kib']:.1f} KiB each on average"
    )
    if arguments.instructions:
        count = min(arguments.posts, 200)  # callgrind runs ~50 times slower
        drawn = instructions(arguments.posts, count)
        baseline = instructions(arguments.posts, 0)
        print(f"{(drawn - baseline) / count / 1e6:.2f} million instructions per card")


if __name__ == "__main__":
    main()
