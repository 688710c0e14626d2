"""Pointing the project at a raw folder: files, formats, empty tables, errors.

A small hand-made data set runs through the real pipeline (CSV text ->
staging casts -> revenue marts), with expected values computed by hand.
"""

from __future__ import annotations

import duckdb
import pytest

from dbt_project_runner import DbtProject, write_raw_folder

# Two customers. c1: 2 seats x 50.00 monthly from 10 Jan, 3 seats from
# 15 Mar (upgrade), open-ended. c2: a EUR trial at 0 in January, then an
# annual plan of 2,000.00 EUR from 5 Feb, cancelled effective 20 May.
# Constant currency at the latest EUR rate (June, 1.20): 2,000 / 12 x 1.20
# = 200.00 a month. Every other contract table is header-only (empty).
RAW_ROWS = {
    "customers": [
        "c1,Acme,2024-01-01 00:00:00,US,,,paid_search,,a@example.com",
        "c2,Beta,2024-01-05 00:00:00,DE,,,,,b@example.com",
    ],
    "plans": [
        "p_month,Monthly,starter,month,1,true",
        "p_year,Annual,growth,year,1,false",
        "p_trial,Trial,starter,month,1,false",
    ],
    "subscription_items": [
        "i1,s1,c1,p_month,2,5000,0,USD,2024-01-10 00:00:00,2024-03-15 00:00:00",
        "i2,s1,c1,p_month,3,5000,0,USD,2024-03-15 00:00:00,",
        "i3,s2,c2,p_trial,1,0,0,EUR,2024-01-05 00:00:00,2024-02-05 00:00:00",
        "i4,s2,c2,p_year,1,200000,0,EUR,2024-02-05 00:00:00,",
    ],
    "subscription_cancellations": ["s2,c2,2024-04-01 00:00:00,2024-05-20 00:00:00,price"],
    "fx_rates": ["EUR,2024-01-01,1.10", "EUR,2024-06-01,1.20", "USD,2024-01-01,1"],
    "usage_events": ["e1,c1,u1,login,2024-06-30 10:00:00,2024-06-30 10:00:05"],
}

REVENUE_MODELS = "+customer_mrr_monthly +mrr_movements_monthly +revenue_retention_monthly +customers"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("raw_inputs")
    project = DbtProject(work_dir, write_raw_folder(work_dir / "raw", RAW_ROWS))
    result = project.run(
        "build", "--select", REVENUE_MODELS, "--exclude", "test_type:unit", "--indirect-selection", "cautious"
    )
    assert result.returncode == 0, result.stdout[-4000:]
    return project


def test_hand_computed_mrr_through_the_whole_pipeline(built_project):
    rows = built_project.query(
        "select customer_id, strftime(month, '%Y-%m'), round(mrr, 2), movement "
        "from marts.customer_mrr_monthly order by customer_id, month"
    )
    assert rows == [
        ("c1", "2024-01", 100.0, "new"),
        ("c1", "2024-02", 100.0, "flat"),
        ("c1", "2024-03", 150.0, "expansion"),
        ("c1", "2024-04", 150.0, "flat"),
        ("c1", "2024-05", 150.0, "flat"),
        ("c1", "2024-06", 150.0, "flat"),
        ("c2", "2024-02", 200.0, "new"),
        ("c2", "2024-03", 200.0, "flat"),
        ("c2", "2024-04", 200.0, "flat"),
        ("c2", "2024-05", 0.0, "churn"),
    ]


def test_as_of_month_is_the_latest_activity(built_project):
    # The usage event on 30 June is the latest valid_from / occurred_at.
    assert built_project.query("select max(month) from marts.mrr_movements_monthly") == [
        (duckdb.sql("select date '2024-06-01'").fetchone()[0],)
    ]


def test_as_of_date_var_cuts_the_report(tmp_path):
    # As of 15 April 2024: nothing after April; c2's May churn is not known yet.
    project = DbtProject(tmp_path, write_raw_folder(tmp_path / "raw", RAW_ROWS))
    result = project.run("run", "--select", "+customer_mrr_monthly", vars_={"as_of_date": "2024-04-15"})
    assert result.returncode == 0, result.stdout[-4000:]
    assert project.query(
        "select strftime(max(month), '%Y-%m'), count(*) filter (where movement = 'churn') "
        "from marts.customer_mrr_monthly"
    ) == [("2024-04", 0)]


