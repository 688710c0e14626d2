with

source as (
    select * from {{ source('billing', 'fx_rates') }}
),

typed as (
    select
        {{ cast_raw('currency', 'varchar') }} as currency,
        {{ cast_raw('rate_month', 'date') }} as rate_month,
        {{ cast_raw('rate_to_reporting', 'decimal(18,8)') }} as rate_to_reporting
    from source
)

select distinct * from typed
