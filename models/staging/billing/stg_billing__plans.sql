with

source as (
    select * from {{ source('billing', 'plans') }}
),

typed as (
    select
        {{ cast_raw('plan_id', 'varchar') }} as plan_id,
        {{ cast_raw('plan_name', 'varchar') }} as plan_name,
        {{ cast_raw('product_tier', 'varchar') }} as product_tier,
        {{ cast_raw('interval_unit', 'varchar') }} as interval_unit,
        {{ cast_raw('interval_count', 'integer') }} as interval_count,
        {{ cast_raw('is_seat_based', 'boolean') }} as is_seat_based
    from source
)

select distinct * from typed
