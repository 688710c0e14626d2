"""saas_retention.prediction.panel and .features on small hand-made frames.

Month numbers are 12 x year + month - 1: January 2024 = 24288, February 2024 = 24289, ...
"""

import numpy as np
import pandas as pd
import pytest

from saas_retention.prediction.features import build_features, plan_terms
from saas_retention.prediction.panel import MrrPanel, first_churn_step, known_steps, month_number, month_start

JAN_2024 = 24288


def months(*numbers):
    return month_start(list(numbers))


# --------------------------------------------------------------------------- panel


def test_month_number_and_month_start_are_inverse():
    assert list(month_number(["2024-01-01", "2024-01-31", "2024-12-15", "2025-01-01"])) == [
        JAN_2024, JAN_2024, JAN_2024 + 11, JAN_2024 + 12]
    assert list(month_start([JAN_2024, JAN_2024 + 13])) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2025-02-01")]
    with pytest.raises(ValueError, match="null"):
        month_number(["2024-01-01", None])


@pytest.fixture
def customer_months():
    # a: 100, 100, 150, then churns in April (row with MRR 0), back in June at 50.
    # b: starts in March at 200.
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "a", "a", "b", "b", "b", "b"],
        "month": months(JAN_2024, JAN_2024 + 1, JAN_2024 + 2, JAN_2024 + 3, JAN_2024 + 5,
                        JAN_2024 + 2, JAN_2024 + 3, JAN_2024 + 4, JAN_2024 + 5),
        "mrr": [100.0, 100.0, 150.0, 0.0, 50.0, 200.0, 200.0, 200.0, 200.0],
    })


def test_panel_fills_missing_months_with_zero(customer_months):
    panel = MrrPanel.from_customer_months(customer_months)
    assert panel.first_month == JAN_2024 and panel.last_month == JAN_2024 + 5
    assert panel.mrr.tolist() == [[100, 100, 150, 0, 0, 50], [0, 0, 200, 200, 200, 200]]


def test_panel_rejects_duplicates_and_negative_mrr(customer_months):
    with pytest.raises(ValueError, match="more than one row"):
        MrrPanel.from_customer_months(pd.concat([customer_months, customer_months.iloc[:1]]))
    with pytest.raises(ValueError, match=">= 0"):
        MrrPanel.from_customer_months(customer_months.assign(mrr=-1.0))


def test_ahead_hides_months_after_the_cutoff(customer_months):
    panel = MrrPanel.from_customer_months(customer_months)
    ahead = panel.ahead(["a", "b", "unknown"], [JAN_2024 + 1] * 3, horizon=3, cutoff=JAN_2024 + 3)
    # Feb, Mar, Apr, May from February; the cutoff is April, so May is unknown (NaN)
    expected = np.array([[100, 150, 0, np.nan], [0, 200, 200, np.nan], [0, 0, 0, np.nan]])
    np.testing.assert_array_equal(ahead, expected)
    # beyond the panel's last month is unknown too, whatever the cutoff
    assert np.isnan(panel.ahead(["b"], [JAN_2024 + 5], 1, cutoff=JAN_2024 + 99)[0, 1])


def test_first_churn_step_and_known_steps():
    ahead = np.array([[100, 150, 0, 0], [100, 100, 100, np.nan], [100, np.nan, np.nan, np.nan]])
    assert first_churn_step(ahead).tolist() == [2, 4, 4]  # horizon + 1 = no churn seen
    assert known_steps([10, 11, 13], horizon=3, cutoff=13).tolist() == [3, 2, 0]


# --------------------------------------------------------------------------- plan terms


@pytest.fixture
def plans():
    return pd.DataFrame({"plan_id": ["m", "y", "q"], "interval_unit": ["month", "year", "month"],
                         "interval_count": [1, 1, 3]})


