"""Static reference data of the simulated company: plans, prices, countries, channels."""

from __future__ import annotations

import numpy as np

TIERS = ("starter", "growth", "enterprise")
STARTER, GROWTH, ENTERPRISE = range(3)

INTERVAL_NAMES = ("monthly", "quarterly", "annual")
INTERVAL_UNITS = ("month", "month", "year")
INTERVAL_COUNTS = np.array([1, 3, 1])
INTERVAL_MONTHS = np.array([1, 3, 12])
INTERVAL_PRICE_FACTOR = np.array([1.0, 0.95, 0.85])
"""Prepaying longer intervals is cheaper per month."""
MONTHLY, QUARTERLY, ANNUAL = range(3)

TIER_MONTHLY_LIST_PRICE_USD_CENTS = np.array([4_900, 2_500, 6_500])
"""Starter is a flat fee; growth and enterprise are per seat."""
TIER_IS_SEAT_BASED = np.array([False, True, True])
ADDON_MONTHLY_LIST_PRICE_USD_CENTS = 14_900
SETUP_FEE_USD_CENTS = np.array([0, 50_000, 250_000])

CURRENCIES = ("USD", "EUR", "GBP")
CURRENCY_PRICE_FACTOR = np.array([1.0, 0.95, 0.8])
"""Local price books: list prices in EUR and GBP are rounded local numbers."""
FX_START_TO_USD = np.array([1.0, 1.07, 1.24])

# Plan index layout: base plans tier*3 + interval, then add-ons per interval, then trials per tier.
N_BASE_PLANS = len(TIERS) * len(INTERVAL_NAMES)
ADDON_PLAN_OFFSET = N_BASE_PLANS
TRIAL_PLAN_OFFSET = ADDON_PLAN_OFFSET + len(INTERVAL_NAMES)
ADDON_TIER = "add_on"


def base_plan(tier: np.ndarray, interval: np.ndarray) -> np.ndarray:
    return tier * len(INTERVAL_NAMES) + interval


def addon_plan(interval: np.ndarray) -> np.ndarray:
    return ADDON_PLAN_OFFSET + interval


def trial_plan(tier: np.ndarray) -> np.ndarray:
    return TRIAL_PLAN_OFFSET + tier


def _plan_rows() -> list[tuple[str, str, str, int, bool, int]]:
    """(plan_id, plan_name, product_tier, interval index, is_seat_based, monthly USD list price)."""
    rows = []
    for tier, tier_name in enumerate(TIERS):
        for interval, interval_name in enumerate(INTERVAL_NAMES):
            rows.append((f"{tier_name}_{interval_name}", f"{tier_name.title()} ({interval_name})", tier_name,
                         interval, bool(TIER_IS_SEAT_BASED[tier]), int(TIER_MONTHLY_LIST_PRICE_USD_CENTS[tier])))
    for interval, interval_name in enumerate(INTERVAL_NAMES):
        rows.append((f"addon_analytics_{interval_name}", f"Advanced Analytics add-on ({interval_name})",
                     ADDON_TIER, interval, False, ADDON_MONTHLY_LIST_PRICE_USD_CENTS))
    for tier_name in TIERS:
        rows.append((f"trial_{tier_name}", f"{tier_name.title()} trial", tier_name, MONTHLY, False, 0))
    return rows


PLAN_ROWS = _plan_rows()
PLAN_IDS = tuple(row[0] for row in PLAN_ROWS)
PLAN_INTERVAL = np.array([row[3] for row in PLAN_ROWS])
PLAN_IS_SEAT_BASED = np.array([row[4] for row in PLAN_ROWS])


def _price_book() -> np.ndarray:
    """unit_price_cents[plan, currency] per plan interval, rounded to whole major units."""
    monthly = np.array([row[5] for row in PLAN_ROWS], dtype=float)
    per_interval = monthly * INTERVAL_MONTHS[PLAN_INTERVAL] * INTERVAL_PRICE_FACTOR[PLAN_INTERVAL]
    local = per_interval[:, None] * CURRENCY_PRICE_FACTOR[None, :]
    return (np.round(local / 100) * 100).astype(np.int64)


UNIT_PRICE_CENTS = _price_book()

# Countries: (ISO code, billing currency index, sales tax / VAT rate, weight)
COUNTRIES = (
    ("US", 0, 0.00, 38), ("CA", 0, 0.05, 5), ("AU", 0, 0.10, 4), ("IN", 0, 0.18, 3), ("SG", 0, 0.09, 2),
    ("BR", 0, 0.00, 2), ("JP", 0, 0.10, 3), ("DE", 1, 0.19, 10), ("FR", 1, 0.20, 7), ("NL", 1, 0.21, 5),
    ("ES", 1, 0.21, 3), ("IE", 1, 0.23, 2), ("SE", 1, 0.25, 2), ("GB", 2, 0.20, 14),
)
COUNTRY_CODES = tuple(row[0] for row in COUNTRIES)
COUNTRY_CURRENCY = np.array([row[1] for row in COUNTRIES])
COUNTRY_TAX_RATE = np.array([row[2] for row in COUNTRIES])
COUNTRY_WEIGHT = np.array([row[3] for row in COUNTRIES], dtype=float)

ACQUISITION_CHANNELS = ("paid_search", "outbound", "partner", "organic")
CHANNEL_WEIGHT = np.array([30, 20, 15, 35], dtype=float)
CHANNEL_TIER_LIFT = np.array([-0.2, 1.0, 0.4, -0.3])
"""Outbound and partner deals skew to bigger tiers."""
CHANNEL_CAC_USD_CENTS = np.array([90_000, 250_000, 120_000, 30_000])

INDUSTRIES = (
    "software", "fintech", "healthcare", "retail", "manufacturing", "education", "media", "logistics",
    "professional_services", "nonprofit",
)
CSM_OWNERS = (
    "Avery Chen", "Jordan Patel", "Sam Okafor", "Riley Novak", "Morgan Silva", "Casey Kim",
    "Taylor Brooks", "Jamie Laurent", "Quinn Murphy", "Alex Romero", "Drew Nakamura", "Harper Lindqvist",
)
NAME_FIRST = (
    "Blue", "North", "Bright", "Silver", "Rapid", "Clear", "Green", "Iron", "Open", "Swift",
    "True", "Quantum", "Cedar", "Harbor", "Summit", "Pixel", "Atlas", "Nova", "Lumen", "Orbit",
)
NAME_SECOND = (
    "River", "Peak", "Forge", "Works", "Logic", "Field", "Stack", "Bridge", "Wave", "Signal",
    "Craft", "Point", "Path", "Loop", "Grid", "Spark", "Vault", "Ridge", "Flow", "Labs",
)
NAME_SUFFIX = ("Inc", "LLC", "GmbH", "Ltd", "Group", "Co", "Technologies", "Partners")
