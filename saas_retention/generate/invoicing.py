"""The `invoices` and `payments` tables from the lifecycle's billing events.

Every invoice is charged by card or bank transfer. Payment failures are either
recovered by a retry a few days later or, at a renewal, end in involuntary
churn (three failed attempts, invoice uncollectible). A few invoices are
voided and reissued, a few paid ones are refunded (negative amount). Nothing
is dated at or after the end of the simulation: invoices still unpaid then
stay `open`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from saas_retention.generate import catalog
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.lifecycle import PAYMENT_FINAL_FAILURE, PAYMENT_RECOVERED, BillingEvents
from saas_retention.generate.sampling import uniform_times, weighted_choice
from saas_retention.generate.sim_calendar import NO_TIME, SECONDS_PER_DAY, SECONDS_PER_HOUR, SimCalendar

INVOICE_STATUSES = ("paid", "open", "void", "uncollectible")
PAID, OPEN, VOID, UNCOLLECTIBLE = range(4)
OUTCOMES = ("succeeded", "failed", "refunded")
SUCCEEDED, FAILED, REFUNDED = range(3)
FAILURE_CODES = ("card_declined", "insufficient_funds", "expired_card")
FAILURE_CODE_WEIGHTS = np.array([0.5, 0.3, 0.2])
VOID_SHARE = 0.01
REFUND_SHARE = 0.008
DUNNING_RETRY_DAYS = (0, 3, 7)


def _days(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    return uniform_times(rng, np.full(size, int(low * SECONDS_PER_DAY)), int(high * SECONDS_PER_DAY))


class _PaymentLog:
    """Attempts collected per kind, kept only when they happened before the end of the simulation."""

    def __init__(self, end: int) -> None:
        self.end = end
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, invoice: np.ndarray, attempted_at: np.ndarray, amount: np.ndarray, outcome: int,
            failure_code: np.ndarray) -> np.ndarray:
        happened = attempted_at < self.end
        self.parts.append((invoice[happened], attempted_at[happened], amount[happened],
                           np.full(int(happened.sum()), outcome), failure_code[happened]))
        return happened

    def columns(self) -> list[np.ndarray]:
        return [np.concatenate([part[i] for part in self.parts]) for i in range(5)]


def invoices_and_payments(rng: np.random.Generator, calendar: SimCalendar, customers: Customers,
                          billing: BillingEvents) -> tuple[pa.Table, pa.Table]:
    n = billing.customer.size
    voided = (billing.payment != PAYMENT_FINAL_FAILURE) & (rng.random(n) < VOID_SHARE)
    reissue_delay = np.where(voided, uniform_times(rng, np.full(n, SECONDS_PER_HOUR), SECONDS_PER_DAY), 0)
    issued_at = billing.issued_at + reissue_delay
    kept = issued_at < calendar.end
    # Invoice rows: the voided originals, then every (re)issued invoice.
    void_rows = np.flatnonzero(voided)
    live_rows = np.flatnonzero(kept)
    source = np.concatenate([void_rows, live_rows])
    customer = billing.customer[source]
    issued = np.concatenate([billing.issued_at[void_rows], issued_at[live_rows]])
    subtotal = billing.recurring_cents[source] + billing.one_time_cents[source]
    tax = np.round(subtotal * catalog.COUNTRY_TAX_RATE[customers.country[customer]]).astype(np.int64)
    total = subtotal + tax
    order = np.lexsort((customer, issued))
    rank = np.empty(source.size, dtype=np.int64)
    rank[order] = np.arange(source.size)

    status = np.full(source.size, OPEN)
    status[: void_rows.size] = VOID
    live = np.arange(void_rows.size, source.size)
    plan = billing.payment[source[live]]
    log = _PaymentLog(calendar.end)
    first_try = issued[live] + uniform_times(rng, np.full(live.size, 60), 2 * SECONDS_PER_HOUR)
    no_code = np.full(live.size, -1)
    failure = weighted_choice(rng, FAILURE_CODE_WEIGHTS, live.size)

    ok = plan < PAYMENT_RECOVERED
    by_transfer = rng.random(live.size) < 0.2
    paid_at = np.where(by_transfer, issued[live] + _days(rng, 1, 20, live.size), first_try)
    recovered = plan == PAYMENT_RECOVERED
    log.add(live[recovered], first_try[recovered], total[live[recovered]], FAILED, failure[recovered])
    paid_at = np.where(recovered, issued[live] + _days(rng, 2, 7, live.size), paid_at)
    pays = ok | recovered
    succeeded = log.add(live[pays], paid_at[pays], total[live[pays]], SUCCEEDED, no_code[pays])
    status[live[pays][succeeded]] = PAID

    final = plan == PAYMENT_FINAL_FAILURE
    for retry_days in DUNNING_RETRY_DAYS:
        retry_at = first_try[final] + retry_days * SECONDS_PER_DAY
        log.add(live[final], retry_at, total[live[final]], FAILED, failure[final])
    written_off = billing.dunning_end[source[live]] != NO_TIME
    written_off &= billing.dunning_end[source[live]] < calendar.end
    status[live[final & written_off]] = UNCOLLECTIBLE

    paid_rows = live[pays][succeeded]
    refunded = rng.random(paid_rows.size) < REFUND_SHARE
    refund_rows = paid_rows[refunded]
    refund_at = paid_at[pays][succeeded][refunded] + _days(rng, 1, 30, refund_rows.size)
    partial = rng.random(refund_rows.size) < 0.4
    refund_amount = -np.where(partial, total[refund_rows] // 2, total[refund_rows])
    log.add(refund_rows, refund_at, refund_amount, REFUNDED, np.full(refund_rows.size, -1))

    invoice_ids = prefixed_ids("in_", rank + 1, 8)
    invoices = build_table("invoices", {
        "invoice_id": invoice_ids.take(order),
        "customer_id": customers.ids.take(customer[order]),
        "issued_at": issued[order],
        "currency": labels(catalog.CURRENCIES, customers.currency[customer[order]]),
        "status": labels(INVOICE_STATUSES, status[order]),
        "subtotal_cents": subtotal[order],
        "tax_cents": tax[order],
        "one_time_cents": billing.one_time_cents[source[order]],
    })
    invoice, attempted_at, amount, outcome, failure_code = log.columns()
    pay_order = np.lexsort((rank[invoice], attempted_at))
    invoice, payer = invoice[pay_order], customer[invoice[pay_order]]
    payments = build_table("payments", {
        "payment_id": prefixed_ids("pay_", np.arange(1, pay_order.size + 1), 8),
        "invoice_id": invoice_ids.take(invoice),
        "customer_id": customers.ids.take(payer),
        "attempted_at": attempted_at[pay_order],
        "amount_cents": amount[pay_order],
        "currency": labels(catalog.CURRENCIES, customers.currency[payer]),
        "outcome": labels(OUTCOMES, outcome[pay_order]),
        "failure_code": labels(FAILURE_CODES, failure_code[pay_order]),
    })
    return invoices, payments
