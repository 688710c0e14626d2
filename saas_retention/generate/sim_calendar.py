"""Monthly simulation calendar; every timestamp is int64 seconds since the Unix epoch (UTC)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

SECONDS_PER_HOUR = 3_600
SECONDS_PER_DAY = 86_400
NO_TIME = np.int64(-1)
"""Sentinel for a missing timestamp (a SQL NULL once written)."""
OPEN_END = np.iinfo(np.int64).max
"""Sentinel for an interval that has not ended."""


@dataclass(frozen=True)
class SimCalendar:
    """The simulated months: `month_starts[m]` is the first second of month m, and
    `month_starts[months]` is the exclusive end of the simulation."""

    month_starts: np.ndarray

    @classmethod
    def build(cls, start: date, months: int) -> "SimCalendar":
        first = np.datetime64(start.strftime("%Y-%m"), "M")
        starts = (first + np.arange(months + 1)).astype("datetime64[s]").astype(np.int64)
        return cls(starts)

    @property
    def months(self) -> int:
        return len(self.month_starts) - 1

    @property
    def end(self) -> int:
        return int(self.month_starts[-1])

    @property
    def month_lengths(self) -> np.ndarray:
        return np.diff(self.month_starts)

    def month_of(self, ts: np.ndarray) -> np.ndarray:
        """Index of the month containing each timestamp (may be <0 or >= months outside)."""
        return np.searchsorted(self.month_starts, ts, side="right") - 1

    def month_start_days(self) -> np.ndarray:
        """First day of each simulated month as days since the epoch."""
        return self.month_starts[:-1] // SECONDS_PER_DAY
