"""Compare a mart built on another engine with the same mart built on DuckDB.

Two tables are equal when they have the same columns in the same order and,
matched on the mart's grain, the same rows: every value equal, except
floating-point values, which may differ by float rounding only (a relative
1e-9, never more than half a cent). Amounts therefore agree to the cent and
rates to about nine significant digits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

REVENUE_MARTS: dict[str, tuple[str, ...]] = {
    "customer_mrr_monthly": ("customer_id", "month"),
    "mrr_movements_monthly": ("month",),
    "mrr_movements_by_segment_monthly": ("month", "segment"),
    "revenue_retention_monthly": ("month",),
    "customers": ("customer_id",),
    "unit_economics_monthly": ("month", "acquisition_channel"),
}
"""The revenue marts checked on every engine, with the columns of their grain."""

RELATIVE_TOLERANCE = 1e-9
HALF_A_CENT = 0.005
MAX_REPORTED = 10


@dataclass(frozen=True)
class TableData:
    """Column names and rows of one table, as read from an engine."""

    columns: list[str]
    rows: list[tuple]


def duckdb_table(database: Path, relation: str) -> TableData:
    """`select * from relation` on a DuckDB file opened read-only."""
    with duckdb.connect(str(database), read_only=True) as connection:
        result = connection.execute(f"select * from {relation}")
        columns = [column[0] for column in result.description]
        return TableData(columns, result.fetchall())


def floats_agree(expected: float, actual: float) -> bool:
    """Equal up to float rounding: a relative 1e-9, capped at half a cent."""
    tolerance = min(HALF_A_CENT, RELATIVE_TOLERANCE * max(abs(expected), abs(actual), 1.0))
    return abs(expected - actual) <= tolerance


def values_agree(expected: object, actual: object) -> bool:
    """Nulls match nulls; floats follow `floats_agree`; everything else must be equal."""
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, float) or isinstance(actual, float):
        return floats_agree(float(expected), float(actual))
    return expected == actual


def table_differences(expected: TableData, actual: TableData, key_columns: tuple[str, ...]) -> list[str]:
    """What differs between two tables matched on `key_columns` (empty when they agree).

    Reports a column mismatch, keys present on one side only, duplicate keys,
    and up to MAX_REPORTED differing values with both values.
    """
    if expected.columns != actual.columns:
        return [f"columns differ: expected {expected.columns}, got {actual.columns}"]
    key_positions = [expected.columns.index(name) for name in key_columns]

    def by_key(table: TableData, side: str, problems: list[str]) -> dict[tuple, tuple]:
        rows = {}
        for row in table.rows:
            key = tuple(row[position] for position in key_positions)
            if key in rows:
                problems.append(f"duplicate key {key} in {side}")
            rows[key] = row
        return rows

    problems: list[str] = []
    expected_rows = by_key(expected, "expected", problems)
    actual_rows = by_key(actual, "actual", problems)
    for key in sorted(expected_rows.keys() - actual_rows.keys(), key=repr)[:MAX_REPORTED]:
        problems.append(f"row {key} missing")
    for key in sorted(actual_rows.keys() - expected_rows.keys(), key=repr)[:MAX_REPORTED]:
        problems.append(f"unexpected row {key}")
    differing = []
    for key in sorted(expected_rows.keys() & actual_rows.keys(), key=repr):
        for name, want, got in zip(expected.columns, expected_rows[key], actual_rows[key]):
            if not values_agree(want, got):
                differing.append(f"row {key} column {name}: expected {want!r}, got {got!r}")
    if len(differing) > MAX_REPORTED:
        differing = [*differing[:MAX_REPORTED], f"... and {len(differing) - MAX_REPORTED} more differing values"]
    return problems + differing


def revenue_mart_differences(reference: Path, fetch: Callable[[str], TableData], mart: str,
                             schema: str = "marts") -> list[str]:
    """Differences between one revenue mart on DuckDB (``reference``) and on the engine read by
    ``fetch(relation)``; raises when DuckDB's mart is empty (nothing would be compared)."""
    expected = duckdb_table(reference, f"{schema}.{mart}")
    if not expected.rows:
        raise ValueError(f"{mart} is empty on DuckDB: nothing was compared")
    return table_differences(expected, fetch(f"{schema}.{mart}"), REVENUE_MARTS[mart])


def marts_differing_in_shape(reference: Path, fetch: Callable[[str], TableData], marts,
                             schema: str = "marts") -> dict[str, tuple]:
    """Marts whose columns or row count differ between DuckDB and the engine:
    name -> ((DuckDB columns, rows), (engine columns, rows))."""
    differing = {}
    for mart in marts:
        expected = duckdb_table(reference, f"{schema}.{mart}")
        actual = fetch(f"{schema}.{mart}")
        if (expected.columns, len(expected.rows)) != (actual.columns, len(actual.rows)):
            differing[mart] = ((expected.columns, len(expected.rows)), (actual.columns, len(actual.rows)))
    return differing
