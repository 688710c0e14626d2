{#
  Marketing spend (per acquisition channel) and customer-success costs per
  month, converted into the reporting currency with the fx rate of the month
  (see int_fx_rates_monthly for constant vs monthly rates).
#}
with

marketing_spend as (
    select
        'marketing' as cost_category,
        coalesce(acquisition_channel, 'unknown') as acquisition_channel,
        {{ month_start('spend_month') }} as month,
        spend_cents as amount_cents,
        currency
    from {{ ref('int_marketing_spend_validated') }}
),

customer_success_costs as (
    select
        'customer_success' as cost_category,
        cast(null as {{ dbt.type_string() }}) as acquisition_channel,
        {{ month_start('cost_month') }} as month,
        amount_cents,
        currency
    from {{ ref('int_cs_costs_validated') }}
),

costs as (
    select * from marketing_spend
    union all
    select * from customer_success_costs
),

fx_rates as (
    select * from {{ ref('int_fx_rates_monthly') }}
)

select
    costs.cost_category,
    costs.acquisition_channel,
    costs.month,
    sum(costs.amount_cents * fx_rates.rate_to_reporting / 100) as amount
from costs
inner join fx_rates
    on
        costs.currency = fx_rates.currency
        and costs.month = fx_rates.month
group by costs.cost_category, costs.acquisition_channel, costs.month
