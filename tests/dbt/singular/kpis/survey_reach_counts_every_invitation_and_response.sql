-- survey_response_rates_monthly loses nothing: every invitation sent and
-- every response received by the as-of date is counted exactly once, and
-- every answered invitation once. Returns a row when the totals differ.
with

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

invitations as (
    select invitations.invitation_id
    from {{ ref('int_survey_invitations_validated') }} as invitations
    cross join reporting_period
    where invitations.sent_at < {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }}
),

responses as (
    select responses.invitation_id
    from {{ ref('int_survey_responses_validated') }} as responses
    cross join reporting_period
    where responses.responded_at < {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }}
),

answered_invitations as (
    select distinct invitations.invitation_id
    from invitations
    inner join responses on invitations.invitation_id = responses.invitation_id
),

invitation_count as (
    select count(*) as invitations_sent from invitations
),

response_count as (
    select count(*) as responses_received from responses
),

answered_count as (
    select count(*) as invitations_answered from answered_invitations
),

expected as (
    select
        invitation_count.invitations_sent,
        response_count.responses_received,
        answered_count.invitations_answered
    from invitation_count
    cross join response_count
    cross join answered_count
),

reported as (
    select
        coalesce(sum(invitations_sent), 0) as invitations_sent,
        coalesce(sum(responses_received), 0) as responses_received,
        coalesce(sum(invitations_answered), 0) as invitations_answered
    from {{ ref('survey_response_rates_monthly') }}
)

select
    expected.invitations_sent as expected_invitations_sent,
    reported.invitations_sent as reported_invitations_sent,
    expected.responses_received as expected_responses_received,
    reported.responses_received as reported_responses_received,
    expected.invitations_answered as expected_invitations_answered,
    reported.invitations_answered as reported_invitations_answered
from expected
cross join reported
where
    expected.invitations_sent != reported.invitations_sent
    or expected.responses_received != reported.responses_received
    or expected.invitations_answered != reported.invitations_answered
