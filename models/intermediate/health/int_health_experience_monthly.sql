{#
  Experience score per active customer and month, as of the month's end:
  what the listening posts say (metrics.md "DEAR customer health",
  "Surveys and support"). Sub-scores 0-100:

  nps_score = (NPS + 100) / 2, NPS = 100 x (promoters - detractors) / NPS
      responses of the last `health_windows_days.surveys` days (default 180).
  csat_score = 100 x positive / CSAT responses of the same window.
  support_score = plain mean of, over tickets created in the last
      `health_windows_days.support` days (default 90):
        response_score = 100 x tickets answered within the priority's target
          (var support_first_response_target_hours) / tickets whose target is
          decided (answered, or unanswered past the target);
        first_contact_score = 100 x first-contact resolutions / resolved tickets;
        issues_score = urgent tickets + CS escalations of the window on the
          line of var `health_anchors.support_issues_90d` (none -> 100,
          4 or more -> 0).
      Null when the window has neither tickets nor escalations.

  experience_score = plain mean of the sub-scores present; null when no
  listening post has data (no survey answer, ticket or escalation in the
  windows). Invalid survey responses are ignored.
#}
{%- set survey_days = var('health_windows_days')['surveys'] -%}
{%- set support_days = var('health_windows_days')['support'] -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

responses as (
    select * from {{ ref('int_survey_responses_scored') }}
    where is_valid and survey_type in ('nps', 'csat')
),

tickets as (
    select * from {{ ref('int_support_tickets_enriched') }}
),

escalations as (
    select * from {{ ref('int_cs_activities_validated') }}
    where activity_type = 'escalation'
),

survey_counts as (
    select
        customer_months.customer_id,
        customer_months.month,
        count(
            case
                when
                    responses.survey_type = 'nps'
                    and responses.responded_at >= {{ dbt.dateadd('day', -survey_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as nps_responses,
        count(
            case
                when
                    responses.is_promoter
                    and responses.responded_at >= {{ dbt.dateadd('day', -survey_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as nps_promoters,
        count(
            case
                when
                    responses.is_detractor
                    and responses.responded_at >= {{ dbt.dateadd('day', -survey_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as nps_detractors,
        count(
            case
                when
                    responses.survey_type = 'csat'
                    and responses.responded_at >= {{ dbt.dateadd('day', -survey_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as csat_responses,
        count(
            case
                when
                    responses.is_csat_positive
                    and responses.responded_at >= {{ dbt.dateadd('day', -survey_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as csat_positive_responses,
        max(case when responses.survey_type = 'nps' then responses.responded_at end) as last_nps_at
    from customer_months
    inner join responses
        on
            customer_months.customer_id = responses.customer_id
            and customer_months.measured_at > responses.responded_at
    group by customer_months.customer_id, customer_months.month
),

last_nps as (
    select
        survey_counts.customer_id,
        survey_counts.month,
        max(responses.score) as last_nps_score
    from survey_counts
    inner join responses
        on
            survey_counts.customer_id = responses.customer_id
            and survey_counts.last_nps_at = responses.responded_at
            and responses.survey_type = 'nps'
    group by survey_counts.customer_id, survey_counts.month
),

ticket_outcomes as (
    select
        customer_months.customer_id,
        customer_months.month,
        tickets.priority,
        tickets.first_response_target_hours,
        tickets.resolved_at < customer_months.measured_at as is_resolved,
        tickets.resolved_at < customer_months.measured_at and tickets.agent_replies = 1
            as is_first_contact_resolution,
        case
            when tickets.first_response_at < customer_months.measured_at
                then tickets.first_response_hours <= tickets.first_response_target_hours
            when
                {{ dbt.datediff('tickets.created_at', 'customer_months.measured_at', 'second') }}
                > 3600 * tickets.first_response_target_hours
                then false
        end as met_response_target
    from customer_months
    inner join tickets
        on
            customer_months.customer_id = tickets.customer_id
            and customer_months.measured_at > tickets.created_at
            and tickets.created_at >= {{ dbt.dateadd('day', -support_days, 'customer_months.measured_at') }}
),

ticket_counts as (
    select
        customer_id,
        month,
        count(*) as tickets,
        count(case when priority = 'urgent' then 1 end) as urgent_tickets,
        count(case when met_response_target then 1 end) as tickets_within_response_target,
        count(case when met_response_target is not null then 1 end) as tickets_with_decided_response_target,
        count(case when is_resolved then 1 end) as resolved_tickets,
        count(case when is_first_contact_resolution then 1 end) as first_contact_resolutions
    from ticket_outcomes
    group by customer_id, month
),

open_urgent as (
    select
        customer_months.customer_id,
        customer_months.month,
        count(*) as open_urgent_tickets
    from customer_months
    inner join tickets
        on
            customer_months.customer_id = tickets.customer_id
            and tickets.priority = 'urgent'
            and customer_months.measured_at > tickets.created_at
            and (tickets.resolved_at is null or customer_months.measured_at <= tickets.resolved_at)
    group by customer_months.customer_id, customer_months.month
),

escalation_counts as (
    select
        customer_months.customer_id,
        customer_months.month,
        count(*) as escalations
    from customer_months
    inner join escalations
        on
            customer_months.customer_id = escalations.customer_id
            and customer_months.measured_at > escalations.occurred_at
            and escalations.occurred_at >= {{ dbt.dateadd('day', -support_days, 'customer_months.measured_at') }}
    group by customer_months.customer_id, customer_months.month
),

inputs as (
    select
        customer_months.customer_id,
        customer_months.month,
        last_nps.last_nps_score,
        coalesce(survey_counts.nps_responses, 0) as nps_responses,
        coalesce(survey_counts.nps_promoters, 0) as nps_promoters,
        coalesce(survey_counts.nps_detractors, 0) as nps_detractors,
        coalesce(survey_counts.csat_responses, 0) as csat_responses,
        coalesce(survey_counts.csat_positive_responses, 0) as csat_positive_responses,
        coalesce(ticket_counts.tickets, 0) as tickets,
        coalesce(ticket_counts.urgent_tickets, 0) as urgent_tickets,
        coalesce(ticket_counts.tickets_within_response_target, 0) as tickets_within_response_target,
        coalesce(ticket_counts.tickets_with_decided_response_target, 0) as tickets_with_decided_response_target,
        coalesce(ticket_counts.resolved_tickets, 0) as resolved_tickets,
        coalesce(ticket_counts.first_contact_resolutions, 0) as first_contact_resolutions,
        coalesce(open_urgent.open_urgent_tickets, 0) as open_urgent_tickets,
        coalesce(escalation_counts.escalations, 0) as escalations
    from customer_months
    left join survey_counts
        on customer_months.customer_id = survey_counts.customer_id and customer_months.month = survey_counts.month
    left join last_nps
        on customer_months.customer_id = last_nps.customer_id and customer_months.month = last_nps.month
    left join ticket_counts
        on customer_months.customer_id = ticket_counts.customer_id and customer_months.month = ticket_counts.month
    left join open_urgent
        on customer_months.customer_id = open_urgent.customer_id and customer_months.month = open_urgent.month
    left join escalation_counts
        on
            customer_months.customer_id = escalation_counts.customer_id
            and customer_months.month = escalation_counts.month
),

support_parts as (
    select
        *,
        100 * {{ safe_divide('nps_promoters - nps_detractors', 'nps_responses') }} as nps,
        {{ safe_divide('csat_positive_responses', 'csat_responses') }} as csat,
        100 * {{ safe_divide('tickets_within_response_target', 'tickets_with_decided_response_target') }}
            as response_score,
        100 * {{ safe_divide('first_contact_resolutions', 'resolved_tickets') }} as first_contact_score,
        case
            when tickets > 0 or escalations > 0
                then {{ anchored_score('urgent_tickets + escalations', 'support_issues_90d') }}
        end as issues_score
    from inputs
),

sub_scores as (
    select
        *,
        (nps + 100) / 2 as nps_score,
        100 * csat as csat_score,
        {{ weighted_mean_of_available([['response_score', 1], ['first_contact_score', 1], ['issues_score', 1]]) }}
            as support_score
    from support_parts
)

select
    customer_id,
    month,
    nps_responses,
    nps_promoters,
    nps_detractors,
    nps,
    last_nps_score,
    csat_responses,
    csat_positive_responses,
    csat,
    tickets,
    urgent_tickets,
    open_urgent_tickets,
    escalations,
    tickets_with_decided_response_target,
    tickets_within_response_target,
    resolved_tickets,
    first_contact_resolutions,
    nps_score,
    csat_score,
    response_score,
    first_contact_score,
    issues_score,
    support_score,
    {{ weighted_mean_of_available([['nps_score', 1], ['csat_score', 1], ['support_score', 1]]) }}
        as experience_score
from sub_scores
