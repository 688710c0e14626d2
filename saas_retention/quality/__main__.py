"""CLI: validate a raw folder (and optionally the marts of a built database) with GX.

    python -m saas_retention.quality --raw-path data/demo --database saas_retention.duckdb

Exit status 0 when every expectation passes, 1 when one fails, 2 when the
input cannot be read. Data docs: gx/uncommitted/data_docs/local_site/index.html
(override with --docs-dir).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from saas_retention.quality.datasets import DEFAULT_SAMPLE_ROWS, raw_profile, read_marts, read_raw_tables
from saas_retention.quality.expectations import mart_expectations, raw_profile_expectations, raw_table_expectations

DEFAULT_DOCS_DIR = Path("gx/uncommitted/data_docs/local_site")


def build_datasets(raw_path: Path | None, database: Path | None, sample_rows: int) -> list:
    """The datasets to validate: every raw contract table plus their profile, then the key marts."""
    from saas_retention.quality.checkpoint import Dataset  # GX is imported only when validating

    datasets = []
    if raw_path is not None:
        tables = read_raw_tables(raw_path, sample_rows)
        datasets += [Dataset("raw", raw.table.name, raw.rows, raw_table_expectations(raw.table)) for raw in tables]
        datasets.append(Dataset("raw", "raw_profile", raw_profile(tables), raw_profile_expectations()))
    if database is not None:
        suites = mart_expectations()
        datasets += [Dataset("marts", name, frame, suites[name]) for name, frame in read_marts(database).items()]
    return datasets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m saas_retention.quality", description=__doc__.splitlines()[0])
    parser.add_argument("--raw-path", type=Path, help="folder with one <table>.csv or .parquet per contract table")
    parser.add_argument("--database", type=Path, help="DuckDB file built by dbt (its marts are validated)")
    parser.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS_DIR, help="where GX writes the data docs")
    parser.add_argument(
        "--sample-rows", type=int, default=DEFAULT_SAMPLE_ROWS,
        help="row-level expectations of a bigger raw table run on a repeatable sample of this many rows",
    )
    args = parser.parse_args(argv)
    if args.raw_path is None and args.database is None:
        parser.error("give --raw-path, --database or both")

    started = time.monotonic()
    try:
        datasets = build_datasets(args.raw_path, args.database, args.sample_rows)
    except (FileNotFoundError, OSError) as error:
        print(f"validate: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # duckdb errors: a missing mart, an unreadable file
        print(f"validate: cannot read the data: {error}", file=sys.stderr)
        return 2

    from saas_retention.quality.checkpoint import validate

    outcomes = validate(datasets, args.docs_dir)
    failed = [outcome for outcome in outcomes if not outcome.success]
    for outcome in failed:
        where = f"{outcome.layer}.{outcome.dataset}" + (f".{outcome.column}" if outcome.column else "")
        count = f" ({outcome.unexpected_count} unexpected)" if outcome.unexpected_count else ""
        print(f"FAILED {where}: {outcome.expectation}{count}")
    print(
        f"GX: {len(outcomes) - len(failed)} passed, {len(failed)} failed "
        f"({len(datasets)} datasets, {time.monotonic() - started:.1f} s); data docs: {args.docs_dir / 'index.html'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
