with

source as (
    select * from {{ source('customer_success', 'cs_activities') }}
),

typed as (
    select
        {{ cast_raw('activity_id', 'varchar') }} as activity_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('activity_type', 'varchar') }} as activity_type,
        {{ cast_raw('occurred_at', 'timestamp') }} as occurred_at,
        {{ cast_raw('attended', 'boolean') }} as attended
    from source
)

select distinct * from typed
