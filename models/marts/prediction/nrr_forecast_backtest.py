"""The NRR forecast replayed at every past cutoff, against the naive forecast (see the YAML).

Incremental by cutoff: a run computes the cutoffs not in the table yet and the latest one in it,
of which only the actual values when no new cutoff comes with it
(saas_retention.prediction.incremental); `--full-refresh` recomputes every cutoff.
"""

from saas_retention.prediction.incremental import latest_stored_month, months_to_compute, rows_of_month
from saas_retention.prediction.inputs import MODEL_FEATURES, prepare_inputs
from saas_retention.prediction.nrr_forecast import ForecastSettings, backtest_cutoffs, incremental_backtest


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert", unique_key="cutoff_month",
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
    inputs = prepare_inputs(
        customer_months=dbt.ref("customer_mrr_monthly").df(),
        items=dbt.ref("int_subscription_items_priced").df(),
        staged_items=dbt.ref("int_subscription_items_validated").df(),
        plans=dbt.ref("int_plans_validated").df(),
        segments=dbt.ref("customer_segments").df(),
        health=dbt.ref("customer_health_monthly").df(),
        reporting_period=dbt.ref("int_reporting_period").df(),
    )
    latest = latest_stored_month(session, dbt.this, "cutoff_month") if dbt.is_incremental else None
    cutoffs = months_to_compute(backtest_cutoffs(inputs.features, inputs.as_of_month), latest)
    rows = incremental_backtest(inputs.features, inputs.panel, cutoffs,
                                rows_of_month(session, dbt.this, "cutoff_month", latest), MODEL_FEATURES, settings)
    for column in ("cutoff_month", "target_month"):
        rows[column] = rows[column].dt.date
    return rows
