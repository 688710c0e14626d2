"""AUC and calibration of customer_churn_risk next to the health score's AUC (see the YAML)."""

from saas_retention.prediction.churn_risk import validate_churn_risk
from saas_retention.prediction.panel import MrrPanel, month_number


def model(dbt, session):
    dbt.config(materialized="table")
    risk = dbt.ref("customer_churn_risk").df()
    reporting_period = dbt.ref("int_reporting_period").df()
    as_of = int(month_number(reporting_period["as_of_month"])[0])
    panel = MrrPanel.from_customer_months(dbt.ref("customer_mrr_monthly").df(), as_of)
    validation = validate_churn_risk(risk, panel, as_of)
    validation["month"] = validation["month"].dt.date
    return validation
