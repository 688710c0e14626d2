"""Month-by-month simulation of every customer's commercial life.

One vectorised pass per month: arrivals (trial or direct purchase), trial
conversion or loss, reactivations, renewals (voluntary churn at the end of a
paid period, discounts that end, renewal invoices, failed payments that end in
involuntary churn), scheduled ends, and mid-month expansions and contractions
(seats, tier, add-on). Churn, conversion, reactivation, expansion and
contraction all depend on the previous month's hidden health, so the
behaviour generated from health in earlier months precedes the outcome.

Outputs: the subscription-item history, cancellations, the billing events that
become invoices, and `AccountMonths`, the per customer x month view of service
that the product, success, survey, support and finance generators read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saas_retention.contract import CANCELLATION_REASONS
from saas_retention.generate import catalog
from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.customers import Customers
from saas_retention.generate.health import logistic
from saas_retention.generate.item_ledger import ADDON_SLOT, BASE_SLOT, ItemLedger, ItemRows
from saas_retention.generate.sampling import categorical, uniform_times, weighted_choice
from saas_retention.generate.sim_calendar import NO_TIME, OPEN_END, SECONDS_PER_DAY, SECONDS_PER_HOUR, SimCalendar

PROSPECT, TRIAL, ACTIVE, CHURNED, LOST = range(5)
TRIAL_DAYS = 14
REASON_PAYMENT_FAILED = CANCELLATION_REASONS.index("payment_failed")
VOLUNTARY_REASON_WEIGHTS = np.array([0.25, 0.20, 0.20, 0.20, 0.0, 0.10, 0.05])
"""Weights over the contract's CANCELLATION_REASONS (none for payment_failed), then a null reason."""
PAYMENT_OK, PAYMENT_RECOVERED, PAYMENT_FINAL_FAILURE = range(3)
INTRODUCTORY_DISCOUNT = (0.25, (2000, 1000, 1500), (3, 3, 12))
WINBACK_DISCOUNT = (0.35, (3000, 1500, 1500), (2, 3, 12))
"""(share of subscriptions, percent in hundredths and length in months per billing interval)."""


@dataclass(frozen=True)
class Cancellations:
    """One row per ended subscription; subscription is the subscription number."""

    subscription: np.ndarray
    customer: np.ndarray
    cancelled_at: np.ndarray
    effective_at: np.ndarray
    reason: np.ndarray
    """Index into contract CANCELLATION_REASONS, -1 for null."""


@dataclass(frozen=True)
class BillingEvents:
    """One invoice to issue per row: amounts in the customer's currency."""

    customer: np.ndarray
    issued_at: np.ndarray
    recurring_cents: np.ndarray
    one_time_cents: np.ndarray
    payment: np.ndarray
    """PAYMENT_OK, PAYMENT_RECOVERED (fails, a retry succeeds) or PAYMENT_FINAL_FAILURE."""
    dunning_end: np.ndarray
    """When the final failure cancels the subscription (NO_TIME otherwise)."""


@dataclass(frozen=True)
class Lifecycle:
    """Everything the monthly pass produced."""

    months: AccountMonths
    items: ItemRows
    cancellations: Cancellations
    billing: BillingEvents
    first_paid_start: np.ndarray
    """Start of each customer's first paid subscription (NO_TIME if never paid)."""


def _concat(parts: list[tuple[np.ndarray, ...]], columns: int) -> list[np.ndarray]:
    if not parts:
        return [np.zeros(0, dtype=np.int64) for _ in range(columns)]
    return [np.concatenate([part[i] for part in parts]) for i in range(columns)]


