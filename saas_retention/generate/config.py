"""Parameters of one simulation run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SimulationConfig:
    """What to simulate: how many customers, from which month, for how long.

    `event_scale` multiplies product-usage volume only (usage_events). At 1.0 an
    in-service customer produces about 110 events a month on average (about 55
    million events for 50,000 customers over 36 months).
    """

    customers: int
    seed: int
    start: date = date(2023, 11, 1)
    months: int = 36
    event_scale: float = 1.0

    def __post_init__(self) -> None:
        if self.customers < 1:
            raise ValueError("customers must be >= 1")
        if self.seed < 0:
            raise ValueError("seed must be >= 0")
        if self.start.day != 1:
            raise ValueError("start must be the first day of a month")
        if self.months < 1:
            raise ValueError("months must be >= 1")
        if self.event_scale <= 0:
            raise ValueError("event_scale must be > 0")
