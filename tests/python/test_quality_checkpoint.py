"""The GX checkpoint CLI on small hand-made raw folders: passes clean data, fails and names each fault.

GX spends most of a run writing data docs, so the faults share one run: each
is on its own row or table, and every one must be named in the output.
"""

from __future__ import annotations

import contextlib
import io

import duckdb
import pytest

from dbt_project_runner import write_raw_folder
from saas_retention.contract import TABLES
from saas_retention.quality.__main__ import main
from saas_retention.quality.datasets import read_raw_table

CLEAN = {
    "customers": ["c1,Acme,2024-01-01 00:00:00,US,,,paid_search,,a@example.com"],
    "plans": ["p1,Monthly,starter,month,1,true"],
    "subscription_items": ["i1,s1,c1,p1,2,5000,10.00,USD,2024-01-10 00:00:00,"],
    "survey_responses": ["r1,,c1,x@example.com,nps,9,0,10,in_app,2024-02-01 00:00:00,"],
    "users": ["u1,c1,2024-01-01 00:00:00,,admin,a@example.com"],
}

# fault -> (rows added to the clean tables, line(s) the run must print)
FAULTS = {
    "negative quantity": (
        {"subscription_items": ["i2,s1,c1,p1,-2,5000,10.00,USD,2024-01-10 00:00:00,"]},
        "FAILED raw.subscription_items.quantity: expect_column_values_to_be_between (1 unexpected)",
    ),
    "discount above 100": (
        {"subscription_items": ["i3,s1,c1,p1,2,5000,150,USD,2024-01-10 00:00:00,"]},
        "FAILED raw.subscription_items.discount_percent: expect_column_values_to_be_between (1 unexpected)",
    ),
    "valid_to before valid_from": (
        {"subscription_items": ["i4,s1,c1,p1,2,5000,10.00,USD,2024-01-10 00:00:00,2024-01-01 00:00:00"]},
        "FAILED raw.subscription_items.valid_to, valid_from: expect_column_pair_values_a_to_be_greater_than_b",
    ),
    "timestamp that does not parse": (
        {"subscription_items": ["i5,s1,c1,p1,2,5000,10.00,USD,not-a-date,"]},
        "FAILED raw.raw_profile.unparseable_values: expect_column_values_to_be_between (1 unexpected)\n"
        # the value that does not parse is also a missing required value
        "FAILED raw.subscription_items.valid_from: expect_column_values_to_not_be_null (1 unexpected)",
    ),
    "value outside the contract set": (
        {"plans": ["p2,Weekly,starter,week,1,true"]},
        "FAILED raw.plans.interval_unit: expect_column_values_to_be_in_set (1 unexpected)",
    ),
    "score above its scale": (
        {"survey_responses": ["r2,,c1,x@example.com,nps,12,0,10,in_app,2024-02-01 00:00:00,"]},
        "FAILED raw.survey_responses.scale_max, score: expect_column_pair_values_a_to_be_greater_than_b",
    ),
    "duplicate key": (
        {"users": ["u1,c1,2024-02-01 00:00:00,,member,b@example.com"]},
        "FAILED raw.raw_profile.duplicate_key_rows: expect_column_values_to_be_between (1 unexpected)",
    ),
    "no customers": (
        {},
        "FAILED raw.customers: expect_table_row_count_to_be_between",
    ),
}


def _run(folder, rows, capsys) -> tuple[int, str]:
    raw = write_raw_folder(folder / "raw", rows)
    status = main(["--raw-path", str(raw), "--docs-dir", str(folder / "docs")])
    return status, capsys.readouterr().out


def test_clean_data_passes_and_writes_data_docs(tmp_path, capsys):
    status, out = _run(tmp_path, CLEAN, capsys)
    assert status == 0, out
    assert " 0 failed" in out
    assert (tmp_path / "docs" / "index.html").exists()
    assert len(list((tmp_path / "docs" / "validations").rglob("*.html"))) == len(TABLES) + 1  # + raw_profile


def test_a_relative_docs_dir_works_as_in_make_validate(tmp_path, monkeypatch, capsys):
    raw = write_raw_folder(tmp_path / "raw", CLEAN)
    monkeypatch.chdir(tmp_path)
    assert main(["--raw-path", str(raw), "--docs-dir", "docs"]) == 0, capsys.readouterr().out
    assert (tmp_path / "docs" / "index.html").exists()


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory):
    rows = {table: list(lines) for table, lines in CLEAN.items()}
    rows["customers"] = []
    for added, _ in FAULTS.values():
        for table, lines in added.items():
            rows[table] += lines
    folder = tmp_path_factory.mktemp("gx_faults")
    raw = write_raw_folder(folder / "raw", rows)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["--raw-path", str(raw), "--docs-dir", str(folder / "docs")])
    return status, out.getvalue()


def test_faulty_data_fails_the_run(faulty_run):
    status, out = faulty_run
    assert status == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    expected = [line for _, lines in FAULTS.values() for line in lines.splitlines()]
    assert len(failed) == len(expected), out


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_named(faulty_run, fault):
    _, out = faulty_run
    for line in FAULTS[fault][1].splitlines():
        assert line in out, out


def test_a_missing_file_is_an_input_error(tmp_path, capsys):
    raw = write_raw_folder(tmp_path / "raw", CLEAN)
    (raw / "plans.csv").unlink()
    assert main(["--raw-path", str(raw), "--docs-dir", str(tmp_path / "docs")]) == 2
    assert "Raw table 'plans' not found" in capsys.readouterr().err


def test_big_tables_are_sampled_but_counted_whole(tmp_path):
    # 10 events, 2 of them share a key and 1 has an unparseable loaded_at: a sample
    # of 4 rows is validated row by row, the counts cover all 10.
    events = [f"e{i},c1,u1,login,2024-01-0{i} 00:00:00,2024-01-0{i} 00:00:00" for i in range(1, 10)]
    events += ["e1,c1,u1,login,2024-01-01 00:00:00,later"]
    raw = write_raw_folder(tmp_path / "raw", {"usage_events": events})
    with duckdb.connect() as connection:
        table = read_raw_table(connection, raw, TABLES["usage_events"], sample_rows=4)
    assert table.sampled and len(table.rows) == 4
    assert (table.row_count, table.duplicate_key_rows, table.unparseable_values) == (10, 1, 1)
