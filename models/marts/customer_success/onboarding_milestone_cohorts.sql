{#
  Days from the paid start to each onboarding milestone per acquisition
  cohort (the cohorts of onboarding_cohorts: var onboarding_cohort_grain,
  plus one overall row with cohort_start null) and milestone. One row per
  cohort and milestone planned for at least one of its customers; the
  milestone names come from the data (int_customer_onboarding_milestones),
  so a new milestone is a new row, not a new column.
    days to a milestone = UTC calendar days from the paid start's date
      (customer_onboarding.paid_started_at) to the completion date, as in
      customer_onboarding.days_to_<milestone>; median over the customers
      that completed it by the as-of date;
    target days = days from the paid start's date to the target date; its
      median orders the milestones as planned;
    late share = milestones late (completed late or overdue) / milestones
      due (completed or past their target date).
#}
with

onboarding as (
    select
        customer_id,
        first_paid_month,
        cast(paid_started_at as date) as paid_start_date
    from {{ ref('customer_onboarding') }}
),

milestones as (
    select * from {{ ref('int_customer_onboarding_milestones') }}
),

customer_milestones as (
    select
        onboarding.first_paid_month,
        milestones.milestone,
        milestones.status,
        milestones.is_late,
        {{ dbt.datediff('onboarding.paid_start_date', 'cast(milestones.completed_at as date)', 'day') }} -- noqa: LT05
            as days_to_milestone,
        {{ dbt.datediff('onboarding.paid_start_date', 'milestones.target_date', 'day') }} as target_days -- noqa: LT05
    from onboarding
    inner join milestones on onboarding.customer_id = milestones.customer_id
),

cohort_members as (
    {{ onboarding_cohort_members('customer_milestones') }}
),

cohort_milestones as (
    select
        cohort_start,
        is_overall,
        milestone,
        count(*) as customers,
        count(days_to_milestone) as customers_completed,
        percentile_cont(0.5) within group (order by days_to_milestone) as median_days_to_milestone,
        avg(cast(days_to_milestone as {{ type_double() }})) as mean_days_to_milestone,
        percentile_cont(0.5) within group (order by target_days) as median_target_days,
        count(case when status != 'not_due' then 1 end) as milestones_due,
        count(case when is_late then 1 end) as milestones_late
    from cohort_members
    group by cohort_start, is_overall, milestone
)

select
    cohort_start,
    is_overall,
    milestone,
    customers,
    customers_completed,
    {{ safe_divide('customers_completed', 'customers') }} as share_completed,
    median_days_to_milestone,
    mean_days_to_milestone,
    median_target_days,
    milestones_due,
    milestones_late,
    {{ safe_divide('milestones_late', 'milestones_due') }} as late_share
from cohort_milestones
