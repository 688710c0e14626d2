"""Load raw CSV files into PostgreSQL and read tables back (psycopg2).

Connection settings come from the same environment variables as the
`postgres` output of profiles.yml (DBT_POSTGRES_HOST, _PORT, _USER,
_PASSWORD, _DBNAME), with the same local defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

from saas_retention.contract import TABLES, Table
from saas_retention.engines.raw_files import check_columns, csv_header, postgres_type, raw_csv_path


def connection_settings(user: str | None = None, password: str | None = None) -> dict[str, object]:
    """psycopg2 connection arguments of the profile's `postgres` output, optionally as another role."""
    return {
        "host": os.environ.get("DBT_POSTGRES_HOST", "127.0.0.1"),
        "port": int(os.environ.get("DBT_POSTGRES_PORT", "55432")),
        "user": user or os.environ.get("DBT_POSTGRES_USER", "dbt"),
        "password": password or os.environ.get("DBT_POSTGRES_PASSWORD", "dbt"),
        "dbname": os.environ.get("DBT_POSTGRES_DBNAME", "saas_retention"),
    }


def connect(user: str | None = None, password: str | None = None):
    """A psycopg2 connection (imported here: psycopg2 is the optional `postgres` dependency)."""
    import psycopg2

    return psycopg2.connect(**connection_settings(user, password))


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _load_table(cursor, table: Table, raw_path: Path, schema: str) -> None:
    path = raw_csv_path(raw_path, table)
    header = csv_header(path)
    check_columns(table, header, path)
    # Every CSV column lands as text first, so extra columns are allowed and
    # the cast to the contract type is one statement that names the table.
    cursor.execute(
        "create temporary table raw_file ({})".format(
            ", ".join(f"{_identifier(name)} text" for name in header)
        )
    )
    with open(path, encoding="utf-8") as file:
        # Unquoted empty fields are NULL in PostgreSQL's CSV format.
        cursor.copy_expert("copy raw_file from stdin with (format csv, header true)", file)
    target = f"{_identifier(schema)}.{_identifier(table.name)}"
    cursor.execute(f"drop table if exists {target}")
    cursor.execute(
        "create table {} ({})".format(
            target,
            ", ".join(f"{_identifier(column.name)} {postgres_type(column.type)}" for column in table.columns),
        )
    )
    cursor.execute(
        "insert into {} select {} from raw_file".format(
            target,
            ", ".join(
                f"cast({_identifier(column.name)} as {postgres_type(column.type)})" for column in table.columns
            ),
        )
    )
    cursor.execute("drop table raw_file")


def load_raw(connection, raw_path: Path, schema: str = "raw") -> list[str]:
    """Create every contract table in `schema` from `<raw_path>/<table>.csv`, typed as the contract says.

    One transaction: either every table is replaced or none is. Returns the
    tables loaded. A missing file or contract column, or a value that
    does not cast to its contract type, stops the load with PostgreSQL's
    error naming the table.
    """
    loaded = []
    with connection.cursor() as cursor:
        cursor.execute(f"create schema if not exists {_identifier(schema)}")
        for table in TABLES.values():
            try:
                _load_table(cursor, table, Path(raw_path), schema)
            except Exception as error:
                connection.rollback()
                raise RuntimeError(f"loading raw table '{table.name}' into PostgreSQL failed: {error}") from error
            loaded.append(table.name)
    connection.commit()
    return loaded


def fetch_table(connection, relation: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of `select * from relation`."""
    with connection.cursor() as cursor:
        cursor.execute(f"select * from {relation}")
        return [column.name for column in cursor.description], cursor.fetchall()
