-- Help usage covers every paying customer-month once and the outcome groups
-- add up: help_content_usage_monthly has a row for every active month of
-- customer_mrr_monthly, help_usage_outcomes' heavy and not_heavy customers
-- of a month are exactly that month's flagged and unflagged rows, and the
-- overall rows count the customer-months of the closed months. Returns the
-- months (month null = overall) whose counts disagree.
with

paying_months as (
    select
        month,
        count(*) as customers
    from {{ ref('customer_mrr_monthly') }}
    where is_active
    group by month
),

usage_months as (
    select
        month,
        count(*) as customers,
        count(case when is_heavy_help_use then 1 end) as heavy_customers
    from {{ ref('help_content_usage_monthly') }}
    group by month
),

outcome_months as (
    select
        month,
        max(case when is_outcome_window_closed then 1 else 0 end) as is_closed,
        sum(customers) as customers,
        sum(case when help_use = 'heavy' then customers else 0 end) as heavy_customers
    from {{ ref('help_usage_outcomes') }}
    where not is_overall
    group by month
),

monthly_mismatches as (
    select
        coalesce(paying_months.month, usage_months.month, outcome_months.month) as month,
        paying_months.customers as paying_customers,
        usage_months.customers as usage_customers,
        outcome_months.customers as outcome_customers,
        usage_months.heavy_customers as usage_heavy_customers,
        outcome_months.heavy_customers as outcome_heavy_customers
    from paying_months
    full outer join usage_months on paying_months.month = usage_months.month
    full outer join outcome_months on coalesce(paying_months.month, usage_months.month) = outcome_months.month
    where
        not coalesce(
            paying_months.customers = usage_months.customers
            and usage_months.customers = outcome_months.customers
            and usage_months.heavy_customers = outcome_months.heavy_customers,
            false
        )
),

overall as (
    select
        sum(customers) as customers,
        sum(case when help_use = 'heavy' then customers else 0 end) as heavy_customers
    from {{ ref('help_usage_outcomes') }}
    where is_overall
),

closed_months as (
    select
        sum(customers) as customers,
        sum(heavy_customers) as heavy_customers
    from outcome_months
    where is_closed = 1
),

overall_mismatch as (
    select
        cast(null as date) as month,
        cast(null as {{ dbt.type_bigint() }}) as paying_customers,
        cast(null as {{ dbt.type_bigint() }}) as usage_customers,
        overall.customers as outcome_customers,
        closed_months.heavy_customers as usage_heavy_customers,
        overall.heavy_customers as outcome_heavy_customers
    from overall
    cross join closed_months
    where
        not coalesce(
            overall.customers = closed_months.customers and overall.heavy_customers = closed_months.heavy_customers,
            closed_months.customers is null and overall.customers = 0
        )
)

select * from monthly_mismatches
union all
select * from overall_mismatch
