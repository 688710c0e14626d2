{#
  The exchange rate into the reporting currency to apply to each currency in
  each calendar month.
  - fx_mode = constant (default): every month uses the rate of `fx_rate_month`
    (default: the latest rate_month in fx_rates), so exchange-rate moves never
    look like expansion or contraction.
  - fx_mode = monthly: each month uses its own rate.
  A month without a rate takes the currency's latest earlier rate. The
  reporting currency converts at 1 whether or not fx_rates lists it.
#}
{%- set fx_mode = var('fx_mode') -%}
{%- if fx_mode not in ['constant', 'monthly'] -%}
    {{ exceptions.raise_compiler_error("var fx_mode must be 'constant' or 'monthly', got '" ~ fx_mode ~ "'") }}
{%- endif -%}

with

rates as (
    select
        currency,
        rate_month,
        cast(rate_to_reporting as {{ type_double() }}) as rate_to_reporting
    from {{ ref('int_fx_rates_validated') }}
    where currency != '{{ var("reporting_currency") }}'
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

{%- if fx_mode == 'constant' %}

    rate_month_in_force as (
        select
            {%- if var('fx_rate_month') %}
            cast('{{ var("fx_rate_month") }}' as date) as rate_month
        {%- else %}
                max(rate_month) as rate_month
            {%- endif %}
        from rates
    ),
{%- endif %}

currency_months as (
    select
        currencies.currency,
        months.month,
        {%- if fx_mode == 'constant' %}
            rate_month_in_force.rate_month as wanted_rate_month
        {%- else %}
            months.month as wanted_rate_month
        {%- endif %}
    from (select distinct currency from rates) as currencies
    cross join months
    {%- if fx_mode == 'constant' %}
        cross join rate_month_in_force
    {%- endif %}
),

latest_rate_at_or_before as (
    select
        currency_months.currency,
        currency_months.month,
        max(rates.rate_month) as rate_month
    from currency_months
    inner join rates
        on
            currency_months.currency = rates.currency
            and currency_months.wanted_rate_month >= rates.rate_month
    group by currency_months.currency, currency_months.month
),

foreign_currency_rates as (
    select
        latest_rate_at_or_before.currency,
        latest_rate_at_or_before.month,
        rates.rate_month,
        rates.rate_to_reporting
    from latest_rate_at_or_before
    inner join rates
        on
            latest_rate_at_or_before.currency = rates.currency
            and latest_rate_at_or_before.rate_month = rates.rate_month
),

reporting_currency_rates as (
    select
        '{{ var("reporting_currency") }}' as currency,
        month,
        month as rate_month,
        cast(1 as {{ type_double() }}) as rate_to_reporting
    from months
),

all_rates as (
    select * from foreign_currency_rates
    union all
    select * from reporting_currency_rates
)

select * from all_rates