class _Simulation:
    """Mutable state of the monthly pass; `run` returns the immutable `Lifecycle`."""

    def __init__(self, rng: np.random.Generator, calendar: SimCalendar, customers: Customers, health: np.ndarray):
        n, months = customers.count, calendar.months
        self.rng, self.calendar, self.customers = rng, calendar, customers
        self.health = health.copy()
        self.status = np.full(n, PROSPECT, dtype=np.int8)
        self.tier = customers.tier.copy()
        self.interval = customers.interval.copy()
        self.subscription = np.zeros(n, dtype=np.int64)
        self.next_subscription = 1
        self.anchor_offset = np.zeros(n, dtype=np.int64)
        self.spell_month = np.full(n, -1, dtype=np.int64)
        self.discount_end_age = np.full(n, -1, dtype=np.int64)
        self.pending_start = np.full(n, OPEN_END, dtype=np.int64)
        self.trial_end = np.full(n, OPEN_END, dtype=np.int64)
        self.service_start = np.full(n, OPEN_END, dtype=np.int64)
        self.service_end = np.full(n, OPEN_END, dtype=np.int64)
        self.scheduled_end = np.full(n, OPEN_END, dtype=np.int64)
        self.scheduled_reason = np.full(n, -1, dtype=np.int64)
        self.churn_month = np.full(n, -1, dtype=np.int64)
        self.first_paid_start = np.full(n, NO_TIME, dtype=np.int64)
        self.ledger = ItemLedger(n)
        self.cancellation_parts: list[tuple[np.ndarray, ...]] = []
        self.billing_parts: list[tuple[np.ndarray, ...]] = []
        shape = (n, months)
        self.in_service = np.zeros(shape, dtype=bool)
        self.window_start = np.zeros(shape, dtype=np.int64)
        self.window_end = np.zeros(shape, dtype=np.int64)
        self.paid = np.zeros(shape, dtype=bool)
        self.tier_by_month = np.zeros(shape, dtype=np.int8)
        self.seats = np.zeros(shape, dtype=np.int32)
        self.spell_age = np.full(shape, -1, dtype=np.int16)

    # ---- the monthly pass -------------------------------------------------------------------
    def run(self) -> Lifecycle:
        for month in range(self.calendar.months):
            self._simulate_month(month)
        cancellations = _concat(self.cancellation_parts, 5)
        billing = _concat(self.billing_parts, 6)
        return Lifecycle(
            months=AccountMonths(self.health, self.in_service, self.window_start, self.window_end, self.paid,
                                 self.tier_by_month, self.seats, self.spell_age),
            items=self.ledger.rows(),
            cancellations=Cancellations(*cancellations),
            billing=BillingEvents(*billing),
            first_paid_start=self.first_paid_start,
        )

    def _simulate_month(self, month: int) -> None:
        start, end = self.calendar.month_starts[month], self.calendar.month_starts[month + 1]
        health_now = self.health[:, month]
        health_before = self.health[:, max(month - 1, 0)]
        self._arrive(month)
        self._end_trials(end, health_now)
        self._start_direct_purchases(end)
        self._reactivate(month, start, end, health_now)
        # Mid-month changes before the renewal anchor are billed by the renewal invoice; later ones
        # apply only to subscriptions that survived the renewal.
        idx, ts, expands = self._draw_mid_month_changes(month, start, end, health_before)
        anchor = start + self.anchor_offset[idx]
        before = ts < anchor - SECONDS_PER_HOUR
        self._apply_changes(idx[before], ts[before], expands[before])
        self._renew(month, start, health_before)
        self._end_scheduled(month, end)
        after = (ts > anchor + SECONDS_PER_HOUR) & (self.status[idx] == ACTIVE) & (self.scheduled_end[idx] == OPEN_END)
        self._apply_changes(idx[after], ts[after], expands[after])
        self._record(month, start, end)

    # ---- steps ------------------------------------------------------------------------------
    def _arrive(self, month: int) -> None:
        idx = np.flatnonzero(self.customers.arrival_month == month)
        created = self.customers.created_at[idx]
        trial = self.customers.starts_with_trial[idx]
        trial_idx = idx[trial]
        self.status[trial_idx] = TRIAL
        self.trial_end[trial_idx] = created[trial] + TRIAL_DAYS * SECONDS_PER_DAY
        self.service_start[trial_idx] = created[trial]
        self._new_subscriptions(trial_idx)
        self.ledger.open(BASE_SLOT, trial_idx, created[trial], subscription=self.subscription[trial_idx],
                         plan=catalog.trial_plan(self.tier[trial_idx]), quantity=1, unit_price=0, discount=0)
        direct_idx = idx[~trial]
        sales_cycle = uniform_times(self.rng, np.full(direct_idx.size, SECONDS_PER_HOUR), 10 * SECONDS_PER_DAY)
        self.pending_start[direct_idx] = created[~trial] + sales_cycle

    def _end_trials(self, end: int, health_now: np.ndarray) -> None:
        idx = np.flatnonzero((self.status == TRIAL) & (self.trial_end < end))
        converts = self.rng.random(idx.size) < logistic(0.3 + 1.2 * health_now[idx])
        self._start_paid(idx[converts], self.trial_end[idx[converts]], from_trial=True, winback=False)
        lost = idx[~converts]
        self.ledger.close(BASE_SLOT, lost, self.trial_end[lost])
        self.status[lost] = LOST
        self.service_end[lost] = self.trial_end[lost]

    def _start_direct_purchases(self, end: int) -> None:
        idx = np.flatnonzero((self.status == PROSPECT) & (self.pending_start < end))
        self.service_start[idx] = self.pending_start[idx]
        self._new_subscriptions(idx)
        self._start_paid(idx, self.pending_start[idx], from_trial=False, winback=False)

    def _reactivate(self, month: int, start: int, end: int, health_now: np.ndarray) -> None:
        candidates = np.flatnonzero((self.status == CHURNED) & (month - self.churn_month >= 2))
        idx = candidates[self.rng.random(candidates.size) < 0.03 * logistic(1.5 * health_now[candidates] - 0.5)]
        ts = uniform_times(self.rng, np.full(idx.size, start), end - 6 * SECONDS_PER_HOUR)
        downgrade = (self.rng.random(idx.size) < 0.25) & (self.tier[idx] > catalog.STARTER)
        self.tier[idx] -= downgrade
        self.interval[idx] = np.where(self.rng.random(idx.size) < 0.7, catalog.MONTHLY, self.interval[idx])
        self.health[idx, month:] += 0.6
        self.service_start[idx] = ts
        self.service_end[idx] = OPEN_END
        self._new_subscriptions(idx)
        self._start_paid(idx, ts, from_trial=False, winback=True)

    def _renew(self, month: int, start: int, health_before: np.ndarray) -> None:
        idx = np.flatnonzero((self.status == ACTIVE) & (self.spell_month < month) & (self.scheduled_end == OPEN_END))
        age = month - self.spell_month[idx]
        anchor = start + self.anchor_offset[idx]
        interval_months = catalog.INTERVAL_MONTHS[self.interval[idx]]
        renewing = age % interval_months == 0
        # Voluntary churn happens only at the end of a paid period; the request comes earlier.
        monthly_hazard = logistic(-4.5 - 2.4 * health_before[idx] + 0.3 * (age <= 3))
        commitment = np.where(interval_months == 1, 1.0, 0.8)
        period_hazard = 1.0 - (1.0 - monthly_hazard) ** (interval_months * commitment)
        churns = renewing & (self.rng.random(idx.size) < period_hazard)
        notice_days = np.array([20, 45, 60])[self.interval[idx[churns]]]
        notice = uniform_times(self.rng, np.full(notice_days.size, SECONDS_PER_DAY), notice_days * SECONDS_PER_DAY)
        reasons = weighted_choice(self.rng, VOLUNTARY_REASON_WEIGHTS, int(churns.sum()))
        reasons[reasons == VOLUNTARY_REASON_WEIGHTS.size - 1] = -1
        self._cancel(idx[churns], anchor[churns] - notice, anchor[churns], reasons, month)
        staying, anchor, age, renewing = idx[~churns], anchor[~churns], age[~churns], renewing[~churns]
        discount_ends = age == self.discount_end_age[staying]
        self.ledger.change(BASE_SLOT, staying[discount_ends], anchor[discount_ends], discount=0)
        renew_idx, renew_at = staying[renewing], anchor[renewing]
        payment = self._payment_outcome(health_before[renew_idx], allow_final_failure=True)
        final = payment == PAYMENT_FINAL_FAILURE
        dunning_end = np.where(final, renew_at + uniform_times(self.rng, np.full(renew_idx.size, 10 * SECONDS_PER_DAY),
                                                               18 * SECONDS_PER_DAY), NO_TIME)
        self.scheduled_end[renew_idx[final]] = dunning_end[final]
        self.scheduled_reason[renew_idx[final]] = REASON_PAYMENT_FAILED
        self._bill(renew_idx, renew_at, np.zeros(renew_idx.size, dtype=np.int64), payment, dunning_end)

    def _end_scheduled(self, month: int, end: int) -> None:
        idx = np.flatnonzero((self.status == ACTIVE) & (self.scheduled_end < end))
        at = self.scheduled_end[idx]
        self._cancel(idx, at, at, self.scheduled_reason[idx], month)
        self.scheduled_end[idx] = OPEN_END

    def _draw_mid_month_changes(self, month: int, start: int, end: int,
                                health_before: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Who expands or contracts this month, when, and which (True = expansion)."""
        idx = np.flatnonzero((self.status == ACTIVE) & (self.spell_month < month) & (self.scheduled_end == OPEN_END))
        earliest = np.maximum(self.ledger.latest_change(idx) + SECONDS_PER_HOUR, start)
        latest = end - SECONDS_PER_HOUR
        draw = self.rng.random(idx.size)
        p_contract = logistic(-4.0 - 1.0 * health_before[idx])
        p_expand = logistic(-3.9 + 1.0 * health_before[idx])
        changes = (earliest < latest) & (draw < p_contract + p_expand)
        ts = uniform_times(self.rng, earliest, latest)
        return idx[changes], ts[changes], draw[changes] >= p_contract[changes]

    def _apply_changes(self, idx: np.ndarray, ts: np.ndarray, expands: np.ndarray) -> None:
        self._expand(idx[expands], ts[expands])
        self._contract(idx[~expands], ts[~expands])

    def _record(self, month: int, start: int, end: int) -> None:
        in_service = (self.service_start < end) & (self.service_end > start)
        self.in_service[:, month] = in_service
        self.window_start[:, month] = np.where(in_service, np.maximum(self.service_start, start), 0)
        self.window_end[:, month] = np.where(in_service, np.minimum(self.service_end, end), 0)
        paid = in_service & (self.spell_month >= 0) & (self.spell_month <= month)
        self.paid[:, month] = paid
        self.tier_by_month[:, month] = self.tier
        base_plan = self.ledger.plan[:, BASE_SLOT]
        seat_based = catalog.PLAN_IS_SEAT_BASED[base_plan] & paid
        self.seats[:, month] = np.where(seat_based, self.ledger.quantity[:, BASE_SLOT], 0)
        self.spell_age[:, month] = np.where(paid, month - self.spell_month, -1)

    # ---- shared actions ---------------------------------------------------------------------
    def _new_subscriptions(self, idx: np.ndarray) -> None:
        self.subscription[idx] = self.next_subscription + np.arange(idx.size)
        self.next_subscription += idx.size

    def _seats(self, idx: np.ndarray, tier: np.ndarray, share: np.ndarray) -> np.ndarray:
        """Quantity for a base plan: seats for seat-based tiers, 1 for flat plans."""
        minimum = np.array([1, 3, 15])[tier]
        seats = np.maximum(np.round(self.customers.team_size[idx] * share), minimum).astype(np.int64)
        return np.where(catalog.TIER_IS_SEAT_BASED[tier], seats, 1)

    def _start_paid(self, idx: np.ndarray, ts: np.ndarray, from_trial: bool, winback: bool) -> None:
        """Open the paid items of a subscription (a trial's own, or a new one) and bill the first period."""
        month = self.calendar.month_of(ts)
        into_month = ts - self.calendar.month_starts[month]
        day, time_of_day = into_month // SECONDS_PER_DAY, into_month % SECONDS_PER_DAY
        self.anchor_offset[idx] = np.minimum(day, 27) * SECONDS_PER_DAY + time_of_day
        self.spell_month[idx] = month
        self.status[idx] = ACTIVE
        first_spell = self.first_paid_start[idx] == NO_TIME
        self.first_paid_start[idx] = np.where(first_spell, ts, self.first_paid_start[idx])

        tier, interval, currency = self.tier[idx], self.interval[idx], self.customers.currency[idx]
        plan = catalog.base_plan(tier, interval)
        share = self.rng.uniform(0.5, 0.9, idx.size) if winback else self.rng.uniform(0.8, 1.0, idx.size)
        discount, discount_months = self._initial_discount(interval, winback)
        self.discount_end_age[idx] = np.where(discount > 0, discount_months, -1)
        state = dict(plan=plan, quantity=self._seats(idx, tier, share),
                     unit_price=catalog.UNIT_PRICE_CENTS[plan, currency], discount=discount)
        if from_trial:
            self.ledger.change(BASE_SLOT, idx, ts, **state)
        else:
            self.ledger.open(BASE_SLOT, idx, ts, subscription=self.subscription[idx], **state)
        with_addon = self.rng.random(idx.size) < np.array([0.05, 0.15, 0.25])[tier]
        self._open_addon(idx[with_addon], ts[with_addon])

        setup = first_spell & (self.rng.random(idx.size) < np.array([0.0, 0.1, 0.6])[tier])
        setup_fee = np.round(catalog.SETUP_FEE_USD_CENTS[tier] * catalog.CURRENCY_PRICE_FACTOR[currency])
        one_time = np.where(setup, setup_fee, 0)
        payment = self._payment_outcome(self.health[idx, month], allow_final_failure=False)
        self._bill(idx, ts, one_time.astype(np.int64), payment, np.full(idx.size, NO_TIME))

    def _initial_discount(self, interval: np.ndarray, winback: bool) -> tuple[np.ndarray, np.ndarray]:
        """Introductory (or win-back) discount in hundredths of a percent and its length in months."""
        share, percent, months = (WINBACK_DISCOUNT if winback else INTRODUCTORY_DISCOUNT)
        has = self.rng.random(interval.size) < share
        return np.where(has, np.array(percent)[interval], 0), np.array(months)[interval]

    def _open_addon(self, idx: np.ndarray, ts: np.ndarray) -> None:
        plan = catalog.addon_plan(self.interval[idx])
        self.ledger.open(ADDON_SLOT, idx, ts, subscription=self.subscription[idx], plan=plan, quantity=1,
                         unit_price=catalog.UNIT_PRICE_CENTS[plan, self.customers.currency[idx]], discount=0)

    def _change_tier(self, idx: np.ndarray, ts: np.ndarray, step: int) -> None:
        old, new = self.tier[idx], self.tier[idx] + step
        quantity = self.ledger.quantity[idx, BASE_SLOT]
        becomes_seat_based = catalog.TIER_IS_SEAT_BASED[new] & ~catalog.TIER_IS_SEAT_BASED[old]
        quantity = np.where(becomes_seat_based, np.clip(self.customers.team_size[idx], 3, 80), quantity)
        quantity = np.where(new == catalog.ENTERPRISE, np.maximum(quantity, 15), quantity)
        quantity = np.where(catalog.TIER_IS_SEAT_BASED[new], quantity, 1)
        plan = catalog.base_plan(new, self.interval[idx])
        self.tier[idx] = new
        self.ledger.change(BASE_SLOT, idx, ts, plan=plan, quantity=quantity,
                           unit_price=catalog.UNIT_PRICE_CENTS[plan, self.customers.currency[idx]])

    def _change_seats(self, idx: np.ndarray, ts: np.ndarray, low: float, high: float, sign: int) -> None:
        quantity = self.ledger.quantity[idx, BASE_SLOT]
        step = np.maximum(1, np.round(quantity * self.rng.uniform(low, high, idx.size))).astype(np.int64)
        self.ledger.change(BASE_SLOT, idx, ts, quantity=np.maximum(1, quantity + sign * step))

    def _expand(self, idx: np.ndarray, ts: np.ndarray) -> None:
        seat_based = catalog.PLAN_IS_SEAT_BASED[self.ledger.plan[idx, BASE_SLOT]]
        options = np.column_stack([
            0.60 * seat_based,
            0.25 * (self.tier[idx] < catalog.ENTERPRISE),
            0.15 * ~self.ledger.is_open[idx, ADDON_SLOT],
        ])
        kind = categorical(self.rng, options)
        self._change_seats(idx[kind == 0], ts[kind == 0], 0.1, 0.5, +1)
        self._change_tier(idx[kind == 1], ts[kind == 1], +1)
        self._open_addon(idx[kind == 2], ts[kind == 2])

    def _contract(self, idx: np.ndarray, ts: np.ndarray) -> None:
        seat_based = catalog.PLAN_IS_SEAT_BASED[self.ledger.plan[idx, BASE_SLOT]]
        options = np.column_stack([
            0.60 * (seat_based & (self.ledger.quantity[idx, BASE_SLOT] >= 2)),
            0.20 * (self.tier[idx] > catalog.STARTER),
            0.20 * self.ledger.is_open[idx, ADDON_SLOT],
        ])
        kind = categorical(self.rng, options)
        self._change_seats(idx[kind == 0], ts[kind == 0], 0.1, 0.35, -1)
        self._change_tier(idx[kind == 1], ts[kind == 1], -1)
        self.ledger.close(ADDON_SLOT, idx[kind == 2], ts[kind == 2])

    def _payment_outcome(self, health: np.ndarray, allow_final_failure: bool) -> np.ndarray:
        fails = self.rng.random(health.size) < 0.025 * np.exp(-0.6 * health)
        final = fails & allow_final_failure & (self.rng.random(health.size) < 0.35)
        return np.where(final, PAYMENT_FINAL_FAILURE, np.where(fails, PAYMENT_RECOVERED, PAYMENT_OK))

    def _bill(self, idx: np.ndarray, ts: np.ndarray, one_time: np.ndarray, payment: np.ndarray,
              dunning_end: np.ndarray) -> None:
        recurring = self.ledger.recurring_cents(idx)
        self.billing_parts.append((idx, ts, recurring, one_time, payment, dunning_end))

    def _cancel(self, idx: np.ndarray, cancelled_at: np.ndarray, effective_at: np.ndarray, reason: np.ndarray,
                month: int) -> None:
        """End subscriptions: items mostly get valid_to = effective_at; a few are left open or end later
        (the cancellation's effective_at still ends service)."""
        for slot in (BASE_SLOT, ADDON_SLOT):
            draw = self.rng.random(idx.size)
            later = effective_at + uniform_times(self.rng, np.full(idx.size, SECONDS_PER_DAY), 30 * SECONDS_PER_DAY)
            valid_to = np.where(draw < 0.92, effective_at,
                                np.where((draw < 0.95) & (later < self.calendar.end), later, NO_TIME))
            self.ledger.close(slot, idx, valid_to)
        self.cancellation_parts.append((self.subscription[idx], idx, cancelled_at, effective_at, reason))
        self.status[idx] = CHURNED
        self.churn_month[idx] = month
        self.service_end[idx] = effective_at


def simulate_lifecycle(rng: np.random.Generator, calendar: SimCalendar, customers: Customers,
                       health: np.ndarray) -> Lifecycle:
    return _Simulation(rng, calendar, customers, health).run()
