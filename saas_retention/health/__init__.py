"""Customer health helpers used by the dbt Python models (metrics.md "DEAR customer health").

* :mod:`saas_retention.health.auc` - ROC AUC of a score where a lower score means a higher risk.
* :mod:`saas_retention.health.weights` - the nested weighted health score and weights fitted
  on history by logistic regression.
* :mod:`saas_retention.health.comparison` - configured vs fitted weights, month by month on an
  expanding window (no look-ahead).
"""
