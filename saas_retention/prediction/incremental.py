"""Which months an incremental prediction model recomputes.

Month M's churn scores and backtest cutoff M's forecast use only what was known at the end of
M, and the cutoff's actual NRR only months up to M + 12, which is the as-of month for the
latest cutoff only. So a month's rows stay as they are once its data is complete, and an
incremental run keeps them:

- churn scores: a month is *provisional* while late rows may still change its data (the as-of
  month, and the month before it until ``usage_lookback_days`` days after its end,
  :func:`provisional_months`). A run rescores every month that was provisional when stored,
  from the earliest one on (:func:`first_provisional_month`): June scored on 1 July is
  rescored on the next run, with the events of 30 June that arrived since.
- backtest: the latest cutoff in the table is recomputed with the new ones (a cutoff whose
  outcome month was not over; its forecast is kept and only its outcome recomputed when no new
  cutoff comes with it, see :func:`saas_retention.prediction.nrr_forecast.incremental_backtest`).

Changed settings or corrected past data need ``dbt build --full-refresh``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from saas_retention.prediction.panel import month_number, month_start

__all__ = ["first_provisional_month", "latest_stored_month", "months_to_compute", "provisional_months",
           "rows_of_month"]


def _stored_month(session, query: str) -> int | None:
    """Month number of the one value ``query`` returns; None when it is null."""
    month = session.sql(query).df().iloc[:, 0]
    return None if month.isna().all() else int(month_number(month)[0])


def latest_stored_month(session, relation: str, column: str) -> int | None:
    """Month number of the latest ``column`` in ``relation`` (a DuckDB connection's table); None when empty."""
    return _stored_month(session, f"select max({column}) from {relation}")


def first_provisional_month(session, relation: str, column: str) -> int | None:
    """Month number of the earliest ``column`` in ``relation`` whose rows were stored as provisional
    (``is_provisional``); None when there is none (an empty table: everything is computed)."""
    if "is_provisional" not in session.sql(f"select * from {relation} limit 0").columns:
        raise ValueError(f"{relation} was built before it had the column is_provisional: "
                         "rebuild it once with `dbt build --full-refresh`")
    return _stored_month(session, f"select min({column}) filter (where is_provisional) from {relation}")


def provisional_months(months, as_of_date, lookback_days: int) -> np.ndarray:
    """Whether each month (any date in it) is still provisional at ``as_of_date``: late rows, which
    arrive up to ``lookback_days`` days after they occur (var ``usage_lookback_days``), may still
    change its data, i.e. ``as_of_date`` is at most ``lookback_days`` days after its last day."""
    if lookback_days < 0:
        raise ValueError(f"lookback_days must be >= 0, got {lookback_days}")
    last_days = month_start(month_number(months) + 1) - pd.Timedelta(days=1)
    return np.asarray(pd.Timestamp(as_of_date) <= last_days + pd.Timedelta(days=lookback_days))


def rows_of_month(session, relation: str, column: str, month: int | None) -> pd.DataFrame | None:
    """The rows of ``relation`` whose ``column`` is month number ``month``; None when ``month`` is None."""
    if month is None:
        return None
    return session.sql(f"select * from {relation} where {column} = date '{month_start([month])[0]:%Y-%m-%d}'").df()


def months_to_compute(months, first: int | None) -> list[int]:
    """The month numbers of ``months`` from ``first`` on, in order (all of them when None)."""
    months = np.unique(np.asarray(list(months), dtype=np.int64))
    if first is not None:
        months = months[months >= first]
    return [int(month) for month in months]
