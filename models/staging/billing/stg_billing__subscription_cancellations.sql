with

source as (
    select * from {{ source('billing', 'subscription_cancellations') }}
),

typed as (
    select
        {{ cast_raw('subscription_id', 'varchar') }} as subscription_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('cancelled_at', 'timestamp') }} as cancelled_at,
        {{ cast_raw('effective_at', 'timestamp') }} as effective_at,
        {{ cast_raw('reason', 'varchar') }} as reason
    from source
)

select distinct * from typed