def test_plan_terms_use_the_largest_item_and_its_subscription_anchor(plans):
    items = pd.DataFrame({
        "subscription_id": ["s1", "s1", "s2", "s3"],
        "customer_id": ["a", "a", "a", "b"],
        "plan_id": ["y", "m", "q", "m"],
        # s1: annual base from Jan 2024 (anchor), add-on from March; s2 a smaller quarterly item;
        # s3 a trial at price 0 (ignored).
        "mrr_local": [300.0, 40.0, 30.0, 0.0],
        "discount_percent": [25.0, 0.0, 0.0, 0.0],
        "first_month": months(JAN_2024, JAN_2024 + 2, JAN_2024 + 1, JAN_2024),
        "last_month": pd.to_datetime([None, None, months(JAN_2024 + 2)[0], None]),
    })
    terms = plan_terms(items, plans, last_month=JAN_2024 + 3).set_index(["customer_id", "month_number"])
    assert list(terms.index.get_level_values("customer_id").unique()) == ["a"]
    # the annual item is the largest every month: interval 12, renewal 12 months after January
    assert terms["interval_months"].tolist() == [12, 12, 12, 12]
    assert terms["months_to_renewal"].tolist() == [12, 11, 10, 9]
    # discount share = 1 - paid / list MRR; list of the annual item = 300 / 0.75 = 400
    # Jan: 1 - 300/400 = 0.25; Feb (+30 quarterly): 1 - 330/430; Mar (+30, +40): 1 - 370/470; Apr: 1 - 340/440
    np.testing.assert_allclose(terms["discount_share"], [0.25, 100 / 430, 100 / 470, 100 / 440])


def test_plan_terms_reject_unknown_plans(plans):
    items = pd.DataFrame({"subscription_id": ["s"], "customer_id": ["a"], "plan_id": ["nope"], "mrr_local": [1.0],
                          "discount_percent": [0.0], "first_month": months(JAN_2024), "last_month": [pd.NaT]})
    with pytest.raises(ValueError, match="nope"):
        plan_terms(items, plans, JAN_2024)


def test_renewal_month_follows_the_interval(plans):
    # quarterly subscription started in February: renewals in May, August, ...
    items = pd.DataFrame({"subscription_id": ["s"], "customer_id": ["a"], "plan_id": ["q"], "mrr_local": [10.0],
                          "discount_percent": [0.0], "first_month": months(JAN_2024 + 1), "last_month": [pd.NaT]})
    terms = plan_terms(items, plans, JAN_2024 + 5)
    assert terms["months_to_renewal"].tolist() == [3, 2, 1, 3, 2]


# --------------------------------------------------------------------------- features


@pytest.fixture
def revenue_rows():
    customer_months = pd.DataFrame({
        "customer_id": ["a"] * 5 + ["b"],
        "month": months(*range(JAN_2024, JAN_2024 + 5), JAN_2024 + 4),
        "mrr": [100.0, 100.0, 100.0, 200.0, 0.0, 50.0],
        "first_paid_month": months(*[JAN_2024] * 5, JAN_2024 + 4),
    })
    terms = pd.DataFrame({
        "customer_id": ["a"] * 4 + ["b"], "month_number": [*range(JAN_2024, JAN_2024 + 4), JAN_2024 + 4],
        "interval_months": [1, 1, 1, 1, 12], "months_to_renewal": [1, 1, 1, 1, 12],
        "discount_share": [0.0, 0.0, 0.0, 0.0, 0.1],
    })
    return customer_months, terms


def test_revenue_features(revenue_rows):
    features = build_features(*revenue_rows).set_index(["customer_id", "month_number"])
    # the churn row (MRR 0) is not a customer-month
    assert len(features) == 5
    a = features.loc["a"]
    np.testing.assert_allclose(a["log_mrr"], np.log([100, 100, 100, 200]))
    np.testing.assert_allclose(a["log_tenure"], np.log1p([0, 1, 2, 3]))
    # log(MRR / MRR 3 months earlier): only April has a value three months back (200 / 100)
    np.testing.assert_allclose(a["mrr_change_3m"], [0, 0, 0, np.log(2)])
    b = features.loc[("b", JAN_2024 + 4)]
    assert b["log_interval"] == pytest.approx(np.log(12)) and b["renewal_within_3m"] == 0
    assert b["discount_share"] == 0.1 and b["segment"] == "unknown"


