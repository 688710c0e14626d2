"""Read-only access to the marts the dashboard shows.

Every query opens the DuckDB file read-only and closes it again, so a
running dashboard never holds a lock that would stop `dbt build`. The
dashboard reads the `marts` schema only (listed in `MARTS`, and in the
`saas_retention_dashboard` and `saas_retention_dashboard_forecast`
exposures of models/exposures.yml).

Company-wide figures come straight from the aggregate marts, a segment's
revenue from mrr_movements_by_segment_monthly. A segment's retention is the
sum over customer_retention_12m of the customers whose
customer_attributes_monthly segment is that segment: the semantic layer's
rule, so segments add up to the company-wide marts (tested).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[1]
SCHEMA = "marts"
ALL_SEGMENTS = "all"
SEGMENTS = ("vip", "core", "potential", "secondary")

# Every mart the dashboard reads, with what it is shown for.
MARTS = {
    "mrr_movements_monthly": "KPIs, MRR and ARR trend, movements, churn rates",
    "revenue_retention_monthly": "NRR and GRR trend",
    "churn_reasons_monthly": "churn by reason",
    "mrr_movements_by_segment_monthly": "revenue of one segment",
    "customer_attributes_monthly": "segment of each customer-month",
    "customer_retention_12m": "NRR and GRR of one segment",
    "health_bands_monthly": "health band distribution",
    "customers_at_risk": "at-risk list",
    "survey_scores_monthly": "NPS and CSAT",
    "support_kpis_monthly": "support KPIs",
    "nrr_forecast": "NRR forecast",
    "nrr_forecast_backtest": "NRR forecast backtest",
}

REVENUE_COLUMNS = (
    "starting_mrr",
    "new_mrr",
    "reactivation_mrr",
    "expansion_mrr",
    "contraction_mrr",
    "churned_mrr",
    "ending_mrr",
    "ending_arr",
    "starting_customers",
    "new_customers",
    "reactivated_customers",
    "churned_customers",
    "ending_customers",
    "logo_churn_rate",
    "gross_mrr_churn_rate",
    "net_mrr_churn_rate",
)

_SEGMENT_RETENTION_SQL = """
with cohort_rows as (
    select
        retention.month,
        retention.cohort_mrr,
        retention.mrr,
        retention.retained_mrr
    from marts.customer_retention_12m as retention
    inner join marts.customer_attributes_monthly as attributes
        on retention.customer_id = attributes.customer_id and retention.cohort_month = attributes.month
    where attributes.segment = $segment
)

select
    months.month,
    sum(cohort_rows.mrr) / nullif(sum(cohort_rows.cohort_mrr), 0) as nrr_12m,
    sum(cohort_rows.retained_mrr) / nullif(sum(cohort_rows.cohort_mrr), 0) as grr_12m
from marts.revenue_retention_monthly as months
left join cohort_rows on months.month = cohort_rows.month
group by months.month
order by months.month
"""


def default_database() -> Path:
    """The DuckDB file `make demo` builds: env DBT_DUCKDB_PATH, else saas_retention.duckdb in the project."""
    return Path(os.environ.get("DBT_DUCKDB_PATH", PROJECT_DIR / "saas_retention.duckdb"))


class Marts:
    """The marts of one DuckDB file, read-only."""

    def __init__(self, database: str | Path):
        self.database = str(database)

    def query(self, sql: str, parameters: dict | None = None) -> pd.DataFrame:
        """Rows of a query as a DataFrame (dates as pandas timestamps)."""
        with duckdb.connect(self.database, read_only=True) as connection:
            return connection.execute(sql, parameters or {}).df()

    def available(self) -> frozenset[str]:
        """The marts of `MARTS` that exist in the database."""
        names = self.query(
            "select table_name from information_schema.tables where table_schema = $schema",
            {"schema": SCHEMA},
        )["table_name"]
        return frozenset(set(names) & set(MARTS))

    def revenue_monthly(self, segment: str = ALL_SEGMENTS) -> pd.DataFrame:
        """The MRR bridge, customers and churn rates per month (`REVENUE_COLUMNS`) of a segment (`all` = everyone)."""
        columns = ", ".join(REVENUE_COLUMNS)
        if segment == ALL_SEGMENTS:
            return self.query(f"select month, {columns} from marts.mrr_movements_monthly order by month")
        return self.query(
            f"""
            select month, {columns}
            from marts.mrr_movements_by_segment_monthly
            where segment = $segment
            order by month
            """,
            {"segment": segment},
        )

    def retention_monthly(self, segment: str = ALL_SEGMENTS) -> pd.DataFrame:
        """NRR_12m and GRR_12m per month (null in the first twelve months)."""
        if segment == ALL_SEGMENTS:
            return self.query("select month, nrr_12m, grr_12m from marts.revenue_retention_monthly order by month")
        return self.query(_SEGMENT_RETENTION_SQL, {"segment": segment})

    def churn_reasons(self) -> pd.DataFrame:
        """Churned customers and MRR per month and reason (company-wide)."""
        return self.query(
            """
            select month, churn_reason, churned_customers, churned_mrr
            from marts.churn_reasons_monthly
            where churn_reason <> 'all'
            order by month, churn_reason
            """
        )

    def health_bands(self, segment: str = ALL_SEGMENTS) -> pd.DataFrame:
        """Customers and MRR per month and health band of a segment (`all` = everyone)."""
        return self.query(
            """
            select month, health_band, customers, mrr, share_of_customers, share_of_mrr
            from marts.health_bands_monthly
            where segment = $segment
            order by month, health_band
            """,
            {"segment": segment},
        )

    def at_risk(self, segment: str = ALL_SEGMENTS) -> pd.DataFrame:
        """The current at-risk list, largest MRR at risk first."""
        return self.query(
            """
            select *
            from marts.customers_at_risk
            where $segment = 'all' or segment = $segment
            order by mrr_at_risk desc, customer_id
            """,
            {"segment": segment},
        )

    def survey_scores(self, segment: str = ALL_SEGMENTS) -> pd.DataFrame:
        """NPS, CSAT and response counts per month of a segment."""
        return self.query(
            """
            select month, nps, nps_responses, promoters, detractors, csat, csat_responses
            from marts.survey_scores_monthly
            where segment = $segment
            order by month
            """,
            {"segment": segment},
        )

    def support_kpis(self) -> pd.DataFrame:
        """Overall support KPIs per month (every priority and category)."""
        return self.query(
            """
            select
                month, tickets, tickets_per_active_customer, median_first_response_hours,
                median_resolution_hours, first_contact_resolution_rate
            from marts.support_kpis_monthly
            where priority = 'all' and category = 'all'
            order by month
            """
        )

    def table(self, name: str) -> pd.DataFrame:
        """A whole mart (for the small prediction marts)."""
        if name not in MARTS:
            raise KeyError(f"{name} is not a mart the dashboard reads")
        return self.query(f"select * from {SCHEMA}.{name}")
