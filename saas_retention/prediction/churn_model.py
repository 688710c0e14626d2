"""Discrete-time churn hazard: P(churn in month m + k | active through m + k - 1, features at m).

Training rows (:mod:`saas_retention.prediction.design`): for each active customer-month ``m``
and step ``k = 1..horizon`` with ``m + k <= cutoff``, while the customer has not churned
before ``k``; the event is "MRR is 0 in month m + k" (the churn month). Rows after the first
churn are dropped, so each customer-month contributes one survival spell, censored at the
cutoff. A logistic regression with an L2 penalty (``C``, on standardised columns) estimates the
hazard ``h_k``; then

    P(churn within h months) = 1 - prod_{k <= h} (1 - h_k)

which is what the churn-risk mart reports for h = 3 and 12. Maximum likelihood on the
person-period rows makes the probabilities calibrated on the training months (the mean
predicted hazard equals the observed rate up to the penalty); the validation mart shows it out
of sample.

Drivers. The contribution of a customer feature to a score is its coefficient times its
standardised value: how much it moves the log-odds of the monthly hazard away from the
average training row (the same for every step). The drivers of a score are the features with
the largest positive contributions (they raise the risk).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from saas_retention.prediction.design import (
    STEP_FEATURES, Standardiser, cluster_covariance, fit_penalised_logistic, step_design,
)
from saas_retention.prediction.panel import MrrPanel, first_churn_step, known_steps

__all__ = ["ChurnHazardModel", "hazard_training_rows", "renewal_offset", "top_drivers"]


def renewal_offset(raw_design: np.ndarray) -> np.ndarray:
    """Fixed log-odds offset ``log(interval)`` at renewal steps (column renewal_step_x_log_interval).

    A customer committed for ``n`` months leaves only at renewal, so the churn of ``n`` monthly
    decisions is concentrated there: with a small monthly hazard ``h``, ``1 - (1 - h)^n`` is about
    ``n h``, i.e. log-odds ``logit(h) + log(n)``. Fixing this part (instead of learning it with a
    penalty) lets the model score annual plans sensibly before many annual renewals were seen;
    the fitted coefficient of the same column learns any departure from it.
    """
    return raw_design[:, -len(STEP_FEATURES) + STEP_FEATURES.index("renewal_step_x_log_interval")]


def hazard_training_rows(features: pd.DataFrame, panel: MrrPanel, cutoff: int, horizon: int):
    """``(rows, steps, events)``: person-period rows known at ``cutoff`` (see module docstring)."""
    months = features["month_number"].to_numpy()
    ahead = panel.ahead(features["customer_id"], months, horizon, cutoff)
    churn_step = first_churn_step(ahead)
    known = known_steps(months, horizon, cutoff)
    steps = np.arange(1, horizon + 1)
    keep = (steps[None, :] <= known[:, None]) & (steps[None, :] <= churn_step[:, None])
    rows, step_index = np.nonzero(keep)
    step = step_index + 1
    return rows, step, step == churn_step[rows]


@dataclass(frozen=True)
class ChurnHazardModel:
    """A fitted hazard model: customer feature names, standardiser, coefficients and their covariance.

    ``estimate`` is (intercept, coefficients); ``covariance`` its customer-clustered sandwich
    covariance (:func:`~saas_retention.prediction.design.cluster_covariance`).
    """

    columns: tuple[str, ...]
    standardiser: Standardiser
    estimate: np.ndarray
    covariance: np.ndarray
    horizon: int
    training_rows: int
    training_churns: int

    @property
    def intercept(self) -> float:
        return float(self.estimate[0])

    @property
    def coefficients(self) -> np.ndarray:
        return self.estimate[1:]

    @classmethod
    def fit(cls, features: pd.DataFrame, panel: MrrPanel, cutoff: int, columns, horizon: int = 12,
            c: float = 0.1, min_churns: int = 1, start: np.ndarray | None = None) -> "ChurnHazardModel | None":
        """Fit on what is known at ``cutoff``; None when fewer than ``min_churns`` distinct churns are known.

        ``start``: the ``estimate`` of an earlier fit to begin the Newton steps from (see
        :func:`~saas_retention.prediction.design.fit_penalised_logistic`).

        ``training_churns`` counts distinct churns (customer and churn month) among the events:
        one churn is an event in the spells of up to ``horizon`` earlier customer-months.
        """
        columns = tuple(columns)
        rows, steps, events = hazard_training_rows(features, panel, cutoff, horizon)
        customers = features["customer_id"].to_numpy()[rows]
        churn_months = features["month_number"].to_numpy()[rows][events] + steps[events]
        churns = len(pd.DataFrame({"customer": customers[events], "month": churn_months}).drop_duplicates())
        if churns < max(min_churns, 1) or events.all():
            return None
        raw = step_design(features, columns, rows, steps)
        standardiser = Standardiser.fit(raw)
        design = standardiser.transform(raw)
        offset = renewal_offset(raw)
        penalty = 1.0 / c
        intercept, coefficients = fit_penalised_logistic(design, events, penalty=penalty, offset=offset, start=start)
        estimate = np.r_[intercept, coefficients]
        prob = 1.0 / (1.0 + np.exp(-(offset + intercept + design @ coefficients)))
        covariance = cluster_covariance(design, events - prob, prob * (1 - prob), penalty, customers)
        return cls(columns=columns, standardiser=standardiser, estimate=estimate, covariance=covariance,
                   horizon=horizon, training_rows=int(rows.size), training_churns=churns)

    def _step_rows(self, features: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Standardised design (with intercept column) and offset of every row x step 1..horizon."""
        n = len(features)
        steps = np.tile(np.arange(1, self.horizon + 1), n)
        raw = step_design(features, self.columns, np.repeat(np.arange(n), self.horizon), steps)
        return np.column_stack([np.ones(len(raw)), self.standardiser.transform(raw)]), renewal_offset(raw)

    def _linear_predictor(self, features: pd.DataFrame) -> np.ndarray:
        """Log-odds of the hazard at steps 1..horizon (rows x horizon)."""
        design, offset = self._step_rows(features)
        return (offset + design @ self.estimate).reshape(len(features), self.horizon)

    def coefficient_draws(self, rng: np.random.Generator, draws: int) -> np.ndarray:
        """(intercept, coefficients) drawn from N(estimate, covariance): draws x parameters."""
        return rng.multivariate_normal(self.estimate, self.covariance, size=draws, method="eigh")

    def hazards_under_draws(self, features: pd.DataFrame, coefficients: np.ndarray) -> np.ndarray:
        """Hazards under each row of ``coefficients`` (from :meth:`coefficient_draws`):
        draws x rows x horizon, in single precision (a simulation's arrays; see
        :func:`~saas_retention.prediction.nrr_forecast.simulate_mrr`)."""
        n, fixed = len(features), 1 + len(self.columns)
        design, offset = self._step_rows(features)
        design, coefficients = design.astype(np.float32), np.asarray(coefficients, dtype=np.float32)
        # the intercept and customer columns are the same at every step: multiply them once per
        # customer, and only the few step columns per customer and step
        per_customer = coefficients[:, :fixed] @ design[:: self.horizon, :fixed].T
        per_step = (coefficients[:, fixed:] @ design[:, fixed:].T).reshape(len(coefficients), n, self.horizon)
        per_step += per_customer[:, :, None]
        per_step += offset.reshape(n, self.horizon).astype(np.float32)[None, :, :]
        return expit(per_step, out=per_step)

    def hazards(self, features: pd.DataFrame) -> np.ndarray:
        """Monthly churn hazard at steps 1..horizon for each row of ``features`` (rows x horizon)."""
        return 1.0 / (1.0 + np.exp(-self._linear_predictor(features)))

    def churn_probability(self, features: pd.DataFrame) -> np.ndarray:
        """P(churn within k months), k = 1..horizon (rows x horizon): 1 - cumulative survival."""
        return 1.0 - np.cumprod(1.0 - self.hazards(features), axis=1)

    def contributions(self, features: pd.DataFrame) -> pd.DataFrame:
        """Log-odds contribution of each customer feature (coefficient x standardised value)."""
        n, p = len(features), len(self.columns)
        raw = step_design(features, self.columns, np.arange(n), np.ones(n, dtype=np.int64))
        values = self.standardiser.transform(raw)[:, :p] * self.coefficients[:p]
        return pd.DataFrame(values, columns=list(self.columns), index=features.index)

    @property
    def training_means(self) -> np.ndarray:
        """Training means of the customer columns (what "high" and "low" compare with)."""
        return self.standardiser.mean[: len(self.columns)]


