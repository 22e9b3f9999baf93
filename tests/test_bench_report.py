"""The bench's "where the time goes" table tells a cost from the noise."""

from __future__ import annotations

import sys
from pathlib import Path

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
    assert "| Feeds | -0.30 ms | -3% |" in table


def test_a_miss_under_one_per_cent_is_said_as_a_miss():
    assert report.verdict(2.0024, 2.0) == "MISSES it by 0.1%"
    assert report.verdict(2.0, 2.0) == "meets the target"
    assert report.verdict(2.5, 2.0) == "MISSES it by 25%"
