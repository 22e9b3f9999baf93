"""The bench's "where the time goes" table tells a cost from the noise."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import report


def figures(noise: float | None) -> dict:
    profile = {
        "whole": 10.0,
        "costs": {"Search": 2.0, "Feeds": -0.3, "Comments": 0.4},
        "failed": {},
    }
    if noise is not None:
        profile["noise"] = noise
    return {"profile": profile, "posts": 1000, "stock_cpu_per_post_ms": 4.0}


def test_a_cost_no_larger_than_the_rounds_variation_is_marked_as_noise():
    table = report.time_table(figures(noise=0.5))
    assert "| Search | 2.00 ms | 20% |" in table
    assert "| Feeds | -0.30 ms (within the noise) |" in table
    assert "| Comments | 0.40 ms (within the noise) |" in table
    assert "varied by 0.50 ms per post between rounds" in table


def test_results_written_before_the_noise_was_measured_still_report():
    table = report.time_table(figures(noise=None))
    assert "within the noise" not in table
    assert "| Comments | 0.40 ms | 4% |" in table
    assert "| Feeds | -0.30 ms (below zero: noise" in table


def test_a_cost_below_zero_is_never_printed_as_a_saving():
    table = report.time_table(figures(noise=0.1))
    assert (
        "| Feeds | -0.30 ms (below zero: noise larger than the rounds showed) |"
        in table
    )
    assert "| Comments | 0.40 ms | 4% |" in table


def test_the_targets_table_holds_a_preview_images_cpu_against_its_budget():
    measured = {
        "posts": 1000,
        "site_stock": {"median": 2.0, "low": 1.9, "high": 2.1},
        "site_peer": {"median": 1.5, "low": 1.4, "high": 1.6},
        "cpu_site_stock": {"median": 3.0, "low": 2.9, "high": 3.1},
        "memory_site_stock": 1.9,
        "peak_mib": {"site": 108, "stock": 57},
        "rebuild_cold": {"median": 0.6, "low": 0.5, "high": 0.7},
        "rebuild_identical": True,
        "sample_seconds": 1.1,
        "reload": None,
        "card_ms": 1.42,
    }
    rows = {row[0]: row for row in report.targets_rows(measured, None)}
    card = rows["preview image, CPU per card (`bench/cards.py`)"]
    assert card[1:] == ("1.42 ms", "≤ 1.5 ms", "meets the target")
    older = report.targets_rows({**measured, "card_ms": None}, None)
    assert (
        "preview image, CPU per card (`bench/cards.py`)",
        "not measured in this run",
        "≤ 1.5 ms",
        "",
    ) in older


def test_a_miss_under_one_per_cent_is_said_as_a_miss():
    assert report.verdict(2.0024, 2.0) == "MISSES it by 0.1%"
    assert report.verdict(2.0, 2.0) == "meets the target"
    assert report.verdict(2.5, 2.0) == "MISSES it by 25%"


def test_save_to_reload_says_when_the_whole_site_followed_the_open_page():
    """make serve shows the open page first; the row says when the rest of
    the site was in place too, so a met target hides nothing."""
    sample = {"median": 0.5, "target": 1.0, "whole": 1.2}
    corpus = {"median": 1.75, "target": 3.0, "whole": 9.1}
    row = report.reload_row({"reload": {"sample": sample, "corpus": corpus}}, None)
    assert row[1] == "0.50 s / 1.75 s (whole site in place: 1.20 s / 9.10 s)"
    assert row[3] == "sample: meets the target; 1,000 posts: meets the target"
    before = {"sample": {"median": 0.7, "target": 1.0}, "corpus": corpus}
    older = report.reload_row({"reload": before}, None)
    assert older[1] == "0.70 s / 1.75 s"


def test_each_feature_is_judged_by_its_own_noise():
    profile = figures(noise=0.5)["profile"]
    profile["noise_by_feature"] = {"Search": 0.1, "Feeds": 0.1, "Comments": 0.6}
    table = report.time_table({**figures(noise=None), "profile": profile})
    assert "| Search | 2.00 ms ± 0.10 | 20% |" in table
    assert "| Comments | 0.40 ms (within the noise) ± 0.60 |" in table
    assert "| Feeds | -0.30 ms (within the noise) ± 0.10 |" not in table
    assert "below zero" in table.split("| Feeds |")[1].splitlines()[0]
    assert "made between two builds with everything" in table


def test_a_machine_growing_slower_does_not_show_as_a_features_cost(monkeypatch):
    """Each build costs 0.4 s more than the one before it (the machine's
    drift); a feature's cost, measured against the builds on either side
    of it, is still exactly what leaving it out saves."""
    import features
    from measure import Figures

    own_cost = {
        feature.name: 0.1 * (n + 1) for n, feature in enumerate(features.features())
    }
    made: list[float] = []

    def one_process(content, name, settings):
        drift = 0.4 * len(made)
        left_out = [f.name for f in features.features() if f.without == settings]
        cpu = 20.0 + drift - sum(own_cost[name] for name in left_out[:1])
        made.append(cpu)
        return Figures(wall=cpu, cpu=cpu, peak_mib=1.0)

    monkeypatch.setattr(features, "one_process", one_process)
    measured = features.where_the_time_goes(Path("corpus"), rounds=2)
    for name, cost in own_cost.items():
        assert abs(measured["costs"][name] - cost) < 1e-9, name
    assert measured["noise"] == pytest.approx(0.8)  # two builds apart: 0.4 s each
    assert len(made) == 2 * (2 * len(own_cost) + 1)


def test_a_relative_bench_work_folder_is_where_the_bench_was_started(
    tmp_path, monkeypatch
):
    """``BENCH_WORK=scratch/bench`` names a folder from where the bench is
    started; the builds it runs start in the project's folder, where the
    same words named another, and a folder whose parent was missing was
    not made."""
    import importlib

    import measure

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BENCH_WORK", "scratch/bench")
    try:
        work = importlib.reload(measure).WORK
    finally:
        monkeypatch.delenv("BENCH_WORK")
        importlib.reload(measure)
    assert work == tmp_path / "scratch" / "bench"


def test_fastbuilds_cpu_gain_is_reported_when_measured_and_left_out_before():
    """fastbuild's cuts in its own process show in CPU before wall time;
    results written before the bench measured it still report."""
    written = json.loads((Path(report.__file__).parent / "results.json").read_text())
    written.pop("fastbuild_cpu_gain", None)
    assert "CPU of every process):" not in report.results_markdown(written, None)
    written["fastbuild_cpu_gain"] = {"median": 1.06, "low": 1.04, "high": 1.08}
    assert (
        "- fastbuild's gain (without / with, CPU of every process): "
        "1.06 (spread 1.04–1.08)."
    ) in report.results_markdown(written, None)
