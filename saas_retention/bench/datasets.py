"""Benchmark data sets: generated Parquet, and a copy missing the last loaded day."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from saas_retention.contract import TABLES
from saas_retention.generate import SimulationConfig, generate

EVENTS = "usage_events"


@dataclass(frozen=True)
class BenchDataset:
    """A generated data set and its split for the one-day incremental append."""

    customers: int
    full_path: Path
    base_path: Path
    row_counts: dict[str, int]
    appended_events: int

    @property
    def rows_in(self) -> int:
        return sum(self.row_counts.values())

    def use_full_events(self) -> None:
        """Make the base folder's events the full file: the day's append lands."""
        _link(self.base_path / f"{EVENTS}.parquet", self.full_path / f"{EVENTS}.parquet")


def _link(link: Path, target: Path) -> None:
    link.unlink(missing_ok=True)
    link.symlink_to(target.resolve())


def prepare_dataset(customers: int, seed: int, work_dir: Path) -> BenchDataset:
    """Generate `customers` as Parquet and a base copy without the last day of loaded events.

    The base folder links every table to the full data set except
    usage_events, which holds only rows loaded before the last loaded day;
    `use_full_events` later swaps in the full file, i.e. appends that day.
    """
    full_path = work_dir / "full"
    base_path = work_dir / "base"
    row_counts = generate(SimulationConfig(customers=customers, seed=seed), full_path, ("parquet",))
    base_path.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table != EVENTS:
            _link(base_path / f"{table}.parquet", full_path / f"{table}.parquet")
    events_file = full_path / f"{EVENTS}.parquet"
    base_events = base_path / f"{EVENTS}.parquet"
    base_events.unlink(missing_ok=True)
    with duckdb.connect() as connection:
        cutoff = f"(select date_trunc('day', max(loaded_at)) from read_parquet('{events_file}'))"
        appended = connection.execute(
            f"select count(*) from read_parquet('{events_file}') where loaded_at >= {cutoff}"
        ).fetchone()[0]
        connection.execute(
            f"copy (select * from read_parquet('{events_file}') where loaded_at < {cutoff}) "
            f"to '{base_events}' (format parquet, compression zstd)"
        )
    return BenchDataset(customers, full_path, base_path, row_counts, appended)
