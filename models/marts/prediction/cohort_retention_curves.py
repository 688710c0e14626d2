"""Observed and sBG-projected retention curve of every group of cohort_retention_clv (see the YAML)."""

from saas_retention.prediction.cohort_clv import acquisition_table, retention_curves, with_segment_at_acquisition
from saas_retention.prediction.panel import month_number


def model(dbt, session):
    dbt.config(materialized="table")
    reporting_period = dbt.ref("int_reporting_period").df()
    as_of = int(month_number(reporting_period["as_of_month"])[0])
    acquisitions = with_segment_at_acquisition(
        acquisition_table(dbt.ref("customer_mrr_monthly").df(), as_of), dbt.ref("customer_segments").df())
    return retention_curves(acquisitions, as_of, dbt.ref("cohort_retention_clv").df(),
                            int(dbt.config.get("projection_months")))
