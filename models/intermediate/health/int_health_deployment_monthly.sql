{#
  DEAR Deployment per active customer and month, as of the month's end: is
  the product deployed at a fundamental level? (metrics.md "DEAR customer
  health"). Three sub-scores, each 0-100, null when it has no data:

  milestone_score = 100 x (on-time milestones + var
      `health_late_milestone_credit` x milestones completed late)
      / milestones due (completed, or target date passed). Null before the
      first target date.
  go_live_score = 100 when go-live is completed, 0 when its target date has
      passed without it, null before that.
  provisioning_score = provisioned users / licensed seats on the line of var
      `health_anchors.provisioned_seat_share` (default 0 -> 0, all seats
      provisioned -> 100). Null without seat-based plans.

  deployment_score = plain mean of the sub-scores present; null when none is.
#}
{%- set late_credit = var('health_late_milestone_credit') -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

milestones as (
    select * from {{ ref('int_onboarding_milestones_validated') }}
),

seats as (
    select * from {{ ref('int_customer_seats_monthly') }}
),

milestone_statuses as (
    select
        customer_months.customer_id,
        customer_months.month,
        milestones.milestone,
        {{ milestone_status('milestones.target_date', 'milestones.completed_at', 'customer_months.measured_at') }}
            as status
    from customer_months
    inner join milestones on customer_months.customer_id = milestones.customer_id
),

milestone_counts as (
    select
        customer_id,
        month,
        count(case when status = 'on_time' then 1 end) as milestones_on_time,
        count(case when status = 'late' then 1 end) as milestones_completed_late,
        count(case when status = 'overdue' then 1 end) as milestones_overdue,
        count(case when status != 'not_due' then 1 end) as milestones_due,
        max(case when milestone = 'go_live' then status end) as go_live_status
    from milestone_statuses
    group by customer_id, month
),

inputs as (
    select
        customer_months.customer_id,
        customer_months.month,
        milestone_counts.go_live_status,
        seats.licensed_seats,
        seats.provisioned_users,
        seats.provisioned_seat_share,
        coalesce(milestone_counts.milestones_on_time, 0) as milestones_on_time,
        coalesce(milestone_counts.milestones_completed_late, 0) as milestones_completed_late,
        coalesce(milestone_counts.milestones_overdue, 0) as milestones_overdue,
        coalesce(milestone_counts.milestones_due, 0) as milestones_due
    from customer_months
    left join milestone_counts
        on customer_months.customer_id = milestone_counts.customer_id and customer_months.month = milestone_counts.month
    left join seats
        on customer_months.customer_id = seats.customer_id and customer_months.month = seats.month
),

sub_scores as (
    select
        *,
        100
        * {{ safe_divide('milestones_on_time + ' ~ late_credit ~ ' * milestones_completed_late', 'milestones_due') }}
            as milestone_score,
        case
            when go_live_status in ('on_time', 'late') then cast(100 as {{ type_double() }})
            when go_live_status = 'overdue' then cast(0 as {{ type_double() }})
        end as go_live_score,
        {{ anchored_score('provisioned_seat_share', 'provisioned_seat_share') }} as provisioning_score
    from inputs
)

select
    customer_id,
    month,
    milestones_due,
    milestones_on_time,
    milestones_completed_late,
    milestones_overdue,
    licensed_seats,
    provisioned_users,
    provisioned_seat_share,
    milestone_score,
    go_live_score,
    provisioning_score,
    coalesce(go_live_status in ('on_time', 'late'), false) as has_gone_live,
    {{ weighted_mean_of_available([['milestone_score', 1], ['go_live_score', 1], ['provisioning_score', 1]]) }}
        as deployment_score
from sub_scores
