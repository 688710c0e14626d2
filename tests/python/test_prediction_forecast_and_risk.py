"""saas_retention.prediction.nrr_forecast and .churn_risk: hand-computed retention, the forecast's
identities, settings, and the leakage tests (data after a cutoff never changes that cutoff's output)."""

import numpy as np
import pandas as pd
import pytest

from saas_retention.prediction.churn_risk import score_churn_risk, validate_churn_risk
from saas_retention.prediction import nrr_forecast
from saas_retention.prediction.inputs import PreparedInputs
from saas_retention.prediction.nrr_forecast import (
    FeatureSets, ForecastSettings, backtest, backtest_cutoffs, customer_expectations, fit_cutoff_models, forecast,
    incremental_backtest, latest_forecast, realised_retention, training_sample, with_current_actuals,
)
from saas_retention.prediction.panel import MrrPanel, month_number, month_start

M0 = 24288  # January 2024
MONTHS = 30
COLUMNS = FeatureSets(churn=("health_score", "log_mrr"), change=("health_score",))
SETTINGS = ForecastSettings(min_training_churns=3, simulations=300)


def synthetic_history(seed: int = 7, customers: int = 90):
    """(features, customer_months) of a small simulated SaaS business.

    Customers arrive over the first 20 months on monthly (70 %) or annual plans, with a health
    that wanders; they churn at renewals with a probability that falls with health (annual
    renewals carry about eight months of it) and expand by 20 % now and then when healthy.
    """
    rng = np.random.default_rng(seed)
    arrival = rng.integers(0, 20, customers)
    interval = np.where(rng.random(customers) < 0.7, 1, 12)
    mrr = np.round(np.exp(rng.normal(5, 1, customers)), 2)
    health = rng.normal(0, 1, customers)
    alive = np.zeros(customers, dtype=bool)
    ended = np.zeros(customers, dtype=bool)
    feature_rows, month_rows = [], []
    for month in range(MONTHS):
        alive |= (arrival == month) & ~ended
        age = month - arrival
        renewing = alive & (age > 0) & (age % interval == 0)
        hazard = 1 / (1 + np.exp(3.2 + 1.3 * health))
        churns = renewing & (rng.random(customers) < 1 - (1 - hazard) ** np.where(interval == 12, 8, 1))
        month_rows += [(f"c{i:03d}", M0 + month, 0.0) for i in np.flatnonzero(churns)]
        alive &= ~churns
        ended |= churns
        mrr = np.where(alive & (rng.random(customers) < 1 / (1 + np.exp(3 - health))), np.round(mrr * 1.2, 2), mrr)
        health = 0.9 * health + rng.normal(0, 0.4, customers)
        for i in np.flatnonzero(alive):
            month_rows.append((f"c{i:03d}", M0 + month, float(mrr[i])))
            feature_rows.append((f"c{i:03d}", M0 + month, float(mrr[i]), int(age[i]), int(interval[i]),
                                 int(interval[i] - age[i] % interval[i]), 50 + 15 * health[i]))
    features = pd.DataFrame(feature_rows, columns=["customer_id", "month_number", "mrr", "tenure_months",
                                                   "interval_months", "months_to_renewal", "health_score"])
    features["log_mrr"] = np.log(features["mrr"])
    rank = features.groupby("month_number")["mrr"].rank(pct=True)
    features["segment"] = np.where(rank > 0.7, "vip", "secondary")
    customer_months = pd.DataFrame(month_rows, columns=["customer_id", "month_number", "mrr"])
    customer_months["month"] = month_start(customer_months.pop("month_number"))
    return features.sort_values(["customer_id", "month_number"], ignore_index=True), customer_months


@pytest.fixture(scope="module")
def history():
    features, customer_months = synthetic_history()
    return features, customer_months, MrrPanel.from_customer_months(customer_months, M0 + MONTHS - 1)


# --------------------------------------------------------------------------- settings and retention


