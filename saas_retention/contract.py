"""The raw data contract (/work/shared/spec/raw_contract.md) as Python data.

This is the single definition of the raw tables used by the generator and by
validation code: table order, column order, contract type strings (which are
also valid DuckDB types), nullability, declared primary keys and the accepted
values of enumerated columns.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = ("billing", "product", "customer_success", "surveys", "support", "finance")


@dataclass(frozen=True)
class Column:
    """One contract column; `type` is the contract type string, e.g. `decimal(5,2)`."""

    name: str
    type: str
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    """One raw table: its source system, declared primary key and ordered columns."""

    name: str
    source: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if not column.nullable)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")


def _required(name: str, type_: str) -> Column:
    return Column(name, type_, nullable=False)


def _nullable(name: str, type_: str) -> Column:
    return Column(name, type_, nullable=True)


_TABLE_LIST = (
    # billing
    Table("customers", "billing", ("customer_id",), (
        _required("customer_id", "varchar"),
        _required("customer_name", "varchar"),
        _required("created_at", "timestamp"),
        _required("country", "varchar"),
        _nullable("industry", "varchar"),
        _nullable("employee_count", "integer"),
        _nullable("acquisition_channel", "varchar"),
        _nullable("csm_owner", "varchar"),
        _nullable("billing_email", "varchar"),
    )),
    Table("plans", "billing", ("plan_id",), (
        _required("plan_id", "varchar"),
        _required("plan_name", "varchar"),
        _required("product_tier", "varchar"),
        _required("interval_unit", "varchar"),
        _required("interval_count", "integer"),
        _required("is_seat_based", "boolean"),
    )),
    Table("subscription_items", "billing", ("subscription_item_id",), (
        _required("subscription_item_id", "varchar"),
        _required("subscription_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("plan_id", "varchar"),
        _required("quantity", "integer"),
        _required("unit_price_cents", "bigint"),
        _required("discount_percent", "decimal(5,2)"),
        _required("currency", "varchar"),
        _required("valid_from", "timestamp"),
        _nullable("valid_to", "timestamp"),
    )),
    Table("subscription_cancellations", "billing", (), (
        _required("subscription_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("cancelled_at", "timestamp"),
        _required("effective_at", "timestamp"),
        _nullable("reason", "varchar"),
    )),
    Table("invoices", "billing", ("invoice_id",), (
        _required("invoice_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("issued_at", "timestamp"),
        _required("currency", "varchar"),
        _required("status", "varchar"),
        _required("subtotal_cents", "bigint"),
        _required("tax_cents", "bigint"),
        _required("one_time_cents", "bigint"),
    )),
    Table("payments", "billing", ("payment_id",), (
        _required("payment_id", "varchar"),
        _required("invoice_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("attempted_at", "timestamp"),
        _required("amount_cents", "bigint"),
        _required("currency", "varchar"),
        _required("outcome", "varchar"),
        _nullable("failure_code", "varchar"),
    )),
    Table("fx_rates", "billing", (), (
        _required("currency", "varchar"),
        _required("rate_month", "date"),
        _required("rate_to_reporting", "decimal(18,8)"),
    )),
    # product
    Table("users", "product", ("user_id",), (
        _required("user_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("created_at", "timestamp"),
        _nullable("deactivated_at", "timestamp"),
        _required("role", "varchar"),
        _nullable("email", "varchar"),
    )),
    Table("usage_events", "product", ("event_id",), (
        _required("event_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("user_id", "varchar"),
        _required("feature", "varchar"),
        _required("occurred_at", "timestamp"),
        _required("loaded_at", "timestamp"),
    )),
    # customer_success
    Table("onboarding_milestones", "customer_success", (), (
        _required("customer_id", "varchar"),
        _required("milestone", "varchar"),
        _required("target_date", "date"),
        _nullable("completed_at", "timestamp"),
    )),
    Table("cs_activities", "customer_success", ("activity_id",), (
        _required("activity_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("activity_type", "varchar"),
        _required("occurred_at", "timestamp"),
        _required("attended", "boolean"),
    )),
    Table("success_outcomes", "customer_success", (), (
        _required("outcome_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("outcome_name", "varchar"),
        _required("target_value", "double"),
        _nullable("achieved_value", "double"),
        _required("target_date", "date"),
        _nullable("measured_at", "timestamp"),
    )),
    # surveys
    Table("survey_invitations", "surveys", ("invitation_id",), (
        _required("invitation_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("survey_type", "varchar"),
        _required("channel", "varchar"),
        _required("sent_at", "timestamp"),
    )),
    Table("survey_responses", "surveys", ("response_id",), (
        _required("response_id", "varchar"),
        _nullable("invitation_id", "varchar"),
        _required("customer_id", "varchar"),
        _nullable("respondent_email", "varchar"),
        _required("survey_type", "varchar"),
        _required("score", "integer"),
        _required("scale_min", "integer"),
        _required("scale_max", "integer"),
        _required("channel", "varchar"),
        _required("responded_at", "timestamp"),
        _nullable("comment", "varchar"),
    )),
    # support
    Table("support_tickets", "support", ("ticket_id",), (
        _required("ticket_id", "varchar"),
        _required("customer_id", "varchar"),
        _required("created_at", "timestamp"),
        _nullable("first_response_at", "timestamp"),
        _nullable("resolved_at", "timestamp"),
        _required("agent_replies", "integer"),
        _required("priority", "varchar"),
        _required("category", "varchar"),
    )),
    # finance
    Table("marketing_spend", "finance", (), (
        _required("spend_month", "date"),
        _required("acquisition_channel", "varchar"),
        _required("spend_cents", "bigint"),
        _required("currency", "varchar"),
    )),
    Table("cs_costs", "finance", (), (
        _required("cost_month", "date"),
        _required("cost_type", "varchar"),
        _required("amount_cents", "bigint"),
        _required("currency", "varchar"),
    )),
)

TABLES: dict[str, Table] = {table.name: table for table in _TABLE_LIST}
"""All raw tables, in contract order."""

CANCELLATION_REASONS = (
    "price", "missing_features", "switched_competitor", "no_longer_needed", "payment_failed", "other",
)
SURVEY_TYPES = ("nps", "csat", "ces")
SURVEY_CHANNELS = ("email", "sms", "in_app")

ACCEPTED_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("plans", "interval_unit"): ("month", "year"),
    ("subscription_cancellations", "reason"): CANCELLATION_REASONS,
    ("invoices", "status"): ("paid", "open", "void", "uncollectible"),
    ("payments", "outcome"): ("succeeded", "failed", "refunded"),
    ("users", "role"): ("admin", "member", "viewer"),
    ("onboarding_milestones", "milestone"): (
        "kickoff", "sso_configured", "integration_connected", "data_imported", "go_live",
    ),
    ("cs_activities", "activity_type"): ("check_in", "qbr", "training", "exec_sponsor_meeting", "escalation"),
    ("survey_invitations", "survey_type"): SURVEY_TYPES,
    ("survey_invitations", "channel"): SURVEY_CHANNELS,
    ("survey_responses", "survey_type"): SURVEY_TYPES,
    ("survey_responses", "channel"): SURVEY_CHANNELS,
    ("support_tickets", "priority"): ("low", "normal", "high", "urgent"),
    ("support_tickets", "category"): ("bug", "how_to", "billing", "feature_request", "outage"),
    ("cs_costs", "cost_type"): ("salaries", "tools", "programs"),
}
"""Closed value sets stated by the contract, keyed by (table, column). Nulls are not listed."""
