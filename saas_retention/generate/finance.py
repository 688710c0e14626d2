"""Finance tables: `marketing_spend` per acquisition channel and month, `cs_costs` per cost type and month.

Marketing spend follows the customers each channel brings (a cost per
acquisition with noise, plus an always-on share); part of paid-search and
partner spend is booked in EUR by the European team. CS costs follow the
book of paying customers: CSM salaries per covered account, tools per seat
of the CS platform, and programs.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from saas_retention.contract import ACCEPTED_VALUES
from saas_retention.generate import catalog
from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, labels
from saas_retention.generate.customers import Customers
from saas_retention.generate.sim_calendar import SimCalendar

EUR = catalog.CURRENCIES.index("EUR")
USD = catalog.CURRENCIES.index("USD")
EUR_BOOKED_SHARE = np.array([0.3, 0.0, 0.3, 0.0])
"""Share of each channel's spend booked in EUR (paid_search, outbound, partner, organic)."""
COST_TYPES = ACCEPTED_VALUES[("cs_costs", "cost_type")]
CSM_MONTHLY_SALARY_USD_CENTS = 800_000
ACCOUNTS_PER_CSM = 35
TECH_TOUCH_ACCOUNTS_PER_CSM = 400


def marketing_spend_table(rng: np.random.Generator, calendar: SimCalendar, customers: Customers) -> pa.Table:
    months, channels = calendar.months, len(catalog.ACQUISITION_CHANNELS)
    known = customers.channel >= 0
    new = np.zeros((months, channels))
    np.add.at(new, (customers.arrival_month[known], customers.channel[known]), 1)
    always_on = new.mean(axis=0, keepdims=True)
    spend_usd = catalog.CHANNEL_CAC_USD_CENTS * (0.8 * new + 0.2 * always_on) * np.exp(rng.normal(0, 0.15, new.shape))
    eur_usd = spend_usd * EUR_BOOKED_SHARE
    eur_local = eur_usd / catalog.FX_START_TO_USD[EUR]
    month = np.repeat(np.arange(months), channels)
    channel = np.tile(np.arange(channels), months)
    booked_in_eur = np.tile(EUR_BOOKED_SHARE > 0, months)
    rows_month = np.concatenate([month, month[booked_in_eur]])
    rows_channel = np.concatenate([channel, channel[booked_in_eur]])
    rows_currency = np.concatenate([np.full(month.size, USD), np.full(int(booked_in_eur.sum()), EUR)])
    rows_amount = np.concatenate([(spend_usd - eur_usd).ravel(), eur_local.ravel()[booked_in_eur]])
    order = np.lexsort((rows_currency, rows_channel, rows_month))
    return build_table("marketing_spend", {
        "spend_month": calendar.month_start_days()[rows_month[order]],
        "acquisition_channel": labels(catalog.ACQUISITION_CHANNELS, rows_channel[order]),
        "spend_cents": np.round(rows_amount[order]).astype(np.int64),
        "currency": labels(catalog.CURRENCIES, rows_currency[order]),
    })


def cs_costs_table(rng: np.random.Generator, calendar: SimCalendar, months: AccountMonths) -> pa.Table:
    paying = months.paid & months.served_at_month_end(calendar.month_starts[1:])
    high_touch = (paying & (months.tier > catalog.STARTER)).sum(axis=0)
    tech_touch = (paying & (months.tier == catalog.STARTER)).sum(axis=0)
    csms = np.maximum(1, np.ceil(high_touch / ACCOUNTS_PER_CSM + tech_touch / TECH_TOUCH_ACCOUNTS_PER_CSM))
    raise_factor = 1.03 ** (np.arange(calendar.months) // 12)
    salaries = csms * CSM_MONTHLY_SALARY_USD_CENTS * raise_factor
    tools = 120_000 + 500 * paying.sum(axis=0)
    programs = (50_000 + 1_500 * paying.sum(axis=0)) * np.exp(rng.normal(0, 0.25, calendar.months))
    amounts = np.column_stack([salaries, tools, programs])
    return build_table("cs_costs", {
        "cost_month": np.repeat(calendar.month_start_days(), len(COST_TYPES)),
        "cost_type": labels(COST_TYPES, np.tile(np.arange(len(COST_TYPES)), calendar.months)),
        "amount_cents": np.round(amounts.ravel()).astype(np.int64),
        "currency": labels(catalog.CURRENCIES, np.full(amounts.size, USD)),
    })
