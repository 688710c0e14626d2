with

source as (
    select * from {{ source('billing', 'invoices') }}
),

typed as (
    select
        {{ cast_raw('invoice_id', 'varchar') }} as invoice_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('issued_at', 'timestamp') }} as issued_at,
        {{ cast_raw('currency', 'varchar') }} as currency,
        {{ cast_raw('status', 'varchar') }} as status,
        {{ cast_raw('subtotal_cents', 'bigint') }} as subtotal_cents,
        {{ cast_raw('tax_cents', 'bigint') }} as tax_cents,
        {{ cast_raw('one_time_cents', 'bigint') }} as one_time_cents
    from source
)

select distinct * from typed
