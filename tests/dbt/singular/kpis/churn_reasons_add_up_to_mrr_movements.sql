-- Every churn is attributed to exactly one reason: each month, the `all` row
-- of churn_reasons_monthly equals the churn of mrr_movements_monthly, and
-- the reasons add up to the `all` row. Returns the months that break it.
with

reasons as (
    select * from {{ ref('churn_reasons_monthly') }}
),

movements as (
    select
        month,
        churned_customers,
        churned_mrr
    from {{ ref('mrr_movements_monthly') }}
),

reason_sums as (
    select
        month,
        sum(case when churn_reason = 'all' then churned_customers else 0 end) as all_customers,
        sum(case when churn_reason = 'all' then churned_mrr else 0 end) as all_mrr,
        sum(case when churn_reason = 'all' then involuntary_churned_customers else 0 end) as all_involuntary,
        sum(case when churn_reason != 'all' then churned_customers else 0 end) as reason_customers,
        sum(case when churn_reason != 'all' then churned_mrr else 0 end) as reason_mrr,
        sum(case when churn_reason != 'all' then involuntary_churned_customers else 0 end) as reason_involuntary
    from reasons
    group by month
),

compared as (
    select
        movements.month,
        movements.churned_customers,
        movements.churned_mrr,
        reason_sums.all_customers,
        reason_sums.all_mrr,
        reason_sums.reason_customers,
        reason_sums.reason_mrr,
        reason_sums.all_involuntary,
        reason_sums.reason_involuntary
    from movements
    left join reason_sums on movements.month = reason_sums.month
)

select *
from compared
where
    coalesce(all_customers != churned_customers, true)
    or coalesce(abs(all_mrr - churned_mrr) >= 0.01, true)
    or reason_customers != all_customers
    or abs(reason_mrr - all_mrr) >= 0.01
    or reason_involuntary != all_involuntary
