{#
  Churned customers and churned MRR per month and churn reason, with the
  involuntary part (see churn_events) and shares. Every reporting month has a
  row for each reason found in the cancellations, for `unknown`, and for
  `all` (the month's total, equal to mrr_movements_monthly's churn).
    share_of_churned_* = this reason / all reasons of the month
    involuntary_share_of_churned_* = involuntary / churned, within the row
    logo_churn_rate = churned_customers / starting_customers of the month
    mrr_churn_rate = churned_mrr / starting_mrr of the month
#}
with

churns as (
    select * from {{ ref('churn_events') }}
),

months as (
    select
        month,
        starting_customers,
        starting_mrr
    from {{ ref('mrr_movements_monthly') }}
),

reasons as (
    select distinct coalesce(reason, 'unknown') as churn_reason
    from {{ ref('int_subscription_cancellations_validated') }}
    union
    select 'unknown' as churn_reason
    union
    select 'all' as churn_reason
),

churns_with_total as (
    select
        month,
        churn_reason,
        churned_mrr,
        is_involuntary,
        has_cancellation
    from churns
    union all
    select
        month,
        'all' as churn_reason,
        churned_mrr,
        is_involuntary,
        has_cancellation
    from churns
),

churn_totals as (
    select
        month,
        churn_reason,
        count(*) as churned_customers,
        sum(churned_mrr) as churned_mrr,
        count(case when is_involuntary then 1 end) as involuntary_churned_customers,
        sum(case when is_involuntary then churned_mrr else 0 end) as involuntary_churned_mrr,
        count(case when not has_cancellation then 1 end) as churns_without_cancellation
    from churns_with_total
    group by month, churn_reason
),

month_reasons as (
    select
        months.month,
        reasons.churn_reason,
        months.starting_customers,
        months.starting_mrr,
        coalesce(churn_totals.churned_customers, 0) as churned_customers,
        coalesce(churn_totals.churned_mrr, 0) as churned_mrr,
        coalesce(churn_totals.involuntary_churned_customers, 0) as involuntary_churned_customers,
        coalesce(churn_totals.involuntary_churned_mrr, 0) as involuntary_churned_mrr,
        coalesce(churn_totals.churns_without_cancellation, 0) as churns_without_cancellation
    from months
    cross join reasons
    left join churn_totals
        on
            months.month = churn_totals.month
            and reasons.churn_reason = churn_totals.churn_reason
),

with_month_totals as (
    select
        month_reasons.*,
        month_totals.churned_customers as month_churned_customers,
        month_totals.churned_mrr as month_churned_mrr
    from month_reasons
    inner join month_reasons as month_totals
        on
            month_reasons.month = month_totals.month
            and month_totals.churn_reason = 'all'
)

select
    month,
    churn_reason,
    churned_customers,
    churned_mrr,
    involuntary_churned_customers,
    involuntary_churned_mrr,
    churns_without_cancellation,
    {{ safe_divide('churned_customers', 'month_churned_customers') }} as share_of_churned_customers,
    {{ safe_divide('churned_mrr', 'month_churned_mrr') }} as share_of_churned_mrr,
    {{ safe_divide('involuntary_churned_customers', 'churned_customers') }} as involuntary_share_of_churned_customers,
    {{ safe_divide('involuntary_churned_mrr', 'churned_mrr') }} as involuntary_share_of_churned_mrr,
    {{ safe_divide('churned_customers', 'starting_customers') }} as logo_churn_rate,
    {{ safe_divide('churned_mrr', 'starting_mrr') }} as mrr_churn_rate
from with_month_totals
