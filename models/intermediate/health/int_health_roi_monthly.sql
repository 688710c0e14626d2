{#
  DEAR ROI per active customer and month, as of the month's end: verified
  outcomes of the success plan (metrics.md "DEAR customer health").
  Window: the last `health_windows_days.roi` days (default 365). An outcome
  is verified when it has an achieved value measured before the month's end;
  it is in the window when verified in it, or when its target date falls in
  it. Sub-scores 0-100:

  attainment_score = 100 x mean over verified outcomes of
      min(achieved / target, 1); 0 when outcomes are in the window but none
      is verified ("none verified counts against it").
  met_score = 100 x outcomes met (verified with achieved >= target) /
      outcomes in the window; an outcome past its target date and not
      verified counts as not met.

  roi_score = plain mean of the two. Null when no outcome is in the window
  and the customer never had an outcome due or verified before (no success
  plan: no data); 0 when the customer had a success plan but nothing is in
  the window (none verified in the last 365 days).
#}
{%- set roi_days = var('health_windows_days')['roi'] -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

outcomes as (
    select * from {{ ref('int_success_outcomes_validated') }}
),

judged as (
    select
        customer_months.customer_id,
        customer_months.month,
        outcomes.outcome_id,
        outcomes.target_value,
        outcomes.achieved_value,
        outcomes.measured_at < customer_months.measured_at and outcomes.achieved_value is not null as is_verified,
        (
            outcomes.measured_at < customer_months.measured_at
            and outcomes.measured_at >= {{ dbt.dateadd('day', -roi_days, 'customer_months.measured_at') }}
        )
        or (
            outcomes.target_date <= customer_months.measured_through_date
            and outcomes.target_date
            > cast({{ dbt.dateadd('day', -roi_days, 'customer_months.measured_through_date') }} as date)
        ) as is_in_window
    from customer_months
    inner join outcomes
        on
            customer_months.customer_id = outcomes.customer_id
            and (
                customer_months.measured_through_date >= outcomes.target_date
                or customer_months.measured_at > outcomes.measured_at
            )
),

outcome_counts as (
    select
        customer_id,
        month,
        count(*) as outcomes_to_date,
        count(case when is_in_window then 1 end) as outcomes_in_window,
        count(case when is_in_window and is_verified then 1 end) as outcomes_verified,
        count(case when is_in_window and is_verified and achieved_value >= target_value then 1 end) as outcomes_met,
        avg(
            case
                when is_in_window and is_verified and target_value > 0
                    then least(achieved_value / target_value, 1.0)
            end
        ) as mean_attainment
    from judged
    group by customer_id, month
),

inputs as (
    select
        customer_months.customer_id,
        customer_months.month,
        outcome_counts.mean_attainment,
        coalesce(outcome_counts.outcomes_to_date, 0) as outcomes_to_date,
        coalesce(outcome_counts.outcomes_in_window, 0) as outcomes_in_window,
        coalesce(outcome_counts.outcomes_verified, 0) as outcomes_verified,
        coalesce(outcome_counts.outcomes_met, 0) as outcomes_met
    from customer_months
    left join outcome_counts
        on customer_months.customer_id = outcome_counts.customer_id and customer_months.month = outcome_counts.month
),

sub_scores as (
    select
        *,
        case
            when outcomes_to_date > 0 then coalesce(100 * mean_attainment, 0)
        end as attainment_score,
        case
            when outcomes_to_date > 0 then coalesce(100 * {{ safe_divide('outcomes_met', 'outcomes_in_window') }}, 0)
        end as met_score
    from inputs
)

select
    customer_id,
    month,
    outcomes_to_date,
    outcomes_in_window,
    outcomes_verified,
    outcomes_met,
    mean_attainment,
    attainment_score,
    met_score,
    {{ weighted_mean_of_available([['attainment_score', 1], ['met_score', 1]]) }} as roi_score
from sub_scores
