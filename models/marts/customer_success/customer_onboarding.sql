{#
  Onboarding and time to value per customer that has paid, as of the as-of
  date (nothing completed or measured after it is known).

  The clock starts at paid_started_at = valid_from of the customer's first
  paid subscription item: the earliest item with MRR > 0 that counts in the
  first paid month (customers.first_paid_month; same activity rule as the
  revenue chain, so it starts in that month).
  days_to_<milestone> = UTC calendar days from paid_started_at's date to the
  milestone's completion date (int_customer_onboarding: null when not
  completed by the as-of date); days_to_go_live is the onboarding time.
  A success-plan outcome is verified once its achieved value is measured
  (health ROI); it is met when verified with achieved >= target.
  days_to_first_verified_outcome and time_to_value_days (first met outcome)
  count from the same start.
#}
{%- set milestones = ['kickoff', 'sso_configured', 'integration_connected', 'data_imported', 'go_live'] -%}

with

customers as (
    select
        customer_id,
        first_paid_month
    from {{ ref('customers') }}
    where first_paid_month is not null
),

items as (
    select * from {{ ref('int_subscription_items_priced') }}
),

onboarding as (
    select * from {{ ref('int_customer_onboarding') }}
),

outcomes as (
    select * from {{ ref('int_success_outcomes_validated') }}
),

reporting_period as (
    select
        as_of_date,
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }}) as as_of_end_at
    from {{ ref('int_reporting_period') }}
),

paid_starts as (
    select
        customers.customer_id,
        customers.first_paid_month,
        min(items.valid_from) as paid_started_at
    from customers
    inner join items
        on
            customers.customer_id = items.customer_id
            and customers.first_paid_month = items.first_month
            and (items.last_month is null or items.last_month >= items.first_month)
    where items.mrr_local > 0
    group by customers.customer_id, customers.first_paid_month
),

outcomes_known as (
    select
        outcomes.customer_id,
        min(outcomes.measured_at) as first_verified_at,
        min(case when outcomes.achieved_value >= outcomes.target_value then outcomes.measured_at end)
            as first_met_at,
        count(*) as outcomes_verified,
        count(case when outcomes.achieved_value >= outcomes.target_value then 1 end) as outcomes_met
    from outcomes
    cross join reporting_period
    where outcomes.achieved_value is not null and outcomes.measured_at < reporting_period.as_of_end_at
    group by outcomes.customer_id
),

joined as (
    select
        paid_starts.customer_id,
        paid_starts.first_paid_month,
        paid_starts.paid_started_at,
        cast(paid_starts.paid_started_at as date) as paid_start_date,
        reporting_period.as_of_date,
        {%- for milestone in milestones %}
            onboarding.{{ milestone }}_completed_at,
            onboarding.{{ milestone }}_status,
        {%- endfor %}
        outcomes_known.first_verified_at,
        outcomes_known.first_met_at,
        coalesce(onboarding.milestones, 0) as milestones,
        coalesce(onboarding.milestones_completed, 0) as milestones_completed,
        coalesce(onboarding.milestones_on_time, 0) as milestones_on_time,
        coalesce(onboarding.milestones_late, 0) as milestones_late,
        coalesce(onboarding.milestones_overdue, 0) as milestones_overdue,
        coalesce(onboarding.has_gone_live, false) as has_gone_live,
        coalesce(outcomes_known.outcomes_verified, 0) as outcomes_verified,
        coalesce(outcomes_known.outcomes_met, 0) as outcomes_met
    from paid_starts
    cross join reporting_period
    left join onboarding on paid_starts.customer_id = onboarding.customer_id
    left join outcomes_known on paid_starts.customer_id = outcomes_known.customer_id
)

select
    customer_id,
    first_paid_month,
    paid_started_at,
    {{ dbt.datediff('paid_start_date', 'as_of_date', 'day') }} as days_since_paid_start, -- noqa: LT05
    milestones,
    milestones_completed,
    milestones_on_time,
    milestones_completed - milestones_on_time as milestones_completed_late,
    milestones_overdue,
    milestones_late,
    milestones - milestones_completed as milestones_not_done,
    milestones_completed + milestones_overdue as milestones_due,
    {%- for milestone in milestones %}
        {{ milestone }}_status,
        {{ dbt.datediff('paid_start_date', 'cast(' ~ milestone ~ '_completed_at as date)', 'day') }} -- noqa: LT05
            as days_to_{{ milestone }},
    {%- endfor %}
    has_gone_live,
    outcomes_verified,
    outcomes_met,
    {{ dbt.datediff('paid_start_date', 'cast(first_verified_at as date)', 'day') }} -- noqa: LT05
        as days_to_first_verified_outcome,
    {{ dbt.datediff('paid_start_date', 'cast(first_met_at as date)', 'day') }} as time_to_value_days, -- noqa: LT05
    first_met_at is not null as has_reached_value
from joined
