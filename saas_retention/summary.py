"""Print the latest month's headline KPIs from the built marts.

`make demo` runs this after `dbt build`:

    python -m saas_retention.summary [--database PATH]

It reads the DuckDB file read-only (default: env DBT_DUCKDB_PATH, else
``saas_retention.duckdb``) and prints, for the as-of month: revenue (MRR, ARR,
customers, ARPA, the MRR movements, quick ratio, NRR_12m, GRR_12m, logo churn),
customer health (customers and MRR share per health band, the at-risk list,
NPS) and the NRR forecast twelve months ahead with its 80 % interval. A health
or forecast mart that is missing (a build that stopped or excluded it) is
reported as such; the revenue marts are required.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date

import duckdb

REVENUE_SQL = """
select
    movements.month,
    movements.ending_mrr,
    movements.ending_arr,
    movements.ending_customers,
    movements.arpa,
    movements.new_mrr,
    movements.reactivation_mrr,
    movements.expansion_mrr,
    movements.contraction_mrr,
    movements.churned_mrr,
    movements.net_new_mrr,
    movements.quick_ratio,
    retention.nrr_12m,
    retention.grr_12m,
    movements.logo_churn_rate
from marts.mrr_movements_monthly as movements
left join marts.revenue_retention_monthly as retention
    on movements.month = retention.month
order by movements.month desc
limit 1
"""

HEALTH_BANDS_SQL = """
select health_band, customers, share_of_mrr
from marts.health_bands_monthly
where month = ? and segment = 'all'
"""

AT_RISK_SQL = "select count(*), coalesce(sum(mrr_at_risk), 0) from marts.customers_at_risk where month = ?"

NPS_SQL = "select nps, nps_responses from marts.survey_scores_monthly where month = ? and segment = 'all'"

FORECAST_SQL = """
select target_month, forecast_nrr, lower_80, upper_80
from marts.nrr_forecast
where forecast_month = ? and segment = 'all'
"""

BANDS = ("green", "yellow", "red")


@dataclass(frozen=True)
class LatestKpis:
    """Revenue KPIs of the as-of month (mrr_movements_monthly, revenue_retention_monthly)."""

    month: date
    mrr: float
    arr: float
    active_customers: int
    arpa: float | None
    new_mrr: float
    reactivation_mrr: float
    expansion_mrr: float
    contraction_mrr: float
    churned_mrr: float
    net_new_mrr: float
    quick_ratio: float | None
    nrr_12m: float | None
    grr_12m: float | None
    logo_churn_rate: float | None


@dataclass(frozen=True)
class HealthKpis:
    """Customer health of the as-of month: per band (customers, share of MRR), the at-risk list, NPS."""

    bands: dict[str, tuple[int, float]]
    at_risk_customers: int
    mrr_at_risk: float
    nps: float | None
    nps_responses: int


@dataclass(frozen=True)
class ForecastKpis:
    """The whole base's NRR forecast (nrr_forecast, segment 'all')."""

    target_month: date
    forecast_nrr: float
    lower_80: float
    upper_80: float


@dataclass(frozen=True)
class Summary:
    """What `make demo` prints."""

    revenue: LatestKpis
    health: HealthKpis | None
    forecast: ForecastKpis | None


def read_summary(database_path: str) -> Summary:
    """Revenue, health and forecast KPIs of the latest reported month; health or forecast is None
    when its marts were not built."""
    with duckdb.connect(database_path, read_only=True) as connection:
        revenue = _revenue(connection, database_path)
        return Summary(revenue, _health(connection, revenue.month), _forecast(connection, revenue.month))


def _revenue(connection: duckdb.DuckDBPyConnection, database_path: str) -> LatestKpis:
    row = connection.execute(REVENUE_SQL).fetchone()
    if row is None:
        raise LookupError(f"{database_path}: marts.mrr_movements_monthly has no rows")
    return LatestKpis(*row)


