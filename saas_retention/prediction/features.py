"""Feature frame: one row per active customer-month, everything known at that month's end.

Inputs are the project's marts and intermediate models as pandas frames:

* ``customer_months`` (customer_mrr_monthly): ``customer_id, month, mrr, first_paid_month``;
* ``items`` (int_subscription_items_priced joined to the staging items): ``subscription_id,
  customer_id, plan_id, mrr_local, discount_percent, first_month, last_month``, and ``plans``
  (int_plans_validated): ``plan_id, interval_unit, interval_count``;
* optional ``segments`` (customer_segments): ``customer_id, month, segment``;
* optional ``health`` (customer_health_monthly): the component scores and their inputs.

Every value on the row of month ``m`` comes from rows of month ``m`` or earlier (the health
mart measures each month up to its end), so a model trained on outcomes known at a cutoff
scores a month with nothing from after it.

Plan term. The plan term of a customer-month is that of its largest paid item: its billing
interval in months (1, 3, 12, ...) and its subscription's anchor month (the first month with a
paid item). Renewals fall every ``interval`` months after the anchor, so
``months_to_renewal = interval - (m - anchor) mod interval`` (1 = the next month is a renewal
month, the month in which a non-renewing customer's MRR drops to 0).

Missing values are made explicit rather than imputed from data: a component score without
data is set to 50 (the scale's midpoint) with a ``has_<component>`` flag, a trend that cannot be
measured yet (too young) is 0 ("no change"), so the feature frame of a month never depends on
other months' values. Models standardise the columns on their training rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from saas_retention.prediction.panel import month_number

__all__ = [
    "HEALTH_FEATURES", "REVENUE_FEATURES", "SEGMENTS", "SEGMENT_FEATURES", "build_features", "plan_terms",
]

SEGMENTS = ("vip", "core", "potential", "secondary")
"""Segments of customer_segments; `secondary` is the baseline of the segment dummies."""

REVENUE_FEATURES = (
    "log_mrr",               # log of MRR at the month's end
    "log_tenure",            # log(1 + months since the first paid month)
    "log_interval",          # log of the plan's billing interval in months (0 = monthly)
    "renewal_within_3m",     # 1 when a renewal month is among the next 3 months
    "discount_share",        # 1 - MRR / MRR before discounts
    "mrr_change_3m",         # log(MRR / MRR 3 months earlier); 0 when not active then
)
SEGMENT_FEATURES = ("segment_vip", "segment_core", "segment_potential")
_SCORED_COMPONENTS = ("deployment", "engagement", "roi", "experience")
HEALTH_FEATURES = (
    "deployment_score", "engagement_score", "adoption_score", "roi_score", "experience_score",
    *(f"has_{name}" for name in _SCORED_COMPONENTS),
    "health_score",
    "health_trend_3m",
    *(f"{name}_change_3m" for name in ("deployment", "engagement", "adoption", "roi", "experience")),
    "active_seat_share", "usage_trend", "stickiness", "key_features_in_healthy_use_30d",
    "log_tickets_90d", "urgent_tickets_90d", "escalations_90d", "open_urgent_tickets",
    "last_nps_score", "has_nps_answer",
)
_TREND_MONTHS = 3


def _check_columns(frame: pd.DataFrame, name: str, columns) -> None:
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ValueError(f"{name} lacks columns {sorted(missing)}")


def plan_terms(items: pd.DataFrame, plans: pd.DataFrame, last_month: int) -> pd.DataFrame:
    """Plan term of every customer-month with a paid item, up to ``last_month`` (a month number).

    Returns ``customer_id, month_number, interval_months, months_to_renewal, discount_share``.
    Items with ``mrr_local <= 0`` (trials, 100 % discounts) and items that never span a month's
    end (``last_month < first_month``) are not paid service and are ignored.
    """
    _check_columns(items, "items", ["subscription_id", "customer_id", "plan_id", "mrr_local",
                                    "discount_percent", "first_month", "last_month"])
    _check_columns(plans, "plans", ["plan_id", "interval_unit", "interval_count"])
    interval = plans.set_index("plan_id")
    interval = interval["interval_count"].astype(int) * np.where(interval["interval_unit"] == "year", 12, 1)
    paid = items[items["mrr_local"] > 0].copy()
    paid["interval_months"] = paid["plan_id"].map(interval)
    if paid["interval_months"].isna().any():
        unknown = sorted(paid.loc[paid["interval_months"].isna(), "plan_id"].unique())
        raise ValueError(f"items reference plans missing from plans: {unknown}")
    paid["start"] = month_number(paid["first_month"])
    open_ended = paid["last_month"].isna().to_numpy()
    ends = month_number(paid["last_month"].where(~open_ended, pd.Timestamp("1970-01-01")))
    paid["end"] = np.minimum(np.where(open_ended, last_month, ends), last_month)
    paid = paid[paid["end"] >= paid["start"]]
    paid["anchor"] = paid.groupby("subscription_id")["start"].transform("min")
    discount = paid["discount_percent"].astype(float).clip(0, 99.999999) / 100
    paid["list_mrr"] = paid["mrr_local"] / (1 - discount)

    spans = (paid["end"] - paid["start"] + 1).to_numpy()
    cells = paid.loc[paid.index.repeat(spans)].copy()
    offsets = np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)
    cells["month_number"] = cells["start"].to_numpy() + offsets
    keys = ["customer_id", "month_number"]
    totals = cells.groupby(keys)[["mrr_local", "list_mrr"]].sum()
    base = (cells.sort_values(["mrr_local", "subscription_id", "plan_id"], ascending=[False, True, True])
                 .drop_duplicates(keys)
                 .set_index(keys)
                 .reindex(totals.index))
    elapsed = totals.index.get_level_values("month_number") - base["anchor"]
    terms = pd.DataFrame({
        "interval_months": base["interval_months"].astype(np.int64),
        "months_to_renewal": (base["interval_months"] - elapsed % base["interval_months"]).astype(np.int64),
        "discount_share": 1 - totals["mrr_local"] / totals["list_mrr"],
    })
    return terms.reset_index()


def _lagged(frame: pd.DataFrame, columns, lag: int) -> pd.DataFrame:
    """``columns`` of the same customer ``lag`` months earlier, aligned to ``frame``'s rows (NaN when absent)."""
    earlier = frame[["customer_id", "month_number", *columns]].copy()
    earlier["month_number"] += lag
    return frame[["customer_id", "month_number"]].merge(earlier, how="left", on=["customer_id", "month_number"])[
        list(columns)].set_axis(frame.index)


