"""Read the tables GX validates into pandas, with DuckDB.

GX has no DuckDB datasource, so every table is read here (raw files with an
in-memory DuckDB connection, marts with a read-only connection to the
database file) and handed to GX as a dataframe.

Raw tables are read as delivered: every contract column is cast to its
contract type with `try_cast`, so a value that does not parse becomes null
(and is counted in the profile). Big tables are sampled for the row-level
expectations (a repeatable reservoir sample of `sample_rows` rows); keys and
unparseable values are counted over the whole table in SQL (the profile), so
no GX run ever loads millions of rows into pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from saas_retention.contract import TABLES, Table

DEFAULT_SAMPLE_ROWS = 100_000


@dataclass(frozen=True)
class RawTable:
    """One raw table as read: the (possibly sampled) typed rows and whole-table counts."""

    table: Table
    file: Path
    rows: pd.DataFrame
    row_count: int
    duplicate_key_rows: int
    unparseable_values: int
    sampled: bool


def raw_file(raw_path: Path, table_name: str) -> Path:
    """The file of a raw table: `<table>.parquet`, else `<table>.csv` (the dbt project's rule)."""
    for suffix in (".parquet", ".csv"):
        candidate = raw_path / f"{table_name}{suffix}"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"Raw table '{table_name}' not found: expected {raw_path}/{table_name}.csv or .parquet")


def _reader(file: Path) -> str:
    quoted = str(file).replace("'", "''")
    if file.suffix == ".parquet":
        return f"read_parquet('{quoted}')"
    return f"read_csv('{quoted}', header = true, all_varchar = true)"


def read_raw_table(
    connection: duckdb.DuckDBPyConnection, raw_path: Path, table: Table, sample_rows: int = DEFAULT_SAMPLE_ROWS
) -> RawTable:
    """Read one contract table from `raw_path` (missing contract columns are simply absent)."""
    file = raw_file(raw_path, table.name)
    connection.execute(f"create or replace temp view raw_table as select * from {_reader(file)}")
    present = {row[0].lower() for row in connection.execute("describe raw_table").fetchall()}
    columns = [column for column in table.columns if column.name in present]

    typed = ", ".join(f'try_cast("{c.name}" as {c.type}) as "{c.name}"' for c in columns) or "1 as no_contract_column"
    unparseable = " + ".join(
        f'count(case when "{c.name}" is not null and try_cast("{c.name}" as {c.type}) is null then 1 end)'
        for c in columns
        if c.type != "varchar"
    ) or "0"
    keys = [name for name in table.primary_key if name in present]
    duplicate_keys = (
        f"count({_key(keys)}) - count(distinct {_key(keys)})" if keys else "0"
    )
    row_count, duplicate_key_rows, unparseable_values = connection.execute(
        f"select count(*), {duplicate_keys}, {unparseable} from raw_table"
    ).fetchone()

    sampled = row_count > sample_rows
    sample = f" using sample reservoir({sample_rows} rows) repeatable (42)" if sampled else ""
    rows = connection.execute(f"select {typed} from raw_table{sample}").df()
    return RawTable(table, file, rows, row_count, duplicate_key_rows, unparseable_values, sampled)


def _key(columns: list[str]) -> str:
    if len(columns) == 1:
        return f'"{columns[0]}"'
    return "(" + ", ".join(f'"{name}"' for name in columns) + ")"


def read_raw_tables(raw_path: Path, sample_rows: int = DEFAULT_SAMPLE_ROWS) -> list[RawTable]:
    """Every contract table under `raw_path`, in contract order."""
    with duckdb.connect() as connection:
        return [read_raw_table(connection, raw_path, table, sample_rows) for table in TABLES.values()]


def raw_profile(tables: list[RawTable]) -> pd.DataFrame:
    """One row per raw table with its whole-table counts (validated by the `raw_profile` suite)."""
    return pd.DataFrame(
        {
            "table_name": [raw.table.name for raw in tables],
            "row_count": [raw.row_count for raw in tables],
            "duplicate_key_rows": [raw.duplicate_key_rows for raw in tables],
            "unparseable_values": [raw.unparseable_values for raw in tables],
        }
    )


MART_QUERIES: dict[str, str] = {
    "customer_mrr_monthly": "select * from marts.customer_mrr_monthly",
    "mrr_movements_monthly": (
        "select *, ending_mrr - (starting_mrr + new_mrr + reactivation_mrr + expansion_mrr"
        " - contraction_mrr - churned_mrr) as mrr_bridge_gap,"
        " ending_customers - (starting_customers + new_customers + reactivated_customers"
        " - churned_customers) as customer_bridge_gap"
        " from marts.mrr_movements_monthly"
    ),
    "revenue_retention_monthly": "select * from marts.revenue_retention_monthly",
    "customers": "select * from marts.customers",
    "revenue_reconciliation_monthly": "select * from marts.revenue_reconciliation_monthly",
    "data_quality_issues": "select * from marts.data_quality_issues",
}
"""The key marts GX validates, each read with the identity columns its suite checks."""


def read_marts(database: Path) -> dict[str, pd.DataFrame]:
    """The key marts from a built database (read-only, so a running build is never blocked)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return {name: connection.execute(query).df() for name, query in MART_QUERIES.items()}
