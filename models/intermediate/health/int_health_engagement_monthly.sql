{#
  DEAR Engagement per active customer and month, as of the month's end: is
  the customer engaged with its CSM, a key stakeholder or an executive?
  (metrics.md "DEAR customer health"). CS activities other than escalations
  count (escalations belong to the experience score). Sub-scores 0-100:

  recency_score = days since the last attended activity on the line of var
      `health_anchors.days_since_attended_activity` (default 30 days or
      less -> 100, 180 or more -> 0); 0 when none was ever attended.
  attendance_score = 100 x attended / scheduled activities in the last
      `health_windows_days.engagement` days (default 90); null when none
      was scheduled (no-shows count against it).
  executive_score = 100 when a QBR or executive-sponsor meeting was attended
      in the last `health_windows_days.executive` days (default 180), else 0.

  engagement_score = plain mean of the sub-scores present. Null for a
  customer with no CS activity before the month's end (no CS programme: no
  data, not a bad score).
#}
{%- set engagement_days = var('health_windows_days')['engagement'] -%}
{%- set executive_days = var('health_windows_days')['executive'] -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

activities as (
    select * from {{ ref('int_cs_activities_validated') }}
    where activity_type != 'escalation'
),

activity_counts as (
    select
        customer_months.customer_id,
        customer_months.month,
        count(*) as activities_to_date,
        count(
            case
                when activities.occurred_at >= {{ dbt.dateadd('day', -engagement_days, 'customer_months.measured_at') }}
                    then 1
            end
        ) as activities_scheduled_recent,
        count(
            case
                when
                    activities.occurred_at >= {{ dbt.dateadd('day', -engagement_days, 'customer_months.measured_at') }}
                    and activities.attended
                    then 1
            end
        ) as activities_attended_recent,
        count(
            case
                when
                    activities.occurred_at >= {{ dbt.dateadd('day', -executive_days, 'customer_months.measured_at') }}
                    and activities.attended
                    and activities.activity_type in ('qbr', 'exec_sponsor_meeting')
                    then 1
            end
        ) as executive_meetings_attended,
        max(case when activities.attended then activities.occurred_at end) as last_attended_at
    from customer_months
    inner join activities
        on
            customer_months.customer_id = activities.customer_id
            and customer_months.measured_at > activities.occurred_at
    group by customer_months.customer_id, customer_months.month
),

inputs as (
    select
        customer_months.customer_id,
        customer_months.month,
        coalesce(activity_counts.activities_to_date, 0) as activities_to_date,
        coalesce(activity_counts.activities_scheduled_recent, 0) as activities_scheduled_recent,
        coalesce(activity_counts.activities_attended_recent, 0) as activities_attended_recent,
        coalesce(activity_counts.executive_meetings_attended, 0) as executive_meetings_attended,
        {{ dbt.datediff('activity_counts.last_attended_at', 'customer_months.measured_at', 'day') }}
            as days_since_last_attended_activity
    from customer_months
    left join activity_counts
        on customer_months.customer_id = activity_counts.customer_id and customer_months.month = activity_counts.month
),

sub_scores as (
    select
        *,
        case
            when activities_to_date > 0
                then coalesce(
                    {{ anchored_score('days_since_last_attended_activity', 'days_since_attended_activity') }}, 0
                )
        end as recency_score,
        100 * {{ safe_divide('activities_attended_recent', 'activities_scheduled_recent') }} as attendance_score,
        case
            when activities_to_date > 0
                then cast(case when executive_meetings_attended > 0 then 100 else 0 end as {{ type_double() }})
        end as executive_score
    from inputs
)

select
    customer_id,
    month,
    activities_to_date,
    activities_scheduled_recent,
    activities_attended_recent,
    executive_meetings_attended,
    days_since_last_attended_activity,
    recency_score,
    attendance_score,
    executive_score,
    activities_scheduled_recent - activities_attended_recent as no_shows_recent,
    {{ weighted_mean_of_available([['recency_score', 1], ['attendance_score', 1], ['executive_score', 1]]) }}
        as engagement_score
from sub_scores
