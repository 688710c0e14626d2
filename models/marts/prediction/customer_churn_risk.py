"""Churn risk of every active customer-month (see the YAML and saas_retention.prediction.churn_risk).

Incremental by month: a run scores the months not in the table yet and rescores those stored
while still provisional (saas_retention.prediction.incremental); `--full-refresh` rescores every month.
"""

from saas_retention.prediction.churn_risk import score_churn_risk
from saas_retention.prediction.incremental import first_provisional_month, months_to_compute, provisional_months
from saas_retention.prediction.inputs import prepare_inputs
from saas_retention.prediction.nrr_forecast import ForecastSettings


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert", unique_key="month",
               on_schema_change="fail")
    settings = ForecastSettings.from_config({
        "churn_c": dbt.config.get("churn_c"),
        "change_alpha": dbt.config.get("change_alpha"),
        "min_training_churns": dbt.config.get("min_training_churns"),
        "size_bands": dbt.config.get("size_bands"),
        "simulations": dbt.config.get("simulations"),
        "seed": dbt.config.get("seed"),
        "max_training_customers": dbt.config.get("max_training_customers"),
    })
    reporting_period = dbt.ref("int_reporting_period").df()
    inputs = prepare_inputs(
        customer_months=dbt.ref("customer_mrr_monthly").df(),
        items=dbt.ref("int_subscription_items_priced").df(),
        staged_items=dbt.ref("int_subscription_items_validated").df(),
        plans=dbt.ref("int_plans_validated").df(),
        segments=dbt.ref("customer_segments").df(),
        health=dbt.ref("customer_health_monthly").df(),
        reporting_period=reporting_period,
    )
    first = first_provisional_month(session, dbt.this, "month") if dbt.is_incremental else None
    risk = score_churn_risk(inputs, settings, months=months_to_compute(inputs.features["month_number"], first))
    risk.insert(risk.columns.get_loc("month") + 1, "is_provisional", provisional_months(
        risk["month"], reporting_period["as_of_date"].iloc[0], int(dbt.config.get("lookback_days"))))
    risk["month"] = risk["month"].dt.date
    return risk
