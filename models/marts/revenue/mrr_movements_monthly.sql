{#
  One row per month: the MRR bridge from starting to ending MRR, customer
  counts and the monthly rates of metrics.md "Rates (month M)".
  ending = starting + new + reactivation + expansion - contraction - churned.
#}
with

customer_months as (
    select * from {{ ref('customer_mrr_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

monthly_totals as (
    select
        month,
        sum(previous_mrr) as starting_mrr,
        sum(case when movement = 'new' then mrr_change else 0 end) as new_mrr,
        sum(case when movement = 'reactivation' then mrr_change else 0 end) as reactivation_mrr,
        sum(case when movement = 'expansion' then mrr_change else 0 end) as expansion_mrr,
        sum(case when movement = 'contraction' then -mrr_change else 0 end) as contraction_mrr,
        sum(case when movement = 'churn' then previous_mrr else 0 end) as churned_mrr,
        sum(mrr) as ending_mrr,
        count(case when previous_mrr > 0 then 1 end) as starting_customers,
        count(case when movement = 'new' then 1 end) as new_customers,
        count(case when movement = 'reactivation' then 1 end) as reactivated_customers,
        count(case when movement = 'expansion' then 1 end) as expanded_customers,
        count(case when movement = 'contraction' then 1 end) as contracted_customers,
        count(case when movement = 'churn' then 1 end) as churned_customers,
        count(case when mrr > 0 then 1 end) as ending_customers
    from customer_months
    group by month
),

every_month as (
    select
        reporting_months.month,
        coalesce(monthly_totals.starting_mrr, 0) as starting_mrr,
        coalesce(monthly_totals.new_mrr, 0) as new_mrr,
        coalesce(monthly_totals.reactivation_mrr, 0) as reactivation_mrr,
        coalesce(monthly_totals.expansion_mrr, 0) as expansion_mrr,
        coalesce(monthly_totals.contraction_mrr, 0) as contraction_mrr,
        coalesce(monthly_totals.churned_mrr, 0) as churned_mrr,
        coalesce(monthly_totals.ending_mrr, 0) as ending_mrr,
        coalesce(monthly_totals.starting_customers, 0) as starting_customers,
        coalesce(monthly_totals.new_customers, 0) as new_customers,
        coalesce(monthly_totals.reactivated_customers, 0) as reactivated_customers,
        coalesce(monthly_totals.expanded_customers, 0) as expanded_customers,
        coalesce(monthly_totals.contracted_customers, 0) as contracted_customers,
        coalesce(monthly_totals.churned_customers, 0) as churned_customers,
        coalesce(monthly_totals.ending_customers, 0) as ending_customers
    from reporting_months
    left join monthly_totals on reporting_months.month = monthly_totals.month
)

select
    month,
    starting_mrr,
    new_mrr,
    reactivation_mrr,
    expansion_mrr,
    contraction_mrr,
    churned_mrr,
    ending_mrr,
    new_mrr + reactivation_mrr + expansion_mrr - contraction_mrr - churned_mrr as net_new_mrr,
    12 * ending_mrr as ending_arr,
    starting_customers,
    new_customers,
    reactivated_customers,
    expanded_customers,
    contracted_customers,
    churned_customers,
    ending_customers,
    {{ safe_divide('ending_mrr', 'ending_customers') }} as arpa,
    {{ safe_divide('churned_customers', 'starting_customers') }} as logo_churn_rate,
    {{ safe_divide('churned_mrr + contraction_mrr', 'starting_mrr') }} as gross_mrr_churn_rate,
    {{ safe_divide('churned_mrr + contraction_mrr - expansion_mrr', 'starting_mrr') }} as net_mrr_churn_rate,
    {{ safe_divide('new_mrr + reactivation_mrr + expansion_mrr', 'churned_mrr + contraction_mrr') }} as quick_ratio,
    {{ safe_divide('starting_mrr + expansion_mrr - contraction_mrr - churned_mrr', 'starting_mrr') }} as nrr_monthly,
    {{ safe_divide('starting_mrr - contraction_mrr - churned_mrr', 'starting_mrr') }} as grr_monthly
from every_month
