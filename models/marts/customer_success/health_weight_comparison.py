"""Configured vs fitted health weights on an expanding window (see the YAML and saas_retention.health.comparison).

Incremental: a month's fit is frozen once made, so a run fits only the months not in the table
yet and replaces every row (unique key is_overall); `--full-refresh` refits every month.
"""

from saas_retention.health.comparison import compare_weights, fits_of_rows
from saas_retention.health.weights import COMPONENTS, HealthWeights


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert", unique_key="is_overall",
               on_schema_change="fail")
    configured = HealthWeights(
        outcome={
            "deployment": float(dbt.config.get("weight_deployment")),
            "engagement": float(dbt.config.get("weight_engagement")),
            "adoption": float(dbt.config.get("weight_adoption")),
            "roi": float(dbt.config.get("weight_roi")),
        },
        health={
            "outcome": float(dbt.config.get("weight_outcome")),
            "experience": float(dbt.config.get("weight_experience")),
        },
    )
    score_columns = [f"{name}_score" for name in COMPONENTS]
    health = dbt.ref("customer_health_monthly").df()[["customer_id", "month", *score_columns, "health_score"]]
    outcomes = dbt.ref("int_health_churn_outcomes").df()[["customer_id", "month", "churned_within_horizon"]]
    scored = health.merge(outcomes, on=["customer_id", "month"]).rename(columns={"churned_within_horizon": "churned"})
    known_fits = fits_of_rows(session.sql(f"select * from {dbt.this}").df()) if dbt.is_incremental else {}
    comparison = compare_weights(
        scored,
        configured,
        horizon_months=int(dbt.config.get("horizon_months")),
        min_training_churners=int(dbt.config.get("min_training_churners")),
        known_fits=known_fits,
    )
    comparison["month"] = comparison["month"].dt.date
    return comparison
