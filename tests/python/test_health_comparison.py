"""saas_retention.health.comparison: configured vs fitted weights on an expanding window."""

import numpy as np
import pandas as pd
import pytest

from saas_retention.health.comparison import (
    OUTPUT_COLUMNS, check_configured_scores, compare_weights, fits_of_rows,
)
from saas_retention.health.weights import COMPONENTS, HealthWeights

EQUAL = HealthWeights(
    outcome={"deployment": 1, "engagement": 1, "adoption": 1, "roi": 1}, health={"outcome": 4, "experience": 1}
)


def _history(months=8, customers=300, seed=5):
    """Customer-months whose churn is driven by adoption alone; health_score from EQUAL weights."""
    rng = np.random.default_rng(seed)
    frames = []
    for month in pd.date_range("2024-01-01", periods=months, freq="MS"):
        scores = rng.uniform(0, 100, (customers, 5))
        frame = pd.DataFrame(scores, columns=[f"{name}_score" for name in COMPONENTS])
        frame["month"] = month
        frame["churned"] = rng.random(customers) < 1 / (1 + np.exp(-(1.0 - 0.07 * frame["adoption_score"])))
        frames.append(frame)
    history = pd.concat(frames, ignore_index=True)
    history["health_score"] = EQUAL.score(history)
    return history


def test_each_month_trains_only_on_months_whose_outcome_was_known():
    history = _history()
    result = compare_weights(history, EQUAL, horizon_months=3, min_training_churners=10)
    assert list(result.columns) == OUTPUT_COLUMNS
    monthly = result[~result["is_overall"]].reset_index(drop=True)
    # Month k (0-based) trains on months 0..k-3: 0, 0, 0, 300, 600, ... rows.
    assert monthly["training_rows"].tolist() == [0, 0, 0, 300, 600, 900, 1200, 1500]
    assert monthly["fitted_auc"].isna().tolist() == [True, True, True, False, False, False, False, False]
    assert monthly["scored_rows"].tolist() == [300] * 8


def test_fitted_weights_beat_equal_weights_when_one_component_drives_churn():
    result = compare_weights(_history(), EQUAL, horizon_months=3, min_training_churners=10)
    overall = result[result["is_overall"]].iloc[0]
    assert overall["scored_rows"] == 1500  # the five months that had a fit
    assert overall["training_rows"] == 2400  # the candidate default is fitted on all history
    assert overall["fitted_auc"] > overall["configured_auc"] + 0.05
    assert overall["fitted_weight_adoption"] > 0.8
    weights = [overall[f"fitted_weight_{name}"] for name in COMPONENTS]
    assert sum(weights) == pytest.approx(1.0)
    assert overall["configured_weight_experience"] == pytest.approx(0.2)


def test_too_few_churners_means_no_fit():
    result = compare_weights(_history(), EQUAL, horizon_months=3, min_training_churners=100_000)
    assert result["fitted_auc"].isna().all()
    overall = result[result["is_overall"]].iloc[0]
    assert overall["scored_rows"] == 0


def test_a_health_score_that_does_not_follow_the_configured_weights_is_an_error():
    history = _history(months=1, customers=5)
    history.loc[2, "health_score"] += 1.0
    with pytest.raises(ValueError, match="row 2"):
        check_configured_scores(history, EQUAL)


def test_known_fits_are_reused_and_other_months_fitted():
    history = _history()
    full = compare_weights(history, EQUAL, horizon_months=3, min_training_churners=10)
    known = fits_of_rows(full[full["month"] < pd.Timestamp("2024-06-01")])
    assert known[pd.Timestamp("2024-01-01")] is None and known[pd.Timestamp("2024-04-01")] is not None
    assert compare_weights(history, EQUAL, 3, 10, known_fits=known).equals(full)
    # A stored fit is used as it is, not refitted.
    known[pd.Timestamp("2024-04-01")] = {name: float(name == "deployment") for name in COMPONENTS}
    reused = compare_weights(history, EQUAL, 3, 10, known_fits=known).set_index("month")
    assert reused.loc[pd.Timestamp("2024-04-01"), "fitted_weight_deployment"] == 1.0
    assert reused.loc[pd.Timestamp("2024-05-01"), "fitted_weight_deployment"] < 1.0