def test_settings_from_a_dbt_config_and_their_checks():
    config = {"churn_c": "0.05", "change_alpha": "3", "min_training_churns": "4", "size_bands": "2",
              "simulations": "500", "seed": "1", "max_training_customers": "2000"}
    assert ForecastSettings.from_config(config) == ForecastSettings(0.05, 3.0, 4, 2, 500, 1, 2000)
    with pytest.raises(ValueError, match="seed"):
        ForecastSettings.from_config({**config, "seed": None})
    with pytest.raises(ValueError, match="simulations"):
        ForecastSettings(simulations=10)
    with pytest.raises(ValueError, match="churn_c"):
        ForecastSettings(churn_c=0)
    with pytest.raises(ValueError, match="max_training_customers"):
        ForecastSettings(max_training_customers=10)


def test_training_sample_keeps_whole_customers_chosen_by_id_alone():
    features = pd.DataFrame({"customer_id": [f"c{i}" for i in range(6) for _ in range(3)],
                             "month_number": [M0, M0 + 1, M0 + 2] * 6})
    sample = training_sample(features, 4)
    kept = set(sample["customer_id"])
    assert len(kept) == 4 and len(sample) == 12  # four customers with all three months each
    # the same customers whatever the row order, and at an earlier cutoff (no look-ahead)
    assert set(training_sample(features.sample(frac=1, random_state=3), 4)["customer_id"]) == kept
    assert set(training_sample(features[features["month_number"] <= M0], 4)["customer_id"]) == kept
    # at or under the cap nothing is dropped
    pd.testing.assert_frame_equal(training_sample(features, 6), features)


def test_realised_retention_by_hand():
    # cohort at M0: a (100, vip) -> 150 twelve months later; b (100, vip) -> 0; c (200, core) -> 150
    features = pd.DataFrame({"customer_id": ["a", "b", "c"], "month_number": M0, "mrr": [100.0, 100.0, 200.0],
                             "segment": ["vip", "vip", "core"]})
    later = pd.DataFrame({"customer_id": ["a", "b", "c", "a", "c"],
                          "month": month_start([M0, M0, M0, M0 + 12, M0 + 12]),
                          "mrr": [100.0, 100.0, 200.0, 150.0, 150.0]})
    panel = MrrPanel.from_customer_months(later)
    rows = realised_retention(features, panel, M0).set_index("segment")
    # all: NRR (150 + 0 + 150) / 400 = 0.75; GRR (100 + 0 + 150) / 400 = 0.625
    assert rows.loc["all"].tolist() == pytest.approx([0.75, 0.625])
    assert rows.loc["vip"].tolist() == pytest.approx([0.75, 0.5])
    assert rows.loc["core"].tolist() == pytest.approx([0.75, 0.75])
    # not known yet when the later month is after `known_until`
    assert realised_retention(features, panel, M0, known_until=M0 + 11)["nrr"].isna().all()


def test_backtest_cutoffs_need_a_naive_value_and_a_known_outcome(history):
    features, _, _ = history
    assert backtest_cutoffs(features, M0 + MONTHS - 1) == range(M0 + 12, M0 + MONTHS - 12)


# --------------------------------------------------------------------------- forecast


def test_forecast_identities(history):
    features, _, panel = history
    cutoff = M0 + 20
    rows = forecast(features, panel, cutoff, COLUMNS, SETTINGS).set_index("segment")
    models = fit_cutoff_models(features[features["month_number"] <= cutoff], panel, cutoff, COLUMNS, SETTINGS)
    scored = features[features["month_number"] == cutoff]
    expected = customer_expectations(models, scored)
    # a customer's expected MRR = MRR x P(retained) x expected growth; NRR = their sum / MRR
    np.testing.assert_allclose(expected["expected_mrr"],
                               scored["mrr"] * (1 - expected["p_churn_12m"]) * expected["expected_growth_if_retained"])
    assert (expected["p_churn_3m"] <= expected["p_churn_12m"]).all()
    assert rows.loc["all", "forecast_nrr"] == pytest.approx(expected["expected_mrr"].sum() / scored["mrr"].sum())
    assert rows.loc["all", "cohort_customers"] == len(scored)
    assert rows["cohort_customers"].drop("all").sum() == len(scored)
    assert (rows["lower_80"] <= rows["forecast_nrr"]).all() and (rows["forecast_nrr"] <= rows["upper_80"]).all()
    assert rows["forecast_grr"].between(0, 1).all()
    assert rows.loc["all", "target_month"] == month_start([cutoff + 12])[0]


