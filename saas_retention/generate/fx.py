"""Monthly exchange rates of every billing currency to the reporting currency (USD)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from saas_retention.generate import catalog
from saas_retention.generate.arrow_columns import build_table, labels
from saas_retention.generate.sim_calendar import SimCalendar

MONTHLY_LOG_DRIFT_SD = 0.012
RATE_SCALE = 10**8
"""rate_to_reporting is decimal(18,8)."""


def fx_rates_table(rng: np.random.Generator, calendar: SimCalendar) -> pa.Table:
    currencies, months = len(catalog.CURRENCIES), calendar.months
    steps = rng.normal(0.0, MONTHLY_LOG_DRIFT_SD, (currencies, months))
    steps[:, 0] = 0.0
    rates = catalog.FX_START_TO_USD[:, None] * np.exp(np.cumsum(steps, axis=1))
    rates[catalog.CURRENCIES.index("USD")] = 1.0
    return build_table("fx_rates", {
        "currency": labels(catalog.CURRENCIES, np.repeat(np.arange(currencies), months)),
        "rate_month": np.tile(calendar.month_start_days(), currencies),
        "rate_to_reporting": np.round(rates.ravel() * RATE_SCALE).astype(np.int64),
    })
