"""Training rows "customer-month x months ahead" and their standardised design matrix.

A row of the feature frame (customer ``i``, month ``m``) is expanded into one row per step
``k = 1..horizon`` ahead whose outcome is known at the cutoff (``m + k <= cutoff``). Besides
the customer's features at ``m`` (frozen: a forecast from month T only knows T's features), a
step row carries step features that are known in advance:

* ``is_renewal_step`` - month ``m + k`` is a renewal month of the customer's plan term
  (``(k - months_to_renewal) mod interval_months == 0``), the only months in which a
  committed customer can leave;
* ``renewal_step_x_log_interval`` - the same times log(interval): the churn held back for a
  whole year is decided at an annual renewal;
* ``log_step`` - log(k): signals measured at ``m`` say less about later months.

Columns are standardised with the training rows' mean and standard deviation (constant
columns get 0), so a fitted coefficient times a standardised value is that feature's
contribution to the linear predictor relative to an average training row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from saas_retention.blas import one_blas_thread

__all__ = [
    "STEP_FEATURES", "Standardiser", "cluster_covariance", "fit_penalised_logistic", "fit_weighted_ridge",
    "one_blas_thread", "step_design", "step_features", "weighted_gram",
]

STEP_FEATURES = ("is_renewal_step", "renewal_step_x_log_interval", "log_step")


def step_features(interval_months, months_to_renewal, steps) -> np.ndarray:
    """Step feature columns (rows x 3) for customers with these plan terms at these steps."""
    interval = np.asarray(interval_months, dtype=np.int64)
    steps = np.asarray(steps, dtype=np.int64)
    renewal = ((steps - np.asarray(months_to_renewal, dtype=np.int64)) % interval == 0).astype(float)
    return np.column_stack([renewal, renewal * np.log(interval), np.log(steps)])


def step_design(features: pd.DataFrame, columns, rows: np.ndarray, steps: np.ndarray,
                step_columns=STEP_FEATURES) -> np.ndarray:
    """Raw design matrix: the customer columns of ``features.iloc[rows]``, then the chosen step features."""
    terms = features[["interval_months", "months_to_renewal"]].to_numpy()[rows]
    all_steps = step_features(terms[:, 0], terms[:, 1], steps)
    picked = [STEP_FEATURES.index(name) for name in step_columns]
    return np.column_stack([features[list(columns)].to_numpy(dtype=float)[rows], all_steps[:, picked]])


@dataclass(frozen=True)
class Standardiser:
    """Column means and scales of training rows; scale 0 columns map to 0."""

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, matrix: np.ndarray) -> "Standardiser":
        if not np.isfinite(matrix).all():
            raise ValueError("design matrix holds NaN or infinite values")
        return cls(mean=matrix.mean(axis=0), scale=matrix.std(axis=0))

    def transform(self, matrix: np.ndarray) -> np.ndarray:
        safe = np.where(self.scale > 0, self.scale, 1.0)
        return np.where(self.scale > 0, (matrix - self.mean) / safe, 0.0)


def weighted_gram(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``X' diag(w) X`` for non-negative weights, as ``S' S`` with ``S = sqrt(w) X``.

    NumPy hands a product of a matrix with its own transpose to BLAS's symmetric rank-k update,
    which on millions of training rows is several times faster than the general product
    ``X' (w X)`` (the Newton steps and covariances of the models are mostly this product).
    """
    weights = np.asarray(weights, dtype=float)
    if (weights < 0).any():
        raise ValueError("weights of a Gram matrix must be non-negative")
    scaled = x * np.sqrt(weights)[:, None]
    return scaled.T @ scaled


