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
``make html``. Results go to the terminal and to bench/RESULTS.md
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
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
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
DOCS = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(ROOT / "tests"))
from outputs import differences  # noqa: E402

# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Figures:
    """One build (or a sequence of processes, for the peer) from outside."""

    wall: float  # seconds
    cpu: float  # seconds, every process
    peak_mib: float  # the largest process

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_mib, other.peak_mib),
        )


class BuildFailed(Exception):
    pass


def measured(command: list[str]) -> Figures:
    """Run ``command`` and measure it and every process it waited for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            said = (out.read() + err.read()).decode(errors="replace")
            raise BuildFailed(f"{' '.join(command[:4])}…\n{said[-3000:]}")
    return Figures(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def pelican_build(
    conf: Path,
    content: Path,
    name: str,
    settings: dict | None = None,
    keep_cache: bool = False,
) -> Figures:
    """One Pelican build in a fresh process, into a fresh output folder; a
    fresh cache folder unless ``keep_cache`` (then the content cache is on
    and loaded, as ``make html`` has it)."""
    output = WORK / f"out-{name}"
    cache = WORK / f"cache-{name}"
    shutil.rmtree(output, ignore_errors=True)
    if not keep_cache:
        shutil.rmtree(cache, ignore_errors=True)
    command = [
        sys.executable, str(HERE / "build_once.py"),
        "--conf", str(conf), "--content", str(content),
        "--output", str(output), "--cache", str(cache),
    ]  # fmt: skip
    if keep_cache:
        command.append("--use-cache")
    for setting, value in (settings or {}).items():
        command += ["--setting", f"{setting}={json.dumps(value)}"]
    return measured(command)


def site_settings(**more) -> dict:
    return {"SITEURL": "https://e.org", **more}


def site_plugins() -> list[str]:
    from pelican.settings import read_settings

    return list(read_settings(str(SITE_CONF))["PLUGINS"])


def without_fastbuild() -> dict:
    return {"PLUGINS": [p for p in site_plugins() if p != "fastbuild"]}


# ---------------------------------------------------------------- the builds


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


# ---------------------------------------------------------------- features


@dataclass(frozen=True)
class Feature:
    """Something this site does that stock Pelican does not, and the
    settings that build the site without it."""

    name: str
    without: dict


def _markdown_without(*extensions: str) -> dict:
    from pelican.settings import read_settings

    markdown = read_settings(str(SITE_CONF))["MARKDOWN"]
    configs = {
        name: config
        for name, config in markdown["extension_configs"].items()
        if name.rsplit(".", 1)[-1] not in extensions
    }
    return {**markdown, "extension_configs": configs}


def _plugins_without(*names: str) -> list[str]:
    return [p for p in without_fastbuild()["PLUGINS"] if p not in names]


FEED_SETTINGS = (
    *(
        f"{prefix}_{kind}"
        for prefix in (
            "FEED", "FEED_ALL", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED",
            "LESSON_FEED",
        )
        for kind in ("ATOM", "RSS")
    ),
    "FEED_ALL_JSON", "COMMENT_FEED_ATOM", "COMMENTS_FEED_ATOM",
)  # fmt: skip


def features() -> list[Feature]:
    return [
        Feature(
            "Preview images (a PNG per post)",
            {"SOCIAL_IMAGE_SAVE_AS": None, "SOCIAL_IMAGE_DEFAULT_SAVE_AS": None},
        ),
        Feature("Search: Pagefind's index and the filters", {"SEARCH_SAVE_AS": ""}),
        Feature(
            "`smarty` and `toc` Markdown extensions",
            {"MARKDOWN": _markdown_without("smarty", "toc")},
        ),
        # Lesson callouts are read with each post, and the other plugins
        # build on them: what can be left out is what they produce.
        Feature(
            "Lesson pages, the reflection index and reflections.json",
            {
                "LESSON_SAVE_AS": "",
                "REFLECTIONS_INDEX_SAVE_AS": "",
                "REFLECTIONS_JSON_SAVE_AS": "",
            },
        ),
        Feature(
            "Comments (files read, sanitised, threaded, shown)",
            {"COMMENTS_PATH": "no-comments-here"},
        ),
        Feature(
            "Feeds: site, category, tag, lesson and comment feeds, JSON Feed",
            dict.fromkeys(FEED_SETTINGS),
        ),
        Feature(
            "Sitemap (pelican-sitemap)",
            {"PLUGINS": _plugins_without("pelican.plugins.sitemap")},
        ),
    ]


def one_process(content: Path, name: str, settings: dict) -> Figures:
    return pelican_build(
        SITE_CONF, content, name, site_settings(**{**without_fastbuild(), **settings})
    )


def where_the_time_goes(content: Path, rounds: int) -> dict:
    """Each feature's own CPU time: the one-process build with everything,
    less the one-process build without the feature (medians of rounds)."""
    whole: list[float] = []
    without: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    for round_number in range(rounds):
        whole.append(one_process(content, "profile", {}).cpu)
        for feature in features():
            if feature.name in failed:
                continue
            try:
                cpu = one_process(content, "profile", feature.without).cpu
            except BuildFailed as error:
                failed[feature.name] = str(error).splitlines()[-1][:200]
                continue
            without.setdefault(feature.name, []).append(cpu)
        print(f"profile round {round_number + 1}: one process {whole[-1]:.1f} s CPU")
    everything = statistics.median(whole)
    costs = {
        name: everything - statistics.median(cpus) for name, cpus in without.items()
    }
    return {"whole": everything, "costs": costs, "failed": failed}


# ---------------------------------------------------------------- the run


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
        description="Benchmark this site against stock Pelican and its peer."
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile-rounds", type=int, default=2)
    parser.add_argument(
        "--no-sample", action="store_true", help="skip the sample site's make html"
    )
    arguments = parser.parse_args()
    WORK.mkdir(exist_ok=True)
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
    profile = where_the_time_goes(content, arguments.profile_rounds)
    sample = None if arguments.no_sample else sample_make_html()

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
        "site_stock": ratio(site, stock),
        "site_peer": ratio(site, peer),
        "cpu_site_stock": ratio(site, stock, "cpu"),
        "cpu_peer_stock": ratio(peer, stock, "cpu"),
        "memory_site_stock": site.peak() / stock.peak(),
        "fastbuild_gain": ratio(series["without fastbuild"], site),
        "rebuild_cold": ratio(series["rebuild"], site),
        "rebuild_identical": not changed,
        "rebuild_differences": changed[:20],
        "profile": profile,
        "stock_cpu_per_post_ms": stock.median("cpu") / arguments.posts * 1000,
        "sample_seconds": sample,
    }
    suffix = "" if arguments.posts == 1000 else f"-{arguments.posts}"
    (HERE / f"results{suffix}.json").write_text(
        json.dumps(figures, indent=1) + "\n", encoding="utf-8"
    )
    report = results_markdown(figures, other_size(arguments.posts))
    print(report)
    (HERE / f"RESULTS{suffix}.md").write_text(report, encoding="utf-8")
    update_docs(figures)


def other_size(posts: int) -> dict | None:
    """The figures of the run at the other size (1,000 or 10,000 posts)."""
    other = HERE / ("results-10000.json" if posts != 10000 else "results.json")
    if other.exists():
        return json.loads(other.read_text(encoding="utf-8"))
    return None


# ---------------------------------------------------------------- reporting

NOT_YET = "not measured yet: `make serve`'s reload is issue 21's second part"


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return ""
    return (
        "meets the target"
        if value <= target
        else f"MISSES it by {value / target - 1:.0%}"
    )


def _ratio_text(r: dict) -> str:
    return f"{r['median']:.2f} (spread {r['low']:.2f}–{r['high']:.2f})"


def targets_rows(f: dict, other: dict | None) -> list[tuple[str, str, str, str]]:
    """Issue 21's Targets table: (figure, measured, target, verdict)."""
    posts = f"{f['posts']:,} posts"
    ten_thousand = f if f["posts"] == 10000 else other
    memory_target = 1.5 if f["posts"] >= 10000 else 2.0
    rows = [
        (
            f"cold publish, {posts} / stock, wall",
            _ratio_text(f["site_stock"]),
            "≤ 1.0",
            verdict(f["site_stock"]["median"], 1.0),
        ),
        (
            "cold publish / the like-for-like peer, wall",
            _ratio_text(f["site_peer"]),
            "≤ 0.6",
            verdict(f["site_peer"]["median"], 0.6),
        ),
        (
            "CPU of every process / stock",
            _ratio_text(f["cpu_site_stock"]),
            "≤ 1.6",
            verdict(f["cpu_site_stock"]["median"], 1.6),
        ),
        (
            "peak memory of the largest process / stock",
            f"{f['memory_site_stock']:.2f} ({f['peak_mib']['site']:.0f} / "
            f"{f['peak_mib']['stock']:.0f} MiB)",
            f"≤ {memory_target}"
            + (" (≤ 2.0 at 1,000 posts)" if memory_target == 1.5 else ""),
            verdict(f["memory_site_stock"], memory_target),
        ),
        (
            "rebuild after one body edit / cold",
            _ratio_text(f["rebuild_cold"])
            + ("" if f["rebuild_identical"] else "; NOT identical to a cold build"),
            "≤ 0.2",
            verdict(f["rebuild_cold"]["median"], 0.2),
        ),
        ("save-to-reload, sample site / 1,000 posts", NOT_YET, "≤ 1 s / ≤ 3 s", ""),
    ]
    if ten_thousand:
        when = "" if ten_thousand is f else f" (run of {ten_thousand['date']})"
        rows.append(
            (
                "cold publish at 10,000 posts / stock, wall",
                _ratio_text(ten_thousand["site_stock"]) + when,
                "≤ 1.0",
                verdict(ten_thousand["site_stock"]["median"], 1.0),
            )
        )
    else:
        rows.append(
            (
                "cold publish at 10,000 posts / stock, wall",
                "not measured: run `make bench N=10000`",
                "≤ 1.0",
                "",
            )
        )
    sample = f["sample_seconds"]
    rows.append(
        (
            "sample site, cold `make html`",
            "not measured in this run" if sample is None else f"{sample:.2f} s",
            "≤ 1.0 s",
            verdict(sample, 1.0),
        )
    )
    return rows


