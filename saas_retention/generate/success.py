"""Customer-success tables: `onboarding_milestones`, `cs_activities` and `success_outcomes`.

Unhealthy accounts finish onboarding late or not at all, skip meetings, see
fewer executive-sponsor meetings and more escalations, and achieve less of
their success-plan targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from saas_retention.contract import ACCEPTED_VALUES
from saas_retention.generate import catalog
from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.health import logistic
from saas_retention.generate.sampling import uniform_times
from saas_retention.generate.sim_calendar import NO_TIME, SECONDS_PER_DAY, SECONDS_PER_HOUR, SimCalendar

MILESTONES = ACCEPTED_VALUES[("onboarding_milestones", "milestone")]
MILESTONE_TARGET_DAYS = np.array([3, 14, 30, 45, 60])
GO_LIVE = MILESTONES.index("go_live")

ACTIVITY_TYPES = ACCEPTED_VALUES[("cs_activities", "activity_type")]
ACTIVITY_MONTHLY_RATE_BY_TIER = np.array([
    # starter, growth, enterprise
    [0.15, 0.60, 1.20],  # check_in
    [0.02, 0.25, 0.34],  # qbr
    [0.10, 0.25, 0.40],  # training
    [0.00, 0.05, 0.20],  # exec_sponsor_meeting
    [0.01, 0.03, 0.05],  # escalation
])
ACTIVITY_HEALTH_ELASTICITY = np.array([0.15, 0.0, 0.0, 0.6, -1.1])
ESCALATION = ACTIVITY_TYPES.index("escalation")
TRAINING = ACTIVITY_TYPES.index("training")

OUTCOME_NAMES = (
    "hours_saved_per_month", "reports_automated", "active_user_share", "integrations_live",
    "onboarding_time_reduction_pct",
)
OUTCOME_TARGET_RANGE = np.array([[10, 120], [5, 40], [0.5, 0.9], [1, 6], [10, 50]])
OUTCOME_IS_COUNT = np.array([False, True, False, True, False])
SHARE_OUTCOME = OUTCOME_NAMES.index("active_user_share")
SUCCESS_PLAN_AGES = np.array([2, 8, 14, 20, 26, 32])
"""Spell ages (months) at which a success plan sets new goals."""


def _to_days(ts: np.ndarray) -> np.ndarray:
    return ts // SECONDS_PER_DAY


@dataclass(frozen=True)
class Onboarding:
    """The milestones table plus when each customer went live (the CES survey trigger)."""

    table: pa.Table
    go_live_customer: np.ndarray
    go_live_at: np.ndarray


def onboarding(rng: np.random.Generator, calendar: SimCalendar, customers: Customers, months: AccountMonths,
               first_paid_start: np.ndarray) -> Onboarding:
    """Five milestones per paying customer; completion odds and punctuality follow health."""
    idx = np.flatnonzero(first_paid_start != NO_TIME)
    start = first_paid_start[idx]
    stretch = np.where(customers.tier[idx] == catalog.ENTERPRISE, 1.5, 1.0)
    target = start[:, None] + (MILESTONE_TARGET_DAYS[None, :] * stretch[:, None] * SECONDS_PER_DAY).astype(np.int64)
    target_month = np.minimum(calendar.month_of(target), calendar.months - 1)
    health = months.health[idx[:, None], target_month].astype(float)
    done = rng.random(target.shape) < logistic(2.0 + 1.5 * health - 0.35 * np.arange(len(MILESTONES)))
    delay = rng.normal(-2.0 - 5.0 * health, 4.0) * SECONDS_PER_DAY
    completed = target + delay.astype(np.int64)
    for k in range(len(MILESTONES)):
        earliest = start + SECONDS_PER_HOUR if k == 0 else completed[:, k - 1] + SECONDS_PER_HOUR
        completed[:, k] = np.maximum(completed[:, k], earliest)
        month = calendar.month_of(completed[:, k])
        before_end = completed[:, k] < calendar.end
        served = np.zeros(idx.size, dtype=bool)
        served[before_end] = months.in_service[idx[before_end], month[before_end]]
        done[:, k] &= served & (done[:, k - 1] if k else True)
    completed = np.where(done, completed, NO_TIME)
    table = build_table("onboarding_milestones", {
        "customer_id": customers.ids.take(np.repeat(idx, len(MILESTONES))),
        "milestone": labels(MILESTONES, np.tile(np.arange(len(MILESTONES)), idx.size)),
        "target_date": _to_days(target).ravel(),
        "completed_at": (completed.ravel(), ~done.ravel()),
    })
    went_live = done[:, GO_LIVE]
    return Onboarding(table, idx[went_live], completed[went_live, GO_LIVE])


def cs_activities_table(rng: np.random.Generator, customers: Customers, months: AccountMonths) -> pa.Table:
    """CS touches while paid; attendance (vs no-show) follows health."""
    parts = []
    for kind in range(len(ACTIVITY_TYPES)):
        rate = (ACTIVITY_MONTHLY_RATE_BY_TIER[kind][months.tier]
                * np.exp(ACTIVITY_HEALTH_ELASTICITY[kind] * months.health))
        if kind == TRAINING:
            rate = rate * np.where(months.spell_age < 3, 3.0, 1.0)
        customer, month, at = months.sample_times(rng, np.where(months.paid, rate, 0.0))
        parts.append((customer, month, at, np.full(customer.size, kind)))
    customer, month, at, kind = (np.concatenate(column) for column in zip(*parts))
    health = months.health[customer, month]
    attended = rng.random(customer.size) < np.where(kind == ESCALATION, 0.95, logistic(1.2 + 1.5 * health))
    order = np.lexsort((kind, customer, at))
    return build_table("cs_activities", {
        "activity_id": prefixed_ids("act_", np.arange(1, order.size + 1), 8),
        "customer_id": customers.ids.take(customer[order]),
        "activity_type": labels(ACTIVITY_TYPES, kind[order]),
        "occurred_at": at[order],
        "attended": attended[order],
    })


def success_outcomes_table(rng: np.random.Generator, calendar: SimCalendar, customers: Customers,
                           months: AccountMonths) -> pa.Table:
    """Goals set at fixed points of each subscription; measured (if still a customer) around the target date."""
    planning = months.paid & np.isin(months.spell_age, SUCCESS_PLAN_AGES)
    plan_share = np.array([0.4, 0.85, 0.95])[months.tier]
    goals = np.where(planning & (rng.random(planning.shape) < plan_share), 1 + (rng.random(planning.shape) < 0.5), 0)
    customer, month, defined_at = months.times_for_counts(rng, goals)
    n = customer.size
    name = rng.integers(0, len(OUTCOME_NAMES), n)
    low, high = OUTCOME_TARGET_RANGE[name, 0], OUTCOME_TARGET_RANGE[name, 1]
    target = rng.uniform(low, high)
    target = np.where(OUTCOME_IS_COUNT[name], np.round(target), np.round(target, 2))
    target_at = defined_at + uniform_times(rng, np.full(n, 90 * SECONDS_PER_DAY), 240 * SECONDS_PER_DAY)
    measured_at = target_at + uniform_times(rng, np.full(n, -14 * SECONDS_PER_DAY), 21 * SECONDS_PER_DAY)
    measured_month = calendar.month_of(measured_at)
    measurable = measured_at < calendar.end
    measured = np.zeros(n, dtype=bool)
    measured[measurable] = months.in_service[customer[measurable], measured_month[measurable]]
    measured &= rng.random(n) < 0.85
    health = np.zeros(n)
    health[measured] = months.health[customer[measured], measured_month[measured]]
    achieved = target * np.exp(rng.normal(-0.05 + 0.35 * health, 0.25))
    achieved = np.where(name == SHARE_OUTCOME, np.minimum(achieved, 1.0), achieved)
    achieved = np.where(OUTCOME_IS_COUNT[name], np.round(achieved), np.round(achieved, 2))
    order = np.lexsort((name, customer, defined_at))
    return build_table("success_outcomes", {
        "outcome_id": prefixed_ids("out_", np.arange(1, n + 1), 7),
        "customer_id": customers.ids.take(customer[order]),
        "outcome_name": labels(OUTCOME_NAMES, name[order]),
        "target_value": target[order],
        "achieved_value": (achieved[order], ~measured[order]),
        "target_date": _to_days(target_at[order]),
        "measured_at": (measured_at[order], ~measured[order]),
    })
