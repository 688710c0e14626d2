"""saas_retention.health.weights: the nested health score and weights fitted on history."""

import numpy as np
import pandas as pd
import pytest

from saas_retention.health.weights import (
    COMPONENTS,
    HealthWeights,
    fit_effective_weights,
    impute_with_row_mean,
    weighted_mean_of_available,
)

NAN = np.nan


def _components(rows):
    return pd.DataFrame(rows, columns=[f"{name}_score" for name in COMPONENTS])


def test_weighted_mean_renormalises_over_present_values():
    values = np.array([[80, NAN, 40], [NAN, NAN, NAN], [10, 20, 30]])
    result = weighted_mean_of_available(values, [1, 1, 2])
    # (80 + 2 x 40) / 3; nothing present -> NaN; (10 + 20 + 60) / 4
    assert result[0] == pytest.approx(160 / 3)
    assert np.isnan(result[1])
    assert result[2] == pytest.approx(22.5)


def test_score_matches_the_dbt_unit_test_of_customer_health_monthly():
    # Same numbers as health_combines_components_with_renormalised_weights_and_bands:
    # outcome (80 + 60 + 2 x 40) / 4 = 55 (roi missing), health (3 x 55 + 20) / 4 = 46.25;
    # only adoption 60 -> 60; exactly 75 everywhere -> 75.
    weights = HealthWeights(
        outcome={"deployment": 1, "engagement": 1, "adoption": 2, "roi": 4},
        health={"outcome": 3, "experience": 1},
    )
    scores = weights.score(_components([[80, 60, 40, NAN, 20], [NAN, NAN, 60, NAN, NAN], [75] * 5]))
    assert scores == pytest.approx([46.25, 60, 75])


def test_effective_weights_multiply_the_two_levels():
    weights = HealthWeights(
        outcome={"deployment": 0.15, "engagement": 0.15, "adoption": 0.5, "roi": 0.2},
        health={"outcome": 0.7, "experience": 0.3},
    )
    effective = weights.effective()
    assert effective == pytest.approx(
        {"deployment": 0.105, "engagement": 0.105, "adoption": 0.35, "roi": 0.14, "experience": 0.3}
    )
    again = HealthWeights.from_effective(effective)
    assert again.outcome == pytest.approx(weights.outcome)
    assert again.health == pytest.approx(weights.health)


def test_effective_weights_give_the_nested_score_when_nothing_is_missing():
    rng = np.random.default_rng(1)
    frame = _components(rng.uniform(0, 100, (20, 5)))
    weights = HealthWeights.from_effective(
        {"deployment": 0.2, "engagement": 0.1, "adoption": 0.4, "roi": 0.1, "experience": 0.2}
    )
    flat = frame.to_numpy() @ np.array([0.2, 0.1, 0.4, 0.1, 0.2])
    assert weights.score(frame) == pytest.approx(flat)


@pytest.mark.parametrize(
    ("outcome", "health", "message"),
    [
        ({"deployment": 1, "engagement": 1, "adoption": 1}, {"outcome": 1, "experience": 1}, "outcome weights"),
        ({"deployment": 1, "engagement": 1, "adoption": 1, "roi": -1}, {"outcome": 1, "experience": 1}, ">= 0"),
        ({"deployment": 0, "engagement": 0, "adoption": 0, "roi": 0}, {"outcome": 1, "experience": 1}, "all be 0"),
        ({"deployment": 1, "engagement": 1, "adoption": 1, "roi": 1}, {"outcome": 1}, "health weights"),
    ],
)
def test_invalid_weights_are_rejected(outcome, health, message):
    with pytest.raises(ValueError, match=message):
        HealthWeights(outcome=outcome, health=health)


def test_missing_components_are_imputed_with_the_row_mean():
    imputed = impute_with_row_mean(np.array([[80, NAN, 40], [NAN, NAN, NAN]]))
    assert imputed.tolist() == [[80, 60, 40], [50, 50, 50]]


def test_fit_puts_the_weight_on_the_component_that_predicts_churn():
    # Churn depends on adoption only; the other components are noise.
    rng = np.random.default_rng(7)
    n = 4000
    frame = _components(rng.uniform(0, 100, (n, 5)))
    churned = rng.random(n) < 1 / (1 + np.exp(-(2.0 - 0.08 * frame["adoption_score"])))
    weights = fit_effective_weights(frame, churned)
    assert sum(weights.values()) == pytest.approx(1.0)
    assert min(weights.values()) >= 0
    assert weights["adoption"] > 0.8
    assert max(weights, key=weights.get) == "adoption"


def test_a_component_with_the_wrong_sign_gets_no_weight():
    # Churn rises with engagement here: its coefficient is floored at 0.
    rng = np.random.default_rng(8)
    n = 4000
    frame = _components(rng.uniform(0, 100, (n, 5)))
    logit = -1.0 - 0.05 * frame["adoption_score"] + 0.05 * frame["engagement_score"]
    churned = rng.random(n) < 1 / (1 + np.exp(-logit))
    weights = fit_effective_weights(frame, churned)
    assert weights["engagement"] == 0
    assert weights["adoption"] > 0.5


def test_no_fit_without_both_outcomes():
    frame = _components(np.full((4, 5), 50.0))
    assert fit_effective_weights(frame, [False] * 4) is None
    assert fit_effective_weights(frame, [True] * 4) is None
