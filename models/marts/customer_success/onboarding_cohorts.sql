{#
  Onboarding and time to value per acquisition cohort: customers whose first
  paid month falls in the same period (var `onboarding_cohort_grain`:
  month, quarter or year; default quarter), plus one overall row (cohort
  null) over every customer (macro onboarding_cohort_members); from
  customer_onboarding, as of the as-of date. Days to each milestone per
  cohort are in onboarding_milestone_cohorts.
    median / mean onboarding days over the customers live by the as-of date;
    share live within N days (30, 60, 90) = customers live within N days of
      their paid start / customers whose first N days have passed by the
      as-of date (later ones cannot be judged yet);
    median days to the first verified outcome (time to value as the
      KPI list defines it) over the customers with a verified outcome;
    median time to value over the customers with a met outcome (the
      project's time to value: a measured shortfall is not value);
    late milestone share = milestones late (completed late or overdue) /
      milestones due (completed or past their target date).
#}
{%- set live_within_days = [30, 60, 90] -%}

with

onboarding as (
    select
        first_paid_month,
        has_gone_live,
        days_to_go_live,
        days_since_paid_start,
        outcomes_verified,
        days_to_first_verified_outcome,
        has_reached_value,
        time_to_value_days,
        milestones_due,
        milestones_late
    from {{ ref('customer_onboarding') }}
),

cohort_members as (
    {{ onboarding_cohort_members('onboarding') }}
),

cohort_metrics as (
    select
        cohort_start,
        is_overall,
        count(*) as customers,
        count(case when has_gone_live then 1 end) as customers_live,
        percentile_cont(0.5) within group (order by days_to_go_live) as median_onboarding_days,
        avg(cast(days_to_go_live as {{ type_double() }})) as mean_onboarding_days,
        {%- for days in live_within_days %}
            count(case when days_since_paid_start >= {{ days }} then 1 end) as customers_observed_{{ days }}d,
            count(case when days_since_paid_start >= {{ days }} and days_to_go_live <= {{ days }} then 1 end)
                as live_within_{{ days }}d,
        {%- endfor %}
        count(case when outcomes_verified > 0 then 1 end) as customers_verified_outcome,
        percentile_cont(0.5) within group (order by days_to_first_verified_outcome)
            as median_days_to_first_verified_outcome,
        count(case when has_reached_value then 1 end) as customers_reached_value,
        percentile_cont(0.5) within group (order by time_to_value_days) as median_time_to_value_days,
        cast(sum(milestones_due) as {{ dbt.type_bigint() }}) as milestones_due,
        cast(sum(milestones_late) as {{ dbt.type_bigint() }}) as milestones_late
    from cohort_members
    group by cohort_start, is_overall
)

select
    cohort_start,
    is_overall,
    customers,
    customers_live,
    median_onboarding_days,
    mean_onboarding_days,
    {%- for days in live_within_days %}
        customers_observed_{{ days }}d,
        live_within_{{ days }}d,
        {{ safe_divide('live_within_' ~ days ~ 'd', 'customers_observed_' ~ days ~ 'd') }}
            as share_live_within_{{ days }}d,
    {%- endfor %}
    customers_verified_outcome,
    median_days_to_first_verified_outcome,
    customers_reached_value,
    median_time_to_value_days,
    milestones_due,
    milestones_late,
    {{ safe_divide('milestones_late', 'milestones_due') }} as late_milestone_share
from cohort_metrics
