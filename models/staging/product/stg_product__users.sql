with

source as (
    select * from {{ source('product', 'users') }}
),

typed as (
    select
        {{ cast_raw('user_id', 'varchar') }} as user_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('created_at', 'timestamp') }} as created_at,
        {{ cast_raw('deactivated_at', 'timestamp') }} as deactivated_at,
        {{ cast_raw('role', 'varchar') }} as role,
        {{ hash_personal_data('email') }} as email_hash
    from source
)

select distinct * from typed
