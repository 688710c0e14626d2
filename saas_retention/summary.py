"""Print the latest month's headline KPIs from the built marts.

`make demo` runs this after `dbt build`:

    python -m saas_retention.summary [--database PATH]

It reads the DuckDB file read-only (default: env DBT_DUCKDB_PATH, else
``saas_retention.duckdb``) and prints MRR, ARR, active customers, NRR_12m,
GRR_12m and logo churn for the as-of month.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date

import duckdb

LATEST_MONTH_SQL = """
select
    movements.month,
    movements.ending_mrr,
    movements.ending_arr,
    movements.ending_customers,
    retention.nrr_12m,
    retention.grr_12m,
    movements.logo_churn_rate
from marts.mrr_movements_monthly as movements
left join marts.revenue_retention_monthly as retention
    on movements.month = retention.month
order by movements.month desc
limit 1
"""


@dataclass(frozen=True)
class LatestKpis:
    """Headline KPIs of the as-of month."""

    month: date
    mrr: float
    arr: float
    active_customers: int
    nrr_12m: float | None
    grr_12m: float | None
    logo_churn_rate: float | None


def read_latest_kpis(database_path: str) -> LatestKpis:
    """Read the KPIs of the latest reported month from the marts."""
    with duckdb.connect(database_path, read_only=True) as connection:
        row = connection.execute(LATEST_MONTH_SQL).fetchone()
    if row is None:
        raise LookupError(f"{database_path}: marts.mrr_movements_monthly has no rows")
    return LatestKpis(*row)


def _ratio(value: float | None) -> str:
    return "n/a (fewer than 12 months)" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def format_kpis(kpis: LatestKpis) -> str:
    """The summary as printed, one KPI per line."""
    lines = [
        f"KPIs for {kpis.month:%B %Y} (as-of month)",
        f"  MRR               {kpis.mrr:>16,.2f}",
        f"  ARR               {kpis.arr:>16,.2f}",
        f"  Active customers  {kpis.active_customers:>16,d}",
        f"  NRR (12 months)   {_ratio(kpis.nrr_12m):>16}",
        f"  GRR (12 months)   {_ratio(kpis.grr_12m):>16}",
        f"  Logo churn (month){_percent(kpis.logo_churn_rate):>16}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default=os.environ.get("DBT_DUCKDB_PATH", "saas_retention.duckdb"),
        help="DuckDB file built by dbt (default: $DBT_DUCKDB_PATH or saas_retention.duckdb)",
    )
    args = parser.parse_args(argv)
    try:
        kpis = read_latest_kpis(args.database)
    except (duckdb.Error, LookupError) as error:
        print(f"Cannot read the marts from {args.database}: {error}. Run `dbt build` first.", file=sys.stderr)
        return 1
    print(format_kpis(kpis))
    return 0


if __name__ == "__main__":
    sys.exit(main())
