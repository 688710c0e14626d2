"""How numbers are written on the dashboard (the page test formats the marts' values the same way)."""

from __future__ import annotations

import math

NOT_AVAILABLE = "n/a"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(value: float | None) -> str:
    """An amount in the reporting currency, to the cent: 292716.9726 -> '292,716.97'."""
    return NOT_AVAILABLE if _missing(value) else f"{value:,.2f}"


def count(value: int | float | None) -> str:
    """A whole number with thousands separators: 1215 -> '1,215'."""
    return NOT_AVAILABLE if _missing(value) else f"{int(value):,d}"


def percent(value: float | None, decimals: int = 1) -> str:
    """A ratio as a percentage: 1.078536 -> '107.9%'."""
    return NOT_AVAILABLE if _missing(value) else f"{value:.{decimals}%}"


def score(value: float | None) -> str:
    """A 0-100 score or an NPS, one decimal: 40.35 -> '40.4'."""
    return NOT_AVAILABLE if _missing(value) else f"{value:.1f}"


def risk_reasons(row: dict) -> str:
    """Why a customer is on the at-risk list, from a customers_at_risk row.

    >>> risk_reasons({"is_red": True, "is_falling_fast": True, "health_trend_3m": -18.2,
    ...               "weakest_component": "adoption", "weakest_component_score": 23.0,
    ...               "biggest_drop_component": "engagement", "biggest_drop_points": -30.0})
    'red band; falling fast (-18.2 pts in 3 months); weakest: adoption (23.0); biggest drop: engagement (-30.0 pts)'
    """
    reasons = []
    if row.get("is_red"):
        reasons.append("red band")
    if row.get("is_falling_fast"):
        reasons.append(f"falling fast ({row['health_trend_3m']:+.1f} pts in 3 months)")
    if row.get("weakest_component"):
        reasons.append(f"weakest: {row['weakest_component']} ({score(row.get('weakest_component_score'))})")
    if row.get("biggest_drop_component"):
        reasons.append(f"biggest drop: {row['biggest_drop_component']} ({row['biggest_drop_points']:+.1f} pts)")
    return "; ".join(reasons)
