"""The KPI summary printed by `make demo` reads the latest month of the marts."""

from datetime import date

import duckdb
import pytest

from saas_retention import summary


@pytest.fixture
def marts_database(tmp_path):
    path = str(tmp_path / "warehouse.duckdb")
    with duckdb.connect(path) as connection:
        connection.execute("create schema marts")
        connection.execute(
            """
            create table marts.mrr_movements_monthly as
            select * from (values
                (date '2024-01-01', 1000.0::double, 12000.0::double, 10, null::double),
                (date '2024-02-01', 1250.5::double, 15006.0::double, 12, 0.1::double)
            ) as t(month, ending_mrr, ending_arr, ending_customers, logo_churn_rate)
            """
        )
        connection.execute(
            """
            create table marts.revenue_retention_monthly as
            select * from (values
                (date '2024-01-01', null::double, null::double),
                (date '2024-02-01', 1.143::double, 0.857::double)
            ) as t(month, nrr_12m, grr_12m)
            """
        )
    return path


def test_reads_the_latest_month(marts_database):
    kpis = summary.read_latest_kpis(marts_database)
    assert kpis == summary.LatestKpis(date(2024, 2, 1), 1250.5, 15006.0, 12, 1.143, 0.857, 0.1)


def test_formats_every_kpi(marts_database):
    text = summary.format_kpis(summary.read_latest_kpis(marts_database))
    assert "February 2024" in text
    assert "1,250.50" in text and "15,006.00" in text
    assert "1.143" in text and "0.857" in text and "10.00%" in text


def test_unknown_ratios_are_explained():
    kpis = summary.LatestKpis(date(2024, 1, 1), 1.0, 12.0, 1, None, None, None)
    assert "n/a (fewer than 12 months)" in summary.format_kpis(kpis)


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert summary.main(["--database", str(tmp_path / "missing.duckdb")]) == 1
    assert "Run `dbt build` first" in capsys.readouterr().err
