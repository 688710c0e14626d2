"""The raw CSV files of a `raw_path`, and the contract types in each engine's names.

The contract's type strings are DuckDB's names (`varchar`, `double`,
`decimal(5,2)`, ...). Loading raw data into another engine creates every
contract table with the contract's types spelled the way that engine spells
them.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from saas_retention.contract import Table

_DECIMAL = re.compile(r"decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)")

_POSTGRES_TYPES = {
    "varchar": "text",
    "timestamp": "timestamp",
    "date": "date",
    "integer": "integer",
    "bigint": "bigint",
    "boolean": "boolean",
    "double": "double precision",
}

_SPARK_TYPES = {
    "varchar": "string",
    "timestamp": "timestamp",
    "date": "date",
    "integer": "int",
    "bigint": "bigint",
    "boolean": "boolean",
    "double": "double",
}


def _engine_type(contract_type: str, names: dict[str, str], decimal_name: str) -> str:
    decimal = _DECIMAL.fullmatch(contract_type)
    if decimal:
        return f"{decimal_name}({decimal.group(1)},{decimal.group(2)})"
    if contract_type not in names:
        raise ValueError(f"unknown contract type {contract_type!r}")
    return names[contract_type]


def postgres_type(contract_type: str) -> str:
    """The PostgreSQL type of a contract type, e.g. `decimal(5,2)` -> `numeric(5,2)`."""
    return _engine_type(contract_type, _POSTGRES_TYPES, "numeric")


def spark_type(contract_type: str) -> str:
    """The Spark SQL type of a contract type, e.g. `varchar` -> `string`."""
    return _engine_type(contract_type, _SPARK_TYPES, "decimal")


def raw_csv_path(raw_path: Path, table: Table) -> Path:
    """`<raw_path>/<table>.csv`, or a clear error naming the table when it is missing."""
    path = Path(raw_path) / f"{table.name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"Raw table '{table.name}' not found: expected {path}")
    return path


def csv_header(path: Path) -> list[str]:
    """Column names of a CSV file (its first record)."""
    with open(path, newline="", encoding="utf-8") as file:
        return next(csv.reader(file), [])


def check_columns(table: Table, header: list[str], path: Path) -> None:
    """Fail naming the table and columns when a contract column is missing (extra columns are fine)."""
    missing = [name for name in table.column_names if name not in header]
    if missing:
        raise ValueError(
            f"Raw table '{table.name}' ({path}) is missing contract column(s): {', '.join(missing)}"
        )
