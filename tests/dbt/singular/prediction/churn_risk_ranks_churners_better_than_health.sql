{{ config(enabled=target.type == 'duckdb', tags=['model_quality']) }}
-- The churn model must add something to the health score it is built on:
-- pooled over every validated month (churn_risk_validation, overall rows),
-- its 3-month churn probability ranks churners above stayers better than the
-- health score does on the same rows, and for both horizons its ROC AUC is
-- at least 0.70. Returns the failing horizon (or none judged).
with

overall as (
    select
        horizon_months,
        auc_churn_risk,
        auc_health_score
    from {{ ref('churn_risk_validation') }}
    where is_overall
),

expected as (
    select 3 as horizon_months
    union all
    select 12 as horizon_months
)

select
    expected.horizon_months,
    overall.auc_churn_risk,
    overall.auc_health_score
from expected
left join overall on expected.horizon_months = overall.horizon_months
where
    not coalesce(overall.auc_churn_risk >= 0.70, false)
    or (expected.horizon_months = 3 and not coalesce(overall.auc_churn_risk > overall.auc_health_score, false))
