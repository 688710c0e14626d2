"""The incremental usage and usage data-quality models give the same rows as a full refresh.

The demo data's events, plus a few faulty rows, are split by `loaded_at`:
the first build sees only the events loaded before a cutoff (so some events
of the days before it are still missing: they arrive late), the second build
adds the rest incrementally. A fresh full build on all events must equal the
result. Among the late rows: a different row with the key of an event loaded
long before (both become a duplicate_key) and a second event without a key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject

DEMO = PROJECT_DIR / "data" / "demo"
CUTOFF = "2025-06-15 12:00:00"
USAGE_MODELS = ("+int_customer_usage_daily", "int_usage_events_checked_loads")
TABLES = (
    "intermediate.int_user_usage_daily",
    "intermediate.int_customer_usage_daily",
    "intermediate.int_usage_events_issues",
)
# Faulty rows added to the demo events, made from its first event: an event of an
# unknown customer loaded long before CUTOFF and a different row with its key
# loaded after it; an event without a key on either side of CUTOFF. (The old
# event is quarantined already, so the usage models are not affected: when a
# late row quarantines an event counted in usage, see DECISIONLOG.md "Data quality".)
FAULTY_ROWS = """
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
            f"copy (with demo as (select * from read_csv('{DEMO / 'usage_events.csv'}', header = true, "
            f"all_varchar = true)), first_event as (select * from demo order by event_id limit 1) "
            f"select * from demo union all {FAULTY_ROWS}) to '{path}' (header, delimiter ',')"
        )
    return path


def _copy_demo(folder: Path, events: Path, loaded_before: str | None) -> Path:
    """The demo raw folder with `events`, restricted to rows loaded before `loaded_before`."""
    folder.mkdir(parents=True)
    for csv in DEMO.glob("*.csv"):
        if csv.name != "usage_events.csv":
            shutil.copy(csv, folder / csv.name)
    condition = f"where cast(loaded_at as timestamp) < timestamp '{loaded_before}'" if loaded_before else ""
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from read_csv('{events}', header = true, all_varchar = true) {condition}) "
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
    events = _write_events(work / "usage_events.csv")
    raw = _copy_demo(work / "raw", events, CUTOFF)
    incremental = DbtProject(work / "incremental", raw)
    first = incremental.run("run", "--select", *USAGE_MODELS)
    assert first.returncode == 0, first.stdout[-4000:]
    late_rows = incremental.query(
        f"select count(*) from read_csv('{events}', header = true) "
        f"where occurred_at < timestamp '{CUTOFF}' and loaded_at >= timestamp '{CUTOFF}'"
    )[0][0]
    rows_before = incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0]
    shutil.copy(events, raw / "usage_events.csv")
    second = incremental.run("run", "--select", *USAGE_MODELS)
    assert second.returncode == 0, second.stdout[-4000:]

    full = DbtProject(work / "full", _copy_demo(work / "raw_full", events, None))
    refresh = full.run("run", "--select", *USAGE_MODELS, "--full-refresh")
    assert refresh.returncode == 0, refresh.stdout[-4000:]
    return incremental, full, late_rows, rows_before


def test_the_split_really_leaves_late_rows_for_the_incremental_run(builds):
    incremental, _, late_rows, rows_before = builds
    assert late_rows > 0
    assert incremental.query("select count(*) from intermediate.int_user_usage_daily")[0][0] > rows_before


def test_a_late_row_with_an_old_key_is_a_duplicate_key(builds):
    incremental, _, _, _ = builds
    issues = incremental.query(
        "select record_id, rule, violations from intermediate.int_usage_events_issues "
        "where rule in ('duplicate_key', 'null_key') order by rule"
    )
    assert [(rule, violations) for _, rule, violations in issues] == [("duplicate_key", 2), ("null_key", 2)]


@pytest.mark.parametrize("table", TABLES)
def test_incremental_equals_full_refresh(builds, table):
    incremental, full, _, _ = builds
    assert _rows(incremental, table) == _rows(full, table)
