"""Assemble the feature frame and MRR panel from the dbt relations the prediction models read.

The dbt Python models fetch their refs (a dbt Python model must name each ``dbt.ref`` literally)
and hand the pandas frames to :func:`prepare_inputs`; everything else happens here, so the
same path is used by the models and by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from saas_retention.prediction.features import (
    HEALTH_FEATURES, REVENUE_FEATURES, SEGMENT_FEATURES, build_features, plan_terms,
)
from saas_retention.prediction.nrr_forecast import FeatureSets
from saas_retention.prediction.panel import MrrPanel, month_number

__all__ = ["CHURN_FEATURES", "CHANGE_FEATURES", "MODEL_FEATURES", "PreparedInputs", "prepare_inputs"]

CHURN_FEATURES = tuple(
    name for name in (*REVENUE_FEATURES, *SEGMENT_FEATURES, *HEALTH_FEATURES)
    if name not in ("adoption_score", "health_score", "health_trend_3m")
)
"""Churn model columns: every feature except three that are weighted means of the others (the
adoption score of its four measured inputs, the health score and its trend of the component
scores and trends). Keeping them would split one effect over collinear columns with opposite
signs, and a driver such as "adoption_score high" would then read as a risk."""

CHANGE_FEATURES = ("health_score",)
"""MRR change model columns: expansion and contraction follow health; more columns made the
backtest worse (they are estimated from a few dozen expansions a year, see DECISIONLOG.md)."""

MODEL_FEATURES = FeatureSets(churn=CHURN_FEATURES, change=CHANGE_FEATURES)


@dataclass(frozen=True)
class PreparedInputs:
    """Feature frame (one row per active customer-month), MRR panel and the as-of month number."""

    features: pd.DataFrame
    panel: MrrPanel
    as_of_month: int


def prepare_inputs(customer_months: pd.DataFrame, items: pd.DataFrame, staged_items: pd.DataFrame,
                   plans: pd.DataFrame, segments: pd.DataFrame, health: pd.DataFrame,
                   reporting_period: pd.DataFrame) -> PreparedInputs:
    """Build the inputs from customer_mrr_monthly, int_subscription_items_priced,
    int_subscription_items_validated (for ``discount_percent``), int_plans_validated,
    customer_segments, customer_health_monthly and int_reporting_period."""
    if len(reporting_period) != 1:
        raise ValueError(f"int_reporting_period must have one row, got {len(reporting_period)}")
    as_of = int(month_number(reporting_period["as_of_month"])[0])
    discounts = staged_items[["subscription_item_id", "discount_percent"]]
    priced = items.merge(discounts, how="left", on="subscription_item_id", validate="one_to_one")
    if priced["discount_percent"].isna().any():
        raise ValueError("subscription items without a discount_percent in staging")
    features = build_features(customer_months, plan_terms(priced, plans, as_of), segments, health)
    return PreparedInputs(features=features, panel=MrrPanel.from_customer_months(customer_months, as_of),
                          as_of_month=as_of)