def _health(connection: duckdb.DuckDBPyConnection, month: date) -> HealthKpis | None:
    try:
        bands = {band: (customers, share) for band, customers, share in
                 connection.execute(HEALTH_BANDS_SQL, [month]).fetchall()}
        at_risk_customers, mrr_at_risk = connection.execute(AT_RISK_SQL, [month]).fetchone()
        nps_row = connection.execute(NPS_SQL, [month]).fetchone()
    except duckdb.CatalogException:
        return None
    nps, nps_responses = nps_row if nps_row is not None else (None, 0)
    return HealthKpis(bands, at_risk_customers, mrr_at_risk, nps, nps_responses)


def _forecast(connection: duckdb.DuckDBPyConnection, month: date) -> ForecastKpis | None:
    try:
        row = connection.execute(FORECAST_SQL, [month]).fetchone()
    except duckdb.CatalogException:
        return None
    return None if row is None else ForecastKpis(*row)


def _ratio(value: float | None, missing: str = "n/a (fewer than 12 months)") -> str:
    return missing if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.2f}"


def format_kpis(kpis: LatestKpis) -> str:
    """The revenue lines as printed, one KPI per line."""
    lines = [
        f"KPIs for {kpis.month:%B %Y} (as-of month)",
        f"  MRR               {kpis.mrr:>16,.2f}",
        f"  ARR               {kpis.arr:>16,.2f}",
        f"  Active customers  {kpis.active_customers:>16,d}",
        f"  ARPA              {_money(kpis.arpa):>16}",
        f"  Net new MRR       {kpis.net_new_mrr:>16,.2f}",
        f"    new {kpis.new_mrr:,.2f}, reactivation {kpis.reactivation_mrr:,.2f}, "
        f"expansion {kpis.expansion_mrr:,.2f}, contraction -{kpis.contraction_mrr:,.2f}, "
        f"churn -{kpis.churned_mrr:,.2f}",
        f"  Quick ratio       {_ratio(kpis.quick_ratio, 'n/a (nothing lost)'):>16}",
        f"  NRR (12 months)   {_ratio(kpis.nrr_12m):>16}",
        f"  GRR (12 months)   {_ratio(kpis.grr_12m):>16}",
        f"  Logo churn (month){_percent(kpis.logo_churn_rate):>16}",
    ]
    return "\n".join(lines)


def _band(health: HealthKpis, band: str) -> str:
    customers, share_of_mrr = health.bands.get(band, (0, 0.0))
    return f"{band} {customers:,d} ({share_of_mrr:.0%} of MRR)"


def format_health(health: HealthKpis | None) -> str:
    """The customer-health lines as printed."""
    if health is None:
        return "Customer health: not built (its marts are missing: run `dbt build`)"
    bands = ", ".join(_band(health, band) for band in BANDS)
    nps = "n/a (no answers)" if health.nps is None else f"{health.nps:.1f} ({health.nps_responses:,d} answers)"
    return "\n".join([
        "Customer health",
        f"  Health bands      {bands}",
        f"  At risk           {health.at_risk_customers:,d} customers, {health.mrr_at_risk:,.2f} MRR "
        "(marts.customers_at_risk)",
        f"  NPS (month)       {nps}",
    ])


def format_forecast(forecast: ForecastKpis | None) -> str:
    """The forecast line as printed."""
    if forecast is None:
        return "Forecast: not built (marts.nrr_forecast is missing: run `dbt build`)"
    return "\n".join([
        "Forecast",
        f"  NRR in {forecast.target_month:%B %Y} of this month's customers: {forecast.forecast_nrr:.3f} "
        f"(80 % interval {forecast.lower_80:.3f}-{forecast.upper_80:.3f}; marts.nrr_forecast)",
    ])


def format_summary(summary: Summary) -> str:
    """The whole summary as printed."""
    return "\n".join([format_kpis(summary.revenue), format_health(summary.health), format_forecast(summary.forecast)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default=os.environ.get("DBT_DUCKDB_PATH", "saas_retention.duckdb"),
        help="DuckDB file built by dbt (default: $DBT_DUCKDB_PATH or saas_retention.duckdb)",
    )
    args = parser.parse_args(argv)
    try:
        summary = read_summary(args.database)
    except (duckdb.Error, LookupError) as error:
        print(f"Cannot read the marts from {args.database}: {error}. Run `dbt build` first.", file=sys.stderr)
        return 1
    print(format_summary(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
