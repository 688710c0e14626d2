"""Shifted-beta-geometric (sBG) model of contractual customer retention.

References
----------
* Fader, P. S. & Hardie, B. G. S. (2007), "How to Project Customer Retention",
  Journal of Interactive Marketing 21(1), 76-90.  (model, likelihood, MLE)
* Fader, P. S. & Hardie, B. G. S. (2010), "Customer-Base Valuation in a
  Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing
  Science 29(1), 85-93.  (discounted expected residual lifetime, DERL)

Model and conventions
---------------------
A cohort starts period 1 with every customer alive.  At the end of each
period a customer with churn probability ``theta`` cancels with probability
``theta``; ``theta ~ Beta(alpha, beta)`` across customers.  ``T`` is the
period in which a customer is lost (her last paid period), so

    P(T = 1) = alpha / (alpha + beta)
    P(T = t) = P(T = t-1) * (beta + t - 2) / (alpha + beta + t - 1)
    S(t)     = P(T > t) = B(alpha, beta + t) / B(alpha, beta),   S(0) = 1
    r_t      = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1)

``S(t)`` is the expected share of the cohort still alive at the start of
period ``t + 1`` (i.e. that made ``t`` renewals); ``survivors[t]`` in
:func:`fit` is the observed count of the same quantity.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln

__all__ = ["derl", "fit", "log_likelihood", "retention_rates", "survival"]

# Log-parameter search box for ``fit``: alpha, beta in [e^-15, e^15].
_LOG_BOUND = 15.0
# Relative truncation error allowed in the DERL series, and its chunk size.
_DERL_RTOL = 1e-14
_DERL_CHUNK = 1 << 16


def _check_params(alpha: float, beta: float) -> None:
    for name, value in (("alpha", alpha), ("beta", beta)):
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a finite number > 0, got {value!r}")


def _check_periods(n, minimum: int, scalar: bool = False) -> np.ndarray:
    arr = np.asarray(n)
    if scalar and arr.ndim != 0:
        raise ValueError(f"n must be a single integer, got {n!r}")
    if arr.dtype.kind not in "iuf" or not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
        raise ValueError(f"n must be an integer (or array of integers), got {n!r}")
    if np.any(arr < minimum):
        raise ValueError(f"n must be >= {minimum}, got {n!r}")
    return arr.astype(np.int64)


def survival(alpha: float, beta: float, n: int) -> np.ndarray:
    """Survivor function ``S(0), S(1), ..., S(n)`` as fractions of the cohort.

    ``S(t) = B(alpha, beta + t) / B(alpha, beta)`` (so ``S(0) = 1``), computed
    in log space with ``betaln`` so it stays accurate for large ``t``/params.
    """
    _check_params(alpha, beta)
    t = np.arange(int(_check_periods(n, 0, scalar=True)) + 1)
    return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))


def retention_rates(alpha: float, beta: float, n: int) -> np.ndarray:
    """Period-on-period retention ``r_t = (beta + t - 1) / (alpha + beta + t - 1)``, t = 1..n.

    ``r_t = S(t) / S(t-1)`` is the probability that a customer alive in period
    ``t`` renews into period ``t + 1``; it increases with ``t`` (sorting effect).
    """
    _check_params(alpha, beta)
    t = np.arange(1, int(_check_periods(n, 0, scalar=True)) + 1)
    return (beta + t - 1) / (alpha + beta + t - 1)


def _validate_survivors(survivors) -> np.ndarray:
    try:
        s = np.asarray(survivors, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"survivors must be a 1-D sequence of numbers: {exc}") from None
    if s.ndim != 1:
        raise ValueError(f"survivors must be 1-D, got shape {s.shape}")
    if s.size < 3:
        raise ValueError(
            "survivors needs at least 3 values (cohort size plus at least 2 periods); "
            f"got {s.size}"
        )
    if not np.all(np.isfinite(s)):
        raise ValueError("survivors must be finite (no NaN/inf)")
    if np.any(s < 0):
        raise ValueError("survivors must be non-negative")
    if s[0] <= 0:
        raise ValueError("survivors[0] (the cohort size) must be > 0")
    if np.any(np.diff(s) > 0):
        raise ValueError("survivors must be non-increasing (customers cannot come back)")
    return s


def _log_likelihood(alpha: float, beta: float, s: np.ndarray) -> float:
    """sBG log-likelihood for validated survivor counts ``s`` (periods 0..n)."""
    n = s.size - 1
    t = np.arange(1, n + 1)
    log_b = betaln(alpha, beta)
    log_p = betaln(alpha + 1, beta + t - 1) - log_b  # log P(T = t)
    log_s_n = betaln(alpha, beta + n) - log_b  # log S(n)
    lost = s[:-1] - s[1:]
    return float(lost @ log_p + s[-1] * log_s_n)


def log_likelihood(alpha: float, beta: float, survivors) -> float:
    """Log-likelihood of a cohort's survivor counts under sBG(alpha, beta).

    ``sum_t (survivors[t-1] - survivors[t]) * log P(T = t) + survivors[n] * log S(n)``:
    customers lost in period ``t`` contribute ``log P(T=t)``, the ones still
    alive after ``n`` periods contribute ``log S(n)`` (right-censored).
    """
    _check_params(alpha, beta)
    return _log_likelihood(alpha, beta, _validate_survivors(survivors))


def _starting_point(s: np.ndarray) -> np.ndarray:
    """Log-parameter start matching the first two observed retention rates.

    With ``c1 = 1 - r1`` the period-1 churn, solving
    ``alpha / (alpha + beta) = c1`` and ``(beta + 1) / (alpha + beta + 1) = r2``
    gives ``alpha + beta = (1 - r2) / (r2 - r1)``; if retention does not rise
    (or cannot be measured), fall back to ``alpha + beta = 2``.
    """
    r1 = s[1] / s[0]
    r2 = s[2] / s[1] if s[1] > 0 else 0.0
    total = (1 - r2) / (r2 - r1) if r2 > r1 else 2.0
    return np.log(np.clip(np.array([1 - r1, r1]) * total, 1e-6, 1e6))


def fit(survivors) -> tuple[float, float]:
    """Maximum-likelihood ``(alpha, beta)`` for one cohort (Fader & Hardie 2007).

    Parameters
    ----------
    survivors
        Number alive at the start of periods ``0..n``; ``survivors[0]`` is the
        cohort size.  Counts need not be integers (shares or percentages give
        the same MLE, the likelihood only scales).  Needs ``n >= 2`` periods,
        non-negative, non-increasing values and ``survivors[0] > 0``.

    Returns
    -------
    (alpha, beta)
        MLE of the beta mixing distribution.  Very large values of both with
        ``alpha / (alpha + beta)`` near the churn rate mean the cohort shows
        (almost) no heterogeneity, i.e. the geometric limit of the model.

    Raises
    ------
    ValueError
        For invalid input, and for degenerate cohorts with no finite MLE:
        nobody lost (the likelihood keeps rising as churn -> 0), all losses in
        period 1 (it keeps rising as the beta distribution splits into point
        masses at 0 and 1), or any other maximum found on the boundary of the
        search box ``alpha, beta in [e^-15, e^15]``.
    RuntimeError
        If no optimiser converges.

    The per-customer negative log-likelihood is minimised over
    ``(log alpha, log beta)`` from a moment-based start with L-BFGS-B,
    Nelder-Mead and Powell; the best converged result is returned.
    """
    s = _validate_survivors(survivors)
    lost = s[:-1] - s[1:]
    if not np.any(lost > 0):
        raise ValueError("degenerate cohort: nobody was lost, so the sBG MLE does not exist")
    if not np.any(lost[1:] > 0):
        raise ValueError(
            "degenerate cohort: all losses happened in period 1, so the sBG MLE "
            "does not exist (alpha, beta -> 0)"
        )

    def objective(x: np.ndarray) -> float:
        return -_log_likelihood(np.exp(x[0]), np.exp(x[1]), s) / s[0]

    start = _starting_point(s)
    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * 2
    options = {
        "L-BFGS-B": {"ftol": 1e-15, "gtol": 1e-10, "maxiter": 5000},
        "Nelder-Mead": {"xatol": 1e-10, "fatol": 1e-14, "maxiter": 5000},
        "Powell": {"xtol": 1e-10, "ftol": 1e-14, "maxiter": 5000},
    }
    results = [
        minimize(objective, start, method=method, bounds=bounds, options=opts)
        for method, opts in options.items()
    ]
    converged = [r for r in results if r.success and np.isfinite(r.fun)]
    if not converged:
        messages = "; ".join(f"{m}: {r.message}" for m, r in zip(options, results))
        raise RuntimeError(f"sBG fit did not converge ({messages})")
    best = min(converged, key=lambda r: r.fun)
    if np.any(np.abs(best.x) >= _LOG_BOUND - 1e-3):
        raise ValueError(
            "degenerate cohort: the likelihood is maximised on the boundary "
            f"(alpha={np.exp(best.x[0]):.3g}, beta={np.exp(best.x[1]):.3g}); "
            "the sBG MLE does not exist for these data"
        )
    alpha, beta = np.exp(best.x)
    return float(alpha), float(beta)


def derl(alpha: float, beta: float, discount_rate: float, n):
    """Discounted expected residual lifetime (Fader & Hardie 2010, eq. 6).

    For a customer who has made ``n - 1`` renewals (she is alive in period
    ``n``), valued at the end of period ``n``, just before her ``n``-th renewal
    decision::

        DERL(d | alpha, beta, n-1 renewals)
            = sum_{t=n}^inf  S(t) / S(n-1) / (1 + d)^(t - n)
            = (beta+n-1)/(alpha+beta+n-1) * 2F1(1, beta+n; alpha+beta+n; 1/(1+d))

    Term ``t`` is the probability she pays for period ``t + 1``.  So the
    payment for the current period ``n`` is *not* included, and the payment
    at the imminent renewal is counted undiscounted.  Multiply by the net
    cash flow per period to get her expected residual lifetime value.  With
    no heterogeneity (constant retention ``r``) it reduces to
    ``r (1 + d) / (1 + d - r)``.

    The series is summed directly, in log space, rather than through
    ``scipy.special.hyp2f1``: near ``z = 1`` (``d`` of about 0.002 or less)
    and for large parameters, ``hyp2f1`` returns nan/inf or silently wrong
    values.  For example, ``alpha=1, beta=1.182, d=0.001, n=2`` is about 17% off.
    Each term is at most ``r_n * z^k`` (``z = 1/(1+d)``, ``r_t <= 1``), so
    stopping after ``K`` terms has relative error ``<= z^K / (1 - z)``.  ``K``
    is chosen to make this ``<= 1e-14``, about ``(32 + ln(1/d)) / d`` terms.

    Parameters
    ----------
    alpha, beta
        sBG parameters (> 0).
    discount_rate
        Per-period discount rate ``d > 0``, in the same period unit as the model.
    n
        Period the customer is in, ``n >= 1`` (``n - 1`` renewals made).
        Scalar or integer array.

    Returns
    -------
    float, or ndarray shaped like ``n``.
    """
    _check_params(alpha, beta)
    if not (np.isfinite(discount_rate) and discount_rate > 0):
        raise ValueError(f"discount_rate must be a finite number > 0, got {discount_rate!r}")
    periods = _check_periods(n, 1)
    log_z = -np.log1p(discount_rate)
    n_terms = int(np.ceil((np.log(_DERL_RTOL) + np.log(-np.expm1(log_z))) / log_z))
    b = beta + periods[..., None]  # beta + n
    log_s_prev = betaln(alpha, b - 1)  # log S(n-1) + log B(alpha, beta)
    total = np.zeros(periods.shape)
    for first in range(0, n_terms, _DERL_CHUNK):
        k = np.arange(first, min(first + _DERL_CHUNK, n_terms))
        total += np.exp(k * log_z + betaln(alpha, b + k) - log_s_prev).sum(axis=-1)
    return float(total) if total.ndim == 0 else total