def test_customer_dimension_reports_status_and_churn_reason(built_project):
    rows = built_project.query(
        "select customer_id, customer_status, acquisition_channel, churn_reason, round(current_mrr, 2) "
        "from marts.customers order by customer_id"
    )
    assert rows == [("c1", "active", "paid_search", None, 150.0), ("c2", "churned", "unknown", "price", 0.0)]


def test_parquet_files_are_read_like_csv(tmp_path):
    raw = write_raw_folder(tmp_path / "raw", RAW_ROWS)
    items_csv = raw / "subscription_items.csv"
    duckdb.sql(
        f"copy (select * from read_csv('{items_csv}', header = true, "
        "types = {'valid_from': 'timestamp', 'valid_to': 'timestamp', 'quantity': 'integer', "
        "'unit_price_cents': 'bigint', 'discount_percent': 'decimal(5,2)'})) "
        f"to '{raw / 'subscription_items.parquet'}' (format parquet)"
    )
    items_csv.unlink()
    project = DbtProject(tmp_path, raw)
    result = project.run("run", "--select", "+customer_mrr_monthly")
    assert result.returncode == 0, result.stdout[-4000:]
    # c1: 100 + 100 + 4 x 150 = 800; c2: 3 x 200 = 600 (and 0 in its churn month).
    assert project.query("select round(sum(mrr), 2) from marts.customer_mrr_monthly") == [(1400.0,)]


def test_missing_file_names_the_table(tmp_path):
    raw = write_raw_folder(tmp_path / "raw", RAW_ROWS)
    (raw / "plans.csv").unlink()
    result = DbtProject(tmp_path, raw).run("run", "--select", "int_reporting_period")
    assert result.returncode != 0
    assert "Raw table 'plans' not found" in result.stdout


def test_missing_column_names_the_table_and_column(tmp_path):
    raw = write_raw_folder(tmp_path / "raw", RAW_ROWS)
    customers = raw / "customers.csv"
    header, *body = customers.read_text().splitlines()
    keep = [i for i, name in enumerate(header.split(",")) if name != "country"]
    customers.write_text(
        "\n".join(",".join(line.split(",")[i] for i in keep) for line in [header, *body]) + "\n"
    )
    result = DbtProject(tmp_path, raw).run("run", "--select", "int_reporting_period")
    assert result.returncode != 0
    assert "Raw table 'customers'" in result.stdout and "missing contract column(s): country" in result.stdout


def test_extra_columns_are_ignored(tmp_path):
    raw = write_raw_folder(tmp_path / "raw", RAW_ROWS)
    plans = raw / "plans.csv"
    header, *body = plans.read_text().splitlines()
    plans.write_text("\n".join([header + ",exported_by", *(line + ",etl" for line in body)]) + "\n")
    project = DbtProject(tmp_path, raw)
    result = project.run("run", "--select", "+customer_mrr_monthly")
    assert result.returncode == 0, result.stdout[-4000:]
    assert project.query("select count(*) from marts.customer_mrr_monthly") == [(10,)]


def test_staging_keeps_contract_precision_and_survives_malformed_values(tmp_path):
    rows = {
        **RAW_ROWS,
        "customers": ["c1,Acme,2024-01-01 00:00:00,US,,12x,paid_search,,a@example.com"],
        "fx_rates": ["EUR,2024-06-01,1.23456789"],
    }
    project = DbtProject(tmp_path, write_raw_folder(tmp_path / "raw", rows))
    result = project.run("run", "--select", "stg_billing__fx_rates stg_billing__customers")
    assert result.returncode == 0, result.stdout[-4000:]
    assert project.query("select cast(rate_to_reporting as varchar) from staging.stg_billing__fx_rates") == [
        ("1.23456789",)
    ]
    assert project.query("select customer_id, employee_count from staging.stg_billing__customers") == [("c1", None)]
