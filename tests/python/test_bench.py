"""The benchmark's measuring and reporting pieces."""

from __future__ import annotations

import json
import sys

import pytest

from saas_retention.bench import report
from saas_retention.bench.measure import run_measured


def test_growth_exponent_is_the_log_log_slope():
    assert report.growth_exponent([1_000, 10_000, 100_000], [2.0, 20.0, 200.0]) == pytest.approx(1.0)
    assert report.growth_exponent([1_000, 10_000], [1.0, 100.0]) == pytest.approx(2.0)
    assert report.growth_exponent([1_000], [1.0]) is None


def test_slowest_models_come_first():
    assert report.slowest({"a": 1.0, "b": 3.0, "c": 2.0, "d": 0.5}, count=2) == [("b", 3.0), ("c", 2.0)]


def test_chain_seconds_sums_only_the_chain():
    assert report.chain_seconds({"a": 1.0, "b": 2.5, "c": 4.0}, {"a", "b", "missing"}) == 3.5


def test_upstream_models_follow_the_manifest(tmp_path):
    nodes = {
        "model.p.mart": {"depends_on": {"nodes": ["model.p.int_a", "source.p.raw.t"]}},
        "model.p.int_a": {"depends_on": {"nodes": ["model.p.stg_t"]}},
        "model.p.stg_t": {"depends_on": {"nodes": ["source.p.raw.t"]}},
        "model.p.other": {"depends_on": {"nodes": []}},
    }
    (tmp_path / "manifest.json").write_text(json.dumps({"nodes": nodes}))
    assert report.upstream_models(tmp_path, "mart") == {"mart", "int_a", "stg_t"}


def test_model_timings_read_run_results(tmp_path):
    results = [
        {"unique_id": "model.p.mart", "execution_time": 1.5},
        {"unique_id": "test.p.not_null_mart_id", "execution_time": 9.0},
    ]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    assert report.model_timings(tmp_path) == {"mart": 1.5}


def test_failed_nodes_separate_failing_tests_from_failing_models(tmp_path):
    results = [
        {"unique_id": "model.p.mart", "status": "success"},
        {"unique_id": "model.p.broken", "status": "error"},
        {"unique_id": "test.p.grain_of_mart", "status": "fail"},
        {"unique_id": "test.p.goal_of_mart", "status": "warn"},
        {"unique_id": "unit_test.p.mart.by_hand", "status": "fail"},
    ]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    assert report.failed_nodes(tmp_path) == {"models": ["broken"], "tests": ["grain_of_mart", "by_hand"]}


def test_table_prints_every_figure():
    row = {
        "customers": 1000, "rows_in": 123456, "events": 100000, "full_build_s": 12.3,
        "full_peak_rss_mb": 512.0, "incremental_s": 1.2, "incremental_pct_of_full": 9.8,
        "mrr_chain_s": 0.5, "mrr_floor_s": 0.25, "mrr_vs_floor": 2.0, "usage_chain_s": 1.0,
        "usage_floor_s": 0.5, "usage_vs_floor": 2.0, "slowest_models": [("mart", 3.0)],
        "floor_matches_model": True, "failed_tests": ["nrr_forecast_lies_in_its_interval"],
    }
    text = report.format_table([row], 1.02)
    assert "1,000" in text and "123,456" in text and "12.3" in text and "9.8%" in text and "2.00x" in text
    assert "slowest models at 1,000 customers: mart 3.0s" in text
    assert "floor vs customer_mrr_monthly at 1,000 customers: same rows and total MRR" in text
    assert "1.02 (1.0 = linear)" in text
    assert "data tests failing at 1,000 customers: nrr_forecast_lies_in_its_interval" in text


def test_measurement_reports_wall_time_and_peak_memory(tmp_path):
    allocate = "import time; block = bytearray(150 * 1024 * 1024); block[::4096] = b'x' * len(block[::4096])"
    measurement = run_measured([sys.executable, "-c", allocate], env={}, cwd=str(tmp_path))
    assert measurement.returncode == 0
    assert measurement.peak_rss_mb >= 150
    assert measurement.wall_seconds > 0


def test_bench_smoke_runs_end_to_end_and_its_floor_equals_the_model(tmp_path):
    """`make test`'s smoke of `make bench`: one tiny size, the two chains only."""
    from saas_retention.bench.__main__ import main

    results = tmp_path / "bench.json"
    dbt_args = (
        "--select +customer_mrr_monthly +int_customer_usage_monthly "
        "--exclude test_type:unit --indirect-selection cautious"
    )
    code = main(["--sizes", "60", "--work-dir", str(tmp_path / "work"), "--json", str(results), "--dbt-args", dbt_args])
    assert code == 0
    (row,) = json.loads(results.read_text())["sizes"]
    assert row["customers"] == 60 and row["events"] > 0 and row["appended_events"] > 0
    assert row["full_build_s"] > 0 and row["incremental_s"] > 0 and row["full_peak_rss_mb"] > 0
    assert row["floor_matches_model"], (row["mrr_floor_rows"], row["mrr_model_rows"])
