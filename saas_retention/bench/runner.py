"""Benchmark one data-set size: full build, one-day incremental append, floor."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import duckdb

from saas_retention.bench import floor, report
from saas_retention.bench.datasets import BenchDataset
from saas_retention.bench.measure import Measurement, run_measured

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
# What `make bench` compares: the MRR chain and the monthly usage chain.
MRR_MART = "customer_mrr_monthly"
USAGE_MODEL = "int_customer_usage_monthly"


class BenchFailed(RuntimeError):
    """A dbt run of the benchmark failed; the message carries dbt's output."""


def _dbt_build(dataset: BenchDataset, work_dir: Path, extra_args: list[str]) -> Measurement:
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_DUCKDB_PATH": str(work_dir / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
    }
    command = [DBT, "build", "--vars", repr({"raw_path": str(dataset.base_path)}), *extra_args]
    measurement = run_measured(command, env, str(PROJECT_DIR))
    if measurement.returncode != 0:
        results = work_dir / "target" / "run_results.json"
        failed = report.failed_nodes(work_dir / "target") if results.exists() else {"models": ["(no run)"]}
        if failed["models"]:
            raise BenchFailed(f"dbt build failed for {dataset.customers} customers:\n{measurement.output[-6000:]}")
    return measurement


def model_mrr_fingerprint(work_dir: Path) -> tuple[int, float]:
    """Rows and total MRR of the built customer_mrr_monthly, to compare with the floor's."""
    with duckdb.connect(str(work_dir / "warehouse.duckdb"), read_only=True) as connection:
        rows, total = connection.execute(f"select count(*), coalesce(sum(mrr), 0) from marts.{MRR_MART}").fetchone()
    return rows, float(total)


def bench_size(dataset: BenchDataset, work_dir: Path, dbt_args: list[str]) -> dict:
    """Full build on the base data, then the day's append, then the floor queries."""
    (work_dir / "warehouse.duckdb").unlink(missing_ok=True)
    shutil.rmtree(work_dir / "target", ignore_errors=True)
    full = _dbt_build(dataset, work_dir, dbt_args)
    target = work_dir / "target"
    full_timings = report.model_timings(target)
    full_failed_tests = report.failed_nodes(target)["tests"]
    mrr_models = report.upstream_models(target, MRR_MART)
    usage_models = report.upstream_models(target, USAGE_MODEL) - mrr_models

    dataset.use_full_events()
    incremental = _dbt_build(dataset, work_dir, dbt_args)

    memory_limit = os.environ.get("DUCKDB_MEMORY_LIMIT", "6GB")
    threads = int(os.environ.get("DUCKDB_THREADS", "2"))
    mrr_floor = floor.customer_mrr_floor(dataset.full_path, memory_limit, threads)
    usage_floor = floor.monthly_usage_floor(dataset.full_path, memory_limit, threads)
    model_rows, model_total = model_mrr_fingerprint(work_dir)
    mrr_chain = report.chain_seconds(full_timings, mrr_models)
    usage_chain = report.chain_seconds(full_timings, usage_models)
    return {
        "customers": dataset.customers,
        "rows_in": dataset.rows_in,
        "events": dataset.row_counts["usage_events"],
        "appended_events": dataset.appended_events,
        "full_build_s": full.wall_seconds,
        "full_peak_rss_mb": full.peak_rss_mb,
        "incremental_s": incremental.wall_seconds,
        "incremental_peak_rss_mb": incremental.peak_rss_mb,
        "incremental_pct_of_full": 100 * incremental.wall_seconds / full.wall_seconds,
        "mrr_chain_s": mrr_chain,
        "mrr_floor_s": mrr_floor.seconds,
        "mrr_vs_floor": mrr_chain / mrr_floor.seconds,
        "mrr_floor_rows": mrr_floor.rows,
        "mrr_floor_total": mrr_floor.total,
        "mrr_model_rows": model_rows,
        "mrr_model_total": model_total,
        "floor_matches_model": mrr_floor.rows == model_rows and abs(mrr_floor.total - model_total) < 0.01,
        "usage_chain_s": usage_chain,
        "usage_floor_s": usage_floor.seconds,
        "usage_vs_floor": usage_chain / usage_floor.seconds,
        "failed_tests": sorted(set(report.failed_nodes(target)["tests"]) | set(full_failed_tests)),
        "slowest_models": report.slowest(full_timings),
        "incremental_slowest_models": report.slowest(report.model_timings(target)),
    }
