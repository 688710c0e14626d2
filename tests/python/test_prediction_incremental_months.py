"""saas_retention.prediction.incremental: which months an incremental prediction model recomputes."""

import datetime

import duckdb
import pytest

from saas_retention.prediction.incremental import (
    first_provisional_month, latest_stored_month, months_to_compute, provisional_months, rows_of_month,
)

JUNE_2026 = 2026 * 12 + 5


def test_months_from_the_first_one_to_compute_on():
    assert months_to_compute([24290, 24288, 24289, 24291, 24289], 24290) == [24290, 24291]
    assert months_to_compute(range(24288, 24291), None) == [24288, 24289, 24290]
    assert months_to_compute([24288], 24300) == []


def test_a_month_is_provisional_until_the_lookback_days_after_its_end_have_passed():
    months = ["2026-05-01", "2026-06-01", "2026-07-01"]
    # As of 1 July, June's last three days of events may still arrive; May's have.
    assert provisional_months(months, "2026-07-01", 3).tolist() == [False, True, True]
    # 30 June + 3 days = 3 July: the last day June can still change.
    assert provisional_months(months, datetime.date(2026, 7, 3), 3).tolist() == [False, True, True]
    assert provisional_months(months, "2026-07-04", 3).tolist() == [False, False, True]
    # Without a lookback only the as-of month is provisional, from its last day on too.
    assert provisional_months(months, "2026-06-30", 0).tolist() == [False, True, True]
    assert provisional_months(months, "2026-07-01", 0).tolist() == [False, False, True]
    # Any day of a month stands for the month.
    assert provisional_months(["2026-06-17"], "2026-07-02", 3).tolist() == [True]


def test_a_negative_lookback_is_refused():
    with pytest.raises(ValueError, match="lookback_days"):
        provisional_months(["2026-06-01"], "2026-07-01", -1)


def test_first_provisional_month_reads_the_table():
    with duckdb.connect() as session:
        session.execute("create table risk as select * from (values (date '2026-05-01', false), "
                        "(date '2026-06-01', true), (date '2026-06-01', true), (date '2026-07-01', true)) "
                        "t(month, is_provisional)")
        assert first_provisional_month(session, "risk", "month") == JUNE_2026
        session.execute("update risk set is_provisional = false where month = '2026-06-01'")
        assert first_provisional_month(session, "risk", "month") == JUNE_2026 + 1
        session.execute("delete from risk")
        assert first_provisional_month(session, "risk", "month") is None


def test_a_table_built_before_the_provisional_flag_asks_for_a_full_refresh():
    with duckdb.connect() as session:
        session.execute("create table risk as select date '2026-05-01' as month")
        with pytest.raises(ValueError, match="full-refresh"):
            first_provisional_month(session, "risk", "month")


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
