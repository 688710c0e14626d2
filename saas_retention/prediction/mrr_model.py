"""Expected month-on-month MRR change of a customer that stays, from its features at month m.

Training rows (:mod:`saas_retention.prediction.design`): for each active customer-month ``m``
and step ``k`` with ``m + k <= cutoff`` and the customer still active in ``m + k`` (no churn in
``m+1..m+k``), the target is the relative change ``MRR(m+k) / MRR(m+k-1) - 1``: expansion,
contraction, an introductory discount ending, or 0 (flat, most rows). A ridge regression
(penalty ``alpha`` on standardised columns, intercept free), weighted by ``MRR(m+k-1)``,
estimates its mean ``mu_k``: the forecast is a sum of revenue, and unweighted the large
relative jumps of small accounts dominate. The expected MRR after ``h`` months of a customer
that stays is

    MRR(m) x prod_{k <= h} (1 + mu_k)

(each factor floored at 0: MRR cannot go negative). The training residuals are kept: the
forecast's simulation draws monthly changes as ``mu_k`` plus a resampled residual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from saas_retention.prediction.design import Standardiser, cluster_covariance, fit_weighted_ridge, step_design
from saas_retention.prediction.panel import MrrPanel, first_churn_step, known_steps

__all__ = ["RESIDUALS_PER_BAND", "STEP_COLUMNS", "MrrChangeModel", "change_training_rows"]

RESIDUALS_PER_BAND = 10_000
"""Training rows a size band of the residual pool keeps (see :class:`ResidualPool`)."""

STEP_COLUMNS = ("is_renewal_step", "renewal_step_x_log_interval")
"""Step features of the change model: renewals (price changes, discounts ending). Not log(step):
training rows of early cutoffs only reach a few steps ahead, and a trend in the step would be
extrapolated to twelve."""


def change_training_rows(features: pd.DataFrame, panel: MrrPanel, cutoff: int, horizon: int):
    """``(rows, steps, changes, previous_mrr)``: relative MRR changes of staying customers known at ``cutoff``."""
    months = features["month_number"].to_numpy()
    ahead = panel.ahead(features["customer_id"], months, horizon, cutoff)
    churn_step = first_churn_step(ahead)
    known = known_steps(months, horizon, cutoff)
    steps = np.arange(1, horizon + 1)
    keep = (steps[None, :] <= known[:, None]) & (steps[None, :] < churn_step[:, None])
    rows, step_index = np.nonzero(keep)
    previous = ahead[rows, step_index]
    return rows, step_index + 1, ahead[rows, step_index + 1] / previous - 1.0, previous


@dataclass(frozen=True)
class MrrChangeModel:
    """A fitted model of the monthly relative MRR change of staying customers."""

    columns: tuple[str, ...]
    step_columns: tuple[str, ...]
    standardiser: Standardiser
    estimate: np.ndarray
    covariance: np.ndarray
    horizon: int
    residual_pool: "ResidualPool"

    @property
    def intercept(self) -> float:
        return float(self.estimate[0])

    @property
    def coefficients(self) -> np.ndarray:
        return self.estimate[1:]

    @classmethod
    def fit(cls, features: pd.DataFrame, panel: MrrPanel, cutoff: int, columns, horizon: int = 12,
            alpha: float = 10.0, step_columns=STEP_COLUMNS, size_bands: int = 10) -> "MrrChangeModel | None":
        """Fit on what is known at ``cutoff``; None when no step is known yet."""
        columns = tuple(columns)
        rows, steps, changes, previous = change_training_rows(features, panel, cutoff, horizon)
        if rows.size == 0:
            return None
        step_columns = tuple(step_columns)
        raw = step_design(features, columns, rows, steps, step_columns)
        standardiser = Standardiser.fit(raw)
        design = standardiser.transform(raw)
        weights = previous / previous.mean()
        intercept, coefficients = fit_weighted_ridge(design, changes, weights, alpha)
        residuals = changes - intercept - design @ coefficients
        covariance = cluster_covariance(design, weights * residuals, weights, alpha,
                                        features["customer_id"].to_numpy()[rows])
        return cls(columns=columns, step_columns=step_columns, standardiser=standardiser,
                   estimate=np.r_[intercept, coefficients], covariance=covariance,
                   horizon=horizon, residual_pool=ResidualPool.build(residuals, changes, previous, weights, size_bands))

    def _step_rows(self, features: pd.DataFrame) -> np.ndarray:
        """Standardised design (with intercept column) of every row x step 1..horizon."""
        n = len(features)
        steps = np.tile(np.arange(1, self.horizon + 1), n)
        raw = step_design(features, self.columns, np.repeat(np.arange(n), self.horizon), steps, self.step_columns)
        return np.column_stack([np.ones(len(raw)), self.standardiser.transform(raw)])

    def monthly_change(self, features: pd.DataFrame) -> np.ndarray:
        """Expected relative change ``mu_k`` in steps 1..horizon (rows x horizon)."""
        return (self._step_rows(features) @ self.estimate).reshape(len(features), self.horizon)

    def coefficient_draws(self, rng: np.random.Generator, draws: int) -> np.ndarray:
        """(intercept, coefficients) drawn from N(estimate, covariance): draws x parameters."""
        return rng.multivariate_normal(self.estimate, self.covariance, size=draws, method="eigh")

    def monthly_change_under_draws(self, features: pd.DataFrame, coefficients: np.ndarray) -> np.ndarray:
        """``mu_k`` under each row of ``coefficients`` (from :meth:`coefficient_draws`):
        draws x rows x horizon, in single precision (a simulation's arrays)."""
        design = self._step_rows(features).astype(np.float32)
        return (np.asarray(coefficients, dtype=np.float32) @ design.T).reshape(
            len(coefficients), len(features), self.horizon)

    def expected_growth(self, features: pd.DataFrame) -> np.ndarray:
        """Expected MRR(m + h) / MRR(m) of a staying customer, h = 1..horizon (rows x horizon)."""
        return np.cumprod(np.clip(1.0 + self.monthly_change(features), 0.0, None), axis=1)


@dataclass(frozen=True)
class ResidualPool:
    """Training rows' residuals and observed changes, grouped in MRR size bands.

    Relative MRR changes are much more dispersed for small accounts (one added seat on a
    one-seat plan doubles it) than for large ones, and the NRR's variance is driven by the large
    ones. So a simulated customer draws only from training rows of its own size band: the rows
    sorted by MRR and cut into ``bands`` equal-count bands, a customer belonging to the last band
    whose smallest MRR is at most its own. Residuals are centred on their band's weighted mean,
    so the simulation's mean stays the model's expectation.

    A band keeps at most ``rows_per_band`` rows (evenly spaced in its MRR order, after centring):
    ten thousand rows describe a band's distribution far more finely than the simulation can
    tell, and a pool that fits in the processor's cache makes the millions of random picks of a
    forecast several times faster than a pool of all training rows (a million at 50,000
    customers). Residuals and changes are kept in single precision, like every array of the
    simulation.
    """

    edges: np.ndarray
    residuals: np.ndarray
    changes: np.ndarray
    band_start: np.ndarray
    band_count: np.ndarray

    @classmethod
    def build(cls, residuals: np.ndarray, changes: np.ndarray, mrr: np.ndarray, weights: np.ndarray,
              bands: int, rows_per_band: int = RESIDUALS_PER_BAND) -> "ResidualPool":
        if bands < 1 or rows_per_band < 1:
            raise ValueError(f"size bands and rows per band must be at least 1, got {bands} and {rows_per_band}")
        order = np.argsort(mrr, kind="stable")
        count = np.array([chunk.size for chunk in np.array_split(order, min(bands, order.size))])
        start = np.cumsum(count) - count
        band = np.repeat(np.arange(count.size), count)
        sorted_weights, sorted_residuals = weights[order], residuals[order]
        means = np.bincount(band, sorted_weights * sorted_residuals) / np.bincount(band, sorted_weights)
        kept = np.minimum(count, rows_per_band)
        picked = np.concatenate([first + np.arange(size) * rows // size
                                 for first, rows, size in zip(start, count, kept)])
        return cls(edges=mrr[order][start[1:]],
                   residuals=(sorted_residuals - means[band])[picked].astype(np.float32),
                   changes=changes[order][picked].astype(np.float32), band_start=np.cumsum(kept) - kept,
                   band_count=kept)

    def draw(self, rng: np.random.Generator, mrr: np.ndarray, draws: int,
             horizon: int) -> tuple[np.ndarray, np.ndarray]:
        """Centred residuals and observed monthly relative changes (mostly 0) of the same randomly
        drawn training rows of each customer's size band: two arrays draws x customers x horizon.

        One draw of rows serves both (the simulation's NRR paths use the residuals, its GRR paths
        the observed changes), so the random rows are drawn once. Single-precision uniforms are
        exact enough to pick a row of a band (up to 2^24 rows) and make drawing several times cheaper.
        """
        band = np.searchsorted(self.edges, np.asarray(mrr, dtype=float), side="right")
        count = self.band_count[band].astype(np.int32)[None, :, None]
        uniforms = rng.random((draws, band.size, horizon), dtype=np.float32)
        uniforms *= count
        rows = uniforms.astype(np.int32)
        np.minimum(rows, count - 1, out=rows)  # a float32 product may round up to the count
        rows += self.band_start[band].astype(np.int32)[None, :, None]
        return self.residuals[rows], self.changes[rows]
