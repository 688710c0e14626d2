"""The customer x month MRR matrix and what happened after each customer-month.

Months are integers (``month_number``: 12 x year + month - 1), so "12 months
later" is ``+ 12`` and every look-up is an array index. The panel holds MRR at
each month's end, 0 when the customer is not active (before its first paid
month, after a churn, in a gap before a reactivation).

Outcomes after a customer-month ``m`` are read only up to a ``cutoff`` month:
a step ``m + k`` later than the cutoff is unknown (NaN), which is how every
model here is kept from seeing the future.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MrrPanel", "first_churn_step", "known_steps", "month_number", "month_start"]


def month_number(values) -> np.ndarray:
    """12 x year + month - 1 of each date (any day of the month maps to the same number)."""
    dates = pd.DatetimeIndex(pd.to_datetime(np.asarray(values)))
    if dates.hasnans:
        raise ValueError("month values must not be null")
    return (dates.year * 12 + dates.month - 1).to_numpy(dtype=np.int64)


def month_start(numbers) -> pd.DatetimeIndex:
    """First day of each month number (inverse of :func:`month_number`)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    return pd.DatetimeIndex(pd.to_datetime({"year": numbers // 12, "month": numbers % 12 + 1, "day": 1}))


@dataclass(frozen=True)
class MrrPanel:
    """MRR of every customer (rows) in every month from ``first_month`` to ``last_month`` (columns)."""

    customer_ids: pd.Index
    first_month: int
    mrr: np.ndarray

    @property
    def last_month(self) -> int:
        return self.first_month + self.mrr.shape[1] - 1

    @classmethod
    def from_customer_months(cls, customer_months: pd.DataFrame, last_month: int | None = None) -> "MrrPanel":
        """Panel from rows ``customer_id, month, mrr`` (e.g. customer_mrr_monthly); missing cells are 0.

        ``last_month`` (a month number) extends or cuts the columns; default the latest month present.
        """
        missing = {"customer_id", "month", "mrr"} - set(customer_months.columns)
        if missing:
            raise ValueError(f"customer_months lacks columns {sorted(missing)}")
        months = month_number(customer_months["month"])
        mrr = customer_months["mrr"].to_numpy(dtype=float)
        if np.isnan(mrr).any() or (mrr < 0).any():
            raise ValueError("mrr must be a number >= 0 on every row")
        first = int(months.min())
        last = int(months.max()) if last_month is None else int(last_month)
        keep = months <= last
        customer_ids = pd.Index(pd.unique(customer_months["customer_id"]))
        rows = customer_ids.get_indexer(customer_months["customer_id"])[keep]
        matrix = np.zeros((customer_ids.size, last - first + 1))
        cells = pd.DataFrame({"row": rows, "col": months[keep] - first})
        if cells.duplicated().any():
            raise ValueError("customer_months has more than one row for a customer and month")
        matrix[cells["row"].to_numpy(), cells["col"].to_numpy()] = mrr[keep]
        return cls(customer_ids=customer_ids, first_month=first, mrr=matrix)

    def ahead(self, customer_ids, months, horizon: int, cutoff: int) -> np.ndarray:
        """MRR at ``m, m+1, ..., m+horizon`` for each (customer, m): array rows x (horizon + 1).

        Cells later than ``cutoff`` or than the panel's last month are NaN (unknown);
        customers or months the panel does not cover have MRR 0.
        """
        rows = self.customer_ids.get_indexer(pd.Index(customer_ids))
        months = np.asarray(months, dtype=np.int64)
        steps = months[:, None] + np.arange(horizon + 1)[None, :]
        cols = steps - self.first_month
        inside = (rows[:, None] >= 0) & (cols >= 0) & (cols < self.mrr.shape[1])
        cells = self.mrr[np.clip(rows, 0, None)[:, None], np.clip(cols, 0, self.mrr.shape[1] - 1)]
        values = np.where(inside, cells, 0.0)
        return np.where(steps <= min(cutoff, self.last_month), values, np.nan)


def first_churn_step(mrr_ahead: np.ndarray) -> np.ndarray:
    """First step k >= 1 with MRR 0 (the churn month) in rows of :meth:`MrrPanel.ahead`.

    ``horizon + 1`` when no churn is seen among the known steps.
    """
    churned = mrr_ahead[:, 1:] == 0  # NaN (unknown) compares False
    horizon = mrr_ahead.shape[1] - 1
    return np.where(churned.any(axis=1), churned.argmax(axis=1) + 1, horizon + 1)


def known_steps(months, horizon: int, cutoff: int) -> np.ndarray:
    """How many of the steps 1..horizon after each month are at or before the cutoff."""
    return np.clip(cutoff - np.asarray(months, dtype=np.int64), 0, horizon)
