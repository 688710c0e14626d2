"""saas_retention.prediction.design, .churn_model and .mrr_model on small hand-made data."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from saas_retention.prediction.churn_model import ChurnHazardModel, hazard_training_rows, top_drivers
from saas_retention.prediction.design import (
    Standardiser, cluster_covariance, fit_penalised_logistic, fit_weighted_ridge, step_design, step_features,
    weighted_gram,
)
from saas_retention.prediction.mrr_model import MrrChangeModel, ResidualPool, change_training_rows
from saas_retention.prediction.panel import MrrPanel, month_start

M0 = 24288  # January 2024


# --------------------------------------------------------------------------- design


def test_step_features_mark_renewal_months():
    steps = np.arange(1, 13)
    annual = step_features(np.full(12, 12), np.full(12, 3), steps)
    assert np.flatnonzero(annual[:, 0]).tolist() == [2]  # only step 3 renews
    assert annual[2, 1] == pytest.approx(np.log(12)) and annual[0, 1] == 0
    quarterly = step_features(np.full(12, 3), np.full(12, 2), steps)
    assert (np.flatnonzero(quarterly[:, 0]) + 1).tolist() == [2, 5, 8, 11]
    monthly = step_features(np.ones(12), np.ones(12), steps)
    assert monthly[:, 0].tolist() == [1] * 12 and monthly[:, 1].tolist() == [0] * 12
    np.testing.assert_allclose(monthly[:, 2], np.log(steps))


def test_standardiser_maps_constant_columns_to_zero():
    matrix = np.array([[1.0, 5.0], [3.0, 5.0]])
    standardiser = Standardiser.fit(matrix)
    np.testing.assert_allclose(standardiser.transform(matrix), [[-1, 0], [1, 0]])
    np.testing.assert_allclose(standardiser.transform(np.array([[5.0, 9.0]])), [[3, 0]])
    with pytest.raises(ValueError, match="NaN"):
        Standardiser.fit(np.array([[np.nan]]))


def test_penalised_logistic_matches_scikit_learn():
    rng = np.random.default_rng(3)
    design = rng.normal(size=(400, 3))
    events = rng.random(400) < 1 / (1 + np.exp(-(design @ [1.0, -0.5, 0.0] - 1.5)))
    intercept, coefficients = fit_penalised_logistic(design, events, penalty=1 / 0.3)
    reference = LogisticRegression(C=0.3, tol=1e-12, max_iter=10_000).fit(design, events)
    assert intercept == pytest.approx(reference.intercept_[0], abs=1e-5)
    np.testing.assert_allclose(coefficients, reference.coef_[0], atol=1e-5)


def test_penalised_logistic_starts_from_a_given_fit_when_it_scores_better():
    rng = np.random.default_rng(3)
    design = rng.normal(size=(400, 3))
    events = rng.random(400) < 1 / (1 + np.exp(-(design @ [1.0, -0.5, 0.0] - 1.5)))
    intercept, coefficients = fit_penalised_logistic(design, events, penalty=1 / 0.3)
    optimum = np.r_[intercept, coefficients]
    with pytest.raises(RuntimeError, match="did not converge"):  # the default start needs more steps
        fit_penalised_logistic(design, events, penalty=1 / 0.3, max_iterations=2)
    warm = fit_penalised_logistic(design, events, penalty=1 / 0.3, max_iterations=2, start=optimum + 1e-4)
    np.testing.assert_allclose(np.r_[warm[0], warm[1]], optimum, atol=1e-9)
    # a start worse than the default one is ignored: same optimum in the default start's five steps
    far = fit_penalised_logistic(design, events, penalty=1 / 0.3, max_iterations=5,
                                 start=np.array([40.0, -40, 40, -40]))
    np.testing.assert_allclose(np.r_[far[0], far[1]], optimum, atol=1e-7)
    with pytest.raises(ValueError, match="start has 2 values, the model 4"):
        fit_penalised_logistic(design, events, penalty=1.0, start=np.zeros(2))


def test_penalised_logistic_offset_shifts_the_intercept():
    # intercept only: rate 1/4 -> logit = log(1/3); a fixed offset of 0.5 is taken off the intercept
    events = np.array([1, 0, 0, 0])
    intercept, coefficients = fit_penalised_logistic(np.empty((4, 0)), events, penalty=1.0, offset=np.full(4, 0.5))
    assert intercept == pytest.approx(np.log(1 / 3) - 0.5, abs=1e-7) and coefficients.size == 0


def test_weighted_gram_is_the_weighted_cross_product():
    x = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]])
    weights = np.array([2.0, 0.0, 0.5])
    # 2 x [1 2]'[1 2] + 0.5 x [0.5 4]'[0.5 4] = [[2.125, 5], [5, 16]]
    np.testing.assert_allclose(weighted_gram(x, weights), [[2.125, 5.0], [5.0, 16.0]])
    with pytest.raises(ValueError, match="non-negative"):
        weighted_gram(x, np.array([1.0, -1.0, 1.0]))


def test_weighted_ridge_by_hand():
    # no feature: the weighted mean (1 + 2 + 2 x 4) / 4 = 2.75
    intercept, _ = fit_weighted_ridge(np.empty((3, 0)), [1.0, 2.0, 4.0], [1.0, 1.0, 2.0], penalty=5.0)
    assert intercept == pytest.approx(2.75)
    # x = -1, 1; y = 0, 2: slope sum x (y - mean y) / (sum x^2 + penalty) = 2 / (2 + 2) = 0.5, intercept 1
    intercept, coefficients = fit_weighted_ridge(np.array([[-1.0], [1.0]]), [0.0, 2.0], [1.0, 1.0], penalty=2.0)
    assert intercept == pytest.approx(1.0) and coefficients[0] == pytest.approx(0.5)


def test_cluster_covariance_sums_scores_per_customer_first():
    # intercept only, unit weights: bread = 4 rows; V = sum over customers of (summed residuals)^2 / 4^2 x G / (G - 1)
    design, weights = np.empty((4, 0)), np.ones(4)
    residuals = np.array([1.0, 1.0, -1.0, -2.0])
    # customers a, b, b, c: scores 1, 1 - 1 = 0, -2 -> 5 / 16 x 3 / 2
    covariance = cluster_covariance(design, residuals, weights, penalty=0.0, clusters=["a", "b", "b", "c"])
    assert covariance[0, 0] == pytest.approx(5 / 16 * 3 / 2)
    # one customer's opposite residuals cancel: no variance left
    cancelling = cluster_covariance(design, np.array([1.0, -1.0, 2.0, -2.0]), weights, 0.0, ["a", "a", "b", "b"])
    assert cancelling[0, 0] == pytest.approx(0.0)


# --------------------------------------------------------------------------- churn model


def _frame(customer_ids, month_numbers, interval=1, to_renewal=1, mrr=100.0, **columns):
    return pd.DataFrame({"customer_id": customer_ids, "month_number": month_numbers, "mrr": mrr,
                         "interval_months": interval, "months_to_renewal": to_renewal, **columns})


def _panel(rows):
    """rows: {customer: [MRR from M0 on]}."""
    records = [(customer, month_start([M0 + i])[0], value) for customer, values in rows.items()
               for i, value in enumerate(values)]
    return MrrPanel.from_customer_months(pd.DataFrame(records, columns=["customer_id", "month", "mrr"]))


def test_hazard_training_rows_stop_at_the_churn_and_the_cutoff():
    # a churns in M0+2; b stays. Features at M0 and M0+1; cutoff M0+3, horizon 3.
    panel = _panel({"a": [10, 10, 0, 0], "b": [10, 10, 10, 10]})
    features = _frame(["a", "a", "b", "b"], [M0, M0 + 1, M0, M0 + 1])
    rows, steps, events = hazard_training_rows(features, panel, cutoff=M0 + 3, horizon=3)
    got = sorted(zip(features["customer_id"].to_numpy()[rows], features["month_number"].to_numpy()[rows] - M0,
                     steps, events))
    assert got == [
        ("a", 0, 1, False), ("a", 0, 2, True),   # from M0: survives M0+1, churns at step 2
        ("a", 1, 1, True),                       # from M0+1: churns at step 1
        ("b", 0, 1, False), ("b", 0, 2, False), ("b", 0, 3, False),
        ("b", 1, 1, False), ("b", 1, 2, False),  # M0+1+3 is after the cutoff
    ]


@pytest.fixture
def monthly_history():
    """20 monthly customers observed 6 months; customers 0-3 churn in month 3 (first churn step 3 from M0)."""
    values = {f"c{i:02d}": ([10, 10, 10, 0, 0, 0] if i < 4 else [10] * 6) for i in range(20)}
    panel = _panel(values)
    features = _frame(list(values), M0, x=np.arange(20.0))
    return features, panel


def test_hazard_is_the_event_rate_when_coefficients_are_shrunk_to_zero(monthly_history):
    features, panel = monthly_history
    model = ChurnHazardModel.fit(features, panel, cutoff=M0 + 5, columns=["x"], horizon=5, c=1e-9)
    # rows: churners 3 steps each (1 event), stayers 5 steps: 4 events in 4 x 3 + 16 x 5 = 92 rows
    rate = 4 / 92
    np.testing.assert_allclose(model.hazards(features.iloc[:1]), np.full((1, 5), rate), rtol=1e-5)
    np.testing.assert_allclose(model.churn_probability(features.iloc[:1])[0, [0, 2]],
                               [rate, 1 - (1 - rate) ** 3], rtol=1e-5)
    assert model.training_churns == 4 and model.training_rows == 92


def test_annual_renewal_concentrates_twelve_months_of_churn_odds(monthly_history):
    features, panel = monthly_history
    model = ChurnHazardModel.fit(features, panel, cutoff=M0 + 5, columns=["x"], horizon=5, c=1e-9)
    annual = _frame(["z"], M0, interval=12, to_renewal=2, x=0.0)
    hazard = model.hazards(annual)[0]
    odds = (4 / 92) / (1 - 4 / 92)
    assert hazard[1] / (1 - hazard[1]) == pytest.approx(12 * odds, rel=1e-4)  # step 2 renews: log(12) offset
    assert hazard[0] == pytest.approx(4 / 92, rel=1e-4)


def test_churn_model_needs_enough_churns(monthly_history):
    features, panel = monthly_history
    assert ChurnHazardModel.fit(features, panel, M0 + 5, ["x"], horizon=5, min_churns=5) is None
    assert ChurnHazardModel.fit(features, panel, M0 + 2, ["x"], horizon=5) is None  # no churn known by M0+2


def test_churn_model_learns_the_direction_of_a_signal(monthly_history):
    features, panel = monthly_history
    model = ChurnHazardModel.fit(features, panel, M0 + 5, ["x"], horizon=5, c=1.0)
    assert model.coefficients[0] < 0  # the churners have the lowest x
    contributions = model.contributions(features)
    assert contributions.loc[0, "x"] > 0 > contributions.loc[19, "x"]
    assert model.covariance.shape == (1 + 1 + 3, 1 + 1 + 3)


def test_hazards_under_draws_apply_each_drawn_coefficient_vector(monthly_history):
    features, panel = monthly_history
    model = ChurnHazardModel.fit(features, panel, M0 + 5, ["x"], horizon=5, c=1.0)
    annual = pd.concat([features.iloc[:3], _frame(["z"], M0, interval=12, to_renewal=2, x=4.0)], ignore_index=True)
    shifted = model.estimate + np.r_[0.5, -0.2, np.zeros(3)]  # intercept +0.5, x coefficient -0.2
    hazards = model.hazards_under_draws(annual, np.vstack([model.estimate, shifted]))
    assert hazards.shape == (2, 4, 5)
    assert hazards.dtype == np.float32  # a simulation's arrays are single precision
    np.testing.assert_allclose(hazards[0], model.hazards(annual), rtol=1e-6)  # the estimate itself
    x = model.standardiser.transform(step_design(annual, ["x"], np.arange(4), np.ones(4, dtype=np.int64)))[:, 0]
    log_odds = np.log(model.hazards(annual) / (1 - model.hazards(annual)))
    np.testing.assert_allclose(np.log(hazards[1] / (1 - hazards[1])), log_odds + (0.5 - 0.2 * x)[:, None], atol=1e-5)

def test_top_drivers_pick_the_largest_positive_contributions():
    contributions = pd.DataFrame({"a": [0.5, -1.0], "b": [-0.2, -2.0], "log_c": [0.9, -3.0]})
    features = pd.DataFrame({"a": [10.0, 0.0], "b": [0.0, 0.0], "log_c": [-5.0, 0.0]})
    drivers = top_drivers(contributions, features, means=[1.0, 1.0, 1.0], count=3)
    assert drivers.loc[0, ["top_driver_1", "top_driver_2", "top_driver_3"]].tolist() == ["c low", "a high", None]
    assert drivers.loc[0, ["top_driver_1_log_odds", "top_driver_2_log_odds"]].tolist() == [0.9, 0.5]
    assert np.isnan(drivers.loc[0, "top_driver_3_log_odds"])
    assert drivers.loc[1, ["top_driver_1", "top_driver_2", "top_driver_3"]].isna().all()


# --------------------------------------------------------------------------- MRR change model


@pytest.fixture
def change_history():
    # a: 100 -> 110 -> 110; b: 200 -> 200 -> 180
    panel = _panel({"a": [100, 110, 110], "b": [200, 200, 180]})
    return _frame(["a", "b"], M0, mrr=[100.0, 200.0], health=[80.0, 20.0]), panel


def test_change_rows_are_relative_changes_of_staying_customers(change_history):
    features, panel = change_history
    rows, steps, changes, previous = change_training_rows(features, panel, cutoff=M0 + 2, horizon=12)
    got = sorted(zip(features["customer_id"].to_numpy()[rows], steps, np.round(changes, 12), previous))
    assert got == [("a", 1, 0.1, 100), ("a", 2, 0.0, 110), ("b", 1, 0.0, 200), ("b", 2, -0.1, 200)]


def test_change_model_intercept_is_the_mrr_weighted_mean_change(change_history):
    features, panel = change_history
    model = MrrChangeModel.fit(features, panel, M0 + 2, columns=[], horizon=3, alpha=1e-9, size_bands=1)
    # (100 x 0.1 + 110 x 0 + 200 x 0 + 200 x -0.1) / (100 + 110 + 200 + 200) = -10 / 610
    mean = -10 / 610
    assert model.intercept == pytest.approx(mean)
    np.testing.assert_allclose(model.expected_growth(features.iloc[:1])[0], (1 + mean) ** np.arange(1, 4))


def test_residual_pool_draws_from_the_customers_size_band():
    # rows sorted by MRR and cut in two equal bands: MRR 1 (residuals 1, 2, 3) and MRR 100 (10, 20, 30)
    pool = ResidualPool.build(residuals=np.array([1.0, 2, 3, 10, 20, 30]), changes=np.array([0.0, 0, 0.5, 0, 0, -0.1]),
                              mrr=np.array([1.0, 1, 1, 100, 100, 100]), weights=np.ones(6), bands=2)
    rng = np.random.default_rng(0)
    small, small_changes = pool.draw(rng, np.array([5.0]), 200, 2)
    assert set(np.unique(small)) == {-1.0, 0.0, 1.0}  # centred on the band mean
    assert set(np.unique(small_changes)) == {0.0, 0.5}  # as observed
    large, large_changes = pool.draw(rng, np.array([500.0, 100.0]), 200, 2)
    assert set(np.unique(large)) == {-10.0, 0.0, 10.0}
    # residual and observed change come from the same training row: 30 (centred 10) is the -0.1 row
    np.testing.assert_array_equal(large == 10.0, large_changes == np.float32(-0.1))  # single precision
    assert large.shape == large_changes.shape == (200, 2, 2)
    # more bands than rows: one row per band
    tiny = ResidualPool.build(np.ones(2), np.zeros(2), np.array([1.0, 2.0]), np.ones(2), bands=5)
    assert tiny.band_count.tolist() == [1, 1]
    with pytest.raises(ValueError, match="at least 1"):
        ResidualPool.build(np.ones(2), np.zeros(2), np.ones(2), np.ones(2), bands=0)


def test_residual_pool_keeps_evenly_spaced_rows_of_a_large_band():
    # bands of 3 rows (means 2 and 20) keep 2 rows each: positions 0 and 3 x 1 // 2 = 1 of the band,
    # centred on the whole band's mean; the band edge still comes from all rows
    pool = ResidualPool.build(residuals=np.array([1.0, 2, 3, 10, 20, 30]),
                              changes=np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
                              mrr=np.array([1.0, 1, 1, 100, 100, 100]), weights=np.ones(6), bands=2, rows_per_band=2)
    np.testing.assert_allclose(pool.residuals, [-1.0, 0.0, -10.0, 0.0])
    np.testing.assert_allclose(pool.changes, [0.1, 0.2, 0.4, 0.5])
    assert pool.band_start.tolist() == [0, 2] and pool.band_count.tolist() == [2, 2] and pool.edges.tolist() == [100]
    large, _ = pool.draw(np.random.default_rng(0), np.array([100.0]), 200, 2)
    assert set(np.unique(large)) == {-10.0, 0.0}
    with pytest.raises(ValueError, match="at least 1"):
        ResidualPool.build(np.ones(2), np.zeros(2), np.ones(2), np.ones(2), bands=1, rows_per_band=0)
