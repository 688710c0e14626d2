"""The `usage_events` table, generated and streamed one month at a time.

Per customer and month: a health-dependent share of provisioned users is
engaged; each engaged user produces a Poisson number of events that grows with
health (so DAU/MAU and depth follow health). Key features are adopted only
above customer-specific health thresholds, so breadth of use follows health;
unhealthy accounts read more help articles; new accounts take more academy
lessons. Events land (`loaded_at`) seconds to hours later, about 2% one to
three days late; events that would land after the end of the simulation are
not in the extract.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.health import logistic
from saas_retention.generate.random_streams import rng_for
from saas_retention.generate.sampling import categorical_by_group, expand, lognormal_seconds, uniform_times
from saas_retention.generate.sim_calendar import SECONDS_PER_DAY, SECONDS_PER_HOUR, SimCalendar
from saas_retention.generate.users import UserDirectory

FEATURES = (
    "login", "dashboard_view", "report_export", "api_call", "integration_sync", "automation_run",
    "help_article_view", "academy_lesson_completed",
)
KEY_FEATURES = slice(1, 6)
HELP, ACADEMY = 6, 7
BASE_FEATURE_WEIGHTS = np.array([0.22, 0.25, 0.10, 0.15, 0.08, 0.10, 0.05, 0.05])
KEY_FEATURE_HEALTH_THRESHOLDS = np.array([-2.0, -0.6, -0.1, 0.2, 0.5])
UNADOPTED_FEATURE_WEIGHT = 0.03
EVENTS_PER_ENGAGED_USER = 5.5
"""Monthly events of an engaged user at health 0 and event_scale 1."""
LATE_SHARE = 0.02


def _feature_weights(rng: np.random.Generator, health: np.ndarray, affinity: np.ndarray,
                     onboarding: np.ndarray) -> np.ndarray:
    weights = np.tile(BASE_FEATURE_WEIGHTS, (health.size, 1))
    adoption = health[:, None] + affinity + rng.normal(0.0, 0.3, affinity.shape)
    weights[:, KEY_FEATURES] *= np.where(adoption > KEY_FEATURE_HEALTH_THRESHOLDS, 1.0, UNADOPTED_FEATURE_WEIGHT)
    weights[:, HELP] *= np.exp(-1.3 * health)
    weights[:, ACADEMY] *= np.where(onboarding, 3.0, 1.0)
    return weights


def _month_events(rng: np.random.Generator, calendar: SimCalendar, customers: Customers, months: AccountMonths,
                  users: UserDirectory, affinity: np.ndarray, month: int, event_scale: float,
                  first_number: int) -> pa.Table:
    offsets, rows = users.active(month)
    cust = np.flatnonzero(users.provisioned[:, month] > 0)
    health = months.health[cust, month].astype(float)
    provisioned = users.provisioned[cust, month]
    engaged = np.maximum(1, rng.binomial(provisioned, logistic(0.3 + 1.4 * health + rng.normal(0, 0.3, cust.size))))
    window_start, window_end = months.window_start[cust, month], months.window_end[cust, month]
    served_share = (window_end - window_start) / calendar.month_lengths[month]
    rate = EVENTS_PER_ENGAGED_USER * event_scale * np.exp(0.35 * health) * served_share
    event_customer = expand(rng.poisson(engaged * rate))

    slot = (engaged[event_customer] * rng.random(event_customer.size) ** 1.7).astype(np.int64)
    user = rows[offsets[cust[event_customer]] + slot]
    earliest = np.maximum(window_start[event_customer], users.created_at[user])
    occurred_at = uniform_times(rng, earliest, window_end[event_customer])
    onboarding = (months.spell_age[cust, month] < 3) | ~months.paid[cust, month]
    weights = _feature_weights(rng, health, affinity[cust], onboarding)
    feature = categorical_by_group(rng, weights, event_customer)
    delay = np.minimum(lognormal_seconds(rng, np.full(occurred_at.size, 120.0), 1.2), 6 * SECONDS_PER_HOUR)
    late = rng.random(occurred_at.size) < LATE_SHARE
    delay = np.where(late, uniform_times(rng, np.full(late.size, SECONDS_PER_DAY), 3 * SECONDS_PER_DAY), delay)
    loaded_at = occurred_at + delay

    keep = np.flatnonzero(loaded_at < calendar.end)
    keep = keep[np.lexsort((user[keep], occurred_at[keep]))]
    return build_table("usage_events", {
        "event_id": prefixed_ids("evt_", first_number + np.arange(keep.size), 12),
        "customer_id": customers.ids.take(cust[event_customer[keep]]),
        "user_id": users.ids.take(user[keep]),
        "feature": labels(FEATURES, feature[keep]),
        "occurred_at": occurred_at[keep],
        "loaded_at": loaded_at[keep],
    })


def usage_event_chunks(seed: int, calendar: SimCalendar, customers: Customers, months: AccountMonths,
                       users: UserDirectory, event_scale: float) -> Iterator[pa.Table]:
    """One Arrow table of events per simulated month, numbered consecutively."""
    affinity = rng_for(seed, "usage-feature-affinity").normal(0.0, 0.7, (customers.count, 5))
    next_number = 1
    for month in range(calendar.months):
        chunk = _month_events(rng_for(seed, "usage-events", month), calendar, customers, months, users,
                              affinity, month, event_scale, next_number)
        next_number += chunk.num_rows
        yield chunk
