"""Cohort retention and CLV with the shifted-beta-geometric model (metrics.md "CLV and costs").

Survival. A customer joins the cohort of its first paid month and survives until its first
churn (the month its MRR drops to 0); a later reactivation does not bring it back, because the
sBG model has no return path. Periods are months: ``survivors[t]`` of a monthly acquisition
cohort counts its customers still active ``t`` months after acquisition, observed up to the
as-of month (``t <= as_of - acquisition month``).

Groups. A quarter cohort (or a segment, or the whole base) pools several monthly cohorts that
were observed for different lengths. Its sBG parameters maximise the summed log-likelihood
of the monthly cohorts (the sum of :func:`saas_retention.sbg.log_likelihood`), which treats
each customer as right-censored at the as-of month; with a single monthly cohort this is exactly
:func:`saas_retention.sbg.fit`. Monthly cohorts observed for fewer than two months carry no
information the likelihood can use (``log_likelihood`` needs two periods) and are left out of
the fit, not of the customer counts. The observed retention curve of a group is the
Kaplan-Meier product of ``1 - lost_t / at_risk_t`` over the monthly cohorts observed at ``t``.

CLV. With monthly discount rate ``d = (1 + annual_discount_rate)^(1/12) - 1`` and the first
month's payment certain, the discounted expected lifetime of a new customer, in months, is::

    DEL = 1 + sum_{t>=1} S(t) / (1 + d)^t = 1 + DERL(d | alpha, beta, n=1) / (1 + d)

(:func:`saas_retention.sbg.derl` values the stream just before the first renewal and counts
that renewal's payment undiscounted, hence the extra ``1 / (1 + d)``). Cohort CLV =
ARPA x gross margin x DEL, with ARPA = the cohort's mean MRR per active customer-month so
far. The seed documents' formula is computed next to it on the same ARPA: mean monthly logo
churn ``c`` = churns / customer-months at risk, lifetime ``1 / (1 - (1 - c)^12)`` years,
undiscounted. CAC (the business's trailing-twelve-month CAC when the cohort was acquired) is
subtracted from both in ``clv_after_cac`` and ``seed_formula_clv``, as the seed formula does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from saas_retention import sbg
from saas_retention.prediction.panel import month_number, month_start

__all__ = [
    "CohortFit", "acquisition_table", "cohort_groups", "cohort_summary", "discounted_expected_lifetime",
    "fit_cohorts", "kaplan_meier", "monthly_survivors", "pooled_counts", "pooled_log_likelihood",
    "retention_curves", "with_segment_at_acquisition",
]

_LOG_BOUND = 15.0


def acquisition_table(customer_months: pd.DataFrame, as_of_month: int) -> pd.DataFrame:
    """One row per customer: ``customer_id, acquisition_month, lifetime_months, mean_mrr``.

    ``lifetime_months`` = months from acquisition to the first churn (NaN when it has not
    churned by the as-of month); ``mean_mrr`` = mean MRR over its active months.
    Input: customer_mrr_monthly rows (``customer_id, month, mrr, movement``).
    """
    missing = {"customer_id", "month", "mrr", "movement"} - set(customer_months.columns)
    if missing:
        raise ValueError(f"customer_months lacks columns {sorted(missing)}")
    rows = customer_months.assign(month_number=month_number(customer_months["month"]))
    rows = rows[rows["month_number"] <= as_of_month]
    active = rows[rows["mrr"] > 0]
    table = active.groupby("customer_id").agg(acquisition_month=("month_number", "min"),
                                              mean_mrr=("mrr", "mean"), active_months=("mrr", "size"))
    first_churn = rows[rows["movement"] == "churn"].groupby("customer_id")["month_number"].min()
    table["lifetime_months"] = first_churn.reindex(table.index) - table["acquisition_month"]
    return table.reset_index()


def with_segment_at_acquisition(acquisitions: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Add each customer's segment in its acquisition month (customer_segments), ``unknown`` when absent.

    The segment at acquisition, not the latest one: a customer's last scored segment is measured
    just before it churns (low health pushes it to ``secondary``), which would make the
    segments' survival look different for a reason that is an effect of churning, not a cause.
    """
    months = segments[["customer_id", "segment"]].assign(acquisition_month=month_number(segments["month"]))
    merged = acquisitions.merge(months, how="left", on=["customer_id", "acquisition_month"], validate="one_to_one")
    merged["segment"] = merged["segment"].fillna("unknown")
    return merged


def monthly_survivors(acquisitions: pd.DataFrame, as_of_month: int) -> dict[int, np.ndarray]:
    """Survivor counts ``survivors[0..as_of - m]`` of each monthly acquisition cohort ``m``."""
    curves = {}
    for month, cohort in acquisitions.groupby("acquisition_month"):
        length = as_of_month - int(month)
        lifetimes = cohort["lifetime_months"].to_numpy()
        lost = np.bincount(lifetimes[~np.isnan(lifetimes)].astype(np.int64), minlength=length + 1)[: length + 1]
        curves[int(month)] = len(cohort) - np.cumsum(lost)
    return curves


