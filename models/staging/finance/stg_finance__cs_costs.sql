with

source as (
    select * from {{ source('finance', 'cs_costs') }}
),

typed as (
    select
        {{ cast_raw('cost_month', 'date') }} as cost_month,
        {{ cast_raw('cost_type', 'varchar') }} as cost_type,
        {{ cast_raw('amount_cents', 'bigint') }} as amount_cents,
        {{ cast_raw('currency', 'varchar') }} as currency
    from source
)

select distinct * from typed
