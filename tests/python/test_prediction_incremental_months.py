"""saas_retention.prediction.incremental: which months an incremental prediction model recomputes."""

import duckdb

from saas_retention.prediction.incremental import latest_stored_month, months_to_compute, rows_of_month


def test_months_from_the_latest_stored_one_on():
    assert months_to_compute([24290, 24288, 24289, 24291, 24289], 24290) == [24290, 24291]
    assert months_to_compute(range(24288, 24291), None) == [24288, 24289, 24290]
    assert months_to_compute([24288], 24300) == []


def test_latest_stored_month_reads_the_table():
    with duckdb.connect() as session:
        session.execute("create table risk as select * from (values (date '2024-01-01'), (date '2024-03-01')) t(month)")
        assert latest_stored_month(session, "risk", "month") == 2024 * 12 + 2
        session.execute("delete from risk")
        assert latest_stored_month(session, "risk", "month") is None


def test_rows_of_month_reads_one_month():
    with duckdb.connect() as session:
        session.execute("create table backtest as select * from (values (date '2024-01-01', 'all'), "
                        "(date '2024-03-01', 'all'), (date '2024-03-01', 'vip')) t(cutoff_month, segment)")
        rows = rows_of_month(session, "backtest", "cutoff_month", 2024 * 12 + 2)
        assert sorted(rows["segment"]) == ["all", "vip"]
        assert rows_of_month(session, "backtest", "cutoff_month", None) is None
