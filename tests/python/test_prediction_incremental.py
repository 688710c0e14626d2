"""The month-by-month Python models give the same rows incrementally as a full refresh.

One project on the demo data: a build as of 2026-07-01 (the as-of month
scored on its first day) from an export of that day that still lacks the
events from 29 June on (they arrive late, as the contract allows, so June is
scored before its data is complete), then an incremental build on all the
demo data at the default as-of date (2026-10-31), compared row for row with a
full refresh of the same models and of the monthly usage they are built on (incremental too:
the stored as-of month is recomputed to its end, and June, provisional when
stored, is rescored). A last incremental run after overwriting stored rows
shows that final months are kept as they are and the latest month is
recomputed (of the latest backtest cutoff, with no new cutoff to fit, only its
actual values: its forecast is kept).
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject, copy_raw_folder, text_csv

DEMO = PROJECT_DIR / "data" / "demo"
MODELS = "customer_churn_risk nrr_forecast_backtest health_weight_comparison"
MONTHLY_USAGE = "intermediate.int_customer_usage_monthly"
WITH_PARENTS = "+customer_churn_risk +nrr_forecast_backtest +health_weight_comparison"
EARLY_AS_OF = "2026-07-01"
# The first build's export of events, taken at noon on its as-of date, still lacks the events
# that occurred from LATE_FROM on (late by at most the contract's three days).
EXPORTED_AT = "2026-07-01 12:00:00"
LATE_FROM = "2026-06-29"
# Table, month column, a column overwritten to check which months a run recomputes, the overwrite.
MONTHLY_TABLES = (
    ("marts.customer_churn_risk", "month", "top_driver_1", "'overwritten'"),
    ("marts.nrr_forecast_backtest", "cutoff_month", "actual_nrr", "-1"),
    (MONTHLY_USAGE, "month", "events", "-1"),
)


def _rows(project: DbtProject, table: str) -> list[tuple]:
    return sorted(project.query(f"select * from {table}"), key=repr)


def _same(left: list[tuple], right: list[tuple]) -> bool:
    """Equal rows, floats to 1e-6 (a fit on the same rows in another order can differ by ~1e-9)."""
    return len(left) == len(right) and all(
        len(a) == len(b) and all(
            math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-6) if isinstance(x, float) and isinstance(y, float) else x == y
            for x, y in zip(a, b)
        )
        for a, b in zip(left, right)
    )


def _execute(project: DbtProject, sql: str) -> None:
    with duckdb.connect(str(project.database)) as connection:
        connection.execute(sql)


def _early_export(folder: Path) -> Path:
    """The demo raw folder as exported at EXPORTED_AT, without the events that occurred from LATE_FROM on."""
    return copy_raw_folder(DEMO, folder, {
        "usage_events": f"select * from {text_csv(DEMO / 'usage_events.csv')} "
                        f"where loaded_at < '{EXPORTED_AT}' and occurred_at < '{LATE_FROM}'",
    })


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if not (DEMO / "usage_events.csv").exists():
        pytest.skip("demo data not generated yet")
    work_dir = tmp_path_factory.mktemp("prediction_incremental")
    project = DbtProject(work_dir, DEMO)
    early_export = _early_export(work_dir / "early_export")
    early = project.run("run", "--select", WITH_PARENTS,
                        vars_={"as_of_date": EARLY_AS_OF, "raw_path": str(early_export)})
    assert early.returncode == 0, early.stdout[-4000:]
    assert project.query("select count(*) from intermediate.int_reporting_period") == [(1,)]
    return project


@pytest.fixture(scope="module")
def incremental_and_refreshed(project):
    latest_before = project.query("select max(month) from marts.customer_churn_risk")[0][0]
    later = project.run("run", "--select", WITH_PARENTS)
    assert later.returncode == 0, later.stdout[-4000:]
    assert project.query("select max(month) from marts.customer_churn_risk")[0][0] > latest_before
    tables = [table for table, *_ in MONTHLY_TABLES] + ["marts.health_weight_comparison"]
    incremental = {table: _rows(project, table) for table in tables}
    refresh = project.run("run", "--select", MODELS, "int_customer_usage_monthly", "--full-refresh")
    assert refresh.returncode == 0, refresh.stdout[-4000:]
    return incremental, {table: _rows(project, table) for table in tables}


@pytest.mark.parametrize(
    "table",
    ["marts.customer_churn_risk", "marts.nrr_forecast_backtest", "marts.health_weight_comparison", MONTHLY_USAGE],
)
def test_incremental_equals_full_refresh(incremental_and_refreshed, table):
    incremental, refreshed = incremental_and_refreshed
    assert incremental[table], "nothing built"
    assert _same(incremental[table], refreshed[table])


def test_a_run_keeps_past_months_and_recomputes_the_latest(project, incremental_and_refreshed):
    for table, month, column, value in MONTHLY_TABLES:
        _execute(project, f"update {table} set {column} = {value}")
    _execute(project, "update marts.nrr_forecast_backtest set forecast_nrr = -1")
    # A month's fit, here an impossible one (all weight on adoption), is reused as stored.
    first_fitted = project.query(
        "select min(month) from marts.health_weight_comparison where fitted_auc is not null")[0][0]
    _execute(project, "update marts.health_weight_comparison set fitted_weight_deployment = 0, "
             "fitted_weight_engagement = 0, fitted_weight_adoption = 1, fitted_weight_roi = 0, "
             f"fitted_weight_experience = 0 where month = '{first_fitted}'")
    rerun = project.run("run", "--select", MODELS, "int_customer_usage_monthly")
    assert rerun.returncode == 0, rerun.stdout[-4000:]
    for table, month, column, value in MONTHLY_TABLES:
        overwritten = project.query(
            f"select {month} = (select max({month}) from {table}) as is_latest, "
            f"count(*) filter (where {column} = {value}), count(*) from {table} group by all order by is_latest")
        past, latest = overwritten
        assert past[1] == past[2] > 0, f"{table}: a past month was recomputed"
        assert latest[1] == 0 and latest[2] > 0, f"{table}: the latest month was not recomputed"
    assert project.query(
        f"select fitted_weight_adoption from marts.health_weight_comparison where month = '{first_fitted}'"
    ) == [(1.0,)]
    # No new cutoff: nothing refitted, the latest cutoff's actual values as in the full refresh.
    assert project.query("select count(*) from marts.nrr_forecast_backtest where forecast_nrr <> -1") == [(0,)]
    refreshed = incremental_and_refreshed[1]["marts.nrr_forecast_backtest"]
    latest_cutoff = max(row[0] for row in refreshed)
    actual = project.query("select segment, actual_nrr, actual_grr from marts.nrr_forecast_backtest "
                           f"where cutoff_month = '{latest_cutoff}'")
    assert _same(sorted(actual), sorted((row[2], row[-2], row[-1]) for row in refreshed if row[0] == latest_cutoff))
