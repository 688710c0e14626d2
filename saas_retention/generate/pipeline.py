"""Runs the whole simulation and writes every contract table."""

from __future__ import annotations

from pathlib import Path

from saas_retention.contract import TABLES
from saas_retention.generate.billing_tables import cancellations_table, plans_table, subscription_items_table
from saas_retention.generate.config import SimulationConfig
from saas_retention.generate.customers import customers_table, simulate_customers
from saas_retention.generate.finance import cs_costs_table, marketing_spend_table
from saas_retention.generate.fx import fx_rates_table
from saas_retention.generate.health import simulate_health
from saas_retention.generate.invoicing import invoices_and_payments
from saas_retention.generate.lifecycle import simulate_lifecycle
from saas_retention.generate.random_streams import rng_for
from saas_retention.generate.sim_calendar import SimCalendar
from saas_retention.generate.success import cs_activities_table, onboarding, success_outcomes_table
from saas_retention.generate.support import support_tickets
from saas_retention.generate.surveys import surveys
from saas_retention.generate.usage import usage_event_chunks
from saas_retention.generate.users import build_user_directory, users_table
from saas_retention.generate.writer import TableWriter, write_table


def generate(config: SimulationConfig, out_dir: Path, formats: tuple[str, ...] = ("csv",)) -> dict[str, int]:
    """Simulate and write all raw tables into `out_dir`; returns row counts in contract order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    seed = config.seed
    calendar = SimCalendar.build(config.start, config.months)
    customers = simulate_customers(rng_for(seed, "customers"), calendar, config.customers)
    health = simulate_health(rng_for(seed, "health"), customers, calendar.months)
    lifecycle = simulate_lifecycle(rng_for(seed, "lifecycle"), calendar, customers, health)
    months = lifecycle.months
    users = build_user_directory(rng_for(seed, "users"), calendar, customers, months)
    kickoff = onboarding(rng_for(seed, "onboarding"), calendar, customers, months, lifecycle.first_paid_start)
    tickets = support_tickets(rng_for(seed, "support"), calendar, customers, months, users.provisioned)
    invoices, payments = invoices_and_payments(rng_for(seed, "invoicing"), calendar, customers, lifecycle.billing)
    invitations, responses = surveys(rng_for(seed, "surveys"), calendar, customers, months, users, tickets, kickoff)
    tables = {
        "customers": customers_table(rng_for(seed, "customer-attributes"), customers),
        "plans": plans_table(),
        "subscription_items": subscription_items_table(lifecycle.items, customers),
        "subscription_cancellations": cancellations_table(lifecycle.cancellations, customers),
        "invoices": invoices,
        "payments": payments,
        "fx_rates": fx_rates_table(rng_for(seed, "fx"), calendar),
        "users": users_table(rng_for(seed, "user-attributes"), customers, users),
        "onboarding_milestones": kickoff.table,
        "cs_activities": cs_activities_table(rng_for(seed, "cs-activities"), customers, months),
        "success_outcomes": success_outcomes_table(rng_for(seed, "success-outcomes"), calendar, customers, months),
        "survey_invitations": invitations,
        "survey_responses": responses,
        "support_tickets": tickets.table,
        "marketing_spend": marketing_spend_table(rng_for(seed, "marketing"), calendar, customers),
        "cs_costs": cs_costs_table(rng_for(seed, "cs-costs"), calendar, months),
    }
    row_counts = {}
    for name in TABLES:
        if name == "usage_events":
            with TableWriter(out_dir, name, formats) as writer:
                for chunk in usage_event_chunks(seed, calendar, customers, months, users, config.event_scale):
                    writer.write(chunk)
            row_counts[name] = writer.rows
        else:
            row_counts[name] = write_table(out_dir, name, tables.pop(name), formats)
    return row_counts
