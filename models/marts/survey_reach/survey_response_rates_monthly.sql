{#
  Survey reach per month, survey type and channel, up to the as-of date.
  Invitations are counted in the month they were sent; an invitation is
  answered when at least one response carries its invitation_id (by the
  as-of date), and the answer is credited to the invitation's month, type
  and channel, so response_rate = invitations_answered / invitations_sent is
  a true rate (never above 1). Responses are also counted in the month they
  arrived, split by how they link to an invitation: to a known invitation,
  without invitation_id, or with an invitation_id that matches none.
  Months run from the first month with a survey to the as-of month; every
  survey type x channel pair seen in the data gets a row in every month.
#}
with

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

calendar as (
    select month from {{ ref('int_calendar_months') }}
),

invitations as (
    select
        invitations.invitation_id,
        invitations.survey_type,
        invitations.channel,
        {{ month_start('invitations.sent_at') }} as month
    from {{ ref('int_survey_invitations_validated') }} as invitations
    cross join reporting_period
    where invitations.sent_at < {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }}
),

responses as (
    select
        responses.response_id,
        responses.invitation_id,
        responses.survey_type,
        responses.channel,
        {{ month_start('responses.responded_at') }} as month
    from {{ ref('int_survey_responses_validated') }} as responses
    cross join reporting_period
    where responses.responded_at < {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }}
),

answered_invitation_ids as (
    select distinct invitation_id
    from responses
    where invitation_id is not null
),

invitation_totals as (
    select
        invitations.month,
        invitations.survey_type,
        invitations.channel,
        count(*) as invitations_sent,
        count(answered_invitation_ids.invitation_id) as invitations_answered
    from invitations
    left join answered_invitation_ids on invitations.invitation_id = answered_invitation_ids.invitation_id
    group by invitations.month, invitations.survey_type, invitations.channel
),

response_totals as (
    select
        responses.month,
        responses.survey_type,
        responses.channel,
        count(*) as responses_received,
        count(invitations.invitation_id) as responses_to_invitations,
        count(case when responses.invitation_id is null then 1 end) as responses_without_invitation,
        count(
            case when responses.invitation_id is not null and invitations.invitation_id is null then 1 end
        ) as responses_with_unknown_invitation
    from responses
    left join invitations on responses.invitation_id = invitations.invitation_id
    group by responses.month, responses.survey_type, responses.channel
),

survey_kinds as (
    select
        survey_type,
        channel
    from invitations
    union
    select
        survey_type,
        channel
    from responses
),

survey_activity_months as (
    select month from invitations
    union all
    select month from responses
),

first_survey_month as (
    select min(month) as month from survey_activity_months
),

survey_months as (
    select calendar.month
    from calendar
    cross join first_survey_month
    where calendar.month >= first_survey_month.month
),

every_month as (
    select
        survey_months.month,
        survey_kinds.survey_type,
        survey_kinds.channel,
        coalesce(invitation_totals.invitations_sent, 0) as invitations_sent,
        coalesce(invitation_totals.invitations_answered, 0) as invitations_answered,
        coalesce(response_totals.responses_received, 0) as responses_received,
        coalesce(response_totals.responses_to_invitations, 0) as responses_to_invitations,
        coalesce(response_totals.responses_without_invitation, 0) as responses_without_invitation,
        coalesce(response_totals.responses_with_unknown_invitation, 0) as responses_with_unknown_invitation
    from survey_months
    cross join survey_kinds
    left join invitation_totals
        on
            survey_months.month = invitation_totals.month
            and survey_kinds.survey_type = invitation_totals.survey_type
            and survey_kinds.channel = invitation_totals.channel
    left join response_totals
        on
            survey_months.month = response_totals.month
            and survey_kinds.survey_type = response_totals.survey_type
            and survey_kinds.channel = response_totals.channel
)

select
    month,
    survey_type,
    channel,
    invitations_sent,
    invitations_answered,
    {{ safe_divide('invitations_answered', 'invitations_sent') }} as response_rate,
    responses_received,
    responses_to_invitations,
    responses_without_invitation,
    responses_with_unknown_invitation
from every_month