def test_simulation_in_customer_chunks_sums_each_group(history, monkeypatch):
    """Chunked simulation (here 7 customers at a time) adds up per group: the segments' simulated
    MRR sums to the whole cohort's in every simulation, and its mean is close to the expectation."""
    features, _, panel = history
    cutoff = M0 + 20
    models = fit_cutoff_models(features[features["month_number"] <= cutoff], panel, cutoff, COLUMNS, SETTINGS)
    scored = features[features["month_number"] == cutoff].reset_index(drop=True)
    segments = scored["segment"].to_numpy()
    groups = np.vstack([np.ones(len(scored), dtype=bool), segments == "secondary", segments == "vip"])
    monkeypatch.setattr(nrr_forecast, "SIMULATION_CHUNK", 7)
    simulated, capped = nrr_forecast.simulate_mrr(models, scored, SETTINGS, groups)
    assert simulated.shape == capped.shape == (3, SETTINGS.simulations)
    np.testing.assert_allclose(simulated[0], simulated[1] + simulated[2])
    np.testing.assert_allclose(capped[0], capped[1] + capped[2])
    assert (capped[0] <= scored["mrr"].sum() + 1e-9).all()  # each customer capped at its MRR today
    expected_total = customer_expectations(models, scored)["expected_mrr"].sum()
    assert simulated[0].mean() == pytest.approx(expected_total, rel=0.1)


def test_forecast_is_reproducible(history):
    features, _, panel = history
    first = forecast(features, panel, M0 + 20, COLUMNS, SETTINGS)
    pd.testing.assert_frame_equal(first, forecast(features, panel, M0 + 20, COLUMNS, SETTINGS))


def test_latest_forecast_needs_enough_churns(history):
    features, _, panel = history
    with pytest.raises(ValueError, match="too few churns"):
        latest_forecast(features, panel, M0 + 20, COLUMNS, ForecastSettings(min_training_churns=1000))


def test_backtest_rows_hold_naive_and_actual_values(history):
    features, _, panel = history
    rows = backtest(features, panel, [M0 + 14, M0 + 16], COLUMNS, SETTINGS)
    assert sorted(rows["cutoff_month"].unique()) == list(month_start([M0 + 14, M0 + 16]))
    by_cutoff = rows[rows["segment"] == "all"].set_index("cutoff_month")
    for cutoff in (M0 + 14, M0 + 16):
        naive = realised_retention(features, panel, cutoff - 12).set_index("segment").loc["all", "nrr"]
        actual = realised_retention(features, panel, cutoff).set_index("segment").loc["all"]
        row = by_cutoff.loc[month_start([cutoff])[0]]
        assert row["naive_nrr"] == pytest.approx(naive)
        assert row[["actual_nrr", "actual_grr"]].tolist() == pytest.approx(actual[["nrr", "grr"]].tolist())


def test_a_stored_cutoff_gets_current_actuals_by_hand():
    # the cohort of test_realised_retention_by_hand, stored with stale actual values
    features = pd.DataFrame({"customer_id": ["a", "b", "c"], "month_number": M0, "mrr": [100.0, 100.0, 200.0],
                             "segment": ["vip", "vip", "core"]})
    panel = MrrPanel.from_customer_months(pd.DataFrame({
        "customer_id": ["a", "b", "c", "a", "c"], "month": month_start([M0, M0, M0, M0 + 12, M0 + 12]),
        "mrr": [100.0, 100.0, 200.0, 150.0, 150.0]}))
    stored = pd.DataFrame({"cutoff_month": month_start([M0] * 3), "segment": ["all", "core", "vip"],
                           "forecast_nrr": [0.9, 0.8, 0.7], "naive_nrr": [1.1, 1.0, 1.2],
                           "actual_nrr": [0.5] * 3, "actual_grr": [0.4] * 3})
    rows = with_current_actuals(stored, features, panel)
    assert rows.columns.tolist() == stored.columns.tolist()
    assert rows[["segment", "forecast_nrr", "naive_nrr"]].equals(stored[["segment", "forecast_nrr", "naive_nrr"]])
    assert rows["actual_nrr"].tolist() == pytest.approx([0.75, 0.75, 0.75])
    assert rows["actual_grr"].tolist() == pytest.approx([0.625, 0.75, 0.5])
    with pytest.raises(ValueError, match="one cutoff"):
        with_current_actuals(pd.concat([stored, stored.assign(cutoff_month=month_start([M0 + 1] * 3))]),
                             features, panel)


