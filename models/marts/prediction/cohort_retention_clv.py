"""sBG retention and CLV per acquisition quarter and per segment (YAML; saas_retention.prediction.cohort_clv)."""

from saas_retention.prediction.cohort_clv import acquisition_table, cohort_summary, with_segment_at_acquisition
from saas_retention.prediction.panel import month_number


def model(dbt, session):
    dbt.config(materialized="table")
    reporting_period = dbt.ref("int_reporting_period").df()
    as_of = int(month_number(reporting_period["as_of_month"])[0])
    acquisitions = with_segment_at_acquisition(
        acquisition_table(dbt.ref("customer_mrr_monthly").df(), as_of), dbt.ref("customer_segments").df())
    economics = dbt.ref("unit_economics_monthly").df()
    overall = economics[economics["acquisition_channel"] == "all"]
    cac_by_month = overall.set_index(month_number(overall["month"]))["cac"]
    return cohort_summary(acquisitions, as_of, float(dbt.config.get("gross_margin")),
                          float(dbt.config.get("annual_discount_rate")), cac_by_month,
                          int(dbt.config.get("projection_months")))
