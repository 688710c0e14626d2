with

source as (
    select * from {{ source('billing', 'subscription_items') }}
),

typed as (
    select
        {{ cast_raw('subscription_item_id', 'varchar') }} as subscription_item_id,
        {{ cast_raw('subscription_id', 'varchar') }} as subscription_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('plan_id', 'varchar') }} as plan_id,
        {{ cast_raw('quantity', 'integer') }} as quantity,
        {{ cast_raw('unit_price_cents', 'bigint') }} as unit_price_cents,
        {{ cast_raw('discount_percent', 'decimal(5,2)') }} as discount_percent,
        {{ cast_raw('currency', 'varchar') }} as currency,
        {{ cast_raw('valid_from', 'timestamp') }} as valid_from,
        {{ cast_raw('valid_to', 'timestamp') }} as valid_to
    from source
)

select distinct * from typed
