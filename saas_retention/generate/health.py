"""The hidden customer health that drives every observable behaviour.

Health is a latent number per customer and month (about N(0.35, 0.9) across
customers; below -1 is in trouble, above 1.5 thriving). It follows an AR(1)
process around a customer-level mean that drifts slowly with account age,
with occasional sharp drops (a champion leaves, a failed rollout) and
occasional lifts. Nothing reads it directly: churn, expansion, usage,
engagement, surveys and support all respond to it with noise.
"""

from __future__ import annotations

import numpy as np

from saas_retention.generate import catalog
from saas_retention.generate.customers import Customers

PERSISTENCE = 0.9
INNOVATION_SD = 0.25
DROP_PROBABILITY = 0.03
LIFT_PROBABILITY = 0.02


def simulate_health(rng: np.random.Generator, customers: Customers, months: int) -> np.ndarray:
    """Health matrix (customers x months), float32; values before arrival are unused."""
    n = customers.count
    level = rng.normal(0.35, 0.6, n) + 0.15 * (customers.tier == catalog.ENTERPRISE)
    drift = rng.normal(0.0, 0.03, n)
    health = np.empty((n, months), dtype=np.float32)
    previous_mean = level
    previous = level + rng.normal(0.0, 0.5, n)
    for month in range(months):
        mean = level + drift * np.maximum(month - customers.arrival_month, 0)
        drops = (rng.random(n) < DROP_PROBABILITY) * -rng.normal(1.2, 0.4, n)
        lifts = (rng.random(n) < LIFT_PROBABILITY) * rng.normal(0.8, 0.3, n)
        current = (mean + PERSISTENCE * (previous - previous_mean)
                   + rng.normal(0.0, INNOVATION_SD, n) + drops + lifts)
        health[:, month] = current
        previous, previous_mean = current, mean
    return health


def logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
