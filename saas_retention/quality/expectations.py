"""The expectation suites: raw contract tables (from `saas_retention.contract`) and key marts.

Raw suites check a delivery against the contract as written: every contract
column present, required columns filled, closed value sets, and the ranges the
contract states for single rows (quantity and price >= 0, discount 0-100,
interval_count >= 1, positive fx rates, a survey score within its scale,
periods that end after they start, tickets answered or resolved after they
were opened). Keys and unparseable values are whole-table counts in the
`raw_profile` suite. Cross-table rules (orphans, unknown plans, fx coverage)
and the row-by-row quarantine are dbt's (`data_quality_issues`).
"""

from __future__ import annotations

import great_expectations as gx
from great_expectations.expectations import Expectation

from saas_retention.contract import ACCEPTED_VALUES, Table

gxe = gx.expectations

# Single-row ranges stated in the contract: (table, column) -> (min, max), inclusive.
VALUE_RANGES: dict[tuple[str, str], tuple[float | None, float | None]] = {
    ("plans", "interval_count"): (1, None),
    ("subscription_items", "quantity"): (0, None),
    ("subscription_items", "unit_price_cents"): (0, None),
    ("subscription_items", "discount_percent"): (0, 100),
    ("fx_rates", "rate_to_reporting"): (0, None),
}
STRICT_MINIMUM = {("fx_rates", "rate_to_reporting")}  # a rate must be above 0, not at it

# Orderings between two columns of a row: (table) -> [(later, earlier, or_equal)].
COLUMN_ORDERS: dict[str, list[tuple[str, str, bool]]] = {
    "subscription_items": [("valid_to", "valid_from", False)],
    "survey_responses": [("score", "scale_min", True), ("scale_max", "score", True), ("scale_max", "scale_min", False)],
    "support_tickets": [("first_response_at", "created_at", True), ("resolved_at", "created_at", True)],
}

# Tables without which the data means nothing at all.
REQUIRED_NON_EMPTY = ("customers",)


def raw_table_expectations(table: Table) -> list[Expectation]:
    """The suite of one raw contract table."""
    expectations: list[Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(column_set=list(table.column_names), exact_match=False),
    ]
    if table.name in REQUIRED_NON_EMPTY:
        expectations.append(gxe.ExpectTableRowCountToBeBetween(min_value=1))
    expectations += [gxe.ExpectColumnValuesToNotBeNull(column=name) for name in table.required_columns]
    expectations += [
        gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))
        for (table_name, column), values in ACCEPTED_VALUES.items()
        if table_name == table.name
    ]
    expectations += [
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=low, max_value=high, strict_min=(table_name, column) in STRICT_MINIMUM
        )
        for (table_name, column), (low, high) in VALUE_RANGES.items()
        if table_name == table.name
    ]
    expectations += [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=later, column_B=earlier, or_equal=or_equal, ignore_row_if="either_value_is_missing"
        )
        for later, earlier, or_equal in COLUMN_ORDERS.get(table.name, [])
    ]
    return expectations


def raw_profile_expectations() -> list[Expectation]:
    """Whole-table counts of every raw table (one row per table): no duplicate key, every value parses."""
    return [
        gxe.ExpectColumnValuesToBeBetween(column="duplicate_key_rows", min_value=0, max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="unparseable_values", min_value=0, max_value=0),
    ]


MOVEMENTS = ["new", "reactivation", "expansion", "contraction", "churn", "flat"]
DATA_QUALITY_RULES = [
    "null_key", "duplicate_key", "exact_duplicate_row", "missing_customer", "orphan_customer",
    "missing_required_value", "unparseable_value", "value_not_accepted", "invalid_interval",
    "invalid_validity_interval", "negative_quantity", "negative_price", "discount_out_of_range",
    "unknown_plan", "currency_without_fx_rate", "invalid_fx_rate", "score_out_of_scale",
    "answered_or_resolved_before_created",
]


def mart_expectations() -> dict[str, list[Expectation]]:
    """Grain, ranges, accepted values and identities of the key marts, as a BI user relies on them."""
    return {
        "customer_mrr_monthly": [
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["customer_id", "month"]),
            gxe.ExpectColumnValuesToNotBeNull(column="customer_id"),
            gxe.ExpectColumnValuesToBeBetween(column="mrr", min_value=0),
            gxe.ExpectColumnValuesToBeInSet(column="movement", value_set=MOVEMENTS),
        ],
        "mrr_movements_monthly": [
            gxe.ExpectColumnValuesToBeUnique(column="month"),
            gxe.ExpectColumnValuesToBeBetween(column="mrr_bridge_gap", min_value=-0.01, max_value=0.01),
            gxe.ExpectColumnValuesToBeBetween(column="customer_bridge_gap", min_value=0, max_value=0),
            gxe.ExpectColumnValuesToBeBetween(column="logo_churn_rate", min_value=0, max_value=1),
        ],
        "revenue_retention_monthly": [
            gxe.ExpectColumnValuesToBeUnique(column="month"),
            gxe.ExpectColumnValuesToBeBetween(column="grr_12m", min_value=0, max_value=1),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="nrr_12m", column_B="grr_12m", or_equal=True, ignore_row_if="either_value_is_missing"
            ),
        ],
        "customers": [
            gxe.ExpectColumnValuesToBeUnique(column="customer_id"),
            gxe.ExpectColumnValuesToNotBeNull(column="customer_id"),
            gxe.ExpectColumnValuesToBeInSet(column="customer_status", value_set=["active", "churned", "never_paid"]),
            gxe.ExpectColumnValuesToBeBetween(column="current_mrr", min_value=0),
        ],
        "revenue_reconciliation_monthly": [
            gxe.ExpectColumnValuesToBeUnique(column="month"),
            gxe.ExpectColumnValuesToBeBetween(column="unreconciled_mrr", min_value=-0.005, max_value=0.005),
        ],
        "data_quality_issues": [
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["source_table", "record_id", "rule"]),
            gxe.ExpectColumnValuesToBeInSet(column="rule", value_set=DATA_QUALITY_RULES),
            gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=["warn", "error"]),
        ],
    }
