"""Configured vs fitted health weights, month by month on an expanding window.

For each judged month M (a month whose churn outcome over the horizon is
known), weights are fitted (:func:`fit_effective_weights`) on the judged
rows of months up to M - horizon only: their outcomes were known at the end of
month M, so the fit uses nothing a CSM could not have known then. Both the
configured score (the mart's ``health_score``) and the fitted score are then
ranked against the churn of month M's customers. The overall row pools every
month that had a fit (out-of-sample scores only) and reports the weights
fitted on all judged history, the candidate default.

A month's fit depends only on months up to M - horizon, so once made it never
changes: `known_fits` passes the weights of months fitted by an earlier run
(:func:`fits_of_rows` reads them back from its output), and only the other
months are fitted. Every row is still recomputed from the data (cheap).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from saas_retention.blas import one_blas_thread
from saas_retention.health.auc import auc_lower_is_riskier
from saas_retention.health.weights import COMPONENTS, HealthWeights, fit_effective_weights

SCORE_COLUMNS = [f"{name}_score" for name in COMPONENTS]
OUTPUT_COLUMNS = [
    "month", "is_overall", "training_rows", "training_churners", "scored_rows", "churners",
    "configured_auc", "fitted_auc", "fitted_minus_configured_auc",
    *(f"fitted_weight_{name}" for name in COMPONENTS),
    *(f"configured_weight_{name}" for name in COMPONENTS),
]


def check_configured_scores(scored: pd.DataFrame, configured: HealthWeights, tolerance: float = 1e-6) -> None:
    """Raise when the mart's health_score differs from `configured` applied here (the two rules drifted)."""
    recomputed = configured.score(scored)
    expected = scored["health_score"].to_numpy(dtype=float)
    same = np.isclose(recomputed, expected, atol=tolerance) | (np.isnan(recomputed) & np.isnan(expected))
    if not same.all():
        first = int(np.flatnonzero(~same)[0])
        raise ValueError(
            f"health_score of row {first} is {expected[first]}, the configured weights give {recomputed[first]}:"
            " the Python score rule and the SQL mart disagree"
        )


def fits_of_rows(rows: pd.DataFrame) -> dict[pd.Timestamp, dict[str, float] | None]:
    """Fitted weights per month of earlier :func:`compare_weights` rows (None = no fit); overall row left out."""
    monthly = rows[~rows["is_overall"].astype(bool)]
    fits = {}
    weights_by_month = monthly[[f"fitted_weight_{name}" for name in COMPONENTS]].to_numpy(dtype=float)
    for month, weights in zip(pd.to_datetime(monthly["month"]), weights_by_month):
        fits[month] = None if np.isnan(weights).any() else dict(zip(COMPONENTS, weights.tolist()))
    return fits


def compare_weights(scored: pd.DataFrame, configured: HealthWeights, horizon_months: int,
                    min_training_churners: int,
                    known_fits: dict[pd.Timestamp, dict[str, float] | None] | None = None) -> pd.DataFrame:
    """One row per judged month plus an overall row (month NaT, is_overall True).

    `scored` has one row per judged customer-month: `month` (first day), the five
    `<component>_score` columns (NaN = missing), `health_score` (configured weights)
    and `churned` (churned within the horizon). Months in `known_fits` use those
    weights instead of a new fit. The fits run with one BLAS thread (:mod:`saas_retention.blas`).
    """
    with one_blas_thread():
        return _compare_months(scored, configured, horizon_months, min_training_churners, known_fits or {})


def _compare_months(scored: pd.DataFrame, configured: HealthWeights, horizon_months: int,
                    min_training_churners: int, known_fits: dict) -> pd.DataFrame:
    scored = scored.assign(month=pd.to_datetime(scored["month"]))
    check_configured_scores(scored, configured)
    configured_effective = configured.effective()
    rows = []
    pooled = []
    for month in sorted(scored["month"].unique()):
        month = pd.Timestamp(month)
        training = scored[scored["month"] <= month - pd.DateOffset(months=horizon_months)]
        current = scored[scored["month"] == month]
        training_churners = int(training["churned"].sum())
        if month in known_fits:
            fitted = known_fits[month]
        elif training_churners >= min_training_churners:
            fitted = fit_effective_weights(training[SCORE_COLUMNS], training["churned"])
        else:
            fitted = None
        fitted_scores = HealthWeights.from_effective(fitted).score(current) if fitted else None
        if fitted_scores is not None:
            pooled.append(current.assign(fitted_score=fitted_scores))
        rows.append(_row(month, False, training, current, current["health_score"], fitted_scores, fitted,
                         configured_effective))
    out_of_sample = pd.concat(pooled) if pooled else scored.iloc[0:0].assign(fitted_score=[])
    full_history = fit_effective_weights(scored[SCORE_COLUMNS], scored["churned"])
    rows.append(_row(pd.NaT, True, scored, out_of_sample, out_of_sample["health_score"],
                     out_of_sample["fitted_score"] if pooled else None, full_history, configured_effective))
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def _row(month, is_overall, training, current, configured_scores, fitted_scores, fitted, configured_effective):
    configured_auc = auc_lower_is_riskier(configured_scores, current["churned"])
    fitted_auc = auc_lower_is_riskier(fitted_scores, current["churned"]) if fitted_scores is not None else None
    row = {
        "month": month,
        "is_overall": is_overall,
        "training_rows": len(training),
        "training_churners": int(training["churned"].sum()),
        "scored_rows": len(current),
        "churners": int(current["churned"].sum()),
        "configured_auc": configured_auc,
        "fitted_auc": fitted_auc,
        "fitted_minus_configured_auc": (
            fitted_auc - configured_auc if fitted_auc is not None and configured_auc is not None else None
        ),
    }
    for name in COMPONENTS:
        row[f"fitted_weight_{name}"] = fitted[name] if fitted else None
        row[f"configured_weight_{name}"] = configured_effective[name]
    return row
