"""The `plans`, `subscription_items` and `subscription_cancellations` tables."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from saas_retention.contract import CANCELLATION_REASONS
from saas_retention.generate import catalog
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.item_ledger import ItemRows
from saas_retention.generate.lifecycle import Cancellations
from saas_retention.generate.sim_calendar import NO_TIME


def subscription_ids(numbers: np.ndarray) -> pa.StringArray:
    return prefixed_ids("sub_", numbers, 7)


def plans_table() -> pa.Table:
    rows = catalog.PLAN_ROWS
    return build_table("plans", {
        "plan_id": pa.array(catalog.PLAN_IDS),
        "plan_name": pa.array([row[1] for row in rows]),
        "product_tier": pa.array([row[2] for row in rows]),
        "interval_unit": labels(catalog.INTERVAL_UNITS, catalog.PLAN_INTERVAL),
        "interval_count": catalog.INTERVAL_COUNTS[catalog.PLAN_INTERVAL],
        "is_seat_based": catalog.PLAN_IS_SEAT_BASED,
    })


def subscription_items_table(items: ItemRows, customers: Customers) -> pa.Table:
    order = np.lexsort((items.plan, items.customer, items.valid_from))
    customer = items.customer[order]
    valid_to = items.valid_to[order]
    return build_table("subscription_items", {
        "subscription_item_id": prefixed_ids("si_", np.arange(1, order.size + 1), 8),
        "subscription_id": subscription_ids(items.subscription[order]),
        "customer_id": customers.ids.take(customer),
        "plan_id": labels(catalog.PLAN_IDS, items.plan[order]),
        "quantity": items.quantity[order],
        "unit_price_cents": items.unit_price[order],
        "discount_percent": items.discount[order],
        "currency": labels(catalog.CURRENCIES, customers.currency[customer]),
        "valid_from": items.valid_from[order],
        "valid_to": (valid_to, valid_to == NO_TIME),
    })


def cancellations_table(cancellations: Cancellations, customers: Customers) -> pa.Table:
    order = np.lexsort((cancellations.customer, cancellations.effective_at))
    return build_table("subscription_cancellations", {
        "subscription_id": subscription_ids(cancellations.subscription[order]),
        "customer_id": customers.ids.take(cancellations.customer[order]),
        "cancelled_at": cancellations.cancelled_at[order],
        "effective_at": cancellations.effective_at[order],
        "reason": labels(CANCELLATION_REASONS, cancellations.reason[order]),
    })