def time_table(f: dict) -> str:
    """Where the time goes: each feature's own CPU time per post."""
    profile = f["profile"]
    posts = f["posts"]
    whole = profile["whole"]
    lines = [
        f"| Work (one process, {posts:,} posts) | CPU per post | Share of the build |",
        "| --- | --- | --- |",
    ]
    for name, seconds in sorted(profile["costs"].items(), key=lambda i: -i[1]):
        lines.append(
            f"| {name} | {seconds / posts * 1000:.2f} ms | {seconds / whole:.0%} |"
        )
    rest = whole - sum(profile["costs"].values())
    lines.append(
        "| Everything else: Pelican's reading, templates and writing, the theme, "
        "lesson callouts, head metadata "
        f"| {rest / posts * 1000:.2f} ms | {rest / whole:.0%} |"
    )
    lines.append(f"| **The whole build** | **{whole / posts * 1000:.2f} ms** | 100% |")
    lines.append(
        f"| Stock Pelican's whole build, for comparison "
        f"| {f['stock_cpu_per_post_ms']:.2f} ms | |"
    )
    for name, reason in profile["failed"].items():
        lines.append(f"| {name} | could not be measured: {reason} | |")
    return "\n".join(lines)


def results_markdown(f: dict, other: dict | None) -> str:
    rows = "\n".join(
        f"| {figure} | {value} | {target} | {judged} |"
        for figure, value, target, judged in targets_rows(f, other)
    )
    builds = "\n".join(
        f"| {name} | {f['wall'][name]:.2f} s | {f['cpu'][name]:.2f} s "
        f"| {f['peak_mib'][name]:.0f} MiB |"
        for name in f["wall"]
    )
    differs = "".join(f"\n- `{name}`" for name in f["rebuild_differences"])
    return f"""# Benchmark results

Measured {f["date"]} on {f["machine"]}; load average {f["load"][0]:.1f}
before, {f["load"][1]:.1f} after. Corpus: {f["posts"]:,} generated posts
(bench/corpus.py). {f["rounds"]} rounds, the order of the builds rotated
from round to round; each build a fresh process with fresh output and cache
folders, measured from outside (wall time; CPU time of every process;
peak memory of the largest process). Medians; the spread is the lowest and
highest ratio of the rounds.

## Issue 21's targets

| Figure | Measured | Target | |
| --- | --- | --- | --- |
{rows}

## Every build

| Build | Wall | CPU, every process | Peak memory, largest process |
| --- | --- | --- | --- |
{builds}

- **peer**: stock Pelican with pelican-sitemap, then the Pagefind command
  (its figures are the sum of the two processes, and the larger peak).
- **rebuild**: after editing one post's body, with the content and image
  caches of a build before the edit; it is compared with the round's cold
  **site** build, the one a user runs. Identical to a cold build of the
  edited corpus: {"yes" if f["rebuild_identical"] else "NO, in:" + differs}
- fastbuild's gain (without / with, wall): {_ratio_text(f["fastbuild_gain"])}.
- The peer's CPU / stock's: {_ratio_text(f["cpu_peer_stock"])}.

## Where the time goes

Each feature's own cost: the CPU time (every process) of the site built in
one process (fastbuild out), less the same build without the feature;
median of {f["profile_rounds"]} rounds.

{time_table(f)}

Reproduce with `make bench` (`make bench N=10000 ROUNDS=1` for 10,000 posts).
"""


DOCS_START = "<!-- bench: where the time goes -->"
DOCS_END = "<!-- /bench -->"


def update_docs(f: dict) -> None:
    """Put the 1,000-post "where the time goes" table into the docs, where
    they mark its place."""
    if f["posts"] != 1000 or not DOCS.exists():
        return
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.find(DOCS_START), text.find(DOCS_END)
    if start < 0 or end < start:
        return
    table = f"{DOCS_START}\n{time_table(f)}\n\n(`make bench`, {f['date']}.)\n"
    DOCS.write_text(text[:start] + table + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
