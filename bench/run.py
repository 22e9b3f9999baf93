"""`make bench`: this site's build against stock Pelican, measured in one run.

For a generated corpus of N posts (default 1,000) it builds, in turn, (a)
stock Pelican (same version, built-in theme, no plugins), (b) this site's
full publish configuration (every plugin, the theme, every feed, search,
preview images) and (c) the same without the optional fastbuild plugin,
each a cold build in a fresh process with fresh output and cache folders.
Then it measures a rebuild after editing one post's body (the content cache
on, as `make html` has it) against a cold build with the cache on, and
checks the rebuild's output against a cold build of the edited corpus; and
it times a cold `make html` of the sample site. Results go to the terminal
and to bench/RESULTS.md (bench/RESULTS-<N>.md for other sizes).

Speed is only ever compared within one run: the machines are small and
noisy, so absolute times mean little, and the test suite has none. Each
figure is a median; the spread (lowest to highest ratio over the rounds)
is reported beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from corpus import write_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
STOCK_CONF = HERE / "stock_pelicanconf.py"
SITE_CONF = ROOT / "publishconf.py"
sys.path.insert(0, str(ROOT / "tests"))
from outputs import differences  # noqa: E402

TARGETS = {
    "ratio": 0.8,
    "cpu_ratio": 1.15,
    "memory": 1.25,
    "rebuild": 0.4,
    "sample_seconds": 1.5,
}


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def add(self, figures: dict) -> None:
        self.seconds.append(figures["seconds"])
        self.cpu.append(figures["cpu_seconds"])
        self.peak_kib.append(
            max(figures["peak_rss_kib"], figures["worker_peak_rss_kib"])
        )

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.peak_kib) / 1024


def spread(first: Runs, second: Runs, attribute: str = "seconds") -> str:
    """The lowest and highest round-by-round ratio of two series."""
    ratios = [
        a / b
        for a, b in zip(
            getattr(first, attribute), getattr(second, attribute), strict=True
        )
    ]
    return f"{min(ratios):.2f}–{max(ratios):.2f}"


def build(conf: Path, content: Path, name: str, *extra: str, cache: bool = False):
    """One build in a fresh process, into a fresh output folder."""
    output = WORK / f"out-{name}"
    cache_path = WORK / f"cache-{name}"
    if not cache:
        shutil.rmtree(cache_path, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    command = [
        sys.executable,
        str(HERE / "build_once.py"),
        "--conf", str(conf),
        "--content", str(content),
        "--output", str(output),
        "--cache", str(cache_path),
        *extra,
    ]  # fmt: skip
    if cache:
        command.append("--use-cache")
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, check=False
    )
    if result.returncode != 0:
        sys.exit(f"build {name} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def site_build(content: Path, name: str, *extra: str, cache: bool = False) -> dict:
    return build(
        SITE_CONF,
        content,
        name,
        "--setting",
        'SITEURL="https://e.org"',
        *extra,
        cache=cache,
    )


def without_fastbuild() -> tuple[str, ...]:
    from pelican.settings import read_settings

    plugins = [p for p in read_settings(str(SITE_CONF))["PLUGINS"] if p != "fastbuild"]
    return ("--setting", f"PLUGINS={json.dumps(plugins)}")


def rebuild_after_edit(content: Path, repeats: int = 3):
    """`make html` twice with one post's body edited in between: a cold
    build (cache on, empty), then the rebuild; each ``repeats`` times. The
    rebuild's output is compared with a cold build of the edited corpus."""
    posts = sorted((content / "posts").glob("*.md"))
    post = posts[len(posts) // 2]
    original = post.read_text(encoding="utf-8")
    edited = original.replace("\n\n", "\n\nAn edited sentence.\n\n", 1)
    colds, warms = [], []
    try:
        for _ in range(repeats):
            post.write_text(original, encoding="utf-8")
            shutil.rmtree(WORK / "cache-cached", ignore_errors=True)
            colds.append(site_build(content, "cached", cache=True)["seconds"])
            post.write_text(edited, encoding="utf-8")
            warms.append(site_build(content, "cached", cache=True)["seconds"])
        site_build(content, "fresh")
        changed = differences(WORK / "out-cached", WORK / "out-fresh")
    finally:
        post.write_text(original, encoding="utf-8")
    return statistics.median(colds), statistics.median(warms), changed


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


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pelican

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Pelican {pelican.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark this site against stock Pelican."
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    WORK.mkdir(exist_ok=True)

    content = write_corpus(WORK / f"corpus-{arguments.posts}", arguments.posts)
    stock, site, plain = Runs(), Runs(), Runs()
    for round_number in range(1, arguments.rounds + 1):
        stock.add(build(STOCK_CONF, content, "stock"))
        site.add(site_build(content, "site"))
        plain.add(site_build(content, "plain", *without_fastbuild()))
        print(
            f"round {round_number}: stock {stock.seconds[-1]:.2f} s, "
            f"site {site.seconds[-1]:.2f} s, "
            f"site without fastbuild {plain.seconds[-1]:.2f} s",
            flush=True,
        )
    cold, warm, changed = rebuild_after_edit(content)
    sample = sample_make_html()

    figures = {
        "posts": arguments.posts,
        "rounds": arguments.rounds,
        "stock": stock.median,
        "site": site.median,
        "plain": plain.median,
        "ratio": site.median / stock.median,
        "ratio_spread": spread(site, stock),
        "plain_ratio": plain.median / stock.median,
        "fastbuild_gain": plain.median / site.median,
        "fastbuild_spread": spread(plain, site),
        "stock_cpu": stock.cpu_median,
        "site_cpu": site.cpu_median,
        "cpu_ratio": site.cpu_median / stock.cpu_median,
        "cpu_spread": spread(site, stock, "cpu"),
        "stock_peak": stock.peak_mib,
        "site_peak": site.peak_mib,
        "memory": site.peak_mib / stock.peak_mib,
        "cold_cached": cold,
        "rebuild_seconds": warm,
        "rebuild": warm / cold,
        "rebuild_identical": not changed,
        "sample_seconds": sample,
    }
    report = results_markdown(figures, machine())
    print(report)
    if changed:
        print("The rebuild differs from a cold build in:", *changed[:20], sep="\n  ")
    name = "RESULTS.md" if arguments.posts == 1000 else f"RESULTS-{arguments.posts}.md"
    (HERE / name).write_text(report, encoding="utf-8")


def verdict(value: float, target: float) -> str:
    return "meets the target" if value <= target else "MISSES the target"


def results_markdown(f: dict, machine_description: str) -> str:
    t = TARGETS
    return f"""# Benchmark results

Measured {datetime.now():%Y-%m-%d %H:%M} on {machine_description}.
Corpus: {f["posts"]} generated posts (bench/corpus.py); {f["rounds"]} rounds of
stock Pelican, this site and this site without fastbuild, in turn, each a
cold build in a fresh process with fresh output and cache folders. Medians;
the spread is the lowest and highest ratio of the rounds.

| Figure | Value | Target | |
| --- | --- | --- | --- |
| Stock Pelican, wall time | {f["stock"]:.2f} s | | |
| This site (publish config), wall time | {f["site"]:.2f} s | | |
| This site without fastbuild, wall time | {f["plain"]:.2f} s ({f["plain_ratio"]:.2f} of stock) | | |
| Site / stock, wall time | {f["ratio"]:.2f} (spread {f["ratio_spread"]}) | at most {t["ratio"]} | {verdict(f["ratio"], t["ratio"])} |
| Site / stock, CPU time (every process) | {f["cpu_ratio"]:.2f} ({f["site_cpu"]:.1f} / {f["stock_cpu"]:.1f} s; spread {f["cpu_spread"]}) | at most {t["cpu_ratio"]} | {verdict(f["cpu_ratio"], t["cpu_ratio"])} |
| fastbuild's gain (without / with) | {f["fastbuild_gain"]:.2f}× (spread {f["fastbuild_spread"]}) | above 1, outside the spread | |
| Peak memory of the largest process, stock | {f["stock_peak"]:.0f} MiB | | |
| Peak memory of the largest process, site | {f["site_peak"]:.0f} MiB | | |
| Peak memory, site / stock | {f["memory"]:.2f} | at most {t["memory"]} | {verdict(f["memory"], t["memory"])} |
| Cold build with the content cache on (`make html`'s settings) | {f["cold_cached"]:.2f} s | | |
| Rebuild after editing one post's body | {f["rebuild_seconds"]:.2f} s | | |
| Rebuild / cold build | {f["rebuild"]:.2f} | at most {t["rebuild"]} | {verdict(f["rebuild"], t["rebuild"])} |
| Rebuild output identical to a cold build's | {"yes" if f["rebuild_identical"] else "NO"} | yes | |
| Sample site, cold `make html` | {f["sample_seconds"]:.2f} s | at most {t["sample_seconds"]} s | {verdict(f["sample_seconds"], t["sample_seconds"])} |

Reproduce with `make bench` (`make bench N=10000 ROUNDS=3` for other sizes).
"""


if __name__ == "__main__":
    main()
