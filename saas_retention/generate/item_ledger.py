"""Bookkeeping of subscription-item rows: the open row per customer and slot, and closed rows.

Each customer has two slots, the base plan and one add-on. A change closes the
open row at a timestamp and opens its successor at the same timestamp, which
is how `subscription_items` represents history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saas_retention.generate.sim_calendar import NO_TIME

BASE_SLOT, ADDON_SLOT = 0, 1
_STATE_FIELDS = ("subscription", "plan", "quantity", "unit_price", "discount")


@dataclass(frozen=True)
class ItemRows:
    """All subscription-item rows; discount in hundredths of a percent, valid_to NO_TIME when open."""

    customer: np.ndarray
    subscription: np.ndarray
    plan: np.ndarray
    quantity: np.ndarray
    unit_price: np.ndarray
    discount: np.ndarray
    valid_from: np.ndarray
    valid_to: np.ndarray


class ItemLedger:
    """Open rows per (customer, slot) plus the log of rows already closed."""

    def __init__(self, customers: int) -> None:
        shape = (customers, 2)
        self.is_open = np.zeros(shape, dtype=bool)
        self.subscription = np.zeros(shape, dtype=np.int64)
        self.plan = np.zeros(shape, dtype=np.int64)
        self.quantity = np.zeros(shape, dtype=np.int64)
        self.unit_price = np.zeros(shape, dtype=np.int64)
        self.discount = np.zeros(shape, dtype=np.int64)
        self.valid_from = np.zeros(shape, dtype=np.int64)
        self._closed: list[ItemRows] = []

    def open(self, slot: int, idx: np.ndarray, ts: np.ndarray, **state: np.ndarray) -> None:
        """Open new rows for customers whose slot is empty; `state` gives every state field."""
        if self.is_open[idx, slot].any():
            raise RuntimeError("opening a slot that is already open")
        for name in _STATE_FIELDS:
            getattr(self, name)[idx, slot] = state[name]
        self.valid_from[idx, slot] = ts
        self.is_open[idx, slot] = True

    def close(self, slot: int, idx: np.ndarray, valid_to: np.ndarray) -> None:
        """Close the open rows of `idx` (others are ignored); valid_to may be NO_TIME (left open)."""
        valid_to = np.broadcast_to(np.asarray(valid_to, dtype=np.int64), idx.shape)
        keep = self.is_open[idx, slot]
        idx, valid_to = idx[keep], valid_to[keep]
        self._closed.append(self._snapshot(slot, idx, valid_to.copy()))
        self.is_open[idx, slot] = False

    def change(self, slot: int, idx: np.ndarray, ts: np.ndarray, **changes: np.ndarray) -> None:
        """Close the open rows at `ts` and open successors that differ only by `changes`."""
        if not self.is_open[idx, slot].all():
            raise RuntimeError("changing a slot that is not open")
        self.close(slot, idx, ts)
        for name, value in changes.items():
            getattr(self, name)[idx, slot] = value
        self.valid_from[idx, slot] = ts
        self.is_open[idx, slot] = True

    def latest_change(self, idx: np.ndarray) -> np.ndarray:
        """Latest valid_from among the open rows of each customer."""
        return np.where(self.is_open[idx], self.valid_from[idx], 0).max(axis=1)

    def recurring_cents(self, idx: np.ndarray) -> np.ndarray:
        """Discounted price of one interval of everything open, per customer."""
        gross = self.quantity[idx] * self.unit_price[idx] * (10_000 - self.discount[idx])
        return np.where(self.is_open[idx], (gross + 5_000) // 10_000, 0).sum(axis=1)

    def rows(self) -> ItemRows:
        """Closed rows followed by the rows still open."""
        open_parts = []
        for slot in (BASE_SLOT, ADDON_SLOT):
            idx = np.flatnonzero(self.is_open[:, slot])
            open_parts.append(self._snapshot(slot, idx, np.full(idx.size, NO_TIME)))
        parts = self._closed + open_parts
        return ItemRows(**{
            name: np.concatenate([getattr(part, name) for part in parts]) for name in ItemRows.__dataclass_fields__
        })

    def _snapshot(self, slot: int, idx: np.ndarray, valid_to: np.ndarray) -> ItemRows:
        return ItemRows(
            customer=idx.copy(),
            **{name: getattr(self, name)[idx, slot].copy() for name in _STATE_FIELDS},
            valid_from=self.valid_from[idx, slot].copy(),
            valid_to=valid_to,
        )
