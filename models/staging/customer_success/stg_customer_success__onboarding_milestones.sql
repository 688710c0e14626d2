with

source as (
    select * from {{ source('customer_success', 'onboarding_milestones') }}
),

typed as (
    select
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('milestone', 'varchar') }} as milestone,
        {{ cast_raw('target_date', 'date') }} as target_date,
        {{ cast_raw('completed_at', 'timestamp') }} as completed_at
    from source
)

select distinct * from typed