def kaplan_meier(curves, periods: int) -> tuple[np.ndarray, np.ndarray]:
    """(retention at t = 0..periods, customers at risk at t) pooled over survivor curves.

    Retention is NaN after the longest curve ends; at risk at ``t`` counts the customers alive
    at ``t - 1`` in the curves observed at ``t`` (the cohort size at ``t = 0``).
    """
    lost = np.zeros(periods + 1)
    at_risk = np.zeros(periods + 1)
    for curve in curves:
        curve = np.asarray(curve, dtype=float)
        span = min(curve.size - 1, periods)
        at_risk[0] += curve[0]
        at_risk[1: span + 1] += curve[:span]
        lost[1: span + 1] += curve[:span] - curve[1: span + 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        factors = np.where(at_risk > 0, 1 - lost / np.where(at_risk > 0, at_risk, 1), np.nan)
    factors[0] = 1.0
    return np.cumprod(factors), at_risk


@dataclass(frozen=True)
class CohortFit:
    """sBG parameters of a group, or why there are none (status)."""

    status: str
    alpha: float = np.nan
    beta: float = np.nan


def pooled_counts(curves) -> tuple[np.ndarray, np.ndarray]:
    """(lost in period t = 1..n, still alive when observation stops after n periods) summed over curves."""
    longest = max(len(curve) for curve in curves) - 1
    lost = np.zeros(longest + 1)
    censored = np.zeros(longest + 1)
    for curve in curves:
        curve = np.asarray(curve, dtype=float)
        lost[1: curve.size] += curve[:-1] - curve[1:]
        censored[curve.size - 1] += curve[-1]
    return lost, censored


def pooled_log_likelihood(alpha: float, beta: float, lost: np.ndarray, censored: np.ndarray) -> float:
    """Sum of the cohorts' sBG log-likelihoods from :func:`pooled_counts`.

    ``sum_t lost_t log P(T = t) + sum_n censored_n log S(n)`` with ``P(T = t) = S(t-1) - S(t)``,
    the sum of :func:`saas_retention.sbg.log_likelihood` over the cohorts (tested), computed
    from one :func:`saas_retention.sbg.survival` call instead of one call per cohort.
    """
    survival = sbg.survival(alpha, beta, lost.size - 1)
    with np.errstate(divide="ignore"):
        log_p = np.log(survival[:-1] - survival[1:])
        log_s = np.log(survival)
    return float(lost[1:] @ np.where(lost[1:] > 0, log_p, 0.0) + censored @ np.where(censored > 0, log_s, 0.0))


def fit_cohorts(curves) -> CohortFit:
    """Maximum-likelihood sBG ``(alpha, beta)`` over several monthly cohorts (module docstring).

    Minimises the per-customer negative of :func:`pooled_log_likelihood` over
    ``(log alpha, log beta)`` with L-BFGS-B from ``alpha = beta = 1``, polished with Nelder-Mead.
    Status ``fitted``; ``too_short`` when no cohort was observed for two months; ``no_churn`` when
    nobody was lost; ``degenerate`` when the maximum lies on the boundary of
    ``alpha, beta in [e^-15, e^15]`` (as :func:`saas_retention.sbg.fit` reports).
    """
    usable = [np.asarray(curve, dtype=float) for curve in curves if len(curve) >= 3 and curve[0] > 0]
    if not usable:
        return CohortFit("too_short")
    if not any(np.any(np.diff(curve) < 0) for curve in usable):
        return CohortFit("no_churn")
    lost, censored = pooled_counts(usable)
    size = sum(curve[0] for curve in usable)

    def objective(x: np.ndarray) -> float:
        alpha, beta = np.exp(x)
        return -pooled_log_likelihood(alpha, beta, lost, censored) / size

    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * 2
    first = minimize(objective, np.zeros(2), method="L-BFGS-B", bounds=bounds,
                     options={"ftol": 1e-14, "gtol": 1e-10})
    polished = minimize(objective, first.x, method="Nelder-Mead", bounds=bounds,
                        options={"xatol": 1e-8, "fatol": 1e-14})
    best = min((r for r in (first, polished) if np.isfinite(r.fun)), key=lambda r: r.fun)
    if np.any(np.abs(best.x) >= _LOG_BOUND - 1e-3):
        return CohortFit("degenerate")
    alpha, beta = np.exp(best.x)
    return CohortFit("fitted", float(alpha), float(beta))


def discounted_expected_lifetime(alpha: float, beta: float, annual_discount_rate: float) -> float:
    """DEL in months of a new customer: ``1 + derl(monthly d, n=1) / (1 + d)`` (module docstring)."""
    monthly = (1.0 + annual_discount_rate) ** (1.0 / 12.0) - 1.0
    return 1.0 + sbg.derl(alpha, beta, monthly, 1) / (1.0 + monthly)


def cohort_groups(acquisitions: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(cohort, segment, members): each acquisition quarter (``2024-Q1``, segment ``all``), each
    segment at acquisition (cohort ``all``; when ``acquisitions`` has a ``segment`` column) and
    everyone (``all``, ``all``)."""
    starts = month_start(acquisitions["acquisition_month"])
    quarter = pd.Series(starts.year.astype(str) + "-Q" + ((starts.month - 1) // 3 + 1).astype(str),
                        index=acquisitions.index)
    groups = [(name, "all", members) for name, members in acquisitions.groupby(quarter)]
    if "segment" in acquisitions.columns:
        groups += [("all", name, members) for name, members in acquisitions.groupby("segment")]
    groups.append(("all", "all", acquisitions))
    return groups


def _cac_month(cohort: str, members: pd.DataFrame, as_of_month: int) -> int:
    """Month whose trailing-twelve-month CAC prices a group: a quarter's last month (or the as-of
    month while the quarter is still running), the as-of month for pooled groups."""
    if cohort == "all":
        return as_of_month
    return min(int(members["acquisition_month"].min()) // 3 * 3 + 2, as_of_month)


def cohort_summary(acquisitions: pd.DataFrame, as_of_month: int, gross_margin: float, annual_discount_rate: float,
                   cac_by_month: pd.Series, projection_months: int = 36) -> pd.DataFrame:
    """One row per group of :func:`cohort_groups` with its sBG fit, CLV and the seed formula's CLV.

    ``cac_by_month``: the business's trailing-twelve-month CAC (unit_economics_monthly, channel
    ``all``) by month number; CAC is subtracted in ``clv_after_cac`` and ``seed_formula_clv``.
    """
    if not 0 < gross_margin <= 1:
        raise ValueError(f"gross_margin must be in (0, 1], got {gross_margin}")
    if annual_discount_rate <= 0:
        raise ValueError(f"annual_discount_rate must be > 0, got {annual_discount_rate}")
    rows = []
    for cohort, segment, members in cohort_groups(acquisitions):
        curves = list(monthly_survivors(members, as_of_month).values())
        fit = fit_cohorts(curves)
        fitted = fit.status == "fitted"
        projected = sbg.survival(fit.alpha, fit.beta, projection_months) if fitted else np.full(projection_months + 1,
                                                                                                   np.nan)
        exposure = sum(float(np.sum(curve[:-1])) for curve in curves)
        churned = int(members["lifetime_months"].notna().sum())
        monthly_churn = churned / exposure if exposure > 0 else np.nan
        annual_churn = 1 - (1 - monthly_churn) ** 12
        seed_lifetime = 12.0 / annual_churn if annual_churn > 0 else np.nan
        arpa = float((members["mean_mrr"] * members["active_months"]).sum() / members["active_months"].sum())
        lifetime = discounted_expected_lifetime(fit.alpha, fit.beta, annual_discount_rate) if fitted else np.nan
        cac = float(cac_by_month.get(_cac_month(cohort, members, as_of_month), np.nan))
        rows.append({
            "cohort": cohort, "segment": segment, "customers": len(members), "churned_customers": churned,
            "observed_months": max(len(curve) for curve in curves) - 1, "arpa": arpa,
            "gross_margin": gross_margin, "fit_status": fit.status, "alpha": fit.alpha, "beta": fit.beta,
            "projected_retention_12m": projected[min(12, projection_months)],
            "projected_retention_24m": projected[min(24, projection_months)],
            "projected_retention_36m": projected[projection_months],
            "annual_discount_rate": annual_discount_rate,
            "discounted_expected_lifetime_months": lifetime,
            "clv": arpa * gross_margin * lifetime,
            "mean_monthly_churn": monthly_churn,
            "seed_expected_lifetime_months": seed_lifetime,
            "seed_formula_lifetime_value": arpa * gross_margin * seed_lifetime,
            "cac": cac,
            "clv_after_cac": arpa * gross_margin * lifetime - cac,
            "seed_formula_clv": arpa * gross_margin * seed_lifetime - cac,
        })
    return pd.DataFrame(rows)


def retention_curves(acquisitions: pd.DataFrame, as_of_month: int, summary: pd.DataFrame,
                     projection_months: int = 36) -> pd.DataFrame:
    """Observed (Kaplan-Meier) and projected (sBG with the fitted ``alpha, beta`` of ``summary``)
    retention of each group for months 0..projection_months since acquisition."""
    params = summary.set_index(["cohort", "segment"])
    frames = []
    for cohort, segment, members in cohort_groups(acquisitions):
        curves = list(monthly_survivors(members, as_of_month).values())
        observed, at_risk = kaplan_meier(curves, projection_months)
        alpha, beta = params.loc[(cohort, segment), ["alpha", "beta"]]
        fitted = np.isfinite(alpha) and np.isfinite(beta)
        frames.append(pd.DataFrame({
            "cohort": cohort, "segment": segment, "months_since_acquisition": np.arange(projection_months + 1),
            "customers_at_risk": at_risk.astype(np.int64), "observed_retention": observed,
            "projected_retention": sbg.survival(alpha, beta, projection_months) if fitted else np.nan,
        }))
    return pd.concat(frames, ignore_index=True)
