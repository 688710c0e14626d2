"""The KPI summary printed by `make demo` reads the latest month of the marts."""

from datetime import date

import duckdb
import pytest

from saas_retention import summary

REVENUE_MARTS = (
    """
    create table marts.mrr_movements_monthly as
    select * from (values
        (date '2024-01-01', 1000.0::double, 12000.0::double, 10, 100.0::double, 1000.0::double, 0.0::double,
         0.0::double, 0.0::double, 0.0::double, 1000.0::double, null::double, null::double),
        (date '2024-02-01', 1250.5, 15006.0, 12, 104.2083, 200.0, 50.0, 150.0, 40.0, 109.5, 250.5, 2.4,
         0.1::double)
    ) as t(month, ending_mrr, ending_arr, ending_customers, arpa, new_mrr, reactivation_mrr, expansion_mrr,
           contraction_mrr, churned_mrr, net_new_mrr, quick_ratio, logo_churn_rate)
    """,
    """
    create table marts.revenue_retention_monthly as
    select * from (values
        (date '2024-01-01', null::double, null::double),
        (date '2024-02-01', 1.143::double, 0.857::double)
    ) as t(month, nrr_12m, grr_12m)
    """,
)
# Health and forecast marts with a row of the earlier month or another segment each, which the
# summary must not read.
HEALTH_AND_FORECAST_MARTS = (
    """
    create table marts.health_bands_monthly as
    select * from (values
        (date '2024-02-01', 'all', 'green', 7, 0.6::double), (date '2024-02-01', 'all', 'red', 5, 0.4),
        (date '2024-02-01', 'vip', 'green', 2, 0.9), (date '2024-01-01', 'all', 'yellow', 10, 1.0)
    ) as t(month, segment, health_band, customers, share_of_mrr)
    """,
    """
    create table marts.customers_at_risk as
    select * from (values
        (date '2024-02-01', 'c1', 300.0), (date '2024-02-01', 'c2', 200.25), (date '2024-01-01', 'c3', 99.0)
    ) as t(month, customer_id, mrr_at_risk)
    """,
    """
    create table marts.survey_scores_monthly as
    select * from (values
        (date '2024-02-01', 'all', 25.0, 8), (date '2024-02-01', 'vip', 100.0, 1), (date '2024-01-01', 'all', -5.0, 4)
    ) as t(month, segment, nps, nps_responses)
    """,
    """
    create table marts.nrr_forecast as
    select * from (values
        (date '2024-02-01', date '2025-02-01', 'all', 1.021::double, 0.95::double, 1.08::double),
        (date '2024-02-01', date '2025-02-01', 'vip', 1.3, 1.1, 1.5)
    ) as t(forecast_month, target_month, segment, forecast_nrr, lower_80, upper_80)
    """,
)


def _database(tmp_path, statements) -> str:
    path = str(tmp_path / "warehouse.duckdb")
    with duckdb.connect(path) as connection:
        connection.execute("create schema marts")
        for statement in statements:
            connection.execute(statement)
    return path


@pytest.fixture
def marts_database(tmp_path):
    return _database(tmp_path, REVENUE_MARTS + HEALTH_AND_FORECAST_MARTS)


def test_reads_the_latest_month(marts_database):
    read = summary.read_summary(marts_database)
    assert read.revenue == summary.LatestKpis(date(2024, 2, 1), 1250.5, 15006.0, 12, 104.2083, 200.0, 50.0, 150.0,
                                              40.0, 109.5, 250.5, 2.4, 1.143, 0.857, 0.1)
    assert read.health == summary.HealthKpis({"green": (7, 0.6), "red": (5, 0.4)}, 2, 500.25, 25.0, 8)
    assert read.forecast == summary.ForecastKpis(date(2025, 2, 1), 1.021, 0.95, 1.08)


def test_formats_every_kpi(marts_database):
    text = summary.format_summary(summary.read_summary(marts_database))
    assert "February 2024" in text
    assert "1,250.50" in text and "15,006.00" in text and "104.21" in text
    assert ("new 200.00, reactivation 50.00, expansion 150.00, contraction -40.00, churn -109.50" in text
            and "250.50" in text and "2.400" in text)
    assert "1.143" in text and "0.857" in text and "10.00%" in text
    assert "green 7 (60% of MRR), yellow 0 (0% of MRR), red 5 (40% of MRR)" in text
    assert "2 customers, 500.25 MRR" in text and "25.0 (8 answers)" in text
    assert "NRR in February 2025 of this month's customers: 1.021 (80 % interval 0.950-1.080" in text


def test_unknown_ratios_are_explained(tmp_path):
    text = summary.format_kpis(summary.LatestKpis(date(2024, 1, 1), 1.0, 12.0, 1, None, 1.0, 0.0, 0.0, 0.0, 0.0,
                                                  1.0, None, None, None, None))
    assert "n/a (fewer than 12 months)" in text and "n/a (nothing lost)" in text
    health = summary.HealthKpis({}, 0, 0.0, None, 0)
    assert "n/a (no answers)" in summary.format_health(health)


def test_health_and_forecast_marts_not_built_are_reported(tmp_path, capsys):
    path = _database(tmp_path, REVENUE_MARTS)
    assert summary.main(["--database", path]) == 0
    printed = capsys.readouterr().out
    assert "MRR" in printed and "Customer health: not built" in printed and "Forecast: not built" in printed


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert summary.main(["--database", str(tmp_path / "missing.duckdb")]) == 1
    assert "Run `dbt build` first" in capsys.readouterr().err
