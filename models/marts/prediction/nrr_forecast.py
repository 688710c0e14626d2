"""NRR_12m forecast for the cohort active in the as-of month (see the YAML and saas_retention.prediction)."""

from saas_retention.prediction.inputs import MODEL_FEATURES, prepare_inputs
from saas_retention.prediction.nrr_forecast import ForecastSettings, latest_forecast


def model(dbt, session):
    dbt.config(materialized="table")
    settings = ForecastSettings.from_config({
        "churn_c": dbt.config.get("churn_c"),
        "change_alpha": dbt.config.get("change_alpha"),
        "min_training_churns": dbt.config.get("min_training_churns"),
        "size_bands": dbt.config.get("size_bands"),
        "simulations": dbt.config.get("simulations"),
        "seed": dbt.config.get("seed"),
        "max_training_customers": dbt.config.get("max_training_customers"),
    })
    inputs = prepare_inputs(
        customer_months=dbt.ref("customer_mrr_monthly").df(),
        items=dbt.ref("int_subscription_items_priced").df(),
        staged_items=dbt.ref("int_subscription_items_validated").df(),
        plans=dbt.ref("int_plans_validated").df(),
        segments=dbt.ref("customer_segments").df(),
        health=dbt.ref("customer_health_monthly").df(),
        reporting_period=dbt.ref("int_reporting_period").df(),
    )
    forecast = latest_forecast(inputs.features, inputs.panel, inputs.as_of_month, MODEL_FEATURES,
                               settings)
    for column in ("cutoff_month", "target_month"):
        forecast[column] = forecast[column].dt.date
    return forecast.rename(columns={"cutoff_month": "forecast_month"})
