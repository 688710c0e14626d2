with

source as (
    select * from {{ source('support', 'support_tickets') }}
),

typed as (
    select
        {{ cast_raw('ticket_id', 'varchar') }} as ticket_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('created_at', 'timestamp') }} as created_at,
        {{ cast_raw('first_response_at', 'timestamp') }} as first_response_at,
        {{ cast_raw('resolved_at', 'timestamp') }} as resolved_at,
        {{ cast_raw('agent_replies', 'integer') }} as agent_replies,
        {{ cast_raw('priority', 'varchar') }} as priority,
        {{ cast_raw('category', 'varchar') }} as category
    from source
)

select distinct * from typed
