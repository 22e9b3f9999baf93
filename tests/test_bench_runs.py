"""`make bench` runs from end to end: every build it measures, the rebuild's
comparison with a cold build, each feature's cost, the sample site's
`make html` and the preview images' CPU, on a corpus of six posts.

The bench is run by hand, on a quiet machine, and took eleven minutes at
its size; a change elsewhere once stopped it half-way (its reload step
was refused) and nobody knew until the next run. This runs every step on
a tiny corpus, in a folder of its own (``BENCH_WORK``, ``--results``), and
reads the report it writes. It times nothing: the figures of six posts
mean nothing, only that each was measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sitebuild import ROOT

TARGET_ROWS = (
    "cold publish, 6 posts / stock, wall",
    "cold publish / the like-for-like peer, wall",
    "CPU of every process / stock",
    "peak memory of the largest process / stock",
    "rebuild after one body edit / cold",
    "preview image, CPU per card",
    "sample site, cold `make html`",
)


def test_the_bench_measures_every_figure_on_a_tiny_corpus(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    kept = {
        path: path.read_bytes()
        for path in (ROOT / "docs" / "performance.md", ROOT / "bench" / "RESULTS.md")
    }
    ran = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            *("--posts", "6", "--rounds", "1", "--profile-rounds", "1"),
            *("--results", str(results)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_WORK": str(tmp_path / "work")},
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]

    figures = json.loads((results / "results-6.json").read_text())
    for build in ("stock", "peer", "site", "without fastbuild", "rebuild"):
        assert figures["wall"][build] > 0 and figures["cpu"][build] > 0, build
        assert figures["peak_mib"][build] > 0, build
    assert figures["rebuild_identical"] is True, figures["rebuild_differences"]
    assert figures["sample_seconds"] > 0 and figures["card_ms"] > 0
    profile = figures["profile"]
    assert profile["costs"] and not profile["failed"], profile

    report = (results / "RESULTS-6.md").read_text()
    for row in TARGET_ROWS:
        (line,) = [line for line in report.splitlines() if line.startswith(f"| {row}")]
        assert "not measured" not in line, line
    said = " ".join(report.split())
    assert "Identical to a cold build of the edited corpus: yes" in said
    for feature in profile["costs"]:
        assert f"| {feature} |" in report, feature
    # Nothing of the project's own was written: the docs' tables and the
    # 1,000-post results are make bench's at 1,000 posts only.
    assert all(path.read_bytes() == data for path, data in kept.items())
    assert not (ROOT / "bench" / "RESULTS-6.md").exists()
