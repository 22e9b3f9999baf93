"""`make bench`: this site's build against stock Pelican, measured in one run.

For a generated corpus of N posts (default 1,000) it builds, alternating
A B A B ..., (a) stock Pelican (same version, built-in theme, no plugins)
and (b) this site's full publish configuration (every plugin, the theme, all
feeds), each in a fresh process. It reports medians, the ratio b/a, the
plugins' own share of (b), peak memory, a cached rebuild after editing one
post (and whether its output matches a cold build's) and, for N above
1,000, how (b) scales against a 1,000-post corpus. Results go to the
terminal and to bench/RESULTS.md (the latest run), and for other corpus
sizes also to bench/RESULTS-<N>.md.

Speed is only ever compared within one run: the machines are small and
noisy, so absolute times mean little, and the test suite has none.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from corpus import write_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
STOCK_CONF = HERE / "stock_pelicanconf.py"
SITE_CONF = ROOT / "publishconf.py"
TARGETS = {
    "ratio": 0.85,
    "plugin_share": 0.05,
    "scaling": 10.5,
    "memory": 1.25,
    "rebuild": 0.5,
}


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    plugin_seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    worker_peak_kib: list[int] = field(default_factory=list)

    def add(self, figures: dict) -> None:
        self.seconds.append(figures["seconds"])
        self.plugin_seconds.append(figures["plugin_seconds"])
        self.peak_kib.append(figures["peak_rss_kib"])
        self.worker_peak_kib.append(figures["worker_peak_rss_kib"])

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def plugin_share(self) -> float:
        shares = [p / s for p, s in zip(self.plugin_seconds, self.seconds, strict=True)]
        return statistics.median(shares)

    @property
    def peak_mib(self) -> float:
        return max(self.peak_kib) / 1024

    @property
    def worker_peak_mib(self) -> float:
        return max(self.worker_peak_kib) / 1024


def build(
    conf: Path, content: Path, name: str, *extra: str, cache: bool = False
) -> dict:
    """One build in a fresh process; returns its figures."""
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


def site_build(
    content: Path, name: str, *extra: str, cache: bool = False, timed: bool = True
) -> dict:
    """A build of this site; ``timed`` wraps the plugins in timers. The
    rebuild leaves them out: some timers end up in the settings (as Jinja
    globals), and what they have counted differs from build to build, so
    the page cache would find no page."""
    plugin_time = ("--plugin-time",) if timed else ()
    return build(SITE_CONF, content, name, *plugin_time, *extra, cache=cache)


ONE_PROCESS = ("--setting", "REFLECTIONS_READ_WORKERS=1")


def same_tree(first: Path, second: Path) -> list[str]:
    """Files that differ between two output folders (empty when identical)."""
    differences = []
    comparison = filecmp.dircmp(first, second)
    stack = [comparison]
    while stack:
        current = stack.pop()
        differences += [
            f"only in one: {name}" for name in current.left_only + current.right_only
        ]
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        differences += mismatch + errors
        stack += current.subdirs.values()
    return differences


def rebuild_after_edit(
    content: Path, repeats: int = 3
) -> tuple[float, float, list[str]]:
    """A first build (cache on, empty), then one post edited and rebuilt.

    That is `make html` twice, with an edit in between: the cache is on in
    both, as pelicanconf.py has it. Each is measured ``repeats`` times; the
    rebuild's output is compared with a cold build of the edited content.
    """
    posts = sorted((content / "posts").glob("*.md"))
    post = posts[len(posts) // 2]
    original = post.read_text(encoding="utf-8")
    edited = original.replace("\n\n", "\n\nAn edited sentence.\n\n", 1)
    colds, warms = [], []
    try:
        for _ in range(repeats):
            post.write_text(original, encoding="utf-8")
            shutil.rmtree(WORK / "cache-cached", ignore_errors=True)
            colds.append(
                site_build(content, "cached", cache=True, timed=False)["seconds"]
            )
            post.write_text(edited, encoding="utf-8")
            warms.append(
                site_build(content, "cached", cache=True, timed=False)["seconds"]
            )
        site_build(content, "fresh", cache=False, timed=False)
        differences = same_tree(WORK / "out-cached", WORK / "out-fresh")
    finally:
        post.write_text(original, encoding="utf-8")
    return statistics.median(colds), statistics.median(warms), differences


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
    small = write_corpus(WORK / "corpus-1000", 1000) if arguments.posts > 1000 else None
    stock, site, one_process, site_small = Runs(), Runs(), Runs(), Runs()
    for round_number in range(1, arguments.rounds + 1):
        stock.add(build(STOCK_CONF, content, "stock"))
        site.add(site_build(content, "site"))
        one_process.add(site_build(content, "site-one-process", *ONE_PROCESS))
        if small is not None:
            site_small.add(site_build(small, "site-1000"))
        print(
            f"round {round_number}: stock {stock.seconds[-1]:.2f} s, "
            f"site {site.seconds[-1]:.2f} s, "
            f"site in one process {one_process.seconds[-1]:.2f} s",
            flush=True,
        )
    cold, warm, differences = rebuild_after_edit(content)

    figures = {
        "posts": arguments.posts,
        "rounds": arguments.rounds,
        "stock": stock.median,
        "site": site.median,
        "ratio": site.median / stock.median,
        "one_process": one_process.median,
        "one_process_ratio": one_process.median / stock.median,
        "plugin_share": one_process.plugin_share,
        "stock_peak": stock.peak_mib,
        "site_peak": site.peak_mib,
        "worker_peak": site.worker_peak_mib,
        "one_process_peak": one_process.peak_mib,
        "memory": site.peak_mib / stock.peak_mib,
        "rebuild": warm / cold,
        "rebuild_identical": not differences,
        "scaling": site.median / site_small.median if small is not None else None,
    }
    report = results_markdown(figures, machine())
    print(report)
    if differences:
        print(
            "Cached rebuild differs from a cold build in:",
            *differences[:20],
            sep="\n  ",
        )
    (HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    if arguments.posts != 1000:
        (HERE / f"RESULTS-{arguments.posts}.md").write_text(report, encoding="utf-8")


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "not measured (run `make bench N=10000`)"
    return "meets the target" if value <= target else "MISSES the target"


def results_markdown(f: dict, machine_description: str) -> str:
    scaling = f"{f['scaling']:.2f}" if f["scaling"] is not None else "n/a"
    return f"""# Benchmark results

