with

source as (
    select * from {{ source('surveys', 'survey_responses') }}
),

typed as (
    select
        {{ cast_raw('response_id', 'varchar') }} as response_id,
        {{ cast_raw('invitation_id', 'varchar') }} as invitation_id,
        {{ cast_raw('customer_id', 'varchar') }} as customer_id,
        {{ hash_personal_data('respondent_email') }} as respondent_email_hash,
        {{ cast_raw('survey_type', 'varchar') }} as survey_type,
        {{ cast_raw('score', 'integer') }} as score,
        {{ cast_raw('scale_min', 'integer') }} as scale_min,
        {{ cast_raw('scale_max', 'integer') }} as scale_max,
        {{ cast_raw('channel', 'varchar') }} as channel,
        {{ cast_raw('responded_at', 'timestamp') }} as responded_at,
        {{ cast_raw('comment', 'varchar') }} as comment
    from source
)

select distinct * from typed
