{#
  One row per survey response with the classification the survey metrics
  use (metrics.md "Surveys and support"):
    NPS (0-10): promoter 9-10, passive 7-8, detractor 0-6.
    CSAT: positive = 4-5 on a 1-5 scale, 6-10 on a 1-10 scale.
  A response whose score is outside its own scale, or an NPS response not on
  0-10, or a CSAT response on another scale, is kept with is_valid = false and
  counted as invalid in the marts instead of being scored (so is one without
  a valid responded_at). Responses after the as-of date are left out.
#}
with

responses as (
    select * from {{ ref('int_survey_responses_validated') }}
),

reporting_period as (
    select
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }}) as as_of_end_at
    from {{ ref('int_reporting_period') }}
),

validated as (
    select
        responses.response_id,
        responses.invitation_id,
        responses.customer_id,
        responses.survey_type,
        responses.channel,
        responses.score,
        responses.scale_min,
        responses.scale_max,
        responses.responded_at,
        {{ month_start('responses.responded_at') }} as response_month,
        coalesce(
            responses.responded_at is not null
            and responses.score between responses.scale_min and responses.scale_max
            and (
                (responses.survey_type = 'nps' and responses.scale_min = 0 and responses.scale_max = 10)
                or (responses.survey_type = 'csat' and responses.scale_min = 1 and responses.scale_max in (5, 10))
                or responses.survey_type not in ('nps', 'csat')
            ),
            false
        ) as is_valid
    from responses
    cross join reporting_period
    where responses.responded_at is null or responses.responded_at < reporting_period.as_of_end_at
)

select
    response_id,
    invitation_id,
    customer_id,
    survey_type,
    channel,
    score,
    scale_min,
    scale_max,
    responded_at,
    response_month,
    is_valid,
    is_valid and survey_type = 'nps' and score >= 9 as is_promoter,
    is_valid and survey_type = 'nps' and score between 7 and 8 as is_passive,
    is_valid and survey_type = 'nps' and score <= 6 as is_detractor,
    is_valid and survey_type = 'csat' and score >= case when scale_max = 5 then 4 else 6 end as is_csat_positive
from validated
