{#
  The cohort triangle: one row per acquisition cohort (customers whose first
  paid month is cohort_month) and month since the start, from 0 (the
  cohort's first month) up to the as-of month.
    logo_retention = retained_customers / cohort_customers
    net_mrr_retention (NRR) = cohort MRR in the month / cohort_starting_mrr
    gross_mrr_retention = sum of min(MRR in the month, own starting MRR)
                          / cohort_starting_mrr  (<= 1)
  A customer stays in its first cohort for life: after churning and coming
  back it counts as retained again, with its new MRR.
#}
with

customer_months as (
    select
        customer_id,
        month,
        mrr,
        first_paid_month
    from {{ ref('customer_mrr_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

cohort_members as (
    select
        customer_id,
        first_paid_month as cohort_month,
        mrr as starting_mrr
    from customer_months
    where month = first_paid_month
),

cohorts as (
    select
        cohort_month,
        count(*) as cohort_customers,
        sum(starting_mrr) as cohort_starting_mrr
    from cohort_members
    group by cohort_month
),

member_months as (
    select
        cohort_members.cohort_month,
        customer_months.month,
        count(case when customer_months.mrr > 0 then 1 end) as retained_customers,
        sum(customer_months.mrr) as mrr,
        sum(
            case
                when customer_months.mrr < cohort_members.starting_mrr then customer_months.mrr
                else cohort_members.starting_mrr
            end
        ) as retained_mrr
    from cohort_members
    inner join customer_months on cohort_members.customer_id = customer_months.customer_id
    group by cohort_members.cohort_month, customer_months.month
),

cells as (
    select
        cohorts.cohort_month,
        reporting_months.month,
        cohorts.cohort_customers,
        cohorts.cohort_starting_mrr,
        {{ dbt.datediff('cohorts.cohort_month', 'reporting_months.month', 'month') }} as months_since_start -- noqa: LT05
    from cohorts
    inner join reporting_months on cohorts.cohort_month <= reporting_months.month
),

filled as (
    select
        cells.cohort_month,
        cells.months_since_start,
        cells.month,
        cells.cohort_customers,
        cells.cohort_starting_mrr,
        coalesce(member_months.retained_customers, 0) as retained_customers,
        coalesce(member_months.mrr, 0) as mrr,
        coalesce(member_months.retained_mrr, 0) as retained_mrr
    from cells
    left join member_months
        on
            cells.cohort_month = member_months.cohort_month
            and cells.month = member_months.month
)

select
    cohort_month,
    months_since_start,
    month,
    cohort_customers,
    retained_customers,
    {{ safe_divide('retained_customers', 'cohort_customers') }} as logo_retention,
    cohort_starting_mrr,
    mrr,
    retained_mrr,
    {{ safe_divide('mrr', 'cohort_starting_mrr') }} as net_mrr_retention,
    {{ safe_divide('retained_mrr', 'cohort_starting_mrr') }} as gross_mrr_retention
from filled
