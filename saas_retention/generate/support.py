"""The `support_tickets` table.

Unhealthy accounts open more tickets, more of them urgent bugs and outages,
wait longer for answers and resolutions, and need more agent replies.
Tickets still waiting at the end of the simulation have no response or
resolution time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from saas_retention.contract import ACCEPTED_VALUES
from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.sampling import categorical, lognormal_seconds
from saas_retention.generate.sim_calendar import NO_TIME, SECONDS_PER_HOUR, SimCalendar

PRIORITIES = ACCEPTED_VALUES[("support_tickets", "priority")]
CATEGORIES = ACCEPTED_VALUES[("support_tickets", "category")]
FIRST_RESPONSE_MEDIAN_HOURS = np.array([12.0, 5.0, 1.5, 0.4])
RESOLUTION_MEDIAN_HOURS = np.array([48.0, 24.0, 10.0, 5.0])
CATEGORY_RESOLUTION_FACTOR = np.array([1.2, 0.5, 0.7, 3.0, 0.4])
CATEGORY_EXTRA_REPLIES = np.array([1.3, 0.7, 1.0, 1.2, 1.5])
FEATURE_REQUEST = CATEGORIES.index("feature_request")


@dataclass(frozen=True)
class Tickets:
    """The tickets table plus per-ticket arrays the CSAT survey generator needs."""

    table: pa.Table
    customer: np.ndarray
    resolved_at: np.ndarray
    """NO_TIME while unresolved."""
    resolution_hours: np.ndarray


def support_tickets(rng: np.random.Generator, calendar: SimCalendar, customers: Customers, months: AccountMonths,
                    provisioned: np.ndarray) -> Tickets:
    health = months.health.astype(float)
    rate = 0.2 * (1 + provisioned) ** 0.45 * np.exp(-0.45 * health) * np.where(months.paid, 1.0, 0.6)
    customer, month, created = months.sample_times(rng, rate)
    h = health[customer, month]
    n = customer.size
    onboarding = months.spell_age[customer, month] < 3
    priority = categorical(rng, np.column_stack([
        np.full(n, 0.30), np.full(n, 0.50), 0.15 * np.exp(-0.3 * h), 0.04 * np.exp(-0.9 * h),
    ]))
    category = categorical(rng, np.column_stack([
        0.28 * np.exp(-0.3 * h), 0.35 * np.where(onboarding, 1.5, 1.0), 0.10 * np.exp(-0.3 * h),
        0.17 * np.exp(0.2 * h), 0.05 * np.exp(-0.3 * h),
    ]))
    first_response = created + lognormal_seconds(
        rng, FIRST_RESPONSE_MEDIAN_HOURS[priority] * np.exp(-0.35 * h) * SECONDS_PER_HOUR, 0.7)
    resolution_seconds = lognormal_seconds(
        rng, RESOLUTION_MEDIAN_HOURS[priority] * CATEGORY_RESOLUTION_FACTOR[category] * np.exp(-0.4 * h)
        * SECONDS_PER_HOUR, 0.9)
    resolved = first_response + resolution_seconds
    parked = (category == FEATURE_REQUEST) & (rng.random(n) < 0.05)
    replies = 1 + rng.poisson(0.6 * np.exp(-0.5 * h) * CATEGORY_EXTRA_REPLIES[category])
    responded = first_response < calendar.end
    is_resolved = responded & ~parked & (resolved < calendar.end)
    replies = np.where(responded, replies, 0)

    order = np.lexsort((customer, created))
    table = build_table("support_tickets", {
        "ticket_id": prefixed_ids("tkt_", np.arange(1, n + 1), 8),
        "customer_id": customers.ids.take(customer[order]),
        "created_at": created[order],
        "first_response_at": (first_response[order], ~responded[order]),
        "resolved_at": (resolved[order], ~is_resolved[order]),
        "agent_replies": replies[order],
        "priority": labels(PRIORITIES, priority[order]),
        "category": labels(CATEGORIES, category[order]),
    })
    resolved_at = np.where(is_resolved, resolved, NO_TIME)
    return Tickets(table, customer, resolved_at, (resolved - created) / SECONDS_PER_HOUR)
