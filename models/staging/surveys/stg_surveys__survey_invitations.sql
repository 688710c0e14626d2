with

source as (
    select * from {{ source('surveys', 'survey_invitations') }}
),

typed as (
    select
        {{ cast_raw('invitation_id', 'varchar') }} as invitation_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ cast_raw('survey_type', 'varchar') }} as survey_type,
        {{ cast_raw('channel', 'varchar') }} as channel,
        {{ cast_raw('sent_at', 'timestamp') }} as sent_at
    from source
)

select distinct * from typed