def test_incremental_backtest_refits_only_with_a_new_cutoff(history):
    features, _, panel = history
    cutoff = M0 + 16
    full = backtest(features, panel, [cutoff, cutoff + 1], COLUMNS, SETTINGS)
    stored = full[full["cutoff_month"] == month_start([cutoff])[0]].assign(forecast_nrr=-1.0, actual_nrr=-1.0)
    # the stored cutoff alone: its forecast is kept (no refit), its outcome recomputed
    within_month = incremental_backtest(features, panel, [cutoff], stored, COLUMNS, SETTINGS)
    assert (within_month["forecast_nrr"] == -1.0).all()
    assert within_month["actual_nrr"].tolist() == pytest.approx(full["actual_nrr"][:len(stored)].tolist())
    # with a new cutoff, or on a first run, every cutoff is fitted as in a full run
    pd.testing.assert_frame_equal(incremental_backtest(features, panel, [cutoff, cutoff + 1], stored, COLUMNS,
                                                       SETTINGS), full)
    pd.testing.assert_frame_equal(incremental_backtest(features, panel, [cutoff, cutoff + 1], None, COLUMNS,
                                                       SETTINGS), full)


# --------------------------------------------------------------------------- leakage


FORECAST_COLUMNS = ["cutoff_month", "target_month", "segment", "cohort_customers", "cohort_mrr", "forecast_nrr",
                    "lower_80", "upper_80", "forecast_grr", "expected_retained_customers", "training_churns",
                    "naive_nrr"]


def _rewrite_the_future(features, customer_months, cutoff, seed=1):
    """Change everything after ``cutoff``: MRR, churns, health, new customers."""
    rng = np.random.default_rng(seed)
    later = features["month_number"] > cutoff
    features = features.copy()
    features.loc[later, "health_score"] = rng.normal(50, 30, later.sum())
    features.loc[later, "mrr"] *= rng.uniform(0.2, 3.0, later.sum())
    features = features[~later | (rng.random(len(features)) < 0.7)]  # some customers vanish
    newcomer = features[later.loc[features.index]].head(5).assign(customer_id=lambda f: "new_" + f["customer_id"])
    features = pd.concat([features, newcomer]).sort_values(["customer_id", "month_number"], ignore_index=True)
    features["log_mrr"] = np.log(features["mrr"])
    months = customer_months.assign(month_number=month_number(customer_months["month"]))
    future = months["month_number"] > cutoff
    months.loc[future, "mrr"] = np.where(rng.random(future.sum()) < 0.3, 0.0,
                                         months.loc[future, "mrr"] * rng.uniform(0.5, 2.0, future.sum()))
    months = pd.concat([months, pd.DataFrame({"customer_id": "new_customer", "month": month_start([cutoff + 1]),
                                              "mrr": [999.0], "month_number": [cutoff + 1]})])
    return features, months.drop(columns="month_number")


def test_data_after_a_cutoff_does_not_change_its_backtest_forecast(history):
    features, customer_months, panel = history
    cutoff = M0 + 16
    before = backtest(features, panel, [cutoff], COLUMNS, SETTINGS)
    changed_features, changed_months = _rewrite_the_future(features, customer_months, cutoff)
    changed_panel = MrrPanel.from_customer_months(changed_months, M0 + MONTHS - 1)
    after = backtest(changed_features, changed_panel, [cutoff], COLUMNS, SETTINGS)
    pd.testing.assert_frame_equal(before[FORECAST_COLUMNS], after[FORECAST_COLUMNS])
    # the rewrite did reach the outcome, so the test could have failed
    assert not np.allclose(before["actual_nrr"], after["actual_nrr"])


