"""Configured vs fitted health weights on an expanding window (see the YAML and saas_retention.health.comparison)."""

from saas_retention.health.comparison import compare_weights
from saas_retention.health.weights import COMPONENTS, HealthWeights


def model(dbt, session):
    dbt.config(materialized="table")
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
    comparison = compare_weights(
        scored,
        configured,
        horizon_months=int(dbt.config.get("horizon_months")),
        min_training_churners=int(dbt.config.get("min_training_churners")),
    )
    comparison["month"] = comparison["month"].dt.date
    return comparison
