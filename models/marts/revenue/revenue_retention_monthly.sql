{#
  Trailing-twelve-month net and gross revenue retention (metrics.md "NRR and
  GRR, trailing twelve months"). The cohort of month M is every customer
  active in M-12; its MRR in M is compared with its MRR in M-12. GRR caps
  each customer at its M-12 MRR, so it is never above 1. Months whose M-12
  is before the first reported month have no cohort and null ratios.
#}
with

customer_months as (
    select * from {{ ref('customer_mrr_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

cohort_members as (
    select
        {{ add_months('base.month', 12) }} as month,
        base.customer_id,
        base.mrr as base_mrr,
        coalesce(later.mrr, 0) as current_mrr
    from customer_months as base
    left join customer_months as later
        on
            base.customer_id = later.customer_id
            and later.month = {{ add_months('base.month', 12) }}
    where base.is_active
),

cohorts as (
    select
        month,
        count(*) as cohort_customers,
        sum(base_mrr) as cohort_starting_mrr,
        sum(current_mrr) as cohort_current_mrr,
        sum(case when current_mrr < base_mrr then current_mrr else base_mrr end) as cohort_retained_mrr,
        count(case when current_mrr > 0 then 1 end) as cohort_retained_customers
    from cohort_members
    group by month
),

first_reported_month as (
    select min(month) as month from reporting_months
),

cohort_months as (
    select
        reporting_months.month,
        {{ add_months('reporting_months.month', -12) }} as cohort_month,
        {{ add_months('reporting_months.month', -12) }} >= first_reported_month.month as has_cohort
    from reporting_months
    cross join first_reported_month
)

select
    cohort_months.month,
    cohort_months.cohort_month,
    case when cohort_months.has_cohort then coalesce(cohorts.cohort_customers, 0) end as cohort_customers,
    case when cohort_months.has_cohort then coalesce(cohorts.cohort_retained_customers, 0) end
        as cohort_retained_customers,
    case when cohort_months.has_cohort then coalesce(cohorts.cohort_starting_mrr, 0) end as cohort_starting_mrr,
    case when cohort_months.has_cohort then coalesce(cohorts.cohort_current_mrr, 0) end as cohort_current_mrr,
    case when cohort_months.has_cohort then coalesce(cohorts.cohort_retained_mrr, 0) end as cohort_retained_mrr,
    {{ safe_divide('cohorts.cohort_current_mrr', 'cohorts.cohort_starting_mrr') }} as nrr_12m,
    {{ safe_divide('cohorts.cohort_retained_mrr', 'cohorts.cohort_starting_mrr') }} as grr_12m
from cohort_months
left join cohorts on cohort_months.month = cohorts.month
