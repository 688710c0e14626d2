"""The health score as a nested weighted mean, and component weights fitted on history.

The score (same rule as the SQL mart ``customer_health_monthly``)::

    outcome = weighted mean of deployment, engagement, adoption, roi (outcome weights)
    health  = weighted mean of outcome and experience           (health weights)

where a missing (NaN) component is left out and the other weights are
renormalised. Nested weights correspond to *effective* weights of the five
components, ``health_weight['outcome'] x outcome_weight[c] / sum(outcome_weights)``
for the DEAR components and ``health_weight['experience']`` for experience
(after normalising the health weights to sum 1).

Fitted weights: a logistic regression of "churned within the horizon" on the
five component scores (0-100). A missing component is imputed with the mean of
the row's present components, which is what renormalising does when the
weights are equal. The effective weight of a component is its coefficient
with the sign flipped (a higher score should mean less churn), floored at 0,
and the weights are normalised to sum 1. A component whose coefficient has
the wrong sign (more churn with a higher score) gets weight 0 rather than a
negative weight, so the score stays a weighted mean in 0-100.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

OUTCOME_COMPONENTS = ("deployment", "engagement", "adoption", "roi")
COMPONENTS = (*OUTCOME_COMPONENTS, "experience")


def weighted_mean_of_available(values: np.ndarray, weights) -> np.ndarray:
    """Row-wise weighted mean of the non-NaN columns of `values`; NaN when a row has none.

    `values` is (rows x columns); `weights` one non-negative weight per column.
    """
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.ndim != 2 or values.shape[1] != weights.size:
        raise ValueError("values must be rows x len(weights)")
    present = ~np.isnan(values)
    denominator = (present * weights).sum(axis=1)
    numerator = np.where(present, values * weights, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1.0), np.nan)


@dataclass(frozen=True)
class HealthWeights:
    """Weights of the DEAR components in the outcome score and of outcome/experience in health."""

    outcome: dict[str, float]
    health: dict[str, float]

    def __post_init__(self) -> None:
        if set(self.outcome) != set(OUTCOME_COMPONENTS):
            raise ValueError(f"outcome weights must name {OUTCOME_COMPONENTS}, got {sorted(self.outcome)}")
        if set(self.health) != {"outcome", "experience"}:
            raise ValueError(f"health weights must name outcome and experience, got {sorted(self.health)}")
        for name, weight in (*self.outcome.items(), *self.health.items()):
            if weight < 0:
                raise ValueError(f"weight {name} must be >= 0, got {weight}")
        if sum(self.outcome.values()) <= 0 or sum(self.health.values()) <= 0:
            raise ValueError("weights must not all be 0")

    @classmethod
    def from_effective(cls, effective: dict[str, float]) -> "HealthWeights":
        """Nested weights whose effective weights are `effective` (one per component)."""
        outcome_total = sum(effective[name] for name in OUTCOME_COMPONENTS)
        if outcome_total <= 0:
            raise ValueError("at least one DEAR component needs a weight > 0")
        total = outcome_total + effective["experience"]
        return cls(
            outcome={name: effective[name] / outcome_total for name in OUTCOME_COMPONENTS},
            health={"outcome": outcome_total / total, "experience": effective["experience"] / total},
        )

    def effective(self) -> dict[str, float]:
        """Weight of each of the five components in the health score when none is missing (sums to 1)."""
        outcome_total = sum(self.outcome.values())
        health_total = sum(self.health.values())
        outcome_share = self.health["outcome"] / health_total
        weights = {name: outcome_share * self.outcome[name] / outcome_total for name in OUTCOME_COMPONENTS}
        weights["experience"] = self.health["experience"] / health_total
        return weights

    def score(self, components: pd.DataFrame) -> np.ndarray:
        """Health score of each row of `components` (columns `<component>_score`, NaN = missing)."""
        outcome = weighted_mean_of_available(
            components[[f"{name}_score" for name in OUTCOME_COMPONENTS]].to_numpy(dtype=float),
            [self.outcome[name] for name in OUTCOME_COMPONENTS],
        )
        both = np.column_stack([outcome, components["experience_score"].to_numpy(dtype=float)])
        return weighted_mean_of_available(both, [self.health["outcome"], self.health["experience"]])


def impute_with_row_mean(components: np.ndarray) -> np.ndarray:
    """Replace each NaN by the mean of the row's present values (rows with none become 50)."""
    components = np.asarray(components, dtype=float)
    row_mean = np.nanmean(np.where(np.isnan(components).all(axis=1, keepdims=True), 50.0, components), axis=1)
    return np.where(np.isnan(components), row_mean[:, None], components)


def fit_effective_weights(components: pd.DataFrame, churned) -> dict[str, float] | None:
    """Effective component weights fitted by logistic regression; None when nothing predicts churn.

    `components` has the columns `<component>_score`; `churned` is one boolean per row.
    """
    churned = np.asarray(churned, dtype=bool)
    if churned.all() or not churned.any():
        return None
    features = impute_with_row_mean(components[[f"{name}_score" for name in COMPONENTS]].to_numpy(dtype=float))
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(features, churned)
    protective = np.maximum(-model.coef_[0], 0.0)
    if protective[: len(OUTCOME_COMPONENTS)].sum() <= 0:
        return None
    weights = protective / protective.sum()
    return {name: float(weight) for name, weight in zip(COMPONENTS, weights)}
