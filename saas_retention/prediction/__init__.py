"""Prediction from revenue and customer-health data (metrics.md "NRR forecast", "CLV and costs").

* :mod:`saas_retention.prediction.panel` - the customer x month MRR matrix and what happened
  in the months after each customer-month (churn step, MRR changes), known only up to a cutoff.
* :mod:`saas_retention.prediction.features` - the feature frame of every active customer-month
  (revenue, plan term, segment, health components, their trends, support, surveys).
* :mod:`saas_retention.prediction.design` - customer-month x month-ahead training rows, their
  standardised design, the penalised logistic / weighted ridge fits and clustered covariance.
* :mod:`saas_retention.prediction.churn_model` - discrete-time churn hazard (logistic
  regression on customer-month x month-ahead rows): P(churn within h months), drivers.
* :mod:`saas_retention.prediction.mrr_model` - expected month-on-month MRR change of a
  retained customer (ridge regression), for the expected MRR 12 months later.
* :mod:`saas_retention.prediction.nrr_forecast` - customer-level expected MRR in T+12 summed
  into the NRR forecast, its 80 % interval by simulation, and the backtest over past cutoffs.
* :mod:`saas_retention.prediction.churn_risk` - churn risk per customer-month, each month
  scored by models trained on what was known then, and its validation (AUC).
* :mod:`saas_retention.prediction.cohort_clv` - sBG retention and CLV per acquisition cohort.
* :mod:`saas_retention.prediction.inputs` - the feature sets and the frames the dbt models pass in.
* :mod:`saas_retention.prediction.incremental` - which months an incremental model recomputes.

Every model that scores month T is trained only on outcomes known at the end of T.
"""
