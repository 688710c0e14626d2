"""saas_retention.prediction.cohort_clv on hand-made cohorts (sBG itself is tested in test_sbg.py)."""

import numpy as np
import pandas as pd
import pytest

from saas_retention import sbg
from saas_retention.prediction.cohort_clv import (
    acquisition_table, cohort_summary, discounted_expected_lifetime, fit_cohorts, kaplan_meier, monthly_survivors,
    pooled_counts, pooled_log_likelihood, retention_curves, with_segment_at_acquisition,
)
from saas_retention.prediction.panel import month_start

M0 = 24288  # January 2024
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]  # Fader & Hardie (2007)


def _rows(records):
    frame = pd.DataFrame(records, columns=["customer_id", "month_number", "mrr", "movement"])
    frame["month"] = month_start(frame.pop("month_number"))
    return frame


@pytest.fixture
def customer_months():
    # a: Jan-Mar 2024 at 100, 100, 130, churns in April, reactivates in June (ignored by survival)
    # b: Jan 2024 on at 50; c: from March 2024 at 20
    return _rows([
        ("a", M0, 100.0, "new"), ("a", M0 + 1, 100.0, "flat"), ("a", M0 + 2, 130.0, "expansion"),
        ("a", M0 + 3, 0.0, "churn"), ("a", M0 + 5, 60.0, "reactivation"),
        *[("b", M0 + k, 50.0, "new" if k == 0 else "flat") for k in range(6)],
        *[("c", M0 + k, 20.0, "new" if k == 2 else "flat") for k in range(2, 6)],
    ])


def test_acquisition_table(customer_months):
    table = acquisition_table(customer_months, M0 + 5).set_index("customer_id")
    assert table["acquisition_month"].tolist() == [M0, M0, M0 + 2]
    # a lives 3 months (Jan-Mar) before its first churn; b and c have not churned
    assert table.loc["a", "lifetime_months"] == 3 and table[["lifetime_months"]].iloc[1:].isna().all().all()
    # mean MRR over active months: a (100 + 100 + 130 + 60) / 4
    assert table.loc["a", ["mean_mrr", "active_months"]].tolist() == [97.5, 4]
    # nothing after the as-of month is read
    assert acquisition_table(customer_months, M0 + 2)["lifetime_months"].isna().all()


def test_segment_at_acquisition(customer_months):
    acquisitions = acquisition_table(customer_months, M0 + 5)
    segments = pd.DataFrame({"customer_id": ["a", "a", "b"], "month": month_start([M0, M0 + 1, M0 + 1]),
                             "segment": ["vip", "secondary", "core"]})
    merged = with_segment_at_acquisition(acquisitions, segments).set_index("customer_id")
    assert merged["segment"].tolist() == ["vip", "unknown", "unknown"]  # b's segment is from a later month


def test_monthly_survivors_and_kaplan_meier(customer_months):
    curves = monthly_survivors(acquisition_table(customer_months, M0 + 5), M0 + 5)
    # January cohort (a, b) observed 5 months: a lost in period 3; March cohort (c) observed 3 months
    assert {month: curve.tolist() for month, curve in curves.items()} == {M0: [2, 2, 2, 1, 1, 1], M0 + 2: [1, 1, 1, 1]}
    retention, at_risk = kaplan_meier([[10, 8, 6], [4, 4]], periods=3)
    # t1: 14 at risk, 2 lost; t2: only the first curve (8 at risk, 2 lost); t3 unobserved
    np.testing.assert_allclose(retention[:3], [1, 12 / 14, 12 / 14 * 6 / 8])
    assert np.isnan(retention[3]) and at_risk.tolist() == [14, 14, 8, 0]


def test_pooled_log_likelihood_is_the_sum_of_the_cohorts_log_likelihoods():
    curves = [np.array([10.0, 8, 6, 6]), np.array([4.0, 4, 3]), np.array([7.0, 5, 5, 2, 1])]
    lost, censored = pooled_counts(curves)
    # lost in t = 1..4: (2 + 0 + 2), (2 + 1 + 0), (0 + 3), 1; censored after 2 periods: 3, 3: 6, 4: 1
    assert lost.tolist() == [0, 4, 3, 3, 1] and censored.tolist() == [0, 0, 3, 6, 1]
    expected = sum(sbg.log_likelihood(0.7, 3.5, curve) for curve in curves)
    assert pooled_log_likelihood(0.7, 3.5, lost, censored) == pytest.approx(expected, rel=1e-12)


def test_fit_of_one_cohort_is_the_sbg_fit():
    fit = fit_cohorts([np.array(HIGH_END, dtype=float)])
    assert fit.status == "fitted"
    assert (fit.alpha, fit.beta) == pytest.approx(sbg.fit(HIGH_END), rel=1e-4)


