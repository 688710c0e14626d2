with

source as (
    select * from {{ source('product', 'usage_events') }}
),

typed as (
    select
        {{ cast_raw('event_id', 'varchar') }} as event_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('user_id', 'varchar') }} as user_id,
        {{ cast_raw('feature', 'varchar') }} as feature,
        {{ cast_raw('occurred_at', 'timestamp') }} as occurred_at,
        {{ cast_raw('loaded_at', 'timestamp') }} as loaded_at
    from source
)

select distinct * from typed