def fit_penalised_logistic(design: np.ndarray, events: np.ndarray, penalty: float, offset: np.ndarray | None = None,
                           max_iterations: int = 100, tolerance: float = 1e-7,
                           start: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """Intercept and coefficients maximising ``log-likelihood - penalty / 2 x |coefficients|^2``.

    Newton-Raphson with step halving (each step must raise the penalised log-likelihood) and an
    unpenalised intercept; the penalty keeps the maximum finite even when the events are
    separable. ``offset`` is a fixed part of each row's log-odds (coefficient 1, not fitted).
    ``penalty = 1 / C`` of scikit-learn's ``LogisticRegression`` (same optimum). A few
    Newton steps on a small dense matrix are much faster than a general-purpose solver at these
    sizes, and the result is deterministic.

    ``start`` (intercept, coefficients), e.g. the fit of the previous month on the same columns,
    is where the steps begin if it scores better than the default start (the intercept matching
    the event rate): the optimum is the same, reached in a few steps instead of about ten.
    """
    events = np.asarray(events, dtype=float)
    x = np.column_stack([np.ones(len(design)), design])
    ridge = np.full(x.shape[1], float(penalty))
    ridge[0] = 0.0
    offset = np.zeros(len(x)) if offset is None else np.asarray(offset, dtype=float)

    def objective(beta: np.ndarray) -> float:
        eta = offset + x @ beta
        return float(events @ eta - np.logaddexp(0.0, eta).sum() - 0.5 * ridge @ beta**2)

    beta = np.zeros(x.shape[1])
    rate = events.mean()
    if 0 < rate < 1:  # start at the intercept that matches the event rate
        beta[0] = np.log(rate / (1 - rate)) - offset.mean()
    current = objective(beta)
    if start is not None:
        start = np.asarray(start, dtype=float)
        if start.shape != beta.shape:
            raise ValueError(f"start has {start.size} values, the model {beta.size}")
        if (from_start := objective(start)) > current:
            beta, current = start.copy(), from_start
    for _ in range(max_iterations):
        prob = 0.5 * (1.0 + np.tanh(0.5 * (offset + x @ beta)))
        gradient = x.T @ (events - prob) - ridge * beta
        hessian = weighted_gram(x, prob * (1 - prob)) + np.diag(ridge) + 1e-12 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        trial = objective(beta + step)
        while size > 1e-6 and trial < current:
            size /= 2
            trial = objective(beta + size * step)
        beta = beta + size * step
        current = trial
        if np.abs(size * step).max() < tolerance:
            return float(beta[0]), beta[1:]
    raise RuntimeError(f"penalised logistic regression did not converge in {max_iterations} Newton steps")


def cluster_covariance(design: np.ndarray, residuals: np.ndarray, weights: np.ndarray, penalty: float,
                       clusters) -> np.ndarray:
    """Sandwich covariance of (intercept, coefficients), clustered by customer.

    For a penalised GLM fit (logistic: ``weights = p (1 - p)``, ``residuals = y - p``; ridge:
    ``weights = 1``, ``residuals = y - fitted``)::

        bread = X'WX + penalty (intercept unpenalised),   meat = sum_c s_c s_c',
        s_c = sum over customer c's rows of x_r residual_r,   V = bread^-1 meat bread^-1 x G / (G - 1)

    with ``X`` the design with an intercept column and ``G`` customers. The training rows of one
    customer overlap (the same churn is seen from up to twelve earlier months), so they are not
    independent; summing their scores per customer first gives honest standard errors.
    """
    x = np.column_stack([np.ones(len(design)), design])
    ridge = np.full(x.shape[1], float(penalty))
    ridge[0] = 0.0
    bread = weighted_gram(x, weights) + np.diag(ridge)
    codes, uniques = pd.factorize(np.asarray(clusters))
    row_scores = x * np.asarray(residuals, dtype=float)[:, None]
    groups = uniques.size
    scores = np.column_stack([np.bincount(codes, weights=column, minlength=groups) for column in row_scores.T])
    inverse = np.linalg.pinv(bread)
    covariance = inverse @ (scores.T @ scores) @ inverse * (groups / max(groups - 1, 1))
    return (covariance + covariance.T) / 2


def fit_weighted_ridge(design: np.ndarray, target: np.ndarray, weights: np.ndarray,
                       penalty: float) -> tuple[float, np.ndarray]:
    """Intercept and coefficients minimising ``sum w (y - b0 - X b)^2 + penalty |b|^2`` (closed form).

    The intercept is not penalised, so the fitted values' weighted mean equals the target's.
    """
    x = np.column_stack([np.ones(len(design)), design])
    w = np.asarray(weights, dtype=float)
    ridge = np.full(x.shape[1], float(penalty))
    ridge[0] = 0.0
    beta = np.linalg.solve(weighted_gram(x, w) + np.diag(ridge), x.T @ (w * np.asarray(target, dtype=float)))
    return float(beta[0]), beta[1:]