def test_features_need_a_plan_term_for_every_paid_month(revenue_rows):
    customer_months, terms = revenue_rows
    with pytest.raises(ValueError, match="no paid item"):
        build_features(customer_months, terms.iloc[1:])


def test_segment_dummies(revenue_rows):
    customer_months, terms = revenue_rows
    segments = pd.DataFrame({"customer_id": ["a", "b"], "month": months(JAN_2024, JAN_2024 + 4),
                             "segment": ["vip", "potential"]})
    features = build_features(customer_months, terms, segments).set_index(["customer_id", "month_number"])
    assert features.loc[("a", JAN_2024), ["segment_vip", "segment_core", "segment_potential"]].tolist() == [1, 0, 0]
    assert features.loc[("a", JAN_2024 + 1), "segment"] == "unknown"
    assert features.loc[("b", JAN_2024 + 4), "segment_potential"] == 1
    with pytest.raises(ValueError, match="unknown segment"):
        build_features(customer_months, terms, segments.assign(segment="gold"))


def _health_rows(customer_ids, month_numbers, **values):
    columns = ["deployment_score", "engagement_score", "adoption_score", "roi_score", "experience_score",
               "health_score", "health_trend_3m", "active_seat_share", "usage_trend", "stickiness",
               "key_features_in_healthy_use_30d", "tickets", "urgent_tickets", "escalations",
               "open_urgent_tickets", "last_nps_score"]
    frame = pd.DataFrame({"customer_id": customer_ids, "month": months(*month_numbers)})
    for column in columns:
        frame[column] = values.get(column, 1.0)
    return frame


def test_health_features_make_missing_values_explicit(revenue_rows):
    customer_months, terms = revenue_rows
    health = _health_rows(["a"] * 4 + ["b"], [*range(JAN_2024, JAN_2024 + 4), JAN_2024 + 4],
                          adoption_score=[40.0, 50.0, 60.0, 70.0, 80.0],
                          roi_score=[np.nan, np.nan, np.nan, 30.0, np.nan],
                          last_nps_score=[np.nan, 9.0, 9.0, 9.0, 3.0], tickets=[0, 1, 3, 7, 0],
                          health_trend_3m=np.nan, usage_trend=[np.nan, 5.0, 1.0, 1.0, 1.0])
    features = build_features(customer_months, terms, health=health).set_index(["customer_id", "month_number"])
    april = features.loc[("a", JAN_2024 + 3)]
    # trends: score minus the score 3 months earlier (70 - 40); no earlier row -> 0
    assert april["adoption_change_3m"] == 30 and features.loc[("a", JAN_2024), "adoption_change_3m"] == 0
    # roi: missing -> 50 with has_roi 0; April it is measured but had no value 3 months earlier -> trend 0
    assert features.loc[("a", JAN_2024), ["roi_score", "has_roi"]].tolist() == [50, 0]
    assert april[["roi_score", "has_roi", "roi_change_3m"]].tolist() == [30, 1, 0]
    assert features.loc[("a", JAN_2024), ["last_nps_score", "has_nps_answer"]].tolist() == [7, 0]
    assert april["log_tickets_90d"] == pytest.approx(np.log(8)) and april["health_trend_3m"] == 0
    # usage trend: missing -> 1 (flat), capped at 3
    assert features.loc["a", "usage_trend"].tolist() == [1, 3, 1, 1]


def test_every_active_month_needs_a_health_row(revenue_rows):
    customer_months, terms = revenue_rows
    health = _health_rows(["a"] * 4, range(JAN_2024, JAN_2024 + 4))
    with pytest.raises(ValueError, match="no health row"):
        build_features(customer_months, terms, health=health)