def top_drivers(contributions: pd.DataFrame, features: pd.DataFrame, means, count: int = 3) -> pd.DataFrame:
    """Names of the ``count`` features that raise each row's risk most, with their contributions.

    A name reads ``<feature> high`` or ``<feature> low`` (the feature's value vs the training
    mean in ``means``; a ``log_`` prefix is dropped: ``tickets_90d high``, ``interval low``);
    rows with fewer risk-raising features get nulls. Returns columns
    ``top_driver_1..count`` and ``top_driver_1..count_log_odds``.
    """
    # pad with a column that never raises the risk, so fewer features than `count` leave nulls
    values = np.column_stack([contributions.to_numpy(dtype=float), np.zeros((len(contributions), count))])
    order = np.argsort(-values, axis=1, kind="stable")[:, :count]
    taken = np.take_along_axis(values, order, axis=1)
    readable = [str(name).removeprefix("log_") for name in contributions.columns]
    names = np.asarray([*readable, *[""] * count])[order]
    above = features[list(contributions.columns)].to_numpy(dtype=float) > np.asarray(means)[None, :]
    above = np.column_stack([above, np.zeros((len(contributions), count), dtype=bool)])
    direction = np.where(np.take_along_axis(above, order, axis=1), " high", " low")
    labels = np.char.add(names.astype(str), direction)
    out = {}
    for position in range(count):
        raises = taken[:, position] > 0
        out[f"top_driver_{position + 1}"] = np.where(raises, labels[:, position], None)
        out[f"top_driver_{position + 1}_log_odds"] = np.where(raises, taken[:, position], np.nan)
    return pd.DataFrame(out, index=contributions.index)
