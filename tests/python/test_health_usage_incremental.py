"""The incremental usage and usage data-quality models give the same rows as a full refresh.

The demo data's events, plus a few faulty rows, are split by `loaded_at`:
the first build sees only the events loaded before a cutoff (so some events
of the days before it are still missing: they arrive late), the second build
adds the rest incrementally. A fresh full build on all events must equal the
result (int_customer_usage_monthly included: the late rows of old days make
it recompute those customers' months from then on). Among the late rows:
rows that reuse the key of an event already counted in usage (all rows of
the key become a duplicate_key, so the old event leaves its customer-day,
which had no other event and disappears), a different row with the key of
an old orphan event, and a second event without a key. And one customer is
missing from the first build's customers: its events are orphans there, and
the incremental run must count them once the customer has arrived, old
events outside the look-back window included.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject, copy_raw_folder, text_csv

DEMO = PROJECT_DIR / "data" / "demo"
CUTOFF = "2025-06-15 12:00:00"
USAGE_MODELS = ("+int_customer_usage_monthly", "int_usage_events_checked_loads", "int_usage_events_orphan_customers")
TABLES = (
    "intermediate.int_user_usage_daily",
    "intermediate.int_customer_usage_daily",
    "intermediate.int_customer_usage_monthly",
    "intermediate.int_usage_events_issues",
)
DAILY_TABLES = TABLES[:2]
# Demo events alone on their customer-day: the oldest one, and the last one loaded
# before CUTOFF (inside the look-back window of the incremental run).
CLASHING_EVENTS = f"""
    lonely_events as (
        select * from demo
        qualify count(*) over (partition by customer_id, left(occurred_at, 10)) = 1
    ),
    old_event as (select * from lonely_events order by loaded_at limit 1),
    recent_event as (
        select * from lonely_events where loaded_at < '{CUTOFF}' order by loaded_at desc limit 1
    ),
    other_customer as (
        select min(customer_id) as customer_id from demo where customer_id != (select customer_id from old_event)
    )
"""
# Faulty rows added to the demo events. Loaded after CUTOFF, rows that reuse the keys
# of the CLASHING_EVENTS, counted in usage by the first build: the old one's key on
# another customer and day, the recent one's on another day. From the demo's first
# event: an event of an unknown customer loaded long before CUTOFF and a different
# row with its key loaded after it; an event without a key on either side of CUTOFF.
FAULTY_ROWS = """
    select old_event.* replace (
        other_customer.customer_id as customer_id, '2025-06-16 08:00:00' as occurred_at,
        '2025-06-16 09:00:00' as loaded_at
    ) from old_event cross join other_customer
    union all
    select * replace ('2025-06-16 10:00:00' as occurred_at, '2025-06-16 10:30:00' as loaded_at) from recent_event
    union all
    select * replace ('evt_old_orphan' as event_id, 'cus_unknown' as customer_id, '2025-06-01 00:00:00' as loaded_at)
    from first_event
    union all
    select * replace (
        'evt_old_orphan' as event_id, 'cus_unknown' as customer_id, 'report_export' as feature,
        '2025-06-16 09:00:00' as loaded_at
    ) from first_event
    union all
    select * replace (null as event_id, '2025-06-10 00:00:00' as loaded_at) from first_event
    union all
    select * replace (null as event_id, 'login' as feature, '2025-06-16 10:00:00' as loaded_at) from first_event
"""


def _write_events(path: Path) -> Path:
    """The demo events plus FAULTY_ROWS, as text like the demo CSV."""
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (with demo as (select * from {text_csv(DEMO / 'usage_events.csv')}), "
            f"first_event as (select * from demo order by event_id limit 1), {CLASHING_EVENTS} "
            f"select * from demo union all {FAULTY_ROWS}) to '{path}' (header, delimiter ',')"
        )
    return path


def _late_customer() -> str:
    """A demo customer with events loaded long before CUTOFF, none of the CLASHING_EVENTS' customers."""
    with duckdb.connect() as connection:
        return connection.execute(
            f"with demo as (select * from {text_csv(DEMO / 'usage_events.csv')}), {CLASHING_EVENTS} "
            "select max(customer_id) from demo "
            "where loaded_at < '2025-05-01' and customer_id not in (select customer_id from old_event "
            "union all select customer_id from recent_event union all select customer_id from other_customer)"
        ).fetchone()[0]


def _copy_demo(folder: Path, events: Path, loaded_before: str | None, missing_customer: str | None = None) -> Path:
    """The demo raw folder with `events`, restricted to rows loaded before `loaded_before`, and
    without the customers row of `missing_customer`."""
    condition = f"where cast(loaded_at as timestamp) < timestamp '{loaded_before}'" if loaded_before else ""
    replaced = {"usage_events": f"select * from {text_csv(events)} {condition}"}
    if missing_customer is not None:
        replaced["customers"] = (f"select * from {text_csv(DEMO / 'customers.csv')} "
                                 f"where customer_id != '{missing_customer}'")
    return copy_raw_folder(DEMO, folder, replaced)


