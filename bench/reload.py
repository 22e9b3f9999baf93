"""Save-to-reload in `make serve`: from a post saved to the new page served.

Part of ``make bench`` (bench/run.py calls ``save_to_reload``), and alone
as ``make bench-reload``. For the
sample site and a generated corpus of ``--posts`` posts it starts
``tools/build.py serve`` (what ``make serve`` runs, warm builder and all)
on a free port, with the post's page open (an event stream registered for
it, as the page's reload script registers), then ``--rounds`` times: save
a new sentence into the post's body, wait for the event that reloads the
open page (the first pass that rebuilt it, or a whole build), and fetch
the page until it holds the sentence. That wait is what a writer sees: the
page reloads on the event and its request is answered at once. Then the
wait goes on for the whole build to be swapped in: the rest of the site
(other pages, feeds, search, preview images) is in place from then on.
Printed beside the targets (sample site <= 1 s, 1,000 posts <= 3 s), with
where the time goes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from corpus import write_corpus  # noqa: E402  (bench/corpus.py)
from preview import OpenPage, Preview, is_whole_build  # noqa: E402  (tests/preview.py)
from sitebuild import copy_project  # noqa: E402  (tests/sitebuild.py)

TARGETS = {"sample": 1.0, "corpus": 3.0}


def measure(
    project: Path, post: Path, page: str, work: Path, rounds: int, open_page=True
) -> dict:
    """``post`` is a file of ``project``'s content, a copy of the project in
    the work folder: an edit of the project's own theme or plugins while the
    benchmark runs is no edit of the site it measures."""
    original = post.read_text(encoding="utf-8")
    # Not registered as open: no first pass, the whole build alone, as
    # make serve did before it had one.
    name = page.strip("/") + "/index.html" if open_page else ""
    totals, wholes, first, watching, building, swapping = [], [], [], [], [], []
    with Preview(
        project / "content", work / "output", conf=project / "pelicanconf.py"
    ) as preview:
        stream = OpenPage(preview.url, name)
        stream.wait_for(is_whole_build)
        try:
            for number in range(1, rounds + 1):
                sentence = f"Sentence {number} saved during the preview."
                time.sleep(1.0)  # a writer's pause between saves
                seen = len(stream.events)
                saved = time.time()
                post.write_text(
                    original.replace("\n\n", f"\n\n{sentence}\n\n", 1),
                    encoding="utf-8",
                )
                shown = stream.wait_for(
                    lambda event: is_whole_build(event) or name in event["pages"],
                    after=seen,
                )  # the event the page reloads on
                while sentence.encode() not in fetch(preview.url + page):
                    time.sleep(0.02)
                totals.append(time.time() - saved)
                event = stream.wait_for(is_whole_build, after=seen)
                wholes.append(event["swapped"] - saved)
                if not is_whole_build(shown):
                    first.append(shown["built"] - shown["started"])
                watching.append(event["started"] - saved)
                building.append(event["built"] - event["started"])
                swapping.append(event["swapped"] - event["built"])
        finally:
            stream.close()
            post.write_text(original, encoding="utf-8")
    return {
        "median": statistics.median(totals),
        "worst": max(totals),
        "whole": statistics.median(wholes),
        "first_pass": statistics.median(first) if first else None,
        "watch": statistics.median(watching),
        "pelican": statistics.median(building),
        "swap": statistics.median(swapping),
    }


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def save_to_reload(
    work: Path, posts: int, rounds: int, open_page: bool = True
) -> dict[str, dict]:
    """Save-to-reload on the sample site and on a corpus of ``posts`` posts,
    each a median of ``rounds`` edits, keyed "sample" and "corpus";
    ``open_page`` False: the page is not registered as open (no first
    pass)."""
    sample = copy_project(work / "sample" / "project")
    generated = write_corpus(work / "corpus" / "generated", posts)
    corpus = copy_project(work / "corpus" / "project", content=generated)
    written = sorted((corpus / "content" / "posts").glob("*.md"))
    middle = written[len(written) // 2]
    number = middle.stem.rsplit("-", 1)[1]
    cases = {
        "sample": (
            sample,
            sample / "content" / "posts" / "2025-09-14-two-levels-up.md",
            "/2025/two-levels-up/",
        ),
        "corpus": (corpus, middle, f"/{middle.name[:4]}/reflection-{number}/"),
    }
    found = {}
    for key, (project, post, page) in cases.items():
        found[key] = measure(project, post, page, work / key, rounds, open_page)
        found[key]["target"] = TARGETS[key]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--no-first-pass",
        action="store_true",
        help="do not register the page as open: the whole build alone, for comparison",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as folder:
        found = save_to_reload(
            Path(folder), args.posts, args.rounds, not args.no_first_pass
        )
    names = {"sample": "sample site", "corpus": f"{args.posts:,} posts"}
    print(f"Save-to-reload in make serve, median of {args.rounds} edits\n")
    print(
        "| site | open page shows the edit | worst | target | first pass "
        "| whole site in place | its Pelican |"
    )
    print("|---|---|---|---|---|---|---|")
    for key, figures in found.items():
        verdict = "met" if figures["median"] <= figures["target"] else "MISSED"
        first = figures["first_pass"]
        print(
            f"| {names[key]} | {figures['median']:.2f} s | {figures['worst']:.2f} s "
            f"| <= {figures['target']:.0f} s ({verdict}) "
            f"| {'none' if first is None else f'{first:.2f} s'} "
            f"| {figures['whole']:.2f} s | {figures['pelican']:.2f} s |"
        )


if __name__ == "__main__":
    main()
