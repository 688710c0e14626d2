with

source as (
    select * from {{ source('finance', 'marketing_spend') }}
),

typed as (
    select
        {{ cast_raw('spend_month', 'date') }} as spend_month,
        {{ cast_raw('acquisition_channel', 'varchar') }} as acquisition_channel,
        {{ cast_raw('spend_cents', 'bigint') }} as spend_cents,
        {{ cast_raw('currency', 'varchar') }} as currency
    from source
)

select distinct * from typed
