-- Every active customer belongs to exactly one cohort: each month, the
-- cohorts' MRR and retained customers add up to mrr_movements_monthly's
-- ending_mrr and ending_customers. Returns the months that break it.
with

cohort_totals as (
    select
        month,
        sum(mrr) as cohort_mrr,
        sum(retained_customers) as cohort_customers
    from {{ ref('revenue_cohorts') }}
    group by month
),

movements as (
    select
        month,
        ending_mrr,
        ending_customers
    from {{ ref('mrr_movements_monthly') }}
)

select
    movements.month,
    movements.ending_mrr,
    movements.ending_customers,
    cohort_totals.cohort_mrr,
    cohort_totals.cohort_customers
from movements
left join cohort_totals on movements.month = cohort_totals.month
where
    abs(coalesce(cohort_totals.cohort_mrr, 0) - movements.ending_mrr) >= 0.01
    or coalesce(cohort_totals.cohort_customers, 0) != movements.ending_customers
