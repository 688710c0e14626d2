with

source as (
    select * from {{ source('customer_success', 'success_outcomes') }}
),

typed as (
    select
        {{ cast_raw('outcome_id', 'varchar') }} as outcome_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('outcome_name', 'varchar') }} as outcome_name,
        {{ cast_raw('target_value', 'double') }} as target_value,
        {{ cast_raw('achieved_value', 'double') }} as achieved_value,
        {{ cast_raw('target_date', 'date') }} as target_date,
        {{ cast_raw('measured_at', 'timestamp') }} as measured_at
    from source
)

select distinct * from typed
