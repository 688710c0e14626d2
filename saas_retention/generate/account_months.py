"""`AccountMonths`: each customer's state in each month, as the lifecycle simulation recorded it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saas_retention.generate.sampling import uniform_times


@dataclass(frozen=True)
class AccountMonths:
    """State of every customer (rows) in every month (columns)."""

    health: np.ndarray
    """Hidden health (float32); see `health.py`."""
    in_service: np.ndarray
    """The customer had a trial or paid service at some time in the month."""
    window_start: np.ndarray
    window_end: np.ndarray
    """Service interval within the month [start, end), epoch seconds (0 when not in service)."""
    paid: np.ndarray
    """Service in the month was (at least partly) paid, not only a trial."""
    tier: np.ndarray
    seats: np.ndarray
    """Licensed seats of a seat-based base plan, else 0."""
    spell_age: np.ndarray
    """Months since the current paid subscription started (-1 when not paid)."""

    def served_at_month_end(self, month_ends: np.ndarray) -> np.ndarray:
        """Customer x month: service still running at the end of the month."""
        return self.in_service & (self.window_end == month_ends[None, :])

    def sample_times(self, rng: np.random.Generator, rates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Poisson(rates) timestamps per customer-month within the service window; see `times_for_counts`."""
        return self.times_for_counts(rng, rng.poisson(np.where(self.in_service, rates, 0.0)))

    def times_for_counts(self, rng: np.random.Generator,
                         counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`counts[c, m]` timestamps uniform within customer c's service window of month m.

        Returns (customer, month, timestamp) arrays, ordered by customer then month.
        """
        counts = np.where(self.in_service, counts, 0)
        cell_customer, cell_month = np.nonzero(counts)
        repeats = counts[cell_customer, cell_month]
        customer, month = np.repeat(cell_customer, repeats), np.repeat(cell_month, repeats)
        return customer, month, uniform_times(rng, self.window_start[customer, month], self.window_end[customer, month])
