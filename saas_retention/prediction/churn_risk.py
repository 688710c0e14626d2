"""Churn risk of every active customer-month, and how well it ranks the churners.

Each month M is scored by models trained on what was known at the end of M (outcomes of the
customer-months before M up to M, see :func:`~saas_retention.prediction.nrr_forecast.fit_cutoff_models`):
the score of a past month is exactly what the model would have said then. Months before the
model has ``min_training_churns`` distinct churns to learn from are not scored.

Validation ranks each horizon's churners among the customers scored in a month whose outcome
over the horizon is known (``M + h <= as-of month``): ROC AUC of the churn probability, next to
the AUC of the health score on the same rows, and calibration (mean predicted probability vs
observed churn rate).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from saas_retention.health.auc import auc_lower_is_riskier
from saas_retention.prediction.churn_model import top_drivers
from saas_retention.prediction.design import one_blas_thread
from saas_retention.prediction.inputs import MODEL_FEATURES, PreparedInputs
from saas_retention.prediction.nrr_forecast import (
    FeatureSets, ForecastSettings, customer_expectations, fit_cutoff_models,
)
from saas_retention.prediction.panel import MrrPanel, first_churn_step, month_number, month_start

__all__ = ["RISK_HORIZONS", "score_churn_risk", "validate_churn_risk"]

RISK_HORIZONS = (3, 12)
_DRIVERS = 3
_CONTEXT = ["customer_id", "segment", "mrr", "tenure_months", "interval_months", "months_to_renewal", "health_score"]


def score_churn_risk(inputs: PreparedInputs, settings: ForecastSettings, columns: FeatureSets = MODEL_FEATURES,
                     months=None) -> pd.DataFrame:
    """One row per active customer-month (``months``: month numbers to score, default all).

    Columns: the context columns, ``month``, ``is_scored``, ``p_churn_3m``, ``p_churn_12m``,
    ``expected_mrr_12m``, ``top_driver_1..3`` and their log-odds, ``training_churns``.
    """
    with one_blas_thread():
        return _score_months(inputs, settings, columns, months)


def _score_months(inputs: PreparedInputs, settings: ForecastSettings, columns: FeatureSets, months) -> pd.DataFrame:
    features = inputs.features
    months = sorted(features["month_number"].unique()) if months is None else months
    frames, earlier = [], None
    for month in months:
        scored = features[features["month_number"] == month]
        models = fit_cutoff_models(features, inputs.panel, int(month), columns, settings, earlier)
        frame = scored[_CONTEXT].copy()
        frame["month_number"] = month
        if models is None:
            frame["is_scored"] = False
            frames.append(frame)
            continue
        earlier = models
        expected = customer_expectations(models, scored)
        frame["is_scored"] = True
        frame["p_churn_3m"] = expected["p_churn_3m"]
        frame["p_churn_12m"] = expected["p_churn_12m"]
        frame["expected_mrr_12m"] = expected["expected_mrr"]
        frame = frame.join(top_drivers(models.churn.contributions(scored), scored, models.churn.training_means,
                                       _DRIVERS))
        frame["training_churns"] = models.churn.training_churns
        frames.append(frame)
    risk = pd.concat(frames, ignore_index=True)
    for column in ("p_churn_3m", "p_churn_12m", "expected_mrr_12m", "training_churns",
                   *(f"top_driver_{i}" for i in range(1, _DRIVERS + 1)),
                   *(f"top_driver_{i}_log_odds" for i in range(1, _DRIVERS + 1))):
        if column not in risk.columns:
            risk[column] = np.nan
    risk["training_churns"] = risk["training_churns"].astype("Int64")
    risk.insert(1, "month", month_start(risk.pop("month_number")))
    return risk


def validate_churn_risk(risk: pd.DataFrame, panel: MrrPanel, as_of_month: int) -> pd.DataFrame:
    """AUC and calibration of ``p_churn_<h>m`` per month and pooled (``is_overall``), h = 3, 12.

    ``risk`` needs ``customer_id, month, is_scored, health_score, p_churn_3m, p_churn_12m``.
    The outcome is a churn (MRR falling to 0) in months M+1..M+h.
    """
    scored = risk[risk["is_scored"].astype(bool)]
    months = month_number(scored["month"])
    churn_step = first_churn_step(panel.ahead(scored["customer_id"], months, max(RISK_HORIZONS), as_of_month))
    rows = []
    for horizon in RISK_HORIZONS:
        known = months + horizon <= as_of_month
        judged = pd.DataFrame({
            "month": scored["month"].to_numpy()[known],
            "probability": scored[f"p_churn_{horizon}m"].to_numpy(dtype=float)[known],
            "health_score": scored["health_score"].to_numpy(dtype=float)[known],
            "churned": churn_step[known] <= horizon,
        })
        groups = [(month, False, group) for month, group in judged.groupby("month")]
        groups.append((pd.NaT, True, judged))
        for month, is_overall, group in groups:
            rows.append({
                "month": month, "is_overall": is_overall, "horizon_months": horizon,
                "scored_customers": len(group), "churners": int(group["churned"].sum()),
                "observed_churn_rate": group["churned"].mean() if len(group) else np.nan,
                "mean_churn_probability": group["probability"].mean() if len(group) else np.nan,
                "auc_churn_risk": auc_lower_is_riskier(-group["probability"], group["churned"]),
                "auc_health_score": auc_lower_is_riskier(group["health_score"], group["churned"]),
            })
    validation = pd.DataFrame(rows)
    validation["auc_churn_risk_minus_health"] = validation["auc_churn_risk"] - validation["auc_health_score"]
    return validation