def test_truncating_the_data_at_the_cutoff_gives_the_same_forecast(history):
    features, customer_months, panel = history
    cutoff = M0 + 16
    kept = customer_months[customer_months["month"] <= month_start([cutoff])[0]]
    truncated = forecast(features[features["month_number"] <= cutoff], MrrPanel.from_customer_months(kept, cutoff),
                         cutoff, COLUMNS, SETTINGS)
    pd.testing.assert_frame_equal(forecast(features, panel, cutoff, COLUMNS, SETTINGS), truncated)


def test_data_after_a_month_does_not_change_its_churn_risk(history):
    features, customer_months, panel = history
    month = M0 + 18
    before = score_churn_risk(PreparedInputs(features, panel, M0 + MONTHS - 1), SETTINGS, COLUMNS, months=[month])
    changed_features, changed_months = _rewrite_the_future(features, customer_months, month, seed=5)
    changed = PreparedInputs(changed_features, MrrPanel.from_customer_months(changed_months, M0 + MONTHS - 1),
                             M0 + MONTHS - 1)
    pd.testing.assert_frame_equal(before, score_churn_risk(changed, SETTINGS, COLUMNS, months=[month]))


# --------------------------------------------------------------------------- churn risk


def test_churn_risk_rows_and_unscored_months(history):
    features, _, panel = history
    inputs = PreparedInputs(features, panel, M0 + MONTHS - 1)
    risk = score_churn_risk(inputs, SETTINGS, COLUMNS, months=[M0 + 1, M0 + 20])
    early, late = risk[risk["month"] == month_start([M0 + 1])[0]], risk[risk["month"] == month_start([M0 + 20])[0]]
    assert len(early) == (features["month_number"] == M0 + 1).sum() and not early["is_scored"].any()
    assert early[["p_churn_3m", "p_churn_12m", "top_driver_1"]].isna().all().all()
    assert late["is_scored"].all() and late["p_churn_12m"].between(0, 1).all()
    assert (late["p_churn_3m"] <= late["p_churn_12m"]).all() and (late["expected_mrr_12m"] >= 0).all()
    assert late["training_churns"].iloc[0] >= SETTINGS.min_training_churns


def test_churn_risk_validation_by_hand():
    # four customers scored in M0, outcome over 3 months known (as-of M0 + 3): a and c churn
    risk = pd.DataFrame({
        "customer_id": ["a", "b", "c", "d"], "month": month_start([M0] * 4), "is_scored": True,
        "p_churn_3m": [0.9, 0.1, 0.3, 0.5], "p_churn_12m": [0.9, 0.2, 0.4, 0.6],
        "health_score": [10.0, 80.0, 90.0, 50.0],
    })
    # a churns in M0 + 1, c in M0 + 2 (rows with MRR 0, as customer_mrr_monthly); b and d stay
    stays = [("b", M0 + k, 10.0) for k in range(4)] + [("d", M0 + k, 10.0) for k in range(4)]
    rows = [("a", M0, 10.0), ("a", M0 + 1, 0.0), ("c", M0, 10.0), ("c", M0 + 1, 10.0), ("c", M0 + 2, 0.0), *stays]
    months = pd.DataFrame(rows, columns=["customer_id", "month_number", "mrr"])
    months["month"] = month_start(months.pop("month_number"))
    panel = MrrPanel.from_customer_months(months, M0 + 3)
    validation = validate_churn_risk(risk, panel, M0 + 3)
    three = validation[(validation["horizon_months"] == 3) & validation["is_overall"]].iloc[0]
    # churners a (0.9), c (0.3) vs stayers b (0.1), d (0.5): pairs won a>b, a>d, c>b, c<d -> 3/4
    assert three["auc_churn_risk"] == pytest.approx(0.75)
    # health: churner a (10) below both stayers, c (90) above both -> 2/4
    assert three["auc_health_score"] == pytest.approx(0.5)
    assert three[["scored_customers", "churners", "observed_churn_rate"]].tolist() == [4, 2, 0.5]
    assert three["mean_churn_probability"] == pytest.approx(0.45)
    # twelve months are not known yet: only an empty overall row
    twelve = validation[validation["horizon_months"] == 12]
    assert len(twelve) == 1 and twelve["scored_customers"].iloc[0] == 0
