{#
  Which months each currency can be converted into the reporting currency,
  from the validated fx rates, by the rules of int_fx_rates_monthly:
  - fx_mode = constant: every month converts at the rate in force at
    `fx_rate_month` (default the latest rate_month), so a currency converts
    every month when it has a rate at or before that month, and none otherwise;
  - fx_mode = monthly: a month converts from the currency's first rate on
    (later months carry the latest earlier rate forward).
  The reporting currency always converts (at 1). A currency missing here has
  no rate at all. (int_fx_rates_monthly cannot be read here: it depends on
  the calendar, which depends on the validated rows these checks produce.)
#}
with

rates as (
    select
        currency,
        rate_month
    from {{ ref('int_fx_rates_validated') }}
    where currency != '{{ var("reporting_currency") }}'
),

first_rates as (
    select
        currency,
        min(rate_month) as first_rate_month
    from rates
    group by currency
),

rate_month_in_force as (
    select
        {%- if var('fx_rate_month') %}
            cast('{{ var("fx_rate_month") }}' as date) as rate_month
        {%- else %}
            max(rate_month) as rate_month
        {%- endif %}
    from rates
),

foreign_currencies as (
    select
        first_rates.currency,
        first_rates.first_rate_month,
        {%- if var('fx_mode') == 'constant' %}
            first_rates.first_rate_month <= rate_month_in_force.rate_month as converts_every_month
        {%- else %}
            false as converts_every_month
        {%- endif %}
    from first_rates
    cross join rate_month_in_force
),

reporting_currency as (
    select
        '{{ var("reporting_currency") }}' as currency,
        cast(null as date) as first_rate_month,
        true as converts_every_month
)

select * from foreign_currencies
union all
select * from reporting_currency
