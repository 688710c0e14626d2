"""The incremental usage models give the same rows as a full refresh.

The demo data's events are split by `loaded_at`: the first build sees only
the events loaded before a cutoff (so some events of the days before it are
still missing: they arrive late), the second build adds the rest
incrementally. A fresh full build on all events must equal the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject

DEMO = PROJECT_DIR / "data" / "demo"
CUTOFF = "2025-06-15 12:00:00"
USAGE_MODELS = "+int_customer_usage_daily"
TABLES = ("intermediate.int_user_usage_daily", "intermediate.int_customer_usage_daily")


def _copy_demo(folder: Path, loaded_before: str | None) -> Path:
    """The demo raw folder, with usage_events restricted to rows loaded before `loaded_before`."""
    folder.mkdir(parents=True)
    for csv in DEMO.glob("*.csv"):
        if csv.name != "usage_events.csv":
            shutil.copy(csv, folder / csv.name)
    condition = f"where loaded_at < timestamp '{loaded_before}'" if loaded_before else ""
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from read_csv('{DEMO / 'usage_events.csv'}', header = true, all_varchar = true) "
            f"{condition.replace('loaded_at', 'cast(loaded_at as timestamp)')}) "
            f"to '{folder / 'usage_events.csv'}' (header, delimiter ',')"
        )
    return folder


def _rows(project: DbtProject, table: str) -> list[tuple]:
    return sorted(project.query(f"select * from {table}"), key=repr)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    if not (DEMO / "usage_events.csv").exists():
        pytest.skip("demo data not generated yet")
    work = tmp_path_factory.mktemp("usage_incremental")
    raw = _copy_demo(work / "raw", CUTOFF)
    incremental = DbtProject(work / "incremental", raw)
    first = incremental.run("run", "--select", USAGE_MODELS)
    assert first.returncode == 0, first.stdout[-4000:]
    late_rows = incremental.query(
        f"select count(*) from read_csv('{DEMO / 'usage_events.csv'}', header = true) "
        f"where occurred_at < timestamp '{CUTOFF}' and loaded_at >= timestamp '{CUTOFF}'"
    )[0][0]
    rows_before = incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0]
    shutil.copy(DEMO / "usage_events.csv", raw / "usage_events.csv")
    second = incremental.run("run", "--select", USAGE_MODELS)
    assert second.returncode == 0, second.stdout[-4000:]

    full = DbtProject(work / "full", _copy_demo(work / "raw_full", None))
    refresh = full.run("run", "--select", USAGE_MODELS, "--full-refresh")
    assert refresh.returncode == 0, refresh.stdout[-4000:]
    return incremental, full, late_rows, rows_before


def test_the_split_really_leaves_late_rows_for_the_incremental_run(builds):
    incremental, _, late_rows, rows_before = builds
    assert late_rows > 0
    assert incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0] > rows_before


@pytest.mark.parametrize("table", TABLES)
def test_incremental_equals_full_refresh(builds, table):
    incremental, full, _, _ = builds
    assert _rows(incremental, table) == _rows(full, table)
