with

source as (
    select * from {{ source('billing', 'customers') }}
),

typed as (
    select
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('customer_name', 'varchar') }} as customer_name,
        {{ cast_raw('created_at', 'timestamp') }} as created_at,
        {{ cast_raw('country', 'varchar') }} as country,
        {{ cast_raw('industry', 'varchar') }} as industry,
        {{ cast_raw('employee_count', 'integer') }} as employee_count,
        {{ cast_raw('acquisition_channel', 'varchar') }} as acquisition_channel,
        {{ cast_raw('csm_owner', 'varchar') }} as csm_owner,
        {{ hash_personal_data('billing_email') }} as billing_email_hash
    from source
)

select distinct * from typed