def build_features(customer_months: pd.DataFrame, terms: pd.DataFrame, segments: pd.DataFrame | None = None,
                   health: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per active customer-month (MRR > 0) with the model features.

    Key columns: ``customer_id, month_number, mrr, segment`` (``unknown`` without a segment row),
    ``interval_months, months_to_renewal, tenure_months``; then :func:`feature_columns`.
    ``terms`` is :func:`plan_terms`; a customer-month with MRR but no paid item there would be a
    contract violation and raises.
    """
    _check_columns(customer_months, "customer_months", ["customer_id", "month", "mrr", "first_paid_month"])
    frame = customer_months.loc[customer_months["mrr"] > 0, ["customer_id", "month", "mrr", "first_paid_month"]].copy()
    frame["month_number"] = month_number(frame["month"])
    frame["tenure_months"] = frame["month_number"] - month_number(frame["first_paid_month"])
    frame = frame.drop(columns=["month", "first_paid_month"]).sort_values(["customer_id", "month_number"])
    frame = frame.reset_index(drop=True)
    frame = frame.merge(terms, how="left", on=["customer_id", "month_number"], validate="one_to_one")
    if frame["interval_months"].isna().any():
        example = frame.loc[frame["interval_months"].isna(), ["customer_id", "month_number"]].iloc[0]
        raise ValueError(f"customer {example['customer_id']} has MRR but no paid item in month number "
                         f"{example['month_number']}")

    frame["log_mrr"] = np.log(frame["mrr"])
    frame["log_tenure"] = np.log1p(frame["tenure_months"])
    frame["log_interval"] = np.log(frame["interval_months"])
    frame["renewal_within_3m"] = (frame["months_to_renewal"] <= 3).astype(float)
    frame["discount_share"] = frame["discount_share"].fillna(0.0)
    earlier_mrr = _lagged(frame, ["mrr"], _TREND_MONTHS)["mrr"]
    frame["mrr_change_3m"] = np.log(frame["mrr"] / earlier_mrr).fillna(0.0)

    if segments is not None:
        _check_columns(segments, "segments", ["customer_id", "month", "segment"])
        seg = segments[["customer_id", "segment"]].assign(month_number=month_number(segments["month"]))
        frame = frame.merge(seg, how="left", on=["customer_id", "month_number"], validate="one_to_one")
        unknown = set(frame["segment"].dropna()) - set(SEGMENTS)
        if unknown:
            raise ValueError(f"segments holds unknown segment names {sorted(unknown)}")
        for name in SEGMENT_FEATURES:
            frame[name] = (frame["segment"] == name.removeprefix("segment_")).astype(float)
        frame["segment"] = frame["segment"].fillna("unknown")
    else:
        frame["segment"] = "unknown"

    if health is not None:
        frame = _add_health(frame, health)
    return frame


def _add_health(frame: pd.DataFrame, health: pd.DataFrame) -> pd.DataFrame:
    scores = [f"{name}_score" for name in ("deployment", "engagement", "adoption", "roi", "experience")]
    inputs = ["health_score", "health_trend_3m", "active_seat_share", "usage_trend", "stickiness",
              "key_features_in_healthy_use_30d", "tickets", "urgent_tickets", "escalations",
              "open_urgent_tickets", "last_nps_score"]
    _check_columns(health, "health", ["customer_id", "month", *scores, *inputs])
    rows = health[["customer_id", *scores, *inputs]].assign(month_number=month_number(health["month"]))
    rows[[*scores, *inputs]] = rows[[*scores, *inputs]].astype(float)
    earlier = _lagged(rows, scores, _TREND_MONTHS)
    for score in scores:
        rows[score.replace("_score", "_change_3m")] = (rows[score] - earlier[score]).fillna(0.0)
    for name in _SCORED_COMPONENTS:
        rows[f"has_{name}"] = rows[f"{name}_score"].notna().astype(float)
    rows[scores] = rows[scores].fillna(50.0)
    rows["health_trend_3m"] = rows["health_trend_3m"].fillna(0.0)
    rows["usage_trend"] = rows["usage_trend"].fillna(1.0).clip(upper=3.0)
    rows["stickiness"] = rows["stickiness"].fillna(0.0)
    rows["log_tickets_90d"] = np.log1p(rows["tickets"])
    rows = rows.rename(columns={"urgent_tickets": "urgent_tickets_90d", "escalations": "escalations_90d"})
    rows["has_nps_answer"] = rows["last_nps_score"].notna().astype(float)
    rows["last_nps_score"] = rows["last_nps_score"].fillna(7.0)
    keep = ["customer_id", "month_number", *HEALTH_FEATURES]
    merged = frame.merge(rows[keep], how="left", on=["customer_id", "month_number"], validate="one_to_one")
    unscored = merged["health_score"].isna()
    if unscored.any():
        example = merged.loc[unscored, ["customer_id", "month_number"]].iloc[0]
        raise ValueError(f"active customer {example['customer_id']} has no health row in month number "
                         f"{example['month_number']}")
    return merged