Measured {datetime.now():%Y-%m-%d %H:%M} on {machine_description}.
Corpus: {f["posts"]} generated posts (bench/corpus.py); {f["rounds"]} rounds,
stock and site builds alternating, each a cold build in a fresh process.

| Figure | Value | Target | |
| --- | --- | --- | --- |
| Stock Pelican, median | {f["stock"]:.2f} s | | |
| This site (publish config), median | {f["site"]:.2f} s | | |
| This site in one process (`REFLECTIONS_READ_WORKERS = 1`), median | {f["one_process"]:.2f} s ({f["one_process_ratio"]:.2f} of stock) | | |
| Site / stock | {f["ratio"]:.2f} | at most {TARGETS["ratio"]} | {verdict(f["ratio"], TARGETS["ratio"])} |
| Plugins' own work, share of the one-process build | {f["plugin_share"]:.1%} | under {TARGETS["plugin_share"]:.0%} | {verdict(f["plugin_share"], TARGETS["plugin_share"])} |
| Peak memory, stock | {f["stock_peak"]:.0f} MiB | | |
| Peak memory, site (main process) | {f["site_peak"]:.0f} MiB | | |
| Peak memory, site (largest worker) | {f["worker_peak"]:.0f} MiB | | |
| Peak memory, site in one process | {f["one_process_peak"]:.0f} MiB | | |
| Peak memory, site / stock | {f["memory"]:.2f} | at most {TARGETS["memory"]} | {verdict(f["memory"], TARGETS["memory"])} |
| Rebuild after editing one post (cache on) / cold build | {f["rebuild"]:.2f} | at most {TARGETS["rebuild"]} | {verdict(f["rebuild"], TARGETS["rebuild"])} |
| Cached rebuild output identical to a cold build's | {"yes" if f["rebuild_identical"] else "NO"} | yes | |
| Site build, this corpus / 1,000 posts | {scaling} | at most {TARGETS["scaling"]} | {verdict(f["scaling"], TARGETS["scaling"])} |

Reproduce with `make bench` (or `make bench N=10000`).
"""


if __name__ == "__main__":
    main()
