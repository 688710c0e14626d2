with

source as (
    select * from {{ source('billing', 'payments') }}
),

typed as (
    select
        {{ cast_raw('payment_id', 'varchar') }} as payment_id,
        {{ cast_raw('invoice_id', 'varchar') }} as invoice_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('attempted_at', 'timestamp') }} as attempted_at,
        {{ cast_raw('amount_cents', 'bigint') }} as amount_cents,
        {{ cast_raw('currency', 'varchar') }} as currency,
        {{ cast_raw('outcome', 'varchar') }} as outcome,
        {{ cast_raw('failure_code', 'varchar') }} as failure_code
    from source
)

select distinct * from typed
