"""saas_retention.health.auc: AUC where a lower score means a higher risk, on hand-made examples."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from saas_retention.health.auc import auc_lower_is_riskier


def test_two_churners_three_stayers_with_a_tie():
    # Churners 10 and 30, stayers 30, 50, 70. Of the 2 x 3 pairs the churner
    # scores lower in 5 and ties in 1 (30 vs 30): AUC = 5.5 / 6.
    # Same as the dbt unit test auc_is_mann_whitney_with_average_ranks.
    assert auc_lower_is_riskier([10, 30, 30, 50, 70], [True, True, False, False, False]) == pytest.approx(5.5 / 6)


@pytest.mark.parametrize(
    ("scores", "churned", "expected"),
    [
        ([10, 20, 80, 90], [True, True, False, False], 1.0),  # every churner below every stayer
        ([80, 90, 10, 20], [True, True, False, False], 0.0),  # the score ranks backwards
        ([50, 50, 50, 50], [True, False, True, False], 0.5),  # all ties: chance
        ([10, 60, 40, 90], [True, True, False, False], 0.75),  # pairs won: 10<40, 10<90, 60<90 = 3 of 4
    ],
)
def test_hand_computed_values(scores, churned, expected):
    assert auc_lower_is_riskier(scores, churned) == pytest.approx(expected)


def test_missing_scores_are_ignored():
    assert auc_lower_is_riskier([10, np.nan, 90], [True, True, False]) == pytest.approx(1.0)


def test_undefined_without_churners_or_stayers():
    assert auc_lower_is_riskier([10, 20], [False, False]) is None
    assert auc_lower_is_riskier([10, 20], [True, True]) is None
    assert auc_lower_is_riskier([np.nan, 20], [True, False]) is None


def test_shapes_must_match():
    with pytest.raises(ValueError, match="shape"):
        auc_lower_is_riskier([1, 2, 3], [True, False])


def test_agrees_with_scikit_learn_on_random_scores_with_ties():
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 20, 500).astype(float)
    churned = rng.random(500) < 0.2 + 0.02 * (20 - scores)
    assert auc_lower_is_riskier(scores, churned) == pytest.approx(roc_auc_score(churned, -scores))
