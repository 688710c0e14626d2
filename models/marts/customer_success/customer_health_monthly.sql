{#
  DEAR customer health per active customer and month, as of the month's end
  (metrics.md "DEAR customer health"; components in
  models/intermediate/health). Outcome score = weighted mean of the four DEAR
  components (var `health_outcome_weights`), health score = weighted mean of
  outcome and experience (var `health_score_weights`); a missing component's
  weight is renormalised away and named in `missing_components`. Bands from
  var `health_bands`; trend against the score `health_trend_months` earlier.
#}
{%- set components = ['deployment', 'engagement', 'adoption', 'roi', 'experience'] -%}
{%- set bands = var('health_bands') -%}
{%- set trend_months = var('health_trend_months') -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

deployment as (
    select * from {{ ref('int_health_deployment_monthly') }}
),

engagement as (
    select * from {{ ref('int_health_engagement_monthly') }}
),

adoption as (
    select * from {{ ref('int_health_adoption_monthly') }}
),

roi as (
    select * from {{ ref('int_health_roi_monthly') }}
),

experience as (
    select * from {{ ref('int_health_experience_monthly') }}
),

components as (
    select
        customer_months.customer_id,
        customer_months.month,
        customer_months.mrr,
        deployment.deployment_score,
        engagement.engagement_score,
        adoption.adoption_score,
        roi.roi_score,
        experience.experience_score,
        deployment.milestones_due,
        deployment.milestones_on_time,
        deployment.milestones_overdue,
        deployment.has_gone_live,
        deployment.licensed_seats,
        deployment.provisioned_users,
        deployment.provisioned_seat_share,
        adoption.active_users_30d,
        adoption.monthly_active_users,
        adoption.seat_utilisation,
        adoption.active_seat_share,
        adoption.key_features_in_healthy_use_30d,
        adoption.usage_trend,
        adoption.stickiness,
        engagement.days_since_last_attended_activity,
        engagement.activities_attended_recent,
        engagement.no_shows_recent,
        engagement.executive_meetings_attended,
        roi.outcomes_in_window,
        roi.outcomes_verified,
        roi.outcomes_met,
        roi.mean_attainment,
        experience.nps,
        experience.last_nps_score,
        experience.csat,
        experience.tickets,
        experience.urgent_tickets,
        experience.open_urgent_tickets,
        experience.escalations
    from customer_months
    inner join deployment
        on customer_months.customer_id = deployment.customer_id and customer_months.month = deployment.month
    inner join engagement
        on customer_months.customer_id = engagement.customer_id and customer_months.month = engagement.month
    inner join adoption
        on customer_months.customer_id = adoption.customer_id and customer_months.month = adoption.month
    inner join roi
        on customer_months.customer_id = roi.customer_id and customer_months.month = roi.month
    inner join experience
        on customer_months.customer_id = experience.customer_id and customer_months.month = experience.month
),

outcome as (
    select
        *,
        {{ weighted_mean_of_available(
            weights_var_pairs('health_outcome_weights', ['deployment', 'engagement', 'adoption', 'roi'], '_score')
        ) }} as outcome_score
    from components
),

health as (
    select
        *,
        {{ weighted_mean_of_available(
            weights_var_pairs('health_score_weights', ['outcome', 'experience'], '_score')
        ) }} as health_score,
        {{ dbt.concat([
            "case when deployment_score is null then ', deployment' else '' end",
            "case when engagement_score is null then ', engagement' else '' end",
            "case when adoption_score is null then ', adoption' else '' end",
            "case when roi_score is null then ', roi' else '' end",
            "case when experience_score is null then ', experience' else '' end",
        ]) }} as missing_list,
        least(
            {%- for component in components %}
                coalesce({{ component }}_score, 1000){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as weakest_score
    from outcome
),

with_previous as (
    select
        health.*,
        earlier.health_score as health_score_earlier
    from health
    left join health as earlier
        on
            health.customer_id = earlier.customer_id
            and earlier.month = {{ add_months('health.month', -trend_months) }}
)

select
    customer_id,
    month,
    mrr,
    deployment_score,
    engagement_score,
    adoption_score,
    roi_score,
    experience_score,
    outcome_score,
    health_score,
    case
        when health_score >= {{ bands['green_from'] }} then 'green'
        when health_score >= {{ bands['yellow_from'] }} then 'yellow'
        when health_score is not null then 'red'
    end as health_band,
    health_score - health_score_earlier as health_trend_3m,
    case
        when missing_list = '' then ''
        else {{ dbt.right('missing_list', dbt.length('missing_list') ~ ' - 2') }}
    end as missing_components,
    case
        {%- for component in components %}
            when {{ component }}_score = weakest_score then '{{ component }}'
        {%- endfor %}
    end as weakest_component,
    milestones_due,
    milestones_on_time,
    milestones_overdue,
    has_gone_live,
    licensed_seats,
    provisioned_users,
    provisioned_seat_share,
    active_users_30d,
    monthly_active_users,
    seat_utilisation,
    active_seat_share,
    key_features_in_healthy_use_30d,
    usage_trend,
    stickiness,
    days_since_last_attended_activity,
    activities_attended_recent,
    no_shows_recent,
    executive_meetings_attended,
    outcomes_in_window,
    outcomes_verified,
    outcomes_met,
    mean_attainment,
    nps,
    last_nps_score,
    csat,
    tickets,
    urgent_tickets,
    open_urgent_tickets,
    escalations
from with_previous
