"""Customer accounts: arrival over time, firmographics and the `customers` table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saas_retention.generate import catalog
from saas_retention.generate.arrow_columns import build_table, emails, labels, prefixed_ids
from saas_retention.generate.sim_calendar import SimCalendar

ARRIVAL_GROWTH = 1.0
"""Arrivals in the last month are (1 + ARRIVAL_GROWTH) times those of the first."""


@dataclass(frozen=True)
class Customers:
    """Per-customer attributes, indexed by customer number - 1 and ordered by `created_at`."""

    ids: pa.StringArray
    arrival_month: np.ndarray
    created_at: np.ndarray
    country: np.ndarray
    currency: np.ndarray
    channel: np.ndarray
    """Acquisition channel index; -1 when unknown."""
    employee_count: np.ndarray
    tier: np.ndarray
    """Tier the customer first buys (or trials)."""
    interval: np.ndarray
    """Billing interval of the first paid subscription."""
    team_size: np.ndarray
    """People who would use the product: drives seats and provisioned users."""
    starts_with_trial: np.ndarray

    @property
    def count(self) -> int:
        return self.arrival_month.size


def _arrival_months(rng: np.random.Generator, count: int, months: int) -> np.ndarray:
    """Stratified draw from a growing monthly intake, so every month gets its share."""
    weights = 1.0 + ARRIVAL_GROWTH * np.arange(months) / max(months - 1, 1)
    cdf = np.cumsum(weights) / weights.sum()
    positions = (np.arange(count) + rng.random(count)) / count
    return np.minimum(np.searchsorted(cdf, positions, side="right"), months - 1)


def _choice(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    return rng.choice(weights.size, size=size, p=weights / weights.sum())


def simulate_customers(rng: np.random.Generator, calendar: SimCalendar, count: int) -> Customers:
    arrival = _arrival_months(rng, count, calendar.months)
    into_month = (rng.random(count) * calendar.month_lengths[arrival]).astype(np.int64)
    created = np.sort(calendar.month_starts[arrival] + into_month)
    country = _choice(rng, catalog.COUNTRY_WEIGHT, count)
    channel = _choice(rng, catalog.CHANNEL_WEIGHT, count)
    employees = np.clip(np.round(np.exp(rng.normal(np.log(60), 1.3, count))), 2, 50_000).astype(np.int64)
    tier_score = 0.9 * (np.log(employees) - np.log(60)) + catalog.CHANNEL_TIER_LIFT[channel] + rng.normal(0, 0.8, count)
    tier = np.where(tier_score < -0.4, catalog.STARTER, np.where(tier_score > 1.3, catalog.ENTERPRISE, catalog.GROWTH))
    interval_weights = np.array([[0.80, 0.00, 0.20], [0.55, 0.20, 0.25], [0.15, 0.15, 0.70]])
    interval = (rng.random(count)[:, None] > np.cumsum(interval_weights[tier], axis=1)).sum(axis=1)
    team = np.round(np.exp(rng.normal(np.log(employees * 0.12), 0.5))).astype(np.int64)
    min_team = np.array([1, 3, 15])[tier]
    max_team = np.array([6, 80, 500])[tier]
    trial_share = np.array([0.9, 0.75, 0.3])[tier]
    return Customers(
        ids=prefixed_ids("cus_", np.arange(1, count + 1), 6),
        arrival_month=arrival,
        created_at=created,
        country=country,
        currency=catalog.COUNTRY_CURRENCY[country],
        channel=np.where(rng.random(count) < 0.06, -1, channel),
        employee_count=employees,
        tier=tier,
        interval=interval,
        team_size=np.clip(team, min_team, max_team),
        starts_with_trial=rng.random(count) < trial_share,
    )


def customers_table(rng: np.random.Generator, customers: Customers) -> pa.Table:
    n = customers.count
    first = rng.integers(0, len(catalog.NAME_FIRST), n)
    second = rng.integers(0, len(catalog.NAME_SECOND), n)
    suffix = rng.integers(0, len(catalog.NAME_SUFFIX), n)
    names = pc.binary_join_element_wise(
        labels(catalog.NAME_FIRST, first), labels(catalog.NAME_SECOND, second), labels(catalog.NAME_SUFFIX, suffix), " "
    )
    # Tech-touch starter accounts mostly have no named CSM.
    no_csm = np.where(customers.tier == catalog.STARTER, rng.random(n) < 0.8, rng.random(n) < 0.05)
    return build_table("customers", {
        "customer_id": customers.ids,
        "customer_name": names,
        "created_at": customers.created_at,
        "country": labels(catalog.COUNTRY_CODES, customers.country),
        "industry": labels(catalog.INDUSTRIES, rng.integers(0, len(catalog.INDUSTRIES), n), rng.random(n) < 0.08),
        "employee_count": (customers.employee_count, rng.random(n) < 0.12),
        "acquisition_channel": labels(catalog.ACQUISITION_CHANNELS, customers.channel),
        "csm_owner": labels(catalog.CSM_OWNERS, rng.integers(0, len(catalog.CSM_OWNERS), n), no_csm),
        "billing_email": emails("billing", np.arange(1, n + 1), rng.random(n) < 0.04),
    })
