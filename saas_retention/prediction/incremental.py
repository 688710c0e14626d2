"""Which months an incremental prediction model recomputes.

Month M's churn scores and the backtest cutoff M use only what was known at the end of M,
so once M is over its rows never change and an incremental run keeps them. The latest month
already in the table is recomputed with the new ones: it may have been the as-of month,
scored on a part of the month (the as-of date), or a cutoff whose outcome month was not over.
"""

from __future__ import annotations

import numpy as np

from saas_retention.prediction.panel import month_number

__all__ = ["latest_stored_month", "months_to_compute"]


def latest_stored_month(session, relation: str, column: str) -> int | None:
    """Month number of the latest ``column`` in ``relation`` (a DuckDB connection's table); None when empty."""
    latest = session.sql(f"select max({column}) as latest from {relation}").df()["latest"]
    return None if latest.isna().all() else int(month_number(latest)[0])


def months_to_compute(months, latest_stored: int | None) -> list[int]:
    """The month numbers of ``months`` from ``latest_stored`` on, in order (all of them when None)."""
    months = np.unique(np.asarray(list(months), dtype=np.int64))
    if latest_stored is not None:
        months = months[months >= latest_stored]
    return [int(month) for month in months]