def _rows(project: DbtProject, table: str) -> list[tuple]:
    return sorted(project.query(f"select * from {table}"), key=repr)


def _clashing_days(project: DbtProject) -> list[tuple]:
    """The rows of the daily usage models on the customer-days of the CLASHING_EVENTS."""
    clashing_days = (
        f"with demo as (select * from {text_csv(DEMO / 'usage_events.csv')}), "
        f"{CLASHING_EVENTS} select customer_id, cast(left(occurred_at, 10) as date) as usage_date from old_event "
        "union all select customer_id, cast(left(occurred_at, 10) as date) from recent_event"
    )
    return [
        (table, *row)
        for table in DAILY_TABLES
        for row in project.query(
            f"select customer_id, usage_date from {table} inner join ({clashing_days}) using (customer_id, usage_date) "
            "order by all"
        )
    ]


@dataclass(frozen=True)
class Builds:
    incremental: DbtProject
    full: DbtProject
    late_rows: int
    rows_before: int
    clashing_days_before: list[tuple]
    late_customer: str
    late_customer_before: tuple[int, int]


def _late_customer_rows(project: DbtProject, customer_id: str) -> tuple[int, int]:
    """The customer's orphan_customer issues and its user-days before CUTOFF minus the look-back window."""
    orphans = project.query(
        "select count(*) from intermediate.int_usage_events_issues where rule = 'orphan_customer' "
        f"and customer_id = '{customer_id}'"
    )[0][0]
    old_days = project.query(
        f"select count(*) from intermediate.int_user_usage_daily where customer_id = '{customer_id}' "
        f"and usage_date < date '{CUTOFF[:10]}' - interval 3 day"
    )[0][0]
    return orphans, old_days


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    if not (DEMO / "usage_events.csv").exists():
        pytest.skip("demo data not generated yet")
    work = tmp_path_factory.mktemp("usage_incremental")
    events = _write_events(work / "usage_events.csv")
    late_customer = _late_customer()
    raw = _copy_demo(work / "raw", events, CUTOFF, missing_customer=late_customer)
    incremental = DbtProject(work / "incremental", raw)
    first = incremental.run("run", "--select", *USAGE_MODELS)
    assert first.returncode == 0, first.stdout[-4000:]
    late_rows = incremental.query(
        f"select count(*) from read_csv('{events}', header = true) "
        f"where occurred_at < timestamp '{CUTOFF}' and loaded_at >= timestamp '{CUTOFF}'"
    )[0][0]
    rows_before = incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0]
    clashing_days_before = _clashing_days(incremental)
    late_customer_before = _late_customer_rows(incremental, late_customer)
    shutil.copy(events, raw / "usage_events.csv")
    shutil.copy(DEMO / "customers.csv", raw / "customers.csv")
    second = incremental.run("run", "--select", *USAGE_MODELS)
    assert second.returncode == 0, second.stdout[-4000:]

    full = DbtProject(work / "full", _copy_demo(work / "raw_full", events, None))
    refresh = full.run("run", "--select", *USAGE_MODELS, "--full-refresh")
    assert refresh.returncode == 0, refresh.stdout[-4000:]
    return Builds(incremental, full, late_rows, rows_before, clashing_days_before, late_customer,
                  late_customer_before)


def test_the_split_really_leaves_late_rows_for_the_incremental_run(builds):
    assert builds.late_rows > 0
    assert builds.incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0] > builds.rows_before


def test_a_late_row_with_an_old_key_is_a_duplicate_key(builds):
    issues = builds.incremental.query(
        "select record_id, rule, violations from intermediate.int_usage_events_issues "
        "where rule in ('duplicate_key', 'null_key') order by rule"
    )
    assert [(rule, violations) for _, rule, violations in issues] == [("duplicate_key", 2)] * 3 + [("null_key", 2)]


def test_a_day_whose_only_event_is_quarantined_late_disappears(builds):
    assert len(builds.clashing_days_before) == 2 * len(DAILY_TABLES)
    assert _clashing_days(builds.incremental) == []


def test_events_that_come_before_their_customer_count_once_it_arrives(builds):
    orphans_before, old_days_before = builds.late_customer_before
    assert orphans_before > 0 and old_days_before == 0
    orphans_after, old_days_after = _late_customer_rows(builds.incremental, builds.late_customer)
    assert orphans_after == 0 and old_days_after > 0
    assert builds.incremental.query("select customer_id from intermediate.int_usage_events_orphan_customers") == [
        ("cus_unknown",)
    ]


def test_the_second_run_of_the_monthly_model_was_incremental(builds):
    """Only an incremental run picks the customer-months to recompute (else the comparison below proves nothing)."""
    compiled = builds.incremental.target_path / "compiled" / "saas_retention" / "models" / "intermediate" / "product"
    assert "touched_customers as (" in (compiled / "int_customer_usage_monthly.sql").read_text()


@pytest.mark.parametrize("table", TABLES)
def test_incremental_equals_full_refresh(builds, table):
    assert _rows(builds.incremental, table) == _rows(builds.full, table)
