"""Product users: provisioned to roughly track licensed seats, deactivated when seats shrink or service ends.

Each customer has numbered user slots. In month m slots 0..provisioned-1 are
filled; a run of consecutive months in which a slot is filled is one user
(a new `user_id` when the slot is filled again later). Slot 0 is the admin
who set the account up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, emails, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.sampling import uniform_times, weighted_choice
from saas_retention.generate.sim_calendar import NO_TIME, SECONDS_PER_DAY, SimCalendar

ROLES = ("admin", "member", "viewer")
ROLE_WEIGHTS = np.array([0.08, 0.70, 0.22])
MAX_TRIAL_USERS = 5
MAX_FLAT_PLAN_USERS = 6


@dataclass(frozen=True)
class UserDirectory:
    """All users (rows sorted by customer, slot, first month) and who is active in each month."""

    ids: pa.StringArray
    customer: np.ndarray
    slot: np.ndarray
    first_month: np.ndarray
    end_month: np.ndarray
    """First month in which the user is no longer active (number of months when still active)."""
    created_at: np.ndarray
    deactivated_at: np.ndarray
    number: np.ndarray
    """1-based user number, also used in the fake email address."""
    has_email: np.ndarray
    provisioned: np.ndarray
    """Filled slots per customer x month."""

    def active(self, month: int) -> tuple[np.ndarray, np.ndarray]:
        """(offsets, rows): the active users of customer c in `month` are rows[offsets[c]:offsets[c+1]], by slot."""
        rows = np.flatnonzero((self.first_month <= month) & (self.end_month > month))
        offsets = np.concatenate([[0], np.cumsum(self.provisioned[:, month], dtype=np.int64)])
        return offsets, rows

    def pick_active(self, rng: np.random.Generator, customer: np.ndarray, month: np.ndarray) -> np.ndarray:
        """A random active user row per (customer, month) pair; -1 where the customer has no active user."""
        picked = np.full(customer.size, -1, dtype=np.int64)
        for m in np.unique(month):
            sel = np.flatnonzero(month == m)
            offsets, rows = self.active(int(m))
            count = self.provisioned[customer[sel], m]
            has_user = count > 0
            slot = (rng.random(sel.size) * count).astype(np.int64)
            picked[sel[has_user]] = rows[offsets[customer[sel[has_user]]] + slot[has_user]]
        return picked

    def email_or_null(self, user: np.ndarray, anonymous: np.ndarray) -> pa.Array:
        """Email of each user row (-1 = no user); null when unknown, the user has none, or `anonymous`."""
        known = (user >= 0) & ~anonymous
        safe = np.where(known, user, 0)
        return emails("user", self.number[safe], ~(known & self.has_email[safe]))


def provisioned_users(rng: np.random.Generator, customers: Customers, months: AccountMonths) -> np.ndarray:
    """Users provisioned per customer x month: a health-dependent share of seats for seat-based plans."""
    share = rng.uniform(0.6, 1.0, customers.count)[:, None] + 0.08 * months.health
    seat_users = np.clip(np.round(months.seats * np.clip(share, 0.3, 1.0)), 1, None)
    team = customers.team_size[:, None]
    return np.where(
        ~months.in_service, 0,
        np.where(~months.paid, np.clip(team, 1, MAX_TRIAL_USERS),
                 np.where(months.seats > 0, seat_users, np.clip(team, 1, MAX_FLAT_PLAN_USERS))),
    ).astype(np.int32)


def build_user_directory(rng: np.random.Generator, calendar: SimCalendar, customers: Customers,
                         months: AccountMonths) -> UserDirectory:
    provisioned = provisioned_users(rng, customers, months)
    previous = np.concatenate([np.zeros((customers.count, 1), dtype=np.int32), provisioned[:, :-1]], axis=1)
    added = np.maximum(provisioned - previous, 0)
    cell_customer, cell_month = np.nonzero(added)
    counts = added[cell_customer, cell_month]
    customer = np.repeat(cell_customer, counts)
    first_month = np.repeat(cell_month, counts)
    slot = np.repeat(previous[cell_customer, cell_month], counts) + (
        np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    end_month = np.full(customer.size, calendar.months)
    for month in range(1, calendar.months):
        ends = (end_month == calendar.months) & (first_month < month) & (provisioned[customer, month] <= slot)
        end_month[ends] = month
    order = np.lexsort((first_month, slot, customer))
    customer, slot, first_month, end_month = customer[order], slot[order], first_month[order], end_month[order]

    window_start = months.window_start[customer, first_month]
    span = months.window_end[customer, first_month] - window_start
    created_at = window_start + (rng.random(customer.size) ** 2 * span).astype(np.int64)
    deactivated_at = _deactivation_times(rng, calendar, months, customer, end_month)
    number = np.empty(customer.size, dtype=np.int64)
    number[np.lexsort((slot, customer, created_at))] = np.arange(1, customer.size + 1)
    return UserDirectory(
        ids=prefixed_ids("usr_", number, 7),
        customer=customer, slot=slot, first_month=first_month, end_month=end_month,
        created_at=created_at, deactivated_at=deactivated_at, number=number,
        has_email=rng.random(customer.size) >= 0.03, provisioned=provisioned,
    )


def _deactivation_times(rng: np.random.Generator, calendar: SimCalendar, months: AccountMonths,
                        customer: np.ndarray, end_month: np.ndarray) -> np.ndarray:
    """Within the month the slot is released; a few days after service end when the account left."""
    result = np.full(customer.size, NO_TIME)
    ended = np.flatnonzero(end_month < calendar.months)
    c, m = customer[ended], end_month[ended]
    still_served = months.in_service[c, m]
    trimmed = uniform_times(rng, months.window_start[c, m], months.window_end[c, m])
    after_exit = months.window_end[c, m - 1] + uniform_times(rng, np.zeros(ended.size), 5 * SECONDS_PER_DAY)
    at = np.where(still_served, trimmed, after_exit)
    result[ended] = np.where(at < calendar.end, at, NO_TIME)
    return result


def users_table(rng: np.random.Generator, customers: Customers, users: UserDirectory) -> pa.Table:
    order = np.argsort(users.number)
    n = order.size
    role = np.where(users.slot[order] == 0, 0, weighted_choice(rng, ROLE_WEIGHTS, n))
    deactivated = users.deactivated_at[order]
    return build_table("users", {
        "user_id": users.ids.take(order),
        "customer_id": customers.ids.take(users.customer[order]),
        "created_at": users.created_at[order],
        "deactivated_at": (deactivated, deactivated == NO_TIME),
        "role": labels(ROLES, role),
        "email": users.email_or_null(order, np.zeros(n, dtype=bool)),
    })
