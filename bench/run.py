"""`make bench`: this site's build against stock Pelican and its like-for-like
peer, every figure of issue 21's Targets table measured in one run.

For a generated corpus of N posts (default 1,000; bench/corpus.py) each
round builds, in an order that rotates from round to round:

- **stock**: stock Pelican (same version, built-in theme, no plugins);
- **peer**: what a user would assemble for the same features, stock
  Pelican with pelican-sitemap, then the Pagefind command over its output;
- **site**: this site's publish configuration (every plugin, the theme,
  every feed, search, preview images), the cold build a user runs;
- **without fastbuild**: the same with the optional fastbuild plugin out;

each a cold build in a fresh process with fresh output and cache folders.
Then, still in the round, a **rebuild**: this site's build again after one
post's body was edited, Pelican's content cache and the image cache kept
from a build of the corpus before the edit, divided by the round's cold
site build.

Every build is measured from outside its process (``os.wait4``): the wall
time from start to exit (Python's start-up included, for every build
alike), the CPU time of the process and of every process it started and
waited for (fastbuild's workers, Pagefind's), and the peak memory of the
largest of them.

Then **where the time goes**: the site built in one process (fastbuild
out) with everything, and once without each feature in turn; a feature's
own cost is the CPU time it adds, per post. And the sample site's cold
``make html``, and (at 1,000 posts) ``make serve``'s save-to-reload time
on the sample site and the corpus (bench/reload.py). Results go to the terminal and to bench/RESULTS.md
(bench/RESULTS-<N>.md for other sizes, with the figures as JSON beside
it), and the "where the time goes" table into docs/performance.md.

Speed is only ever compared within one run: the machines are small and
noisy, so absolute times mean little, and the test suite has none. Each
figure is a median; the spread (lowest and highest ratio of the rounds) is
reported beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cards import cpu_per_card
from corpus import write_corpus
from features import where_the_time_goes
from measure import (
    HERE,
    ROOT,
    SITE_CONF,
    STOCK_CONF,
    WORK,
    Figures,
    measured,
    pelican_build,
    site_settings,
    without_fastbuild,
)
from reload import save_to_reload
from report import machine, results_markdown, update_docs

sys.path.insert(0, str(ROOT / "tests"))
from outputs import differences


def build_stock(content: Path) -> Figures:
    return pelican_build(STOCK_CONF, content, "stock")


def build_peer(content: Path) -> Figures:
    """Stock Pelican with pelican-sitemap, then Pagefind over the site."""
    from pelican.settings import read_settings

    sitemap = read_settings(str(SITE_CONF))["SITEMAP"]
    pelican = pelican_build(
        STOCK_CONF,
        content,
        "peer",
        {"PLUGINS": ["pelican.plugins.sitemap"], "SITEMAP": sitemap},
    )
    pagefind = measured(
        [sys.executable, "-m", "pagefind", "--site", str(WORK / "out-peer"), "--silent"]
    )
    return pelican + pagefind


def build_site(content: Path) -> Figures:
    return pelican_build(SITE_CONF, content, "site", site_settings())


def build_without_fastbuild(content: Path) -> Figures:
    return pelican_build(
        SITE_CONF, content, "plain", site_settings(**without_fastbuild())
    )


BUILDS = {
    "stock": build_stock,
    "peer": build_peer,
    "site": build_site,
    "without fastbuild": build_without_fastbuild,
}


class EditedPost:
    """One post of the corpus whose body is edited for a rebuild."""

    def __init__(self, content: Path):
        posts = sorted((content / "posts").glob("*.md"))
        self.path = posts[len(posts) // 2]
        self.original = self.path.read_text(encoding="utf-8")

    def edit(self) -> None:
        edited = self.original.replace("\n\n", "\n\nAn edited sentence.\n\n", 1)
        self.path.write_text(edited, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def warm_cache(content: Path) -> None:
    """The caches of a build of the corpus before the edit: Pelican's
    content cache and the preview images."""
    pelican_build(SITE_CONF, content, "warm", site_settings(), keep_cache=True)


def rebuild(content: Path, post: EditedPost) -> Figures:
    """The site after ``post``'s edit, from a copy of the warm caches."""
    shutil.rmtree(WORK / "cache-rebuild", ignore_errors=True)
    shutil.copytree(WORK / "cache-warm", WORK / "cache-rebuild")
    post.edit()
    try:
        return pelican_build(
            SITE_CONF, content, "rebuild", site_settings(), keep_cache=True
        )
    finally:
        post.restore()


def rebuild_differences(content: Path, post: EditedPost) -> list[str]:
    """Files in which the last rebuild differs from a cold build of the
    edited corpus."""
    post.edit()
    try:
        pelican_build(SITE_CONF, content, "fresh", site_settings())
    finally:
        post.restore()
    return differences(WORK / "out-rebuild", WORK / "out-fresh")