def test_fit_pools_cohorts_of_different_lengths():
    # the same survival process seen as one long and one short cohort: the pooled MLE maximises the sum
    long, short = np.array(HIGH_END, dtype=float), np.array(HIGH_END[:4], dtype=float) / 2
    fit = fit_cohorts([long, short])

    def total(alpha, beta):
        return sbg.log_likelihood(alpha, beta, long) + sbg.log_likelihood(alpha, beta, short)

    best = total(fit.alpha, fit.beta)
    for factor in (0.97, 1.03):
        assert total(fit.alpha * factor, fit.beta) < best and total(fit.alpha, fit.beta * factor) < best


def test_fit_statuses():
    assert fit_cohorts([[5, 5]]).status == "too_short"
    assert fit_cohorts([[5, 5, 5, 5]]).status == "no_churn"
    assert fit_cohorts([[10, 5, 5, 5]]).status == "degenerate"  # all losses in period 1: no finite MLE


def test_discounted_lifetime_without_heterogeneity_is_a_geometric_series():
    # alpha, beta huge with alpha / (alpha + beta) = 0.05: constant retention r = 0.95, so
    # DEL = 1 + sum_t r^t / (1 + d)^t = 1 + r / (1 + d - r) with monthly d = 1.1^(1/12) - 1
    d = 1.1 ** (1 / 12) - 1
    expected = 1 + 0.95 / (1 + d - 0.95)
    assert discounted_expected_lifetime(5e6, 95e6, 0.10) == pytest.approx(expected, rel=1e-5)


def test_cohort_summary_puts_the_seed_formula_next_to_the_sbg(customer_months):
    acquisitions = acquisition_table(customer_months, M0 + 5).assign(segment=["vip", "core", "core"])
    cac = pd.Series({M0 + 2: 300.0, M0 + 5: 500.0})
    summary = cohort_summary(acquisitions, M0 + 5, gross_margin=0.8, annual_discount_rate=0.1,
                             cac_by_month=cac).set_index(["cohort", "segment"])
    assert list(summary.index) == [("2024-Q1", "all"), ("all", "core"), ("all", "vip"), ("all", "all")]
    quarter = summary.loc[("2024-Q1", "all")]
    # customer-months at risk: January cohort 2 + 2 + 2 + 1 + 1, March cohort 1 + 1 + 1 -> 11; one churn
    churn = 1 / 11
    lifetime = 12 / (1 - (1 - churn) ** 12)
    arpa = (390 + 6 * 50 + 4 * 20) / 14  # MRR per active customer-month
    assert quarter["customers"] == 3 and quarter["churned_customers"] == 1
    assert quarter["arpa"] == pytest.approx(arpa)
    assert quarter["mean_monthly_churn"] == pytest.approx(churn)
    assert quarter["seed_expected_lifetime_months"] == pytest.approx(lifetime)
    assert quarter["seed_formula_lifetime_value"] == pytest.approx(arpa * 0.8 * lifetime)
    # Q1's CAC is the one of March (its last month); pooled rows use the as-of month's
    assert quarter["cac"] == 300 and summary.loc[("all", "all"), "cac"] == 500
    assert quarter["seed_formula_clv"] == pytest.approx(arpa * 0.8 * lifetime - 300)
    assert summary.loc[("all", "core"), "fit_status"] == "no_churn"
    assert np.isnan(summary.loc[("all", "core"), "clv"])
    with pytest.raises(ValueError, match="gross_margin"):
        cohort_summary(acquisitions, M0 + 5, 0.0, 0.1, cac)


def test_clv_is_arpa_times_margin_times_discounted_lifetime():
    # 40 customers acquired each month of 2024 H1, losing a share every month: a fitted cohort
    records = []
    for start in range(6):
        for i in range(40):
            life = 1 + (i * 7 + start) % 13 if i % 3 else None  # a third never churn
            for k in range(12 - start):
                if life is not None and k == life:
                    records.append((f"c{start}_{i}", M0 + start + k, 0.0, "churn"))
                    break
                records.append((f"c{start}_{i}", M0 + start + k, 10.0 + i, "flat"))
    acquisitions = acquisition_table(_rows(records), M0 + 11)
    summary = cohort_summary(acquisitions, M0 + 11, 0.7, 0.1, pd.Series(dtype=float)).set_index(["cohort", "segment"])
    row = summary.loc[("all", "all")]
    assert row["fit_status"] == "fitted"
    lifetime = discounted_expected_lifetime(row["alpha"], row["beta"], 0.1)
    assert row["clv"] == pytest.approx(row["arpa"] * 0.7 * lifetime)
    assert row["projected_retention_12m"] == pytest.approx(sbg.survival(row["alpha"], row["beta"], 12)[12])
    curves = retention_curves(acquisitions, M0 + 11, summary.reset_index())
    overall = curves[(curves["cohort"] == "all") & (curves["segment"] == "all")]
    assert len(overall) == 37 and overall["observed_retention"].iloc[0] == 1
    np.testing.assert_allclose(overall["projected_retention"], sbg.survival(row["alpha"], row["beta"], 36))
    assert overall["observed_retention"].iloc[12:].isna().all()  # observed 11 months at most
