"""ROC AUC of a health score for an event such as churn, where a lower score means a higher risk.

AUC = P(score of a churner < score of a stayer) + 1/2 P(tie), computed as the
Mann-Whitney U statistic with average ranks for ties, exactly like the SQL model
``int_health_score_auc``:

    rank every row by score, highest first (1 = safest), ties get their average rank;
    AUC = (sum of churners' ranks - n1 (n1 + 1) / 2) / (n1 n0)

with n1 churners and n0 stayers. 0.5 is chance, 1.0 a perfect ranking.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def auc_lower_is_riskier(scores, churned) -> float | None:
    """AUC of `scores` for `churned` (booleans); rows with a missing score are ignored.

    Returns None when there is no churner or no stayer (the AUC is undefined).
    """
    scores = np.asarray(scores, dtype=float)
    churned = np.asarray(churned, dtype=bool)
    if scores.shape != churned.shape:
        raise ValueError(f"scores and churned differ in shape: {scores.shape} vs {churned.shape}")
    present = ~np.isnan(scores)
    scores, churned = scores[present], churned[present]
    churners = int(churned.sum())
    stayers = int((~churned).sum())
    if churners == 0 or stayers == 0:
        return None
    ranks = rankdata(-scores, method="average")
    u_statistic = ranks[churned].sum() - churners * (churners + 1) / 2.0
    return float(u_statistic / (churners * stayers))
