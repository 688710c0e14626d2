{#
  Survey results per month and customer segment (metrics.md "Surveys and
  support"): `all` = every response of the month; vip, core, potential,
  secondary = the responding customer's segment that month
  (customer_segments); `unsegmented` = customers not active that month
  (trials, churned). Every reporting month has a row per segment (zeros when
  nobody answered).
    NPS = 100 x (promoters - detractors) / NPS responses (0-10; promoters
      9-10, passives 7-8, detractors 0-6).
    CSAT = positive / CSAT responses (4-5 on a 1-5 scale, 6-10 on 1-10).
  Responses out of their scale are counted in invalid_responses and in no
  score. Invitations and response rates per channel are in
  survey_response_rates_monthly.
#}
{%- set segment_names = reporting_segments() + ['unsegmented'] -%}
{%- set channels = ['email', 'sms', 'in_app'] -%}

with

responses as (
    select * from {{ ref('int_survey_responses_scored') }}
),

segments as (
    select
        customer_id,
        month,
        segment
    from {{ ref('customer_segments') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

segmented_responses as (
    select
        responses.*,
        coalesce(segments.segment, 'unsegmented') as segment
    from responses
    left join segments
        on responses.customer_id = segments.customer_id and responses.response_month = segments.month
),

rollups as (
    select 'own' as rollup_level
    union all
    select 'all' as rollup_level
),

all_responses as (
    select
        segmented_responses.*,
        case when rollups.rollup_level = 'all' then 'all' else segmented_responses.segment end as report_segment
    from segmented_responses
    cross join rollups
),

response_counts as (
    select
        response_month as month,
        report_segment as segment,
        {%- for channel in channels %}
            count(case when channel = '{{ channel }}' then 1 end) as responses_{{ channel }},
        {%- endfor %}
        count(*) as responses,
        count(case when not is_valid then 1 end) as invalid_responses,
        count(case when is_valid and survey_type = 'nps' then 1 end) as nps_responses,
        count(case when is_promoter then 1 end) as promoters,
        count(case when is_passive then 1 end) as passives,
        count(case when is_detractor then 1 end) as detractors,
        count(case when is_valid and survey_type = 'csat' then 1 end) as csat_responses,
        count(case when is_csat_positive then 1 end) as csat_positive_responses
    from all_responses
    group by response_month, report_segment
),

segment_names as (
    {{ literal_rows('segment', segment_names) }}
),

grid as (
    select
        reporting_months.month,
        segment_names.segment
    from reporting_months
    cross join segment_names
),

filled as (
    select
        grid.month,
        grid.segment,
        {%- for channel in channels %}
            coalesce(response_counts.responses_{{ channel }}, 0) as responses_{{ channel }},
        {%- endfor %}
        coalesce(response_counts.responses, 0) as responses,
        coalesce(response_counts.invalid_responses, 0) as invalid_responses,
        coalesce(response_counts.nps_responses, 0) as nps_responses,
        coalesce(response_counts.promoters, 0) as promoters,
        coalesce(response_counts.passives, 0) as passives,
        coalesce(response_counts.detractors, 0) as detractors,
        coalesce(response_counts.csat_responses, 0) as csat_responses,
        coalesce(response_counts.csat_positive_responses, 0) as csat_positive_responses
    from grid
    left join response_counts on grid.month = response_counts.month and grid.segment = response_counts.segment
)

select
    month,
    segment,
    responses,
    invalid_responses,
    nps_responses,
    promoters,
    passives,
    detractors,
    100 * {{ safe_divide('promoters - detractors', 'nps_responses') }} as nps,
    csat_responses,
    csat_positive_responses,
    {{ safe_divide('csat_positive_responses', 'csat_responses') }} as csat,
    {%- for channel in channels %}
        responses_{{ channel }}{% if not loop.last %},{% endif %}
    {%- endfor %}
from filled
