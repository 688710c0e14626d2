{#
  CAC, CLV, LTV:CAC, CAC payback and retention cost per month, for every
  acquisition channel and overall (`acquisition_channel = 'all'`), following
  metrics.md "CLV and costs":
    CAC = marketing spend / new customers, both over the trailing 12 months
    annual logo churn = 1 - (1 - mean monthly logo churn, trailing 12 months)^12
    lifetime (years) = 1 / annual logo churn
    annual revenue per customer = 12 x ARPA x gross_margin
    lifetime value = annual revenue per customer x lifetime
    CLV = lifetime value - CAC
    LTV:CAC = lifetime value / CAC
    CAC payback (months) = CAC / (ARPA x gross_margin)
    retention cost per customer = CS costs of the month / active customers
#}
{%- set gross_margin = var('gross_margin') -%}

with

customer_channels as (
    select
        customer_id,
        acquisition_channel
    from {{ ref('customers') }}
),

customer_months as (
    select
        customer_months.*,
        customer_channels.acquisition_channel
    from {{ ref('customer_mrr_monthly') }} as customer_months
    inner join customer_channels on customer_months.customer_id = customer_channels.customer_id
),

calendar as (
    select month from {{ ref('int_calendar_months') }}
),

costs as (
    select * from {{ ref('int_finance_costs_monthly') }}
),

channels as (
    select acquisition_channel from customer_channels
    union
    select acquisition_channel from costs
    where cost_category = 'marketing'
),

activity_by_channel as (
    select
        month,
        acquisition_channel,
        count(case when movement = 'new' then 1 end) as new_customers,
        count(case when previous_mrr > 0 then 1 end) as starting_customers,
        count(case when movement = 'churn' then 1 end) as churned_customers,
        count(case when mrr > 0 then 1 end) as active_customers,
        sum(mrr) as ending_mrr
    from customer_months
    group by month, acquisition_channel
),

spend_by_channel as (
    select
        month,
        acquisition_channel,
        sum(amount) as marketing_spend
    from costs
    where cost_category = 'marketing'
    group by month, acquisition_channel
),

channel_months as (
    select
        calendar.month,
        channels.acquisition_channel,
        coalesce(activity_by_channel.new_customers, 0) as new_customers,
        coalesce(activity_by_channel.starting_customers, 0) as starting_customers,
        coalesce(activity_by_channel.churned_customers, 0) as churned_customers,
        coalesce(activity_by_channel.active_customers, 0) as active_customers,
        coalesce(activity_by_channel.ending_mrr, 0) as ending_mrr,
        coalesce(spend_by_channel.marketing_spend, 0) as marketing_spend,
        cast(null as {{ type_double() }}) as cs_costs
    from calendar
    cross join channels
    left join activity_by_channel
        on
            calendar.month = activity_by_channel.month
            and channels.acquisition_channel = activity_by_channel.acquisition_channel
    left join spend_by_channel
        on
            calendar.month = spend_by_channel.month
            and channels.acquisition_channel = spend_by_channel.acquisition_channel
),

customer_success_costs as (
    select
        month,
        sum(amount) as cs_costs
    from costs
    where cost_category = 'customer_success'
    group by month
),

business_months as (
    select
        channel_months.month,
        'all' as acquisition_channel,
        sum(channel_months.new_customers) as new_customers,
        sum(channel_months.starting_customers) as starting_customers,
        sum(channel_months.churned_customers) as churned_customers,
        sum(channel_months.active_customers) as active_customers,
        sum(channel_months.ending_mrr) as ending_mrr,
        sum(channel_months.marketing_spend) as marketing_spend,
        max(customer_success_costs.cs_costs) as cs_costs
    from channel_months
    left join customer_success_costs on channel_months.month = customer_success_costs.month
    group by channel_months.month
),

all_months as (
    select * from channel_months
    union all
    select * from business_months
),

with_churn_rate as (
    select
        month,
        acquisition_channel,
        cast(new_customers as {{ dbt.type_bigint() }}) as new_customers,
        cast(active_customers as {{ dbt.type_bigint() }}) as active_customers,
        ending_mrr,
        marketing_spend,
        cs_costs,
        {{ safe_divide('churned_customers', 'starting_customers') }} as logo_churn_rate
    from all_months
),

trailing_twelve_months as (
    select
        *,
        sum(marketing_spend) over trailing_year as marketing_spend_12m,
        cast(sum(new_customers) over trailing_year as {{ dbt.type_bigint() }}) as new_customers_12m,
        avg(logo_churn_rate) over trailing_year as mean_monthly_logo_churn_12m
    from with_churn_rate
    window trailing_year as (
        partition by acquisition_channel order by month rows between 11 preceding and current row
    )
),

economics as (
    select
        month,
        acquisition_channel,
        active_customers,
        new_customers,
        ending_mrr,
        marketing_spend,
        marketing_spend_12m,
        new_customers_12m,
        mean_monthly_logo_churn_12m,
        cs_costs,
        {{ safe_divide('ending_mrr', 'active_customers') }} as arpa,
        {{ safe_divide('marketing_spend_12m', 'new_customers_12m') }} as cac,
        1 - power(1 - mean_monthly_logo_churn_12m, 12) as annual_logo_churn_rate
    from trailing_twelve_months
),

lifetime as (
    select
        *,
        12 * arpa * {{ gross_margin }} as annual_revenue_per_customer,
        {{ safe_divide('1', 'annual_logo_churn_rate') }} as expected_lifetime_years
    from economics
),

valued as (
    select
        *,
        annual_revenue_per_customer * expected_lifetime_years as lifetime_value
    from lifetime
)

select
    valued.month,
    valued.acquisition_channel,
    valued.active_customers,
    valued.new_customers,
    valued.ending_mrr,
    valued.arpa,
    valued.marketing_spend,
    valued.marketing_spend_12m,
    valued.new_customers_12m,
    valued.cac,
    valued.mean_monthly_logo_churn_12m,
    valued.annual_logo_churn_rate,
    valued.expected_lifetime_years,
    cast({{ gross_margin }} as {{ type_double() }}) as gross_margin,
    valued.annual_revenue_per_customer,
    valued.lifetime_value,
    valued.lifetime_value - valued.cac as clv,
    {{ safe_divide('valued.lifetime_value', 'valued.cac') }} as ltv_to_cac,
    {{ safe_divide('valued.cac', 'valued.arpa * ' ~ gross_margin) }} as cac_payback_months,
    valued.cs_costs,
    {{ safe_divide('valued.cs_costs', 'valued.active_customers') }} as retention_cost_per_customer
from valued
inner join {{ ref('int_reporting_months') }} as reporting_months on valued.month = reporting_months.month
