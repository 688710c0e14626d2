"""Which months an incremental prediction model recomputes.

Month M's churn scores and backtest cutoff M's forecast use only what was known at the end of
M, and the cutoff's actual NRR only months up to M + 12, which is the as-of month for the
latest cutoff only. So the rows of every month but the latest never change and an incremental
run keeps them; the latest month already in the table is recomputed with the new ones (it may
have been the as-of month, scored part-way through, or a cutoff whose outcome month was not
over; a backtest cutoff's forecast is kept and only its outcome recomputed when no new cutoff
comes with it, see :func:`saas_retention.prediction.nrr_forecast.incremental_backtest`).
Changed settings or corrected past data need ``dbt build --full-refresh``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from saas_retention.prediction.panel import month_number, month_start

__all__ = ["latest_stored_month", "months_to_compute", "rows_of_month"]


def latest_stored_month(session, relation: str, column: str) -> int | None:
    """Month number of the latest ``column`` in ``relation`` (a DuckDB connection's table); None when empty."""
    latest = session.sql(f"select max({column}) as latest from {relation}").df()["latest"]
    return None if latest.isna().all() else int(month_number(latest)[0])


def rows_of_month(session, relation: str, column: str, month: int | None) -> pd.DataFrame | None:
    """The rows of ``relation`` whose ``column`` is month number ``month``; None when ``month`` is None."""
    if month is None:
        return None
    return session.sql(f"select * from {relation} where {column} = date '{month_start([month])[0]:%Y-%m-%d}'").df()


def months_to_compute(months, latest_stored: int | None) -> list[int]:
    """The month numbers of ``months`` from ``latest_stored`` on, in order (all of them when None)."""
    months = np.unique(np.asarray(list(months), dtype=np.int64))
    if latest_stored is not None:
        months = months[months >= latest_stored]
    return [int(month) for month in months]
