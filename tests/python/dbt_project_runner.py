"""Run this dbt project in a subprocess against a raw folder, isolated per test.

Each run gets its own DuckDB file and target path, so tests never share a
lock or partial-parse state with a developer's build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from saas_retention.contract import TABLES

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))


def write_raw_folder(folder: Path, rows: dict[str, list[str]]) -> Path:
    """Write one CSV per contract table: the header plus the given CSV lines."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES.values():
        lines = [",".join(table.column_names), *rows.get(table.name, [])]
        (folder / f"{table.name}.csv").write_text("\n".join(lines) + "\n")
    return folder


def text_csv(path: Path) -> str:
    """DuckDB's read of a raw CSV file as text (every column varchar, like staging reads it)."""
    return f"read_csv('{path}', header = true, all_varchar = true)"


def copy_raw_folder(source: Path, folder: Path, replaced: dict[str, str]) -> Path:
    """`folder` with the CSV files of `source`, except the tables named in `replaced`, written as
    text from the query given for each (e.g. a filtered :func:`text_csv` of another file)."""
    folder.mkdir(parents=True)
    for csv in source.glob("*.csv"):
        if csv.stem not in replaced:
            shutil.copy(csv, folder / csv.name)
    with duckdb.connect() as connection:
        for table, query in replaced.items():
            connection.execute(f"copy ({query}) to '{folder / f'{table}.csv'}' (header, delimiter ',')")
    return folder


class DbtProject:
    """The project pointed at one raw folder, with its own database and target path."""

    def __init__(self, work_dir: Path, raw_path: Path):
        self.database = work_dir / "warehouse.duckdb"
        self.target_path = work_dir / "target"
        self.raw_path = raw_path

    def run(self, *args: str, vars_: dict | None = None) -> subprocess.CompletedProcess:
        """Run a dbt command; returns the completed process (check returncode yourself)."""
        all_vars = {"raw_path": str(self.raw_path), **(vars_ or {})}
        env = {
            **os.environ,
            "DO_NOT_TRACK": "1",
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_DUCKDB_PATH": str(self.database),
            "DBT_TARGET_PATH": str(self.target_path),
        }
        command = [DBT_EXECUTABLE, *args, "--vars", repr(all_vars)]
        return subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=900)

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        """Rows of a query on the built database (read-only), with optional `?` parameters."""
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.execute(sql, parameters).fetchall()
