{{ config(tags=['model_quality']) }}
-- Health must earn its name (metrics.md): pooled over every judged month,
-- the health score ranks customers who churn within 3 months below those
-- who stay with a ROC AUC of at least 0.70 (0.5 = chance). Returns the
-- overall row when it does not (or when no AUC could be computed).
with

overall as (
    select
        auc_health_score,
        churned_customers,
        scored_customers
    from {{ ref('health_score_validation') }}
    where is_overall and health_band = 'all'
),

checked as (
    select
        auc_health_score,
        churned_customers,
        scored_customers
    from overall
    union all
    -- no overall row at all also fails
    select
        null as auc_health_score,
        0 as churned_customers,
        0 as scored_customers
    where not exists (select 1 from overall)
)

select *
from checked
where not coalesce(auc_health_score >= 0.70, false)
