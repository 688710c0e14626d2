{#
  One row per calendar month from the earliest month found in billing and
  finance data to the as-of month (at most 600 months).
#}
with

earliest_dates as (
    select min(valid_from) as earliest_at from {{ ref('int_subscription_items_validated') }}
    union all
    select min(rate_month) from {{ ref('int_fx_rates_validated') }}
    union all
    select min(spend_month) from {{ ref('int_marketing_spend_validated') }}
    union all
    select min(cost_month) from {{ ref('int_cs_costs_validated') }}
),

bounds as (
    select
        {{ month_start('min(earliest_dates.earliest_at)') }} as first_month,
        max(reporting_period.as_of_month) as as_of_month
    from earliest_dates
    cross join {{ ref('int_reporting_period') }} as reporting_period
),

month_offsets as (
    {{ dbt.generate_series(600) }}
),

months as (
    select {{ add_months('bounds.first_month', 'month_offsets.generated_number - 1') }} as month
    from bounds
    cross join month_offsets
)

select months.month
from months
cross join bounds
where months.month <= bounds.as_of_month
