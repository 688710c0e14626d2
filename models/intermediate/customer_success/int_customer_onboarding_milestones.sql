{#
  One row per customer and onboarding milestone, as of the as-of date: the
  target date, the completion time (null when not completed by the as-of
  date: later completions are not known yet) and the status (macro
  milestone_status): on_time, late (completed after the target date),
  overdue (not completed, target date passed) or not_due. A milestone is
  late when its status is late or overdue. Milestone names come from the
  data, so a milestone added to the contract needs no change here.
#}
with

milestones as (
    select * from {{ ref('int_onboarding_milestones_validated') }}
),

reporting_period as (
    select
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }}) as as_of_end_at
    from {{ ref('int_reporting_period') }}
),

statuses as (
    select
        milestones.customer_id,
        milestones.milestone,
        milestones.target_date,
        case when milestones.completed_at < reporting_period.as_of_end_at then milestones.completed_at end
            as completed_at,
        {{ milestone_status('milestones.target_date', 'milestones.completed_at', 'reporting_period.as_of_end_at') }}
            as status
    from milestones
    cross join reporting_period
)

select
    customer_id,
    milestone,
    target_date,
    completed_at,
    status,
    status in ('late', 'overdue') as is_late
from statuses
