"""The MetricFlow semantic layer parses, validates and returns the marts' own numbers.

On the demo marts (built once, see demo_marts.py): `dbt parse`, `mf
validate-configs`, then `mf query` for every headline metric, compared with
the mart columns they are defined to equal: amounts to the cent, counts
exactly, ratios to 1e-9, and null exactly where the mart is null.
`mf` runs only after dbt has finished (a DuckDB file open for writing blocks it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from dbt_project_runner import PROJECT_DIR
from demo_marts import demo_marts

MF_EXECUTABLE = str(Path(sys.executable).with_name("mf"))
CENT = 0.005
RATIO = 1e-9

# metric -> (mart column of mrr_movements_monthly, tolerance; 0 = exact)
REVENUE_METRICS = {
    "mrr": ("ending_mrr", CENT),
    "arr": ("ending_arr", CENT),
    "active_customers": ("ending_customers", 0),
    "arpa": ("arpa", CENT),
    "starting_mrr": ("starting_mrr", CENT),
    "new_mrr": ("new_mrr", CENT),
    "reactivation_mrr": ("reactivation_mrr", CENT),
    "expansion_mrr": ("expansion_mrr", CENT),
    "contraction_mrr": ("contraction_mrr", CENT),
    "churned_mrr": ("churned_mrr", CENT),
    "net_new_mrr": ("net_new_mrr", CENT),
    "starting_customers": ("starting_customers", 0),
    "new_customers": ("new_customers", 0),
    "reactivated_customers": ("reactivated_customers", 0),
    "churned_customers": ("churned_customers", 0),
    "logo_churn_rate": ("logo_churn_rate", RATIO),
    "gross_mrr_churn_rate": ("gross_mrr_churn_rate", RATIO),
    "net_mrr_churn_rate": ("net_mrr_churn_rate", RATIO),
}


@pytest.fixture(scope="module")
def project():
    return demo_marts()


@pytest.fixture(scope="module")
def mf_env(project):
    return {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_TARGET": "duckdb",
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_PROJECT_DIR": str(project.target_path.parent),
        "DBT_DUCKDB_PATH": str(project.database),
    }


@pytest.fixture(scope="module")
def parsed(project):
    result = project.run("parse")
    assert result.returncode == 0, result.stdout[-3000:]
    return json.loads((project.target_path / "semantic_manifest.json").read_text())


def run_mf(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [MF_EXECUTABLE, *args], cwd=env["DBT_PROJECT_DIR"], env=env, capture_output=True, text=True, timeout=600
    )


def mf_query(env: dict, tmp_path: Path, metrics: list[str], group_by: list[str]) -> pd.DataFrame:
    """`mf query` written to CSV and read back, one row per group, ordered by the group-by columns."""
    output = tmp_path / f"{'_'.join(metrics)[:80]}_{'_'.join(group_by)}.csv"
    result = run_mf(
        env, "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
        "--order", ",".join(group_by), "--csv", str(output),
    )
    assert result.returncode == 0 and output.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    frame = pd.read_csv(output, keep_default_na=False, na_values=[""])
    for column in frame.columns:
        if column.startswith("metric_time__"):
            frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def assert_same(actual: pd.Series, expected: pd.Series, tolerance: float, label: str) -> None:
    """Equal within the tolerance, with nulls in the same places."""
    actual = actual.reset_index(drop=True)
    expected = expected.reset_index(drop=True)
    assert len(actual) == len(expected), label
    assert (actual.isna() == expected.isna()).all(), f"{label}: nulls differ"
    difference = (actual - expected).abs().max()
    assert pd.isna(difference) or difference <= tolerance, f"{label}: off by {difference}"


def mart_rows(project, sql: str, columns: list[str]) -> pd.DataFrame:
    """Rows of a query on the demo marts as a DataFrame."""
    return pd.DataFrame(project.query(sql), columns=columns)


def test_dbt_parse_writes_every_metric(parsed):
    names = {metric["name"] for metric in parsed["metrics"]}
    assert {"mrr", "arr", "nrr_12m", "grr_12m", "logo_churn_rate", "arpa", "nps", "csat",
            "average_health_score", "red_band_mrr"} <= names
    assert parsed["project_configuration"]["time_spines"][0]["node_relation"]["alias"] == "metricflow_time_spine"


def test_validate_configs_passes_against_the_warehouse(parsed, mf_env):
    result = run_mf(mf_env, "validate-configs")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Breaking issues" not in output and "ERROR" not in output.replace("ERRORS: 0", ""), output[-3000:]
    assert "Successfully validated metrics against data warehouse" in output


def test_revenue_metrics_equal_mrr_movements_monthly(parsed, mf_env, project, tmp_path):
    actual = mf_query(mf_env, tmp_path, list(REVENUE_METRICS), ["metric_time__month"])
    columns = [column for column, _ in REVENUE_METRICS.values()]
    expected = mart_rows(project, f"select month, {', '.join(columns)} from marts.mrr_movements_monthly order by month",
                         ["month", *columns])
    assert list(actual["metric_time__month"]) == list(expected["month"])
    for metric, (column, tolerance) in REVENUE_METRICS.items():
        assert_same(actual[metric], expected[column], tolerance, metric)


def test_retention_health_and_survey_metrics_equal_their_marts(parsed, mf_env, project, tmp_path):
    metrics = ["nrr_12m", "grr_12m", "average_health_score", "red_band_mrr", "yellow_band_mrr", "green_band_mrr",
               "nps", "csat"]
    actual = mf_query(mf_env, tmp_path, metrics, ["metric_time__month"]).rename(columns={"metric_time__month": "month"})
    expected = mart_rows(project, """
        select
            retention.month, retention.nrr_12m, retention.grr_12m, health.average_health_score,
            bands.red_band_mrr, bands.yellow_band_mrr, bands.green_band_mrr, surveys.nps, surveys.csat
        from marts.revenue_retention_monthly as retention
        left join (
            select month, avg(health_score) as average_health_score
            from marts.customer_health_monthly group by month
        ) as health on retention.month = health.month
        left join (
            select
                month,
                sum(case when health_band = 'red' then mrr end) as red_band_mrr,
                sum(case when health_band = 'yellow' then mrr end) as yellow_band_mrr,
                sum(case when health_band = 'green' then mrr end) as green_band_mrr
            from marts.health_bands_monthly where segment = 'all' group by month
        ) as bands on retention.month = bands.month
        left join marts.survey_scores_monthly as surveys on retention.month = surveys.month and surveys.segment = 'all'
        order by retention.month
        """, ["month", *metrics])
    # MetricFlow has no row for a month without any input row (before the first cohort).
    joined = expected.merge(actual, on="month", how="left", suffixes=("", "_mf"))
    assert set(actual["month"]) <= set(expected["month"])
    assert expected["nrr_12m"].notna().sum() == len(expected) - 12 > 0
    for metric in ("nrr_12m", "grr_12m", "nps", "csat"):
        assert_same(joined[f"{metric}_mf"], joined[metric], RATIO * 100 if metric == "nps" else RATIO, metric)
    assert_same(joined["average_health_score_mf"], joined["average_health_score"], RATIO, "average_health_score")
    for band in ("red", "yellow", "green"):
        mart_mrr = joined[f"{band}_band_mrr"].where(joined[f"{band}_band_mrr"] != 0)
        assert_same(joined[f"{band}_band_mrr_mf"], mart_mrr, CENT, f"{band}_band_mrr")


def test_mrr_by_acquisition_channel_equals_unit_economics(parsed, mf_env, project, tmp_path):
    actual = mf_query(mf_env, tmp_path, ["mrr", "active_customers"],
                      ["metric_time__month", "customer__acquisition_channel"])
    expected = mart_rows(project, """
        select month, acquisition_channel, ending_mrr, active_customers
        from marts.unit_economics_monthly
        where acquisition_channel <> 'all' and active_customers > 0
        """, ["metric_time__month", "customer__acquisition_channel", "ending_mrr", "active_customers"])
    joined = expected.merge(actual, on=["metric_time__month", "customer__acquisition_channel"], how="outer",
                            suffixes=("", "_mf"), indicator=True)
    active = joined[joined["active_customers_mf"].fillna(0) > 0]
    assert (active["_merge"] == "both").all(), active[active["_merge"] != "both"].head()
    assert_same(active["mrr"], active["ending_mrr"], CENT, "mrr by channel")
    assert_same(active["active_customers_mf"], active["active_customers"], 0, "customers by channel")


def test_mrr_by_segment_equals_customer_segments_and_tiers_add_up(parsed, mf_env, project, tmp_path):
    by_segment = mf_query(mf_env, tmp_path, ["mrr"], ["metric_time__month", "customer_month__segment"])
    expected = mart_rows(project, "select month, segment, sum(mrr) from marts.customer_segments group by month, segment",
                         ["metric_time__month", "customer_month__segment", "segment_mrr"])
    joined = expected.merge(by_segment, on=["metric_time__month", "customer_month__segment"], how="left")
    assert len(expected) > 0
    assert_same(joined["mrr"], joined["segment_mrr"], CENT, "mrr by segment")

    by_tier = mf_query(mf_env, tmp_path, ["mrr"], ["metric_time__month", "customer_month__plan_tier"])
    totals = by_tier.groupby("metric_time__month")["mrr"].sum()
    company = dict(project.query("select month, ending_mrr from marts.mrr_movements_monthly"))
    assert all(abs(total - company[month]) <= CENT for month, total in totals.items())
    assert {"starter", "growth", "enterprise"} <= set(by_tier["customer_month__plan_tier"].dropna())


def test_balances_take_the_last_month_and_flows_add_up_by_quarter(parsed, mf_env, project, tmp_path):
    actual = mf_query(mf_env, tmp_path, ["mrr", "new_mrr", "starting_mrr", "nrr_12m"], ["metric_time__quarter"])
    movements = mart_rows(project, """
        select movements.month, ending_mrr, new_mrr, starting_mrr, nrr_12m
        from marts.mrr_movements_monthly as movements
        inner join marts.revenue_retention_monthly as retention on movements.month = retention.month
        order by movements.month
        """, ["month", "ending_mrr", "new_mrr", "starting_mrr", "nrr_12m"])
    movements["quarter"] = pd.to_datetime(movements["month"]).dt.to_period("Q").dt.start_time.dt.date
    quarters = movements.groupby("quarter").agg(
        ending_mrr=("ending_mrr", "last"), new_mrr=("new_mrr", "sum"),
        starting_mrr=("starting_mrr", "first"), nrr_12m=("nrr_12m", "last"),
    ).reset_index()
    assert list(actual["metric_time__quarter"]) == list(quarters["quarter"])
    assert_same(actual["mrr"], quarters["ending_mrr"], CENT, "quarter-end MRR")
    assert_same(actual["new_mrr"], quarters["new_mrr"], CENT, "quarter's new MRR")
    assert_same(actual["starting_mrr"], quarters["starting_mrr"], CENT, "quarter's starting MRR")
    quarter_nrr = actual["nrr_12m"].where(quarters["nrr_12m"].notna().to_numpy())
    assert_same(quarter_nrr, quarters["nrr_12m"], RATIO, "quarter-end NRR_12m")