def sample_make_html(repeats: int = 3) -> float:
    """A cold `make html` of the sample site, .venv already set up."""
    times = []
    for _ in range(repeats):
        scratch = WORK / "sample"
        shutil.rmtree(scratch, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [
                "make", "--no-print-directory", "html",
                f"OUTPUTDIR={scratch / 'output'}",
                f"PELICANOPTS=--cache-path {scratch / 'cache'}",
            ],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@dataclass
class Series:
    figures: list[Figures] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(f, attribute) for f in self.figures)

    def peak(self) -> float:
        return max(f.peak_mib for f in self.figures)


def ratio(first: Series, second: Series, attribute: str = "wall") -> dict:
    """Median of the round-by-round ratios, with their lowest and highest."""
    ratios = [
        getattr(a, attribute) / getattr(b, attribute)
        for a, b in zip(first.figures, second.figures, strict=True)
    ]
    return {
        "median": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark this site against stock Pelican and its peer."
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile-rounds", type=int, default=2)
    parser.add_argument(
        "--no-sample", action="store_true", help="skip the sample site's make html"
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=HERE,
        help="the folder RESULTS.md and results.json are written to (bench/)",
    )
    parser.add_argument(
        "--no-reload",
        action="store_true",
        help="skip make serve's save-to-reload (measured at 1,000 posts only)",
    )
    arguments = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]

    content = write_corpus(WORK / f"corpus-{arguments.posts}", arguments.posts)
    post = EditedPost(content)
    warm_cache(content)
    series = {name: Series() for name in [*BUILDS, "rebuild"]}
    names = list(BUILDS)
    for round_number in range(arguments.rounds):
        turn = round_number % len(names)
        for name in names[turn:] + names[:turn]:
            series[name].figures.append(BUILDS[name](content))
        series["rebuild"].figures.append(rebuild(content, post))
        print(
            f"round {round_number + 1}: "
            + ", ".join(f"{n} {s.figures[-1].wall:.2f} s" for n, s in series.items()),
            flush=True,
        )
    changed = rebuild_differences(content, post)
    profile = (
        where_the_time_goes(content, arguments.profile_rounds)
        if arguments.profile_rounds
        else None
    )
    sample = None if arguments.no_sample else sample_make_html()
    cards = cpu_per_card(min(arguments.posts, 1000))
    reload = None
    if arguments.posts == 1000 and not arguments.no_reload:
        shutil.rmtree(WORK / "reload", ignore_errors=True)
        reload = save_to_reload(WORK / "reload", arguments.posts, arguments.rounds)

    stock, peer, site = series["stock"], series["peer"], series["site"]
    figures = {
        "date": f"{datetime.now():%Y-%m-%d %H:%M}",
        "machine": machine(),
        "load": [load_before, os.getloadavg()[0]],
        "posts": arguments.posts,
        "rounds": arguments.rounds,
        "profile_rounds": arguments.profile_rounds,
        "wall": {name: s.median("wall") for name, s in series.items()},
        "cpu": {name: s.median("cpu") for name, s in series.items()},
        "peak_mib": {name: s.peak() for name, s in series.items()},
        "pelican_mib": {
            name: max(f.pelican_mib for f in s.figures) for name, s in series.items()
        },
        "site_stock": ratio(site, stock),
        "site_peer": ratio(site, peer),
        "cpu_site_stock": ratio(site, stock, "cpu"),
        "cpu_peer_stock": ratio(peer, stock, "cpu"),
        "memory_site_stock": site.peak() / stock.peak(),
        "memory_site_peer": site.peak() / peer.peak(),
        "fastbuild_gain": ratio(series["without fastbuild"], site),
        # fastbuild's cuts in its own process show in CPU before wall time
        # (its workers share the two cores): measured in the same rounds.
        "fastbuild_cpu_gain": ratio(series["without fastbuild"], site, "cpu"),
        "rebuild_cold": ratio(series["rebuild"], site),
        "rebuild_identical": not changed,
        "rebuild_differences": changed[:20],
        "profile": profile,
        "stock_cpu_per_post_ms": stock.median("cpu") / arguments.posts * 1000,
        "sample_seconds": sample,
        "card_ms": cards["ms"],
        "reload": reload,
    }
    suffix = "" if arguments.posts == 1000 else f"-{arguments.posts}"
    (arguments.results / f"results{suffix}.json").write_text(
        json.dumps(figures, indent=1) + "\n", encoding="utf-8"
    )
    other = other_size(arguments.posts)
    report = results_markdown(figures, other)
    print(report)
    (arguments.results / f"RESULTS{suffix}.md").write_text(report, encoding="utf-8")
    update_docs(figures, other)


def other_size(posts: int) -> dict | None:
    """The figures of the run at the other size (1,000 or 10,000 posts)."""
    other = HERE / ("results-10000.json" if posts != 10000 else "results.json")
    if other.exists():
        return json.loads(other.read_text(encoding="utf-8"))
    return None


if __name__ == "__main__":
    main()
